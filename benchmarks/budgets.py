"""The course's performance budgets, defined once.

``benchmarks/run.py`` records them in ``report.json`` and ``benchmarks/report.py`` marks each
measured figure met or missed against them; README.md and CONTRIBUTING.md state the notebook
budgets in words, and ``tests/test_budgets.py`` checks that those words say what this file says.
Standard library only, so the tests and the report can read it without the benchmark's imports.
"""

from __future__ import annotations

from os import PathLike
from pathlib import PurePath

#: Seconds for one notebook, top to bottom in a fresh kernel (``make refresh`` prints it).
NOTEBOOK_S = 20.0
#: Notebooks allowed more, by file stem. A renamed notebook must be renamed here too
#: (``tests/test_budgets.py`` checks that every stem is a notebook).
NOTEBOOK_OVERRIDES_S: dict[str, float] = {
    "30_gan_augmentation": 60.0,  # trains GANs (Keras)
    "43_deep_learning": 60.0,  # trains networks (Keras)
    "50_benchmark_on_real_data": 60.0,  # the grid on real data (issue 7)
    "61_spark": 180.0,  # a Spark session's start (a JVM) plus its jobs (issue 17)
}
#: ``import helpers`` in a fresh interpreter, beyond the interpreter's own start; TensorFlow
#: must not be loaded by it either.
IMPORT_S = 1.5
#: Median time of one live slider update (resample, redraw, PNG).
SLIDER_MEDIAN_MS = 100.0
#: ``make test-notebooks``: every notebook under nbval, two workers. At their budgets the
#: notebooks add up to about 800 s of kernel time (22 x 20 s, 3 x 60 s, the Spark chapter's
#: 180 s), about 400 s for each of the two workers; nbval adds a kernel start per notebook,
#: the Spark chapter's 180 s stay on one worker (loadscope keeps a notebook's cells together,
#: so the halves are uneven), and the two workers share the two cores with the machine's own
#: work. Eight minutes held before the Spark chapter joined; twelve is what is honest now
#: (``tests/test_budgets.py`` checks it still covers half the notebooks' budgets).
NBVAL_S = 12 * 60.0
#: ``make book`` from the stored outputs, the environment already set up.
BOOK_S = 120.0
#: A fresh clone's ``make book``, from nothing (issue 20).
FRESH_BOOK_S = 30.0


def notebook_budget(notebook: str | PathLike[str]) -> float:
    """The budget in seconds of a notebook, given as a path, a file name or a stem.

    >>> notebook_budget("notebooks/61_spark.ipynb"), notebook_budget("11_smote")
    (180.0, 20.0)
    """
    return NOTEBOOK_OVERRIDES_S.get(PurePath(notebook).stem, NOTEBOOK_S)


#: Every budget, as ``report.json`` records it (seconds, or milliseconds for ``_ms``).
BUDGETS: dict[str, object] = {
    "notebook_s": NOTEBOOK_S,
    "notebook_overrides_s": dict(NOTEBOOK_OVERRIDES_S),
    "nbval_s": NBVAL_S,
    "import_s": IMPORT_S,
    "slider_median_ms": SLIDER_MEDIAN_MS,
    "book_s": BOOK_S,
    "fresh_book_s": FRESH_BOOK_S,
}
