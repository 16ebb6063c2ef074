"""Leak-free evaluation: resampling happens inside the training folds only.

Every sampler is placed in an imbalanced-learn :class:`~imblearn.pipeline.Pipeline` in front
of the classifier, so ``cross_validate`` refits it on each training fold and never touches
the rows a score is computed on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from imblearn.pipeline import Pipeline
from sklearn.base import clone, is_classifier
from sklearn.metrics import (
    f1_score,
    get_scorer,
    make_scorer,
    matthews_corrcoef,
    precision_score,
)
from sklearn.model_selection import RepeatedStratifiedKFold, cross_validate

from ._validation import check_consistent_length, check_target

__all__ = [
    "DEFAULT_SCORING",
    "compare_samplers",
    "evaluate",
    "format_mean_std",
    "make_pipeline_with_sampler",
]

#: Metrics that mean something under imbalance (binary problems, positive class = minority).
DEFAULT_SCORING: dict[str, Any] = {
    "average_precision": "average_precision",
    "roc_auc": "roc_auc",
    "balanced_accuracy": "balanced_accuracy",
    # A fold where the model flags nothing has no precision; count it as 0, silently.
    "precision": make_scorer(precision_score, zero_division=0),
    "recall": "recall",
    "f1": make_scorer(f1_score, zero_division=0),
    "mcc": make_scorer(matthews_corrcoef),
}

#: The multi-class counterpart (macro averages).
MULTICLASS_SCORING: dict[str, Any] = {
    "balanced_accuracy": "balanced_accuracy",
    "precision_macro": make_scorer(precision_score, average="macro", zero_division=0),
    "recall_macro": "recall_macro",
    "f1_macro": "f1_macro",
    "mcc": make_scorer(matthews_corrcoef),
}


def _check_cv(cv: Any, y: np.ndarray, random_state: int) -> Any:
    if cv is None:
        smallest = int(pd.Series(y).value_counts().min())
        n_splits = min(5, smallest)
        if n_splits < 2:
            raise ValueError(
                "y: the smallest class has a single sample; stratified cross-validation "
                "needs at least 2 per class."
            )
        return RepeatedStratifiedKFold(n_splits=n_splits, n_repeats=2, random_state=random_state)
    if isinstance(cv, bool):
        raise TypeError("cv must be None, an int or a cross-validation splitter, got a bool.")
    if isinstance(cv, (int, np.integer)) and cv < 2:
        raise ValueError(f"cv must be at least 2 folds, got {cv}.")
    return cv


def _check_scoring(scoring: Any, y: np.ndarray) -> dict[str, Any]:
    if scoring is None:
        classes = pd.unique(y).tolist()
        if len(classes) == 2 and 1 not in classes:
            raise ValueError(
                f"y: the default binary metrics treat label 1 as the positive (minority) "
                f"class, but y's labels are {classes}; encode y as 0/1 (1 = minority) or "
                "pass scoring."
            )
        return dict(DEFAULT_SCORING if len(classes) == 2 else MULTICLASS_SCORING)
    if isinstance(scoring, str):
        scoring = [scoring]
    if isinstance(scoring, Mapping):
        items = dict(scoring)
    elif isinstance(scoring, Sequence):
        items = {name: name for name in scoring}
    else:
        raise TypeError(f"scoring must be None, a str, a list or a dict, got {type(scoring)}.")
    for name, scorer in items.items():
        if isinstance(scorer, str):
            try:
                get_scorer(scorer)
            except ValueError:
                raise ValueError(f"scoring: unknown metric {scorer!r} for {name!r}.") from None
    return items


def _check_xy(X: Any, y: Any) -> np.ndarray:
    if X is None or isinstance(X, (str, bytes)) or not hasattr(X, "__len__"):
        raise TypeError(f"X must be a 2-D array or DataFrame, got {type(X).__name__}.")
    labels = check_target(y, "y")
    check_consistent_length(X, labels)
    shape = np.shape(X)
    if len(shape) != 2:
        raise ValueError(f"X must be 2-D (n_samples, n_features), got shape {shape}.")
    return labels


def _check_classifier(estimator: Any, name: str) -> None:
    # is_classifier itself fails on objects that are not estimators at all.
    ok = hasattr(estimator, "fit") and (hasattr(estimator, "steps") or is_classifier(estimator))
    if not ok:
        raise TypeError(
            f"{name} must be a scikit-learn classifier or a Pipeline ending in one, "
            f"got {type(estimator).__name__}."
        )


def make_pipeline_with_sampler(sampler: Any, classifier: Any) -> Any:
    """Put a sampler in front of a classifier, in an imbalanced-learn ``Pipeline``.

    Inside the pipeline the sampler only runs in ``fit``, so cross-validation resamples the
    training folds and never the rows it scores.

    Parameters
    ----------
    sampler : imbalanced-learn sampler or None
        ``None`` returns the classifier alone.
    classifier : classifier or Pipeline
        If a pipeline, the sampler goes before its last step, so that, for example, a
        scaler is fitted before SMOTE measures distances.

    Returns
    -------
    Pipeline or classifier
        Built from clones; the arguments are left untouched.

    Examples
    --------
    >>> from imblearn.over_sampling import SMOTE
    >>> from sklearn.linear_model import LogisticRegression
    >>> make_pipeline_with_sampler(SMOTE(), LogisticRegression()).steps[0][0]
    'sampler'
    """
    classifier = clone(classifier)
    if sampler is None:
        return classifier
    if not hasattr(sampler, "fit_resample"):
        raise TypeError(
            f"sampler must have fit_resample (an imbalanced-learn sampler), got "
            f"{type(sampler).__name__}."
        )
    sampler = clone(sampler)
    if isinstance(classifier, Pipeline) or type(classifier).__name__ == "Pipeline":
        steps = list(classifier.steps)
        return Pipeline([*steps[:-1], ("sampler", sampler), steps[-1]])
    return Pipeline([("sampler", sampler), ("classifier", classifier)])


def evaluate(
    model: Any,
    X: Any,
    y: Any,
    *,
    cv: Any = None,
    scoring: Any = None,
    n_jobs: int | None = None,
    random_state: int = 0,
) -> pd.DataFrame:
    """Cross-validate one model and return mean and standard deviation per metric.

    Parameters
    ----------
    model : estimator
        A classifier or an imbalanced-learn ``Pipeline`` (with its sampler inside, so
        resampling only sees training folds).
    X : array-like or DataFrame of shape (n_samples, n_features)
    y : array-like of shape (n_samples,)
    cv : int, splitter or None
        ``None`` means 5-fold stratified CV repeated twice (fewer folds if the minority
        class is tiny), seeded with ``random_state``.
    scoring : str, list, dict or None
        ``None`` uses :data:`DEFAULT_SCORING` (binary) or macro-averaged metrics
        (multi-class).
    n_jobs : int or None
        Passed to :func:`sklearn.model_selection.cross_validate`.
    random_state : int, default=0
        Seed of the default splitter.

    Returns
    -------
    DataFrame
        One row per metric, columns ``mean`` and ``std`` (over folds).

    Examples
    --------
    >>> from sklearn.linear_model import LogisticRegression
    >>> from helpers import make_imbalanced
    >>> X, y = make_imbalanced(300)
    >>> table = evaluate(LogisticRegression(), X, y, scoring=["average_precision"])
    >>> list(table.columns)
    ['mean', 'std']
    """
    labels = _check_xy(X, y)
    _check_classifier(model, "model")
    splitter = _check_cv(cv, labels, random_state)
    scorers = _check_scoring(scoring, labels)
    if np.ndim(y) != 1:
        y = labels  # a column vector, flattened as check_target did
    try:
        scores = cross_validate(
            model, X, y, cv=splitter, scoring=scorers, n_jobs=n_jobs, error_score="raise"
        )
    except (ValueError, TypeError) as exc:
        # Same exception type, but saying which call on which arguments failed.
        try:
            error = type(exc)(f"cross-validating model on X, y failed: {exc}")
        except Exception:  # an exception type with a special constructor
            error = ValueError(f"cross-validating model on X, y failed: {exc}")
        raise error from exc
    rows = {name: scores[f"test_{name}"] for name in scorers}
    table = pd.DataFrame(
        {"mean": [v.mean() for v in rows.values()], "std": [v.std() for v in rows.values()]},
        index=pd.Index(list(rows), name="metric"),
    )
    return table


def compare_samplers(
    samplers: Mapping[str, Any],
    classifier: Any,
    X: Any,
    y: Any,
    *,
    cv: Any = None,
    scoring: Any = None,
    n_jobs: int | None = None,
    random_state: int = 0,
) -> pd.DataFrame:
    """Compare resampling strategies for one or more classifiers, leak-free.

    Each sampler is put in an imbalanced-learn ``Pipeline`` in front of a fresh clone of
    the classifier; every sampler-classifier pair sees the same folds.

    Parameters
    ----------
    samplers : mapping of name -> sampler or None
        ``None`` means "no resampling" (the baseline every table should show).
    classifier : estimator, or mapping of name -> estimator
        The model after the sampler. If it is a Pipeline, the sampler is inserted before
        its last step (so scaling comes first). A mapping compares every sampler with
        every model.
    X, y, cv, scoring, n_jobs, random_state
        As in :func:`evaluate`.

    Returns
    -------
    DataFrame
        One row per sampler (in the mapping's order), or per (model, sampler) pair when
        ``classifier`` is a mapping, and two column levels: metric, then ``mean`` /
        ``std``. :func:`format_mean_std` turns it into a readable table.

    See Also
    --------
    format_mean_std : "mean ± std" text, one column per metric.

    Examples
    --------
    >>> from imblearn.over_sampling import RandomOverSampler
    >>> from sklearn.linear_model import LogisticRegression
    >>> from sklearn.tree import DecisionTreeClassifier
    >>> from helpers import make_imbalanced
    >>> X, y = make_imbalanced(300)
    >>> samplers = {"none": None, "ROS": RandomOverSampler(random_state=0)}
    >>> table = compare_samplers(samplers, LogisticRegression(), X, y, scoring=["recall"])
    >>> table.index.tolist()
    ['none', 'ROS']
    >>> models = {"linear": LogisticRegression(), "tree": DecisionTreeClassifier()}
    >>> compare_samplers(samplers, models, X, y, scoring=["recall"]).index.tolist()
    [('linear', 'none'), ('linear', 'ROS'), ('tree', 'none'), ('tree', 'ROS')]

    Several data sets stack with :func:`pandas.concat`:

    >>> import pandas as pd
    >>> X2, y2 = make_imbalanced(300, random_state=1)
    >>> datasets = {"a": (X, y), "b": (X2, y2)}
    >>> stacked = pd.concat(
    ...     {name: compare_samplers(samplers, models, Xd, yd, scoring=["recall"])
    ...      for name, (Xd, yd) in datasets.items()},
    ...     names=["data"])
    >>> stacked.index.names
    FrozenList(['data', 'model', 'sampler'])
    """
    if not isinstance(samplers, Mapping) or not samplers:
        raise TypeError("samplers must be a non-empty dict of name -> sampler (or None).")
    if isinstance(classifier, Mapping):
        if not classifier:
            raise ValueError("classifier: the dict of models is empty.")
        models = {str(name): model for name, model in classifier.items()}
        for name, model in models.items():
            _check_classifier(model, f"classifier[{name!r}]")
    else:
        _check_classifier(classifier, "classifier")
        models = {"": classifier}
    labels = _check_xy(X, y)
    splitter = _check_cv(cv, labels, random_state)
    scorers = _check_scoring(scoring, labels)
    for name, sampler in samplers.items():  # fail on a bad sampler before any fitting
        if sampler is not None and not hasattr(sampler, "fit_resample"):
            raise TypeError(
                f"samplers[{name!r}] must be an imbalanced-learn sampler (with fit_resample) "
                f"or None, got {type(sampler).__name__}."
            )
    results = {}
    for model_name, model in models.items():
        for name, sampler in samplers.items():
            pipeline = make_pipeline_with_sampler(sampler, model)
            table = evaluate(pipeline, X, y, cv=splitter, scoring=scorers, n_jobs=n_jobs)
            results[(model_name, str(name))] = table.stack()
    out = pd.DataFrame(results).T
    out.index.names = ["model", "sampler"]
    out.columns.names = ["metric", "stat"]
    if not isinstance(classifier, Mapping):
        out = out.droplevel("model")
    return out


def format_mean_std(
    table: pd.DataFrame,
    metrics: Sequence[str] | Mapping[str, str] | None = None,
    *,
    digits: int = 3,
) -> pd.DataFrame:
    """Write a :func:`compare_samplers` table as "mean ± std" text, one column per metric.

    Parameters
    ----------
    table : DataFrame
        Columns with two levels, metric then ``mean`` / ``std``, as :func:`compare_samplers`
        returns (also after stacking several of them with :func:`pandas.concat`).
    metrics : list of metric names, or mapping of metric name -> column label, optional
        Which metrics to show, in this order; a mapping also renames them. By default all
        of them, as named in ``table``.
    digits : int, default=3
        Decimals of both the mean and the standard deviation.

    Returns
    -------
    DataFrame
        Same index as ``table``; one column of strings per metric (the column axis keeps
        the name of ``table``'s first column level).

    Examples
    --------
    >>> import pandas as pd
    >>> columns = pd.MultiIndex.from_product([["recall", "precision"], ["mean", "std"]])
    >>> table = pd.DataFrame([[0.5, 0.05, 0.25, 0.125]], index=["none"], columns=columns)
    >>> format_mean_std(table, {"recall": "minority recall"}, digits=2)
         minority recall
    none     0.50 ± 0.05
    """
    if not isinstance(table, pd.DataFrame) or table.columns.nlevels != 2:
        raise TypeError(
            "table must be a DataFrame with two column levels (metric, then mean/std), as "
            "compare_samplers returns."
        )
    stats = set(table.columns.get_level_values(-1))
    if not {"mean", "std"} <= stats:
        raise ValueError(
            f"table: the second column level must hold 'mean' and 'std', got {stats}."
        )
    if isinstance(digits, bool) or not isinstance(digits, (int, np.integer)) or digits < 0:
        raise ValueError(f"digits must be a non-negative int, got {digits!r}.")
    available = list(dict.fromkeys(table.columns.get_level_values(0)))
    if metrics is None:
        labels = {name: name for name in available}
    elif isinstance(metrics, Mapping):
        labels = {str(name): str(label) for name, label in metrics.items()}
    elif isinstance(metrics, Sequence) and not isinstance(metrics, str):
        labels = {str(name): str(name) for name in metrics}
    else:
        raise TypeError(f"metrics must be a list or a dict of metric names, got {metrics!r}.")
    missing = [name for name in labels if name not in available]
    if missing:
        raise ValueError(f"metrics: {missing} not in the table; it has {available}.")
    text = {
        label: table[(name, "mean")].map(f"{{:.{digits}f}}".format)
        + " ± "
        + table[(name, "std")].map(f"{{:.{digits}f}}".format)
        for name, label in labels.items()
    }
    out = pd.DataFrame(text, index=table.index)
    out.columns.name = table.columns.names[0]  # "metric", as in compare_samplers' table
    return out
