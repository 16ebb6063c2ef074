"""Prose and results cannot drift apart: every decimal number a notebook's text states must
appear in one of the notebook's stored outputs (which nbval checks against a fresh run).

Numbers inside code spans, maths, links, and the References section are parameters,
formulas or citations, not results, and are not checked.
"""

from __future__ import annotations

import re
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
    outputs = output_text(nb)
    missing = []
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        if re.match(r"#+\s*References", cell.source.strip()):
            break
        for number in prose_numbers(cell.source):
            if number not in outputs:
                missing.append((number, cell.source.strip().splitlines()[0][:60]))
    assert not missing, (
        f"{path.name}: numbers stated in the text but not found in any output "
        f"(print them in the cell that supports the claim): {missing}"
    )


def test_prose_numbers_parser() -> None:
    text = "AP rose from 0.61 to 0.74 (`k_neighbors=5`, $p=0.5$), see [x](https://a.b/1.2)."
    assert prose_numbers(text) == ["0.61", "0.74"]
