"""The performance budgets have one home, ``benchmarks/budgets.py``: the docs agree with it."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def _load_budgets():
    # benchmarks/ is a folder of scripts, not a package: load the module by its path
    spec = importlib.util.spec_from_file_location("budgets", ROOT / "benchmarks" / "budgets.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


budgets = _load_budgets()

_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "ten": 10}
_DURATION = r"(\d+(?:\.\d+)?|a|one|two|three|four|five|ten) (seconds?|s|minutes?|min)\b"


def _seconds(amount: str, unit: str) -> float:
    value = float(_NUMBERS.get(amount, amount))
    return value * 60 if unit.startswith("min") else value


def _stated_budgets(text: str) -> tuple[float, dict[str, float]]:
    """The notebook budgets a document states: its default and ``{"30": 60.0, ...}``.

    The default is the first "under <duration>"; an exception is "NN, NN and NN, under
    <duration>" (chapter numbers, then their budget).
    """
    text = " ".join(text.split())
    default = re.search(r"under " + _DURATION, text)
    assert default, "no notebook budget stated"
    exceptions = {}
    for numbers, amount, unit in re.findall(
        r"\b(\d\d(?:, \d\d)*(?:,? and \d\d)?), under " + _DURATION, text
    ):
        for number in re.findall(r"\d\d", numbers):
            assert number not in exceptions, f"chapter {number} given two budgets"
            exceptions[number] = _seconds(amount, unit)
    return _seconds(*default.groups()), exceptions


def _section(path: Path, start: str, end: str) -> str:
    text = path.read_text()
    assert start in text, f"{path.name} no longer says {start!r}: update this test"
    return text[text.index(start) : text.index(end, text.index(start))]


@pytest.mark.parametrize(
    ("document", "start", "end"),
    [
        ("README.md", "Every notebook runs", "the sliders"),
        ("CONTRIBUTING.md", "prints the execution time", "4. Check it"),
    ],
)
def test_docs_state_the_budgets_of_budgets_py(document: str, start: str, end: str) -> None:
    section = _section(ROOT / document, start, end)
    default, exceptions = _stated_budgets(section)
    assert default == budgets.NOTEBOOK_S, f"{document} states {default:g} s a notebook"
    expected = {stem[:2]: seconds for stem, seconds in budgets.NOTEBOOK_OVERRIDES_S.items()}
    assert exceptions == expected, f"{document} states the exceptions {exceptions}"
    assert "benchmarks/budgets.py" in section, f"{document} should name the budgets' home"


def test_every_exception_names_a_notebook() -> None:
    stems = {path.stem for path in NOTEBOOKS}
    assert set(budgets.NOTEBOOK_OVERRIDES_S) <= stems, (
        f"renamed or removed: {set(budgets.NOTEBOOK_OVERRIDES_S) - stems}"
    )


def test_nbval_budget_covers_the_notebooks_budgets_on_two_workers() -> None:
    # make test-notebooks runs nbval on two workers: half the notebooks' budgets, at least
    total = sum(budgets.notebook_budget(path) for path in NOTEBOOKS)
    assert budgets.NBVAL_S >= total / 2, (
        f"notebooks' budgets {total:g} s; nbval {budgets.NBVAL_S:g}"
    )
    assert budgets.NBVAL_S >= max(budgets.NOTEBOOK_OVERRIDES_S.values())


def test_the_report_has_no_budget_of_its_own() -> None:
    # the figures live in budgets.py only: no fallback numbers in the runner or the report
    for script in ("run.py", "report.py"):
        source = (ROOT / "benchmarks" / script).read_text()
        assert not re.search(r"budgets\.get\(|BUDGETS = \{|_notebook_budget", source), script
