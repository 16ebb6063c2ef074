"""Turn a percent-format script into a notebook (an authoring aid; notebooks are the source).

Cells start with ``# %%`` (code) or ``# %% [markdown]`` (markdown, each line prefixed
with ``# ``). Cell tags go in brackets after the marker: ``# %% tags=["hide-input"]``.
An exercise's solution comes out collapsed in JupyterLab: a ``:::{solution}`` cell, and the
cells between the markdown cells holding ``:::{solution-start}`` and ``:::{solution-end}``.

    python tools/py2nb.py draft.py notebooks/11_smote.ipynb
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import nbformat

MARKER = re.compile(r"^# %%(?P<md> \[markdown\])?(?: tags=(?P<tags>\[.*\]))?\s*$")
SOLUTION_START = re.compile(r"^:{3,}\{solution-start\}", re.M)
SOLUTION_END = re.compile(r"^:{3,}\{solution-end\}", re.M)
SOLUTION = re.compile(r"^:{3,}\{solution\}", re.M)


def convert(text: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    cells: list[tuple[bool, list[str], list[str]]] = []
    for line in text.splitlines():
        match = MARKER.match(line)
        if match:
            tags = json.loads(match["tags"]) if match["tags"] else []
            cells.append((bool(match["md"]), tags, []))
        elif cells:
            cells[-1][2].append(line)
    in_solution = False
    for is_markdown, tags, lines in cells:
        while lines and not lines[-1].strip():
            lines.pop()
        while lines and not lines[0].strip():
            lines.pop(0)
        if is_markdown:
            body = "\n".join(re.sub(r"^# ?", "", line) for line in lines)
            cell = nbformat.v4.new_markdown_cell(body)
            # JupyterLab shows the directives as plain text: collapse a solution's text there
            starts = bool(SOLUTION_START.search(body))
            if (in_solution and not starts) or SOLUTION.search(body):
                cell.metadata["jupyter"] = {"source_hidden": True}
            if starts:
                in_solution = True
            if SOLUTION_END.search(body):
                in_solution = False
        else:
            cell = nbformat.v4.new_code_cell("\n".join(lines))
        if tags:
            cell.metadata["tags"] = tags
        # Collapsed in JupyterLab too, not only in the book.
        hide_all = not is_markdown and in_solution or "hide-cell" in tags
        if hide_all or "hide-input" in tags:
            cell.metadata["jupyter"] = {"source_hidden": True}
        if hide_all or "hide-output" in tags:
            cell.metadata.setdefault("jupyter", {})["outputs_hidden"] = True
        nb.cells.append(cell)
    nb.metadata["kernelspec"] = {
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
        "name": "python3",
    }
    nb.metadata["language_info"] = {"name": "python"}
    return nb


if __name__ == "__main__":
    source, target = map(Path, sys.argv[1:3])
    nbformat.write(convert(source.read_text()), target)
    print(f"wrote {target}")
