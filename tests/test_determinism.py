"""Determinism: one light notebook, executed twice in fresh kernels, prints the same things.

Compared: every code cell's stream text, ``text/plain`` and ``text/html`` (the slider
demos' base64 PNG frames included: the same seed on the same machine must draw the same
pixels). Images (``image/png``) are compared too. The stored notebook is never rewritten.
"""

from __future__ import annotations

import copy
import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
#: Light (~10 s), with a slider demo, cross-validation and figures.
NOTEBOOK = ROOT / "notebooks" / "20_random_undersampling.ipynb"
COMPARED = ("text/plain", "text/html", "image/png")


def _execute(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    nb = copy.deepcopy(nb)
    env = dict(os.environ)
    os.environ.update({"TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONHASHSEED": "0"})
    try:
        NotebookClient(
            nb,
            timeout=300,
            kernel_name="python3",
            resources={"metadata": {"path": str(NOTEBOOK.parent)}},
            store_widget_state=False,
        ).execute()
    finally:
        os.environ.clear()
        os.environ.update(env)
    return nb


def _outputs(nb: nbformat.NotebookNode) -> list[tuple[int, str, str]]:
    found = []
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.output_type == "stream":
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
