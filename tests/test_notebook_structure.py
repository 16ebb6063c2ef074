"""Every notebook has the course's shape (CONTRIBUTING), and its exercises use
sphinx-exercise's directives, every solution collapsed: in the book (``:class: dropdown``)
and in JupyterLab (``jupyter.source_hidden`` / ``outputs_hidden`` on solution code, which
``tools/py2nb.py`` writes for the code cells of a gated solution).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

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


DIRECTIVE = re.compile(
    r"^(?P<fence>:{3,})\{(?P<name>[\w-]+)\}[ \t]*(?P<argument>.*?)[ \t]*\n"
    r"(?P<options>(?:[ \t]*:[\w-]+:.*\n)*)(?P<body>.*?)^(?P=fence)[ \t]*$",
    re.S | re.M,
)
EXERCISE_DIRECTIVES = {"exercise", "solution", "solution-start", "solution-end"}


def exercise_items(cells: list[nbformat.NotebookNode]) -> list[tuple[str, Any]]:
    """The Exercises section as a sequence of ``(kind, value)``: ``("cell", cell)`` where a
    markdown cell starts, then ``("exercise" | "solution" | "solution-start" |
    "solution-end", (argument, options))`` for each directive in it and ``("text", first
    line)`` for its markdown outside any; ``("code", cell)`` for code cells."""
    items: list[tuple[str, Any]] = []
    for cell in cells:
        if cell.cell_type == "code":
            items.append(("code", cell))
            continue
        items.append(("cell", cell))
        position = 0
        for match in DIRECTIVE.finditer(cell.source):
            items += _text_items(cell.source[position : match.start()])
            if match["name"] in EXERCISE_DIRECTIVES:
                options = dict(
                    re.findall(r"^[ \t]*:([\w-]+):[ \t]*(.*?)[ \t]*$", match["options"], re.M)
                )
                items.append((match["name"], (match["argument"], options)))
            else:
                items += _text_items(match.group())
            position = match.end()
        items += _text_items(cell.source[position:])
    return items


def _text_items(text: str) -> list[tuple[str, Any]]:
    text = text.strip()
    return [("text", text.splitlines()[0][:60])] if text else []


def solution_problems(nb: nbformat.NotebookNode, chapter: str = "11") -> list[str]:
    """What is wrong with the notebook's exercises (an empty list when all is well).

    Each exercise is a ``{exercise}`` directive labelled ``ex-<chapter>-<n>``, followed by
    its solution: a ``{solution}`` directive, or, when it runs code, the gated form
    ``{solution-start}`` ... ``{solution-end}`` around code and markdown cells. Solutions
    have ``:class: dropdown`` (collapsed in the book); in JupyterLab, which shows the
    directives as plain text, their code cells have ``jupyter.source_hidden`` and
    ``outputs_hidden`` and their markdown cells ``jupyter.source_hidden`` (collapsed).
    """
    cells = exercise_cells(nb)
    if cells is None:
        return ["no '## Exercises' section"]
    problems: list[str] = []
    labels: list[str] = []
    solved: set[str] = set()
    gated: str | None = None  # the label of the open solution-start
    awaiting: str | None = None  # the exercise whose solution must come next
    for kind, value in exercise_items(cells):
        if kind == "cell":
            hidden = value.metadata.get("jupyter", {}).get("source_hidden") is True
            in_solution = gated or re.search(r"^:{3,}\{solution\}", value.source, re.M)
            if in_solution and not hidden:
                first = value.source.strip().splitlines()[0][:50]
                problems.append(
                    f"the solution text {first!r} is not collapsed in JupyterLab "
                    "(jupyter.source_hidden: true)"
                )
        elif kind == "exercise":
            argument, options = value
            if gated or awaiting:
                problems.append(
                    f"exercise {len(labels) + 1} starts before the solution of "
                    f"{gated or awaiting} ends"
                )
                gated = None
            label = options.get("label", "")
            expected = f"ex-{chapter}-{len(labels) + 1}"
            if label != expected:
                problems.append(
                    f"exercise {len(labels) + 1} is labelled {label!r}, not {expected!r}"
                )
            labels.append(label)
            awaiting = label
        elif kind in ("solution", "solution-start"):
            target, options = value
            if target != awaiting:
                problems.append(
                    f"a solution for {target!r} where the solution of {awaiting!r} belongs"
                )
            if options.get("class") != "dropdown":
                problems.append(f"the solution of {target!r} is not collapsed (:class: dropdown)")
            solved.add(target)
            awaiting = None
            gated = target if kind == "solution-start" else None
        elif kind == "solution-end":
            if not gated:
                problems.append("a solution-end without its solution-start")
            gated = None
        elif kind == "code":
            first = value.source.strip().splitlines()[0][:50] if value.source.strip() else ""
            jupyter = value.metadata.get("jupyter", {})
            if not gated:
                problems.append(f"code in plain sight, outside a solution: {first!r}")
            elif not (
                jupyter.get("source_hidden") is True and jupyter.get("outputs_hidden") is True
            ):
                problems.append(
                    f"the solution code {first!r} is not collapsed in JupyterLab "
                    "(jupyter.source_hidden and outputs_hidden: true)"
                )
        elif kind == "text" and labels and not gated:
            problems.append(f"text outside an exercise or solution: {value!r}")
    if gated:
        problems.append(f"the solution of {gated!r} has no solution-end")
    unsolved = [label for label in labels if label not in solved]
    if unsolved:
        problems.append(f"exercises without a solution: {unsolved}")
    if not 2 <= len(labels) <= 4:
        problems.append(f"{len(labels)} exercises (2 to 4 expected)")
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
def test_exercises_use_the_directives_and_hide_solutions(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    problems = solution_problems(nb, chapter=path.name[:2])
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
HIDDEN = {"jupyter": {"source_hidden": True, "outputs_hidden": True}}
HIDDEN_TEXT = {"jupyter": {"source_hidden": True}}


def exercise(n: int, title: str = "") -> nbformat.NotebookNode:
    return new_markdown_cell(f":::{{exercise}} {title}\n:label: ex-11-{n}\n\nDo this.\n:::")


def gated_solution(n: int, code: str = "print(1)") -> list[nbformat.NotebookNode]:
    return [
        new_markdown_cell(f":::{{solution-start}} ex-11-{n}\n:class: dropdown\n:::"),
        new_code_cell(code, metadata=HIDDEN),
        new_markdown_cell("Because.\n\n:::{solution-end}\n:::", metadata=HIDDEN_TEXT),
    ]


def solution(n: int, cls: str = "dropdown", hidden: bool = True) -> nbformat.NotebookNode:
    text = f":::{{solution}} ex-11-{n}\n:class: {cls}\n\nBecause.\n:::"
    return new_markdown_cell(text, metadata=HIDDEN_TEXT if hidden else {})


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
    cells += [new_markdown_cell("## Exercises\n\nTwo questions."), *exercises]
    cells += [new_markdown_cell("## References\n\n{cite:p}`chawla2002smote`")]
    return new_notebook(cells=cells)


GOOD_EXERCISES = [
    exercise(1, "Where do the points land? (a `k_neighbors` question)"),
    *gated_solution(1),
    exercise(2),
    solution(2),
]


def test_checks_accept_a_well_formed_notebook() -> None:
    nb = technique_notebook(GOOD_EXERCISES)
    assert missing_sections(nb, technique=True) == []
    assert solution_problems(nb) == []
    kinds = [kind for kind, _ in exercise_items(exercise_cells(nb)) if kind != "cell"]
    assert kinds == [
        "text",
        "exercise",
        "solution-start",
        "code",
        "text",
        "solution-end",
        "exercise",
        "solution",
    ]


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
    ("exercises", "expected"),
    [
        # solution code shown in JupyterLab
        (
            [
                exercise(1),
                *gated_solution(1)[:1],
                new_code_cell("print(1)"),
                gated_solution(1)[2],
                exercise(2),
                solution(2),
            ],
            "not collapsed in JupyterLab",
        ),
        # a solution the book shows open
        (
            [exercise(1), solution(1, cls="tip"), exercise(2), solution(2)],
            "not collapsed (:class: dropdown)",
        ),
        # the old hand-rolled form
        (
            [
                exercise(1),
                new_markdown_cell(
                    "<details><summary>Solution</summary>\n\nBecause.\n\n</details>"
                ),
                exercise(2),
                solution(2),
            ],
            "text outside an exercise or solution",
        ),
        (
            [exercise(1), new_code_cell("print(1)", metadata=HIDDEN), exercise(2), solution(2)],
            "code in plain sight",
        ),
        (
            [exercise(1), *gated_solution(1)[:2], exercise(2), solution(2)],
            "starts before the solution",
        ),
        (
            [exercise(1), *gated_solution(1), exercise(3), solution(3)],
            "labelled 'ex-11-3', not 'ex-11-2'",
        ),
        (
            [exercise(1), solution(2), exercise(2), solution(2)],
            "where the solution of 'ex-11-1' belongs",
        ),
        (
            [exercise(1), *gated_solution(1), exercise(2)],
            "exercises without a solution: ['ex-11-2']",
        ),
        ([exercise(1), solution(1)], "1 exercises (2 to 4 expected)"),
    ],
)
def test_checks_catch_misused_directives(
    exercises: list[nbformat.NotebookNode], expected: str
) -> None:
    problems = solution_problems(technique_notebook(exercises))
    assert any(expected in p for p in problems), problems


def test_checks_catch_a_missing_section() -> None:
    nb = technique_notebook(GOOD_EXERCISES)
    nb.cells = [c for c in nb.cells if "Exercises" not in c.source]
    assert solution_problems(nb) == ["no '## Exercises' section"]
