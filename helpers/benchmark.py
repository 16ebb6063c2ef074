"""The benchmark grid on real data, defined once: notebook 50 runs its small version,
``benchmarks/full_grid.py`` the full one (more samplers, a random forest, anomaly detectors).

Imported on its own (``from helpers.benchmark import ...``), like :mod:`helpers.gan`: it is
the grid of one chapter, not a general tool. Every technique of the course wraps each model:
no resampling, a tuned threshold, class weights, each sampler inside an imbalanced-learn
pipeline (only training folds are resampled), random oversampling with a tuned threshold, and
balanced bagging. Scores are the metrics of :data:`SCORING`, lower-is-better ones (Brier,
log-loss) stored as their positive value.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np
import pandas as pd
from imblearn.combine import SMOTEENN, SMOTETomek
from imblearn.ensemble import BalancedBaggingClassifier
from imblearn.over_sampling import ADASYN, SMOTE, BorderlineSMOTE, RandomOverSampler
from imblearn.under_sampling import (
    ClusterCentroids,
    CondensedNearestNeighbour,
    EditedNearestNeighbours,
    InstanceHardnessThreshold,
    NearMiss,
    NeighbourhoodCleaningRule,
    OneSidedSelection,
    RandomUnderSampler,
    TomekLinks,
)
from sklearn.base import clone
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import make_scorer, precision_recall_curve
from sklearn.model_selection import TunedThresholdClassifierCV, cross_validate, train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from .datasets import load_dataset
from .evaluation import make_pipeline_with_sampler

__all__ = [
    "DATASETS",
    "LOWER_IS_BETTER",
    "RANDOM_STATE",
    "SCORING",
    "cross_validate_grid",
    "fast_balanced_accuracy",
    "load_numeric",
    "make_models",
    "make_samplers",
    "recall_at_precision",
    "techniques",
]

RANDOM_STATE = 42
#: The binary data sets of the grid (``data/``).
DATASETS = ("yeast3", "yeast4", "abalone19", "default")
#: Metrics where a lower score is better; :func:`cross_validate_grid` stores them positive.
LOWER_IS_BETTER = ("brier", "log_loss")


def load_numeric(
    name: str, max_rows: int | None = None, *, random_state: int = RANDOM_STATE
) -> tuple[np.ndarray, np.ndarray]:
    """A vendored data set as float arrays: categoricals one-hot encoded, and at most
    ``max_rows`` rows (a stratified subsample).

    Examples
    --------
    >>> X, y = load_numeric("default", max_rows=2000)
    >>> X.shape, round(float(y.mean()), 2)
    ((2000, 4), 0.03)
    """
    X, y = load_dataset(name)
    X = pd.get_dummies(X, dtype=float)
    if max_rows is not None and len(X) > max_rows:
        X, _, y, _ = train_test_split(
            X, y, train_size=max_rows, stratify=y, random_state=random_state
        )
    return X.to_numpy(dtype=float), y.to_numpy()


def recall_at_precision(y_true: Any, scores: Any, min_precision: float = 0.5) -> float:
    """Largest recall over the thresholds whose precision is at least ``min_precision``.

    The precision-recall curve always ends at (recall 0, precision 1), so there is always
    such a threshold.

    Examples
    --------
    >>> recall_at_precision([1, 1, 0, 1, 0, 0, 1, 0], [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2])
    1.0
    """
    precision, recall, _ = precision_recall_curve(y_true, scores)
    return float(recall[precision >= min_precision].max())


def fast_balanced_accuracy(y_true: Any, y_pred: Any) -> float:
    """The mean of the two classes' recalls, ``balanced_accuracy_score`` for 0/1 labels
    without its input checks (the threshold search calls it many times per fold).

    Examples
    --------
    >>> fast_balanced_accuracy(np.array([0, 0, 1, 1]), np.array([0, 1, 1, 1]))
    0.75
    """
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    positive = y_true == 1
    return float(0.5 * (np.mean(y_pred[positive] == 1) + np.mean(y_pred[~positive] == 0)))


#: name -> scorer: ranking, a decision, the best recall at precision 0.5, calibration.
SCORING: dict[str, Any] = {
    "average_precision": "average_precision",
    "balanced_accuracy": "balanced_accuracy",
    "recall_at_p50": make_scorer(recall_at_precision, response_method="predict_proba"),
    "brier": "neg_brier_score",
    "log_loss": "neg_log_loss",
}


def make_models(*, full: bool = False) -> dict[str, tuple[Any, str]]:
    """name -> (model, the parameter that sets its class weights).

    The small grid has a scaled logistic regression and a small gradient boosting; the full
    one a larger booster and a random forest too.
    """
    models = {
        "logistic regression": (
            make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)),
            "logisticregression__class_weight",
        ),
        "gradient boosting": (
            HistGradientBoostingClassifier(
                max_iter=200 if full else 50,
                max_leaf_nodes=15 if full else 8,
                learning_rate=0.05 if full else 0.1,
                early_stopping=False,
                random_state=RANDOM_STATE,
            ),
            "class_weight",
        ),
    }
    if full:
        models["random forest"] = (
            RandomForestClassifier(
                n_estimators=300, min_samples_leaf=2, random_state=RANDOM_STATE
            ),
            "class_weight",
        )
    return models


def make_samplers(*, full: bool = False, gan: bool = False) -> dict[str, Any]:
    """name -> sampler. The full grid adds Tomek links, NearMiss-3, SMOTE + Tomek and the
    prototype selection and generation of chapter 25 (too slow for the notebook: CNN refits
    a 1-NN per added row); ``gan`` adds the GAN oversampler (imports TensorFlow)."""
    samplers = {
        "random oversampling": RandomOverSampler(random_state=RANDOM_STATE),
        "SMOTE": SMOTE(random_state=RANDOM_STATE),
        "Borderline-SMOTE": BorderlineSMOTE(random_state=RANDOM_STATE),
        "ADASYN": ADASYN(random_state=RANDOM_STATE),
        "random undersampling": RandomUnderSampler(random_state=RANDOM_STATE),
        "ENN": EditedNearestNeighbours(),
        "SMOTE + ENN": SMOTEENN(random_state=RANDOM_STATE),
    }
    if full:
        samplers |= {
            "Tomek links": TomekLinks(),
            "NearMiss-3": NearMiss(version=3),
            "SMOTE + Tomek": SMOTETomek(random_state=RANDOM_STATE),
            "CNN": CondensedNearestNeighbour(random_state=RANDOM_STATE),
            "OSS": OneSidedSelection(random_state=RANDOM_STATE),
            "NCR": NeighbourhoodCleaningRule(),
            "instance hardness": InstanceHardnessThreshold(random_state=RANDOM_STATE),
            "ClusterCentroids": ClusterCentroids(random_state=RANDOM_STATE),
        }
    if gan:
        from .gan import GANOverSampler  # imports TensorFlow

        samplers["GAN"] = GANOverSampler(random_state=RANDOM_STATE)
    return samplers


def techniques(
    model: Any, weight_param: str, samplers: Mapping[str, Any], *, full: bool = False
) -> Iterator[tuple[str, Any]]:
    """Every technique of the course around ``model``: (name, unfitted estimator) pairs.

    The thresholds are tuned for balanced accuracy on the training fold (2-fold inside it in
    the small grid, 3-fold in the full one); balanced bagging has 5 members (10 in full).
    """
    tuned = {"scoring": make_scorer(fast_balanced_accuracy), "cv": 3 if full else 2}
    yield "no resampling", clone(model)
    yield "no resampling + tuned threshold", TunedThresholdClassifierCV(clone(model), **tuned)
    yield "class weight", clone(model).set_params(**{weight_param: "balanced"})
    for name, sampler in samplers.items():
        yield name, make_pipeline_with_sampler(sampler, model)  # sampler inside the folds
        if name == "random oversampling":
            yield (
                "random oversampling + tuned threshold",
                TunedThresholdClassifierCV(make_pipeline_with_sampler(sampler, model), **tuned),
            )
    yield (
        "balanced bagging",
        BalancedBaggingClassifier(
            estimator=clone(model), n_estimators=10 if full else 5, random_state=RANDOM_STATE
        ),
    )


def cross_validate_grid(
    datasets: Mapping[str, tuple[Any, Any]],
    estimators: Mapping[str, Mapping[str, Any]],
    *,
    cv: Any,
    n_jobs: int | None = None,
    progress: bool = False,
) -> pd.DataFrame:
    """Cross-validate every estimator on every data set, on the same folds per data set.

    Parameters
    ----------
    datasets : mapping of name -> (X, y)
    estimators : mapping of model name -> mapping of technique name -> estimator
        For instance ``{name: dict(techniques(model, param, samplers)) for name, (model,
        param) in make_models().items()}``.
    cv : splitter
        Its folds are numbered 0, 1, ... in split order (repeat ``r``, fold ``k`` of
        ``n_splits`` is ``r * n_splits + k``).
    n_jobs : int, optional
        Folds in parallel (``cross_validate``).
    progress : bool, default=False
        Print a line, with the seconds taken, per (data set, model, technique).

    Returns
    -------
    DataFrame
        One row per (data set, model, technique, fold): columns ``data``, ``model``,
        ``technique``, ``fold``, ``fit_time``, then each metric of :data:`SCORING`
        (lower-is-better ones positive).
    """
    records = []
    for data_name, (X, y) in datasets.items():
        for model_name, by_technique in estimators.items():
            for technique, estimator in by_technique.items():
                start = time.perf_counter()
                with warnings.catch_warnings():
                    # NearMiss-3 cannot always reach the requested ratio (it returns what it
                    # has, as documented), and lbfgs may stop at max_iter on a resampled fold.
                    warnings.filterwarnings("ignore", "The number of the samples to be selected")
                    warnings.simplefilter("ignore", ConvergenceWarning)
                    scores = cross_validate(estimator, X, y, cv=cv, scoring=SCORING, n_jobs=n_jobs)
                for fold, fit_time in enumerate(scores["fit_time"]):
                    record = {"data": data_name, "model": model_name, "technique": technique}
                    record |= {"fold": fold, "fit_time": fit_time}
                    for metric in SCORING:
                        value = scores[f"test_{metric}"][fold]
                        record[metric] = -value if metric in LOWER_IS_BETTER else value
                    records.append(record)
                if progress:
                    seconds = time.perf_counter() - start
                    print(
                        f"{data_name:10s} {model_name:20s} {technique:38s} {seconds:7.1f} s",
                        flush=True,
                    )
    return pd.DataFrame(records)
