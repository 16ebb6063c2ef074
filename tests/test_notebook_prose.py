"""Prose and results cannot drift apart: every decimal number a notebook's text states must
be a number in one of the notebook's stored outputs (which nbval checks against a fresh
run), as printed or rounded to fewer decimals: "0.02" may stand for a printed 0.024, not for
0.029, and "19.10" for 19.100.

Three rules keep a number from being "found" somewhere it does not come from:

* **Same section.** A number in a ``##`` section must be printed by that section's own
  cells. The sections that look back over the chapter (the text before the first ``##``,
  Overview, Pitfalls, Summary, Exercises) may cite any output of the notebook.
* **One decimal is a claim too.** "0.5" must be printed as 0.5 (or 0.50, 0.500): with one
  decimal, rounding would let it stand for anything from 0.45 to 0.55.
* **Counts.** In "38 of the 40", both integers must be printed by the notebook.

Numbers inside code spans, maths, links, and the References section are parameters,
formulas or citations, not results, and are not checked.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = sorted(Path(__file__).resolve().parent.parent.glob("notebooks/*.ipynb"))
NUMBER = re.compile(r"(?<![\w.])-?\d+\.\d+(?![\w.]*\d)")
STRIP = [
    re.compile(r"```.*?```", re.S),  # fenced blocks
    re.compile(r"`[^`]*`"),  # code spans and roles' targets
    re.compile(r"\$\$.*?\$\$", re.S),  # display maths
    re.compile(r"\$[^$]*\$"),  # inline maths
    re.compile(r"\]\([^)]*\)"),  # link targets
    re.compile(r"https?://\S+"),
    re.compile(r"<[^>]+>"),  # HTML tags (attributes)
    # Versions, not results: "imbalanced-learn 0.14", "version 0.4".
    re.compile(
        r"(?:version|imbalanced-learn|scikit-learn|Keras|TensorFlow|Spark|PySpark|NumPy|pandas"
        r"|Python|Jupyter Book)\s+\d+(?:\.\d+)+"
    ),
]


def prose_numbers(markdown: str) -> list[str]:
    for pattern in STRIP:
        markdown = pattern.sub(" ", markdown)
    return NUMBER.findall(markdown)


def output_numbers(text: str) -> set[Decimal]:
    """Every decimal number in the outputs, unsigned (prose writes "fell by 0.05")."""
    return {Decimal(n.lstrip("-")) for n in NUMBER.findall(text)}


def stated_by(number: str, printed: set[Decimal]) -> bool:
    """Whether ``number`` is one of ``printed``, or one of them rounded to its decimals."""
    value = Decimal(number.lstrip("-"))
    step = Decimal(1).scaleb(value.as_tuple().exponent)
    return any(
        p == value  # numerically: pandas prints 0.98 where the text says 0.980
        or (
            p.as_tuple().exponent < value.as_tuple().exponent
            and value
            in (p.quantize(step, rounding=ROUND_HALF_UP), p.quantize(step, ROUND_HALF_EVEN))
        )
        for p in printed
    )


#: Sections that summarise the chapter and may cite any of its outputs.
LOOKING_BACK = ("Overview", "Pitfalls", "Summary", "Exercises")
COUNT = re.compile(r"(?<![\w.,])(\d[\d,]*) of (?:the |its |their |all )?(\d[\d,]*)(?![\w.])")
INTEGER = re.compile(r"(?<![\w.])\d+(?![\w.]*\d)")


def output_text(nb: nbformat.NotebookNode | list) -> str:
    parts = []
    cells = nb if isinstance(nb, list) else nb.cells
    for cell in cells:
        for output in cell.get("outputs", []):
            if "text" in output:
                parts.append(output["text"])
            data = output.get("data", {})
            for mime in ("text/plain", "text/html", "text/markdown"):
                if mime in data and "base64" not in data[mime][:2000]:
                    parts.append(data[mime])
    return "\n".join(parts)


def sections(nb: nbformat.NotebookNode) -> list[tuple[str, list]]:
    """(title, cells) per ``##`` section, the text before the first one titled "Overview";
    stops at References (citations, not results)."""
    found: list[tuple[str, list]] = [("Overview", [])]
    for cell in nb.cells:
        heading = (
            re.match(r"##\s+(.*)", cell.source.strip()) if cell.cell_type == "markdown" else None
        )
        if heading:
            if heading.group(1).startswith("References"):
                break
            found.append((heading.group(1), []))
        found[-1][1].append(cell)
    return found


def one_decimal_printed(number: str, printed: set[Decimal]) -> bool:
    return Decimal(number.lstrip("-")) in printed


def unstated(nb: nbformat.NotebookNode) -> list[tuple[str, str]]:
    """(number, where) for every number the text states that no output supports."""
    everything = output_text(nb)
    printed_anywhere = output_numbers(everything)
    # A count may be printed as an integer, or as a float pandas wrote as 4875.0.
    integers = {int(n) for n in INTEGER.findall(everything.replace(",", ""))} | {
        int(n) for n in printed_anywhere if n == n.to_integral_value()
    }
    missing = []
    for title, cells in sections(nb):
        scope = (
            printed_anywhere
            if title.startswith(LOOKING_BACK)
            else output_numbers(output_text(cells))
        )
        for cell in cells:
            if cell.cell_type != "markdown":
                continue
            where = f"section {title[:40]!r}: {cell.source.strip().splitlines()[0][:50]}"
            for number in prose_numbers(cell.source):
                decimals = len(number.split(".")[1])
                ok = (
                    one_decimal_printed(number, scope)
                    if decimals == 1
                    else stated_by(number, scope)
                )
                if not ok:
                    missing.append((number, where))
            text = cell.source
            for pattern in STRIP:
                text = pattern.sub(" ", text)
            for match in COUNT.finditer(text):
                counts = [int(g.replace(",", "")) for g in match.groups()]
                if not all(count in integers for count in counts):
                    missing.append((match.group(0), where))
    return missing


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_numbers_in_prose_come_from_outputs(path: Path) -> None:
    missing = unstated(nbformat.read(path, as_version=4))
    assert not missing, (
        f"{path.name}: numbers stated in the text but not printed by the section's cells "
        f"(print them in the cell that supports the claim): {missing}"
    )


def _notebook(*cells: tuple[str, str, str]) -> nbformat.NotebookNode:
    """Cells as (kind, source, printed output)."""
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

    built = []
    for kind, source, printed in cells:
        if kind == "md":
            built.append(new_markdown_cell(source))
        else:
            cell = new_code_cell(source)
            cell.outputs = [new_output("stream", name="stdout", text=printed)]
            built.append(cell)
    return new_notebook(cells=built)


def test_a_number_must_come_from_its_own_section() -> None:
    nb = _notebook(
        ("md", "## Intuition", ""),
        ("code", "", "AP 0.412\n"),
        ("md", "## Does it help?\nAP is 0.412.", ""),
        ("code", "", "recall 0.7\n"),
        ("md", "## Summary\nAP 0.412, recall 0.7.", ""),
    )
    assert [number for number, _ in unstated(nb)] == ["0.412"]


def test_one_decimal_must_be_printed_and_counts_checked() -> None:
    nb = _notebook(
        ("md", "## Results", ""),
        ("code", "", "share 0.46, kept 38 rows of 40\n"),
        ("md", "About 0.5 of them; 38 of the 40 are shared; 39 of the 40 are not.", ""),
    )
    assert [number for number, _ in unstated(nb)] == ["0.5", "39 of the 40"]


def test_prose_numbers_parser() -> None:
    text = "AP rose from 0.61 to 0.74 (`k_neighbors=5`, $p=0.5$), see [x](https://a.b/1.2)."
    assert prose_numbers(text) == ["0.61", "0.74"]


def test_a_stated_number_is_printed_or_rounded_from_a_printed_one() -> None:
    printed = output_numbers("AP 0.024, cost 19.100, change -0.05, ratio 0.125, 0.35 ± 0.029")
    assert stated_by("0.024", printed) and stated_by("19.10", printed)
    assert stated_by("0.02", printed)  # 0.024, rounded
    assert stated_by("0.05", printed)  # a printed change, stated without its sign
    assert stated_by("0.12", printed) and stated_by("0.13", printed)  # either rule for ties
    assert stated_by("0.03", printed)  # 0.029, rounded
    assert not stated_by("0.2", output_numbers("0.29"))  # a truncation is not a rounding
    assert not stated_by("0.0245", printed)  # more decimals than were printed
    assert not stated_by("0.4", output_numbers("0.46 and 0.153"))  # 0.46 rounds to 0.5
    assert stated_by("0.980", output_numbers("accuracy 0.98"))  # trailing zeros
