"""Determinism: one light notebook, executed twice in fresh kernels, prints the same things.

Compared: every code cell's stream text, ``text/plain`` and ``text/html`` (the slider
demos' base64 PNG frames included: the same seed on the same machine must draw the same
pixels). Images (``image/png``) are compared too. The stored notebook is never rewritten.
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
import pytest

from tools.notebooks import execute

ROOT = Path(__file__).resolve().parent.parent
#: Light (~10 s), with a slider demo, cross-validation and figures.
NOTEBOOK = ROOT / "notebooks" / "20_random_undersampling.ipynb"
COMPARED = ("text/plain", "text/html", "image/png")


def _execute(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    nb = copy.deepcopy(nb)
    execute(nb, NOTEBOOK.parent, timeout=300)  # as `make refresh` runs it
    return nb


def _outputs(nb: nbformat.NotebookNode) -> list[tuple[int, str, str]]:
    found = []
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.output_type == "stream":
                # How a cell's printing is split into stream messages depends on when the
                # kernel flushes (machine load), not on what it prints: join consecutive
                # chunks of one stream, as nbval does before comparing.
                last = found[-1] if found else None
                if last and last[:2] == (index, output.name):
                    found[-1] = (index, output.name, last[2] + output.text)
                else:
                    found.append((index, output.name, output.text))
            elif output.output_type == "error":
                found.append((index, "error", output.ename + ": " + output.evalue))
            for mime in COMPARED:
                if mime in output.get("data", {}):
                    found.append((index, mime, str(output.data[mime])))
    return found


@pytest.mark.slow
@pytest.mark.skipif(not NOTEBOOK.exists(), reason=f"{NOTEBOOK.name} is not there")
def test_two_fresh_runs_give_identical_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    first, second = _outputs(_execute(nb)), _outputs(_execute(nb))
    assert len(first) == len(second), "the two runs produced a different number of outputs"
    assert first, "the notebook produced no output"
    for (cell, kind, a), (_, _, b) in zip(first, second, strict=True):
        assert a == b, f"cell {cell}: {kind} differs between two fresh runs"
    assert any(kind == "text/html" and "data:image/png;base64," in text for _, kind, text in first)


def test_stream_chunks_are_joined_before_comparing():
    # One cell printing "a\nb\n" may arrive as one message or as two, depending on load.
    def notebook(*chunks: str) -> nbformat.NotebookNode:
        outputs = [nbformat.v4.new_output("stream", name="stdout", text=c) for c in chunks]
        outputs.append(nbformat.v4.new_output("stream", name="stderr", text="warn\n"))
        cell = nbformat.v4.new_code_cell("print('a'); print('b')", outputs=outputs)
        return nbformat.v4.new_notebook(
            cells=[cell, nbformat.v4.new_code_cell("", outputs=outputs)]
        )

    joined = _outputs(notebook("a\nb\n"))
    assert joined == _outputs(notebook("a\n", "b\n"))
    assert joined[:2] == [(0, "stdout", "a\nb\n"), (0, "stderr", "warn\n")]
    assert len(joined) == 4  # chunks are never joined across cells or across streams
