"""helpers.benchmark: the grid notebook 50 runs and benchmarks/full_grid.py enlarges."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import balanced_accuracy_score
from sklearn.model_selection import StratifiedKFold

from helpers import make_imbalanced
from helpers.benchmark import (
    LOWER_IS_BETTER,
    SCORING,
    cross_validate_grid,
    fast_balanced_accuracy,
    make_models,
    make_samplers,
    recall_at_precision,
    techniques,
)

SMALL_GRID = [
    "no resampling",
    "no resampling + tuned threshold",
    "class weight",
    "random oversampling",
    "random oversampling + tuned threshold",
    "SMOTE",
    "Borderline-SMOTE",
    "ADASYN",
    "random undersampling",
    "ENN",
    "SMOTE + ENN",
    "balanced bagging",
]


def names(full: bool) -> list[str]:
    model, weight_param = make_models(full=full)["logistic regression"]
    return [
        name for name, _ in techniques(model, weight_param, make_samplers(full=full), full=full)
    ]


def test_the_full_grid_contains_the_notebooks_grid_in_its_order():
    assert names(full=False) == SMALL_GRID
    full = names(full=True)
    assert [name for name in full if name in SMALL_GRID] == SMALL_GRID
    assert set(full) - set(SMALL_GRID) == {
        "Tomek links",
        "NearMiss-3",
        "SMOTE + Tomek",
        "CNN",
        "OSS",
        "NCR",
        "instance hardness",
        "ClusterCentroids",
    }
    assert list(make_models(full=True)) == [*make_models(), "random forest"]


def test_fast_balanced_accuracy_is_balanced_accuracy():
    rng = np.random.default_rng(0)
    y_true, y_pred = rng.integers(0, 2, 300), rng.integers(0, 2, 300)
    assert fast_balanced_accuracy(y_true, y_pred) == pytest.approx(
        balanced_accuracy_score(y_true, y_pred)
    )


def test_recall_at_precision_reads_the_curve():
    y = [1, 1, 0, 1, 0, 0, 1, 0]
    scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2]
    assert recall_at_precision(y, scores) == 1.0  # all four at precision 4/7
    assert recall_at_precision(y, scores, 0.8) == 0.5  # the top two


def test_cross_validate_grid_scores_every_cell_on_the_same_folds():
    X, y = make_imbalanced(200, random_state=0)
    model, weight_param = make_models()["logistic regression"]
    grid = dict(list(techniques(model, weight_param, {}))[:3])  # none, tuned, class weight
    cv = StratifiedKFold(3, shuffle=True, random_state=0)
    folds = cross_validate_grid({"a": (X, y), "b": (X[:150], y[:150])}, {"LR": grid}, cv=cv)
    assert len(folds) == 2 * 3 * 3
    assert list(folds.columns) == ["data", "model", "technique", "fold", "fit_time", *SCORING]
    assert folds.groupby(["data", "technique"]).size().eq(3).all()
    assert (folds[list(LOWER_IS_BETTER)] > 0).all().all()  # stored as positive losses
    # a tuned threshold moves decisions, never the scores: the same ranking metrics
    by = folds.set_index(["data", "technique", "fold"])
    untuned = by.xs("no resampling", level="technique")["average_precision"]
    tuned = by.xs("no resampling + tuned threshold", level="technique")["average_precision"]
    np.testing.assert_allclose(tuned, untuned)
