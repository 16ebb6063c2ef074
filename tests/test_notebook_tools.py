"""tools/notebooks.py: a re-run without changes leaves the stored notebook byte-identical;
tools/py2nb.py: a draft's solution comes out collapsed in JupyterLab."""

from __future__ import annotations

from nbformat.v4 import new_code_cell, new_notebook, new_output

from tools.notebooks import WIDGET_VIEW, normalize
from tools.py2nb import convert


def _notebook():
    cell = new_code_cell("print(1); print(2)")
    cell.outputs = [
        new_output("stream", name="stdout", text="1\n"),
        new_output("stream", name="stdout", text="2\n"),
        new_output("stream", name="stderr", text="!\n"),
        new_output("stream", name="stdout", text="3\n"),
    ]
    widget = new_code_cell("demo")
    widget.outputs = [
        new_output(
            "display_data",
            data={WIDGET_VIEW: {"model_id": "f" * 32, "version_major": 2}, "text/plain": "x"},
        )
    ]
    return new_notebook(cells=[cell, widget])


def test_stream_chunks_are_joined_per_stream_and_in_order():
    nb = normalize(_notebook())
    texts = [(o.name, o.text) for o in nb.cells[0].outputs]
    assert texts == [("stdout", "1\n2\n"), ("stderr", "!\n"), ("stdout", "3\n")]


def test_widget_ids_are_numbered_not_random():
    first, second = normalize(_notebook()), normalize(_notebook())
    ids = [o.data[WIDGET_VIEW]["model_id"] for o in first.cells[1].outputs]
    assert ids == ["0" * 31 + "1"]
    assert [c.outputs for c in first.cells] == [c.outputs for c in second.cells]


def test_py2nb_collapses_a_gated_solution_only():
    draft = "\n".join(
        [
            "# %% [markdown]",
            "# :::{exercise}",
            "# :label: ex-11-1",
            "# Count them.",
            "# :::",
            "# %% [markdown]",
            "# :::{solution-start} ex-11-1",
            "# :class: dropdown",
            "# :::",
            "# %%",
            "print(3)",
            "# %% [markdown]",
            "# Three.",
            "#",
            "# :::{solution-end}",
            "# :::",
            "# %%",
            "print('not a solution')",
        ]
    )
    nb = convert(draft)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert code[0].metadata["jupyter"] == {"source_hidden": True, "outputs_hidden": True}
    assert "jupyter" not in code[1].metadata
    assert nb.cells[3].source == "Three.\n\n:::{solution-end}\n:::"
    markdown = [cell.metadata.get("jupyter") for cell in nb.cells if cell.cell_type == "markdown"]
    # the task and the solution's opening line stay visible; the solution's text collapses
    assert markdown == [None, None, {"source_hidden": True}]
