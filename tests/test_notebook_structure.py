"""Every notebook has the course's shape (CONTRIBUTING), and every exercise's solution is hidden:
collapsed in the book, hidden until expanded in JupyterLab.

A solution is either a code cell tagged ``hide-cell`` (or ``hide-input``) whose metadata has
``jupyter.source_hidden: true`` (and ``outputs_hidden: true`` for ``hide-cell``, so its output
does not give the answer away either), or markdown inside ``<details><summary>...</summary>``.
``tools/py2nb.py`` writes that metadata from the tag.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(ROOT.glob("notebooks/*.ipynb"))

#: CONTRIBUTING's sections of a technique notebook, in order (matched as heading prefixes, so
#: "## Intuition: a needle in a haystack" is the Intuition section and "## With
#: scikit-learn" the library section).
TECHNIQUE_SECTIONS = (
    "Overview",
    "Setup",
    "Intuition",
    "How it works",
    "With ",
    "Explore",
    "Does it help?",
    "Pitfalls",
    "Summary",
    "Exercises",
    "References",
)
#: The sections only a technique has (an algorithm to rebuild, a library call, a comparison
#: against "no resampling"); the Part 0 and Part 5 notebooks and the appendix may omit them.
TECHNIQUE_ONLY = ("Intuition", "How it works", "With ", "Explore", "Does it help?", "Pitfalls")
NOT_TECHNIQUES = re.compile(r"^(0\d|5\d|6\d)_")

FENCE = re.compile(r"^(```|~~~).*?^\1", re.S | re.M)
SOLUTION_WORD = re.compile(r"^\s*(?:[*_#>]+\s*)*solution\b", re.I | re.M)
HIDE_TAGS = {"hide-cell", "hide-input", "hide-output"}
DETAILS = re.compile(r"<details>\s*<summary>.*?</summary>.*?</details>", re.S | re.I)


def headings(nb: nbformat.NotebookNode, level: int = 2) -> list[str]:
    """The text of every heading of ``level`` in the markdown cells, in order."""
    marker = re.compile(rf"^{'#' * level}\s+(.+?)\s*#*\s*$", re.M)
    found = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            found += marker.findall(FENCE.sub("", cell.source))
    return found


def missing_sections(nb: nbformat.NotebookNode, *, technique: bool) -> list[str]:
    """Required sections absent or out of order (an empty list when the notebook is fine)."""
    required = [s for s in TECHNIQUE_SECTIONS if technique or s not in TECHNIQUE_ONLY]
    found = headings(nb)
    problems, position = [], 0
    for section in required:
        matches = [i for i, h in enumerate(found) if h.lower().startswith(section.lower())]
        after = [i for i in matches if i >= position]
        if not matches:
            problems.append(f"no '## {section.strip()}' section")
        elif not after:
            problems.append(f"'## {section.strip()}' is out of order")
        else:
            position = after[0]
    titles = headings(nb, level=1)
    if len(titles) != 1:
        problems.append(f"{len(titles)} '#' titles (one is expected)")
    return problems


def exercise_cells(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode] | None:
    """The cells of the ``## Exercises`` section (None if there is none).

    The section starts in the cell holding its heading (that cell's text before the heading
    is dropped) and ends at the next ``##`` heading.
    """
    cells, inside = [], False
    for cell in nb.cells:
        text = cell.source if cell.cell_type == "markdown" else ""
        starts = [m.start() for m in re.finditer(r"^##\s+\S", text, re.M)]
        if inside and starts:
            before = text[: starts[0]]
            if before.strip():
                cells.append(nbformat.from_dict({**cell, "source": before}))
            return cells
        if not inside:
            match = re.search(r"^##\s+Exercises\b.*$", text, re.M)
            if match:
                inside = True
                rest = text[match.end() :]
                later = re.search(r"^##\s+\S", rest, re.M)
                cells.append(
                    nbformat.from_dict(
                        {**cell, "source": rest[: later.start()] if later else rest}
                    )
                )
                if later:
                    return cells
            continue
        cells.append(cell)
    return cells if inside else None


def is_solution(cell: nbformat.NotebookNode) -> bool:
    """A code cell in the Exercises section, markdown with a <details> block, or markdown
    meant as a solution (tagged hide-cell: flagged separately)."""
    return (
        cell.cell_type == "code"
        or bool(DETAILS.search(cell.source))
        or bool(set(cell.metadata.get("tags", [])) & HIDE_TAGS)
    )


def solution_problems(nb: nbformat.NotebookNode) -> list[str]:
    """What is wrong with the notebook's exercises (an empty list when all is well)."""
    cells = exercise_cells(nb)
    if cells is None:
        return ["no '## Exercises' section"]
    problems, solutions = [], 0
    for number, cell in enumerate(cells, start=1):
        if cell.cell_type == "code":
            solutions += 1
            tags = set(cell.metadata.get("tags", []))
            jupyter = cell.metadata.get("jupyter", {})
            first = cell.source.strip().splitlines()[0][:50] if cell.source.strip() else ""
            if not tags & {"hide-cell", "hide-input"}:
                problems.append(
                    f"Exercises cell {number}, a solution ({first!r}) is not tagged hide-cell"
                )
            if jupyter.get("source_hidden") is not True:
                problems.append(
                    f"Exercises cell {number}, a solution ({first!r}) "
                    "lacks jupyter.source_hidden: true"
                )
            if "hide-cell" in tags and jupyter.get("outputs_hidden") is not True:
                problems.append(
                    f"Exercises cell {number}, a solution ({first!r}) "
                    "lacks jupyter.outputs_hidden: true"
                )
        elif cell.cell_type == "markdown":
            text = FENCE.sub("", cell.source)
            if DETAILS.search(text):
                solutions += 1
            if text.lower().count("<details") != text.lower().count("</details>"):
                problems.append(f"Exercises cell {number}: unbalanced <details> tags")
            hidden_markdown = set(cell.metadata.get("tags", [])) & HIDE_TAGS or cell.metadata.get(
                "jupyter", {}
            ).get("source_hidden")
            if hidden_markdown and not DETAILS.search(text):
                problems.append(
                    f"Exercises cell {number}: markdown tagged hide-cell/source_hidden shows in "
                    "plain sight in the book (it ignores those tags on markdown); put the text "
                    "inside "
                    "<details><summary>Solution</summary> ... </details>"
                )
            elif SOLUTION_WORD.search(DETAILS.sub("", text)):
                problems.append(
                    f"Exercises cell {number}: a solution in plain sight (not in <details>)"
                )
    if solutions < 2:
        problems.append(f"{solutions} solution(s); every exercise (2-4 of them) needs one")
    nonempty = [cell for cell in cells if cell.source.strip()]
    if nonempty and not is_solution(nonempty[-1]):
        problems.append("the last exercise has no solution after it")
    return problems


# --- the course's notebooks --------------------------------------------------------------
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_sections_follow_design(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    technique = not NOT_TECHNIQUES.match(path.name)
    problems = missing_sections(nb, technique=technique)
    kind = "technique notebook" if technique else "notebook"
    assert not problems, f"{path.name} ({kind}, see CONTRIBUTING): {problems}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_exercise_solutions_are_hidden(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    problems = solution_problems(nb)
    assert not problems, f"{path.name} (see CONTRIBUTING.md, Exercises): {problems}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_no_stored_widget_state(path: Path) -> None:
    """Saved widget state makes the book embed ipywidgets' manager; `make refresh` drops it."""
    nb = nbformat.read(path, as_version=4)
    assert "widgets" not in nb.metadata, (
        f"{path.name} stores widget state: run `make refresh NB=notebooks/{path.name}`"
    )


#: What a reader should never see in a published output (CONTRIBUTING.md, "Deterministic
#: outputs"): an object's memory address. (Warnings and errors arrive as stderr and error
#: outputs; a pitfall shown on purpose prints its caught message to stdout, which is fine.)
NOISE = re.compile(r"\bat 0x[0-9a-fA-F]{6,}")


def noisy_outputs(nb: nbformat.NotebookNode) -> list[str]:
    """One line per stored output that is stderr, an error, or shows a memory address."""
    problems = []
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                problems.append(f"cell {index}: error {output.ename}")
            elif output.output_type == "stream" and output.name == "stderr":
                problems.append(f"cell {index}: stderr {output.text[:80]!r}")
            text = output.get("text", "") + str(output.get("data", {}).get("text/plain", ""))
            if NOISE.search(text):
                problems.append(f"cell {index}: {NOISE.search(text).group()!r} in {text[:80]!r}")
    return problems


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_outputs_are_clean(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    problems = noisy_outputs(nb)
    assert not problems, f"{path.name}: fix the cause, then `make refresh`: {problems}"


def test_noise_check_catches_addresses_stderr_and_errors() -> None:
    outputs = [
        nbformat.v4.new_output("execute_result", {"text/plain": "<Limits at 0x7fd2baf03d50>"}),
        nbformat.v4.new_output("stream", name="stderr", text="careful\n"),
        nbformat.v4.new_output("stream", name="stdout", text="ValueError: shown on purpose\n"),
        nbformat.v4.new_output("error", ename="ValueError", evalue="bad", traceback=[]),
        nbformat.v4.new_output("stream", name="stdout", text="AP 0.397 at 0.5\n"),
    ]
    nb = new_notebook(cells=[new_code_cell("x", outputs=outputs)])
    problems = noisy_outputs(nb)
    assert len(problems) == 3, problems
    assert "0x7fd2baf03d50" in problems[0]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_no_cell_opts_out_of_nbval(path: Path) -> None:
    """Every output is compared with a fresh run; what legitimately varies between runs
    (slider frames' pixels, addresses) is replaced by tests/sanitize.cfg instead."""
    nb = nbformat.read(path, as_version=4)
    opted_out = [
        (index, tag)
        for index, cell in enumerate(nb.cells)
        for tag in cell.metadata.get("tags", [])
        if tag.startswith("nbval-") or tag in {"raises-exception", "skip-execution"}
    ]
    assert not opted_out, f"{path.name}: cells that nbval would not check: {opted_out}"


# --- the checks themselves, on small notebooks ---------------------------------------------
def hidden_solution(source: str = "print(1)") -> nbformat.NotebookNode:
    return new_code_cell(
        source,
        metadata={
            "tags": ["hide-cell"],
            "jupyter": {"source_hidden": True, "outputs_hidden": True},
        },
    )


def technique_notebook(exercises: list[nbformat.NotebookNode]) -> nbformat.NotebookNode:
    sections = [
        "Overview",
        "Setup",
        "Intuition",
        "How it works",
        "With imbalanced-learn",
        "Explore",
        "Does it help?",
        "Pitfalls and when to use it",
        "Summary",
    ]
    cells = [new_markdown_cell("# SMOTE")]
    cells += [new_markdown_cell(f"## {name}\n\nText.") for name in sections]
    cells += [new_markdown_cell("## Exercises\n\n**1.** Do this."), *exercises]
    cells += [new_markdown_cell("## References\n\n{cite:p}`chawla2002smote`")]
    return new_notebook(cells=cells)


GOOD_EXERCISES = [
    hidden_solution(),
    new_markdown_cell("**2.** Explain."),
    new_markdown_cell("<details><summary>Solution</summary>\n\nBecause.\n\n</details>"),
]


def test_checks_accept_a_well_formed_notebook() -> None:
    nb = technique_notebook(GOOD_EXERCISES)
    assert missing_sections(nb, technique=True) == []
    assert solution_problems(nb) == []
    assert len(exercise_cells(nb)) == 4


def test_checks_catch_missing_and_misordered_sections() -> None:
    nb = technique_notebook(GOOD_EXERCISES)
    del nb.cells[4]  # How it works
    nb.cells.insert(1, nb.cells.pop(8))  # Summary before Overview
    problems = missing_sections(nb, technique=True)
    assert "no '## How it works' section" in problems
    assert "'## Summary' is out of order" in problems
    # A Part 0 notebook may omit the technique-only sections, not the others.
    assert "no '## How it works' section" not in missing_sections(nb, technique=False)


@pytest.mark.parametrize(
    ("bad", "expected"),
    [
        (new_code_cell("print(1)", metadata={"tags": ["hide-cell"]}), "source_hidden"),
        (
            new_code_cell("print(1)", metadata={"jupyter": {"source_hidden": True}}),
            "not tagged hide-cell",
        ),
        (
            new_code_cell(
                "print(1)", metadata={"tags": ["hide-cell"], "jupyter": {"source_hidden": True}}
            ),
            "outputs_hidden",
        ),
        (new_markdown_cell("**Solution:** because."), "plain sight"),
        (new_markdown_cell("Because.", metadata={"tags": ["hide-cell"]}), "plain sight"),
        (new_markdown_cell("<details><summary>Solution</summary> because."), "unbalanced"),
    ],
)
def test_checks_catch_visible_solutions(bad: nbformat.NotebookNode, expected: str) -> None:
    nb = technique_notebook([hidden_solution(), new_markdown_cell("**2.** Explain."), bad])
    problems = solution_problems(nb)
    assert any(expected in p for p in problems), problems


def test_checks_catch_an_exercise_without_solution() -> None:
    nb = technique_notebook([hidden_solution(), new_markdown_cell("**2.** Explain.")])
    problems = solution_problems(nb)
    assert "the last exercise has no solution after it" in problems
    assert any("1 solution(s)" in p for p in problems)
    nb.cells = [c for c in nb.cells if "Exercises" not in c.source]
    assert solution_problems(nb) == ["no '## Exercises' section"]
