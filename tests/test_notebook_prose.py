"""Prose and results cannot drift apart: every decimal number a notebook's text states must
be a number in one of the notebook's stored outputs (which nbval checks against a fresh
run), as printed or rounded to fewer decimals: "0.02" may stand for a printed 0.024, not for
0.029, and "19.10" for 19.100.

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


def output_text(nb: nbformat.NotebookNode) -> str:
    parts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if "text" in output:
                parts.append(output["text"])
            data = output.get("data", {})
            for mime in ("text/plain", "text/html", "text/markdown"):
                if mime in data and "base64" not in data[mime][:2000]:
                    parts.append(data[mime])
    return "\n".join(parts)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_numbers_in_prose_come_from_outputs(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    printed = output_numbers(output_text(nb))
    missing = []
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        if re.match(r"#+\s*References", cell.source.strip()):
            break
        for number in prose_numbers(cell.source):
            if not stated_by(number, printed):
                missing.append((number, cell.source.strip().splitlines()[0][:60]))
    assert not missing, (
        f"{path.name}: numbers stated in the text but not found in any output "
        f"(print them in the cell that supports the claim): {missing}"
    )


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
