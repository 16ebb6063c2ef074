"""Shared test settings: a non-interactive matplotlib backend and small data sets."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest

from helpers import make_imbalanced


@pytest.fixture
def toy():
    """200 rows, 2 features, 10 % minority."""
    return make_imbalanced(200, random_state=0)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")
