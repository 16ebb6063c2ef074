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
    average_precision_score,
    f1_score,
    get_scorer,
    make_scorer,
    matthews_corrcoef,
    precision_score,
    recall_score,
)
from sklearn.model_selection import RepeatedStratifiedKFold, StratifiedKFold, cross_validate
from sklearn.utils import check_random_state

from ._validation import (
    check_consistent_length,
    check_positive_int,
    check_random_state_arg,
    check_target,
)

__all__ = [
    "DEFAULT_SCORING",
    "alarm_counts",
    "binary_scoring",
    "compare_samplers",
    "cross_validate_leaky",
    "cross_validate_samplers",
    "evaluate",
    "format_difference",
    "format_mean_std",
    "make_pipeline_with_sampler",
    "paired_differences",
    "summarize_folds",
]

#: How a classifier's scores are read for ranking metrics: the decision function where there is
#: one, else the probability of the positive class.
_RANKING = ("decision_function", "predict_proba")


def _count_alarms(y_true: Any, y_pred: Any, *, pos_label: Any) -> int:
    return int(np.sum(np.asarray(y_pred) == pos_label))


def _count_true_positives(y_true: Any, y_pred: Any, *, pos_label: Any) -> int:
    flagged = np.asarray(y_pred) == pos_label
    return int(np.sum(flagged & (np.asarray(y_true) == pos_label)))


#: The counts behind precision, available by name in a ``scoring`` list.
COUNTS = ("alarms", "true positives")


def binary_scoring(pos_label: Any = 1, *, counts: bool = False) -> dict[str, Any]:
    """Metrics that mean something under imbalance, for a binary problem.

    One scorer per name, used whether the name comes from this table or from a ``scoring``
    list: precision and F1 count a fold where the model flags nothing as 0, silently.
    ``pos_label`` is the class that matters (the minority); balanced accuracy, ROC AUC and
    MCC do not depend on it.

    Parameters
    ----------
    pos_label : label, default=1
        The positive class, as it appears in ``y``.
    counts : bool, default=False
        Also the counts precision rests on, per test fold: ``"alarms"`` (rows predicted
        positive) and ``"true positives"`` (those that are). A ``scoring`` list may name
        them without this flag; :func:`alarm_counts` sums them over folds.

    Returns
    -------
    dict of name -> scorer
        For the ``scoring`` argument of :func:`evaluate` and :func:`compare_samplers`, or of
        scikit-learn's ``cross_validate``.

    Examples
    --------
    >>> list(binary_scoring("Yes"))
    ['average_precision', 'roc_auc', 'balanced_accuracy', 'precision', 'recall', 'f1', 'mcc']
    >>> list(binary_scoring(counts=True))[-2:]
    ['alarms', 'true positives']
    """
    table = {
        "average_precision": make_scorer(
            average_precision_score, response_method=_RANKING, pos_label=pos_label
        ),
        "roc_auc": "roc_auc",
        "balanced_accuracy": "balanced_accuracy",
        "precision": make_scorer(precision_score, pos_label=pos_label, zero_division=0),
        "recall": make_scorer(recall_score, pos_label=pos_label),
        "f1": make_scorer(f1_score, pos_label=pos_label, zero_division=0),
        "mcc": make_scorer(matthews_corrcoef),
    }
    if counts:
        table["alarms"] = make_scorer(_count_alarms, pos_label=pos_label)
        table["true positives"] = make_scorer(_count_true_positives, pos_label=pos_label)
    return table


#: The default metrics for 0/1 labels (positive class = 1 = the minority).
DEFAULT_SCORING: dict[str, Any] = binary_scoring(1)

#: The multi-class counterpart (macro averages).
MULTICLASS_SCORING: dict[str, Any] = {
    "balanced_accuracy": "balanced_accuracy",
    "precision_macro": make_scorer(precision_score, average="macro", zero_division=0),
    "recall_macro": "recall_macro",
    "f1_macro": "f1_macro",
    "mcc": make_scorer(matthews_corrcoef),
}


def _fold_seed(random_state: Any) -> int:
    """``random_state`` (already checked) as an int for the default splitter. Every pipeline
    must see the same folds, and a RandomState, a Generator or None would give each call of
    ``split`` new ones: they are drawn from once, here."""
    if isinstance(random_state, (int, np.integer)):
        return int(random_state)
    if isinstance(random_state, np.random.Generator):
        return int(random_state.integers(2**32))
    return int(check_random_state(random_state).randint(2**32))


def _check_cv(cv: Any, y: np.ndarray, random_state: Any) -> Any:
    if cv is None:
        smallest = int(pd.Series(y).value_counts().min())
        n_splits = min(5, smallest)
        if n_splits < 2:
            raise ValueError(
                "y: the smallest class has a single sample; stratified cross-validation "
                "needs at least 2 per class."
            )
        return RepeatedStratifiedKFold(
            n_splits=n_splits, n_repeats=2, random_state=_fold_seed(random_state)
        )
    if isinstance(cv, bool):
        raise TypeError("cv must be None, an int or a cross-validation splitter, got a bool.")
    if isinstance(cv, (int, np.integer)) and cv < 2:
        raise ValueError(f"cv must be at least 2 folds, got {cv}.")
    return cv


def _check_pos_label(pos_label: Any, y: np.ndarray) -> Any:
    """The positive class: ``pos_label`` if given (it must be a label of ``y``), else the
    minority class of a binary ``y`` (ties: the larger label, so 0/1 data keeps 1)."""
    counts = pd.Series(y).value_counts(sort=False)
    if pos_label is not None:
        if pos_label not in set(counts.index):
            raise ValueError(
                f"pos_label={pos_label!r} is not a label of y; its labels are "
                f"{sorted(counts.index.tolist(), key=str)}."
            )
        return pos_label
    if len(counts) != 2:
        return None
    smallest = counts[counts == counts.min()].index.tolist()
    return max(smallest, key=lambda label: (str(type(label)), label))


def _check_scoring(scoring: Any, y: np.ndarray, pos_label: Any = None) -> dict[str, Any]:
    binary = len(pd.unique(y)) == 2
    pos_label = _check_pos_label(pos_label, y)
    named = binary_scoring(pos_label, counts=True) if binary else MULTICLASS_SCORING
    if scoring is None:
        return {name: scorer for name, scorer in named.items() if name not in COUNTS}
    if isinstance(scoring, str):
        scoring = [scoring]
    # One name, one scorer: the course's scorer where it has one for that name, in a list
    # or as a value of a dict ({"precision": "precision"} counts no alarm as 0 too).
    if isinstance(scoring, Mapping):
        items = {
            name: named.get(scorer, scorer) if isinstance(scorer, str) else scorer
            for name, scorer in scoring.items()
        }
    elif isinstance(scoring, Sequence):
        items = {name: named.get(name, name) for name in scoring}
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
    pos_label: Any = None,
    n_jobs: int | None = None,
    random_state: Any = 0,
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
        ``None`` uses the binary metrics of :func:`binary_scoring` (average precision,
        ROC AUC, balanced accuracy, precision, recall, F1, MCC) or macro-averaged metrics
        (multi-class). A name from that table, in a list or as a value of a dict, gets the
        same scorer; so do ``"alarms"`` and ``"true positives"`` (see :func:`binary_scoring`).
    pos_label : label, optional
        The class that matters, for binary ``y`` (labels may be strings, such as KEEL's
        ``"positive"``/``"negative"``). By default the minority class; when it is not the
        label 1, the table's metric axis names it.
    n_jobs : int or None
        Passed to :func:`sklearn.model_selection.cross_validate`.
    random_state : None, int, RandomState or Generator, default=0
        Seed of the default splitter: an int in [0, 2**32 - 1] is used as it is; from a
        RandomState, a Generator or None (numpy's global state), one int is drawn, so that
        every pipeline still gets the same folds.

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
    _check_classifier(model, "model")
    folds = _cross_validate({"": {"": model}}, X, y, cv, scoring, pos_label, n_jobs, random_state)
    stats = _column_mean_std(folds)
    return pd.DataFrame(
        {"mean": stats[:, 0], "std": stats[:, 1]},
        index=pd.Index(folds.columns, name=folds.columns.name),
    )


def _cross_validate(
    pipelines: Mapping[str, Mapping[str, Any]],
    X: Any,
    y: Any,
    cv: Any,
    scoring: Any,
    pos_label: Any,
    n_jobs: int | None,
    random_state: Any,
) -> pd.DataFrame:
    """Per-fold scores of ``pipelines[model][sampler]``, every one on the same folds."""
    check_random_state_arg(random_state)  # the shared contract, before any work
    labels = _check_xy(X, y)
    splitter = _check_cv(cv, labels, random_state)
    scorers = _check_scoring(scoring, labels, pos_label)
    positive = _check_pos_label(pos_label, labels)
    if np.ndim(y) != 1:
        y = labels  # a column vector, flattened as check_target did
    frames, ratios = {}, None
    for model_name, by_sampler in pipelines.items():
        for sampler_name, pipeline in by_sampler.items():
            try:
                scores = cross_validate(
                    pipeline,
                    X,
                    y,
                    cv=splitter,
                    scoring=scorers,
                    n_jobs=n_jobs,
                    error_score="raise",
                    return_indices=True,
                )
            except (ValueError, TypeError) as exc:
                # Same exception type, but saying which call on which arguments failed.
                try:
                    error = type(exc)(f"cross-validating model on X, y failed: {exc}")
                except Exception:  # an exception type with a special constructor
                    error = ValueError(f"cross-validating model on X, y failed: {exc}")
                raise error from exc
            frames[(model_name, sampler_name)] = pd.DataFrame(
                {name: scores[f"test_{name}"] for name in scorers}
            )
            if ratios is None:
                sizes = scores["indices"]
                ratios = [
                    len(test) / len(train)
                    for train, test in zip(sizes["train"], sizes["test"], strict=True)
                ]
    folds = pd.concat(frames, names=["model", "sampler", "fold"])
    folds.columns.name = "metric"
    if positive is not None and positive != 1:
        folds.columns.name = f"metric (positive class: {positive!r})"
    # What paired_differences needs to correct for overlapping training sets.
    folds.attrs["test_train_ratio"] = float(np.mean(ratios))
    folds.attrs["pos_label"] = positive
    return folds


def _column_mean_std(scores: pd.DataFrame) -> np.ndarray:
    """(mean, std) per column, each from a contiguous 1-D array: NumPy's pairwise sum, the
    same digits as ``cross_validate``'s score arrays give (a 2-D reduction adds rows in
    another order)."""
    columns = [np.ascontiguousarray(scores[name].to_numpy()) for name in scores.columns]
    return np.array([[column.mean(), column.std()] for column in columns])


def _check_fold_scores(fold_scores: Any, name: str = "fold_scores") -> list[str]:
    """The index levels of ``fold_scores`` other than ``fold`` (the groups to summarise)."""
    names = list(getattr(getattr(fold_scores, "index", None), "names", []))
    if not isinstance(fold_scores, pd.DataFrame) or names[-3:] != ["model", "sampler", "fold"]:
        raise TypeError(
            f"{name} must be the DataFrame cross_validate_samplers returns (index levels "
            f"model, sampler, fold; more levels in front when several are stacked), got "
            f"{type(fold_scores).__name__} with index levels {names}."
        )
    return names[:-1]


def summarize_folds(fold_scores: pd.DataFrame) -> pd.DataFrame:
    """Mean and (population) standard deviation over folds, per (model, sampler).

    Parameters
    ----------
    fold_scores : DataFrame
        What :func:`cross_validate_samplers` returns, or several of them stacked with
        :func:`pandas.concat` (a ``data`` level in front, say).

    Returns
    -------
    DataFrame
        One row per group (every index level but ``fold``, in order of appearance), two
        column levels: metric, then ``mean`` / ``std``, as :func:`compare_samplers` returns
        and :func:`format_mean_std` reads.

    Examples
    --------
    >>> import pandas as pd
    >>> index = pd.MultiIndex.from_product([[""], ["none"], [0, 1]],
    ...                                    names=["model", "sampler", "fold"])
    >>> folds = pd.DataFrame({"recall": [0.5, 0.7]}, index=index)
    >>> table = summarize_folds(folds)
    >>> table.columns.tolist(), table.round(2).to_numpy().tolist()
    ([('recall', 'mean'), ('recall', 'std')], [[0.6, 0.1]])
    """
    groups = _check_fold_scores(fold_scores)
    rows = {}
    for key, group in fold_scores.groupby(level=groups, sort=False):
        rows[key] = _column_mean_std(group).ravel()
    columns = pd.MultiIndex.from_product([fold_scores.columns, ["mean", "std"]])
    out = pd.DataFrame.from_dict(rows, orient="index", columns=columns)
    out.index = pd.MultiIndex.from_tuples(out.index, names=groups)
    out.columns.names = [fold_scores.columns.name, "stat"]
    return out


def alarm_counts(fold_scores: pd.DataFrame, *, n_repeats: int | None = None) -> pd.DataFrame:
    """What precision rests on: alarms and true positives summed over the test folds.

    A precision of 0.4 may be 2 right of 5 alarms or 200 of 500; this table says which.

    Parameters
    ----------
    fold_scores : DataFrame
        From :func:`cross_validate_samplers` with ``"alarms"`` and ``"true positives"`` in
        its ``scoring`` (see :func:`binary_scoring`), possibly several stacked.
    n_repeats : int, optional
        With repeated cross-validation, divide the sums by the number of repeats: the
        counts per pass over the data set.

    Returns
    -------
    DataFrame
        One row per (model, sampler) (and any level in front): ``alarms``, ``true
        positives``, ``pooled precision`` (true positives over alarms, NaN with no alarm)
        and ``alarms per fold`` (the fewest and the most, as text).

    Examples
    --------
    >>> import pandas as pd
    >>> index = pd.MultiIndex.from_product([[""], ["none"], [0, 1]],
    ...                                    names=["model", "sampler", "fold"])
    >>> folds = pd.DataFrame({"alarms": [4, 6], "true positives": [1, 3]}, index=index)
    >>> alarm_counts(folds)
                   alarms  true positives  pooled precision alarms per fold
    model sampler
          none         10               4               0.4          4 to 6
    """
    groups = _check_fold_scores(fold_scores)
    missing = [name for name in COUNTS if name not in fold_scores.columns]
    if missing:
        raise ValueError(
            f"fold_scores has no column {missing}: add {list(COUNTS)} to the scoring of "
            "cross_validate_samplers."
        )
    if n_repeats is not None:
        n_repeats = check_positive_int(n_repeats, "n_repeats")
    by_pair = fold_scores.groupby(level=groups, sort=False)
    table = by_pair[list(COUNTS)].sum()
    with np.errstate(invalid="ignore", divide="ignore"):
        table["pooled precision"] = table["true positives"] / table["alarms"].where(
            table["alarms"] > 0
        )
    if n_repeats is None:
        table[list(COUNTS)] = table[list(COUNTS)].astype(int)
    else:
        table[list(COUNTS)] = table[list(COUNTS)] / n_repeats
    fewest, most = by_pair["alarms"].min(), by_pair["alarms"].max()
    table["alarms per fold"] = [f"{int(a)} to {int(b)}" for a, b in zip(fewest, most, strict=True)]
    return table


def _check_samplers_and_models(samplers: Any, classifier: Any) -> dict[str, dict[str, Any]]:
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
    for name, sampler in samplers.items():  # fail on a bad sampler before any fitting
        if sampler is not None and not hasattr(sampler, "fit_resample"):
            raise TypeError(
                f"samplers[{name!r}] must be an imbalanced-learn sampler (with fit_resample) "
                f"or None, got {type(sampler).__name__}."
            )
    return {
        model_name: {
            str(name): make_pipeline_with_sampler(sampler, model)
            for name, sampler in samplers.items()
        }
        for model_name, model in models.items()
    }


def cross_validate_samplers(
    samplers: Mapping[str, Any],
    classifier: Any,
    X: Any,
    y: Any,
    *,
    cv: Any = None,
    scoring: Any = None,
    pos_label: Any = None,
    n_jobs: int | None = None,
    random_state: Any = 0,
) -> pd.DataFrame:
    """Score every sampler-classifier pair on the same folds, leak-free; one row per fold.

    The per-fold table behind :func:`compare_samplers`, and what :func:`paired_differences`
    needs: since every pair sees the same folds, two pairs can be compared fold by fold.

    Parameters
    ----------
    samplers, classifier, X, y, cv, scoring, pos_label, n_jobs, random_state
        As in :func:`compare_samplers`.

    Returns
    -------
    DataFrame
        Index levels ``model``, ``sampler``, ``fold`` (``model`` is ``""`` when
        ``classifier`` is a single model); one column per metric. ``attrs`` holds
        ``test_train_ratio`` (test rows over training rows, averaged over folds) and
        ``pos_label``.

    Examples
    --------
    >>> from imblearn.under_sampling import RandomUnderSampler
    >>> from sklearn.linear_model import LogisticRegression
    >>> from helpers import make_imbalanced
    >>> X, y = make_imbalanced(300)
    >>> samplers = {"none": None, "RUS": RandomUnderSampler(random_state=0)}
    >>> folds = cross_validate_samplers(samplers, LogisticRegression(), X, y, cv=3,
    ...                                 scoring=["recall"])
    >>> folds.shape, folds.index.names
    ((6, 1), FrozenList(['model', 'sampler', 'fold']))
    >>> round(folds.attrs["test_train_ratio"], 2)
    0.5
    """
    pipelines = _check_samplers_and_models(samplers, classifier)
    return _cross_validate(pipelines, X, y, cv, scoring, pos_label, n_jobs, random_state)


def cross_validate_leaky(
    sampler: Any,
    classifier: Any,
    X: Any,
    y: Any,
    *,
    cv: Any = None,
    scoring: Any = None,
    pos_label: Any = None,
    honest: bool = False,
    random_state: Any = 0,
) -> pd.DataFrame:
    """The mistake, measured: resample all of ``X, y`` first, then cross-validate.

    For teaching only; the protocols are chapter 03's. Each fold's model is fitted on
    resampled training rows and scored twice: on its whole test fold (resampled rows, what
    the leaky protocol reports: ``"leaky"``) and on the real rows of that fold only
    (``"leaky, real rows"``). The honest protocol is :func:`cross_validate_samplers` on the
    same ``cv`` (``honest=True`` adds it: ``"honest"``).

    Parameters
    ----------
    sampler : imbalanced-learn over-sampler
        One that keeps the real rows first and appends the new ones after them (every
        imbalanced-learn over-sampler does), so the real rows can be told apart.
    classifier : estimator
        Fitted, a fresh clone per fold, on the resampled rows.
    X, y, cv, scoring, pos_label, random_state
        As in :func:`evaluate`; ``cv`` splits the *resampled* rows (an int: shuffled
        stratified folds seeded with ``random_state``).
    honest : bool, default=False
        Also the honest protocol, with the same splitter on the real rows: the sampler
        inside an imbalanced-learn pipeline, refitted on each training fold.

    Returns
    -------
    DataFrame
        One row per fold; two column levels: the ``protocol`` (``"honest"`` first when asked
        for, then ``"leaky, real rows"`` and ``"leaky"``), then each metric and ``minority
        share`` (the positive class's share of the rows that protocol scores).

    Examples
    --------
    >>> from imblearn.over_sampling import RandomOverSampler
    >>> from sklearn.tree import DecisionTreeClassifier
    >>> from helpers import make_imbalanced
    >>> X, y = make_imbalanced(300, random_state=0)
    >>> leaky = cross_validate_leaky(RandomOverSampler(random_state=0),
    ...                              DecisionTreeClassifier(random_state=0), X, y,
    ...                              cv=3, scoring=["recall"])
    >>> leaky.mean().round(2).unstack()  # copies of the test positives were in training
    metric            minority share  recall
    protocol
    leaky                        0.5     1.0
    leaky, real rows             0.1     1.0
    >>> both = cross_validate_leaky(RandomOverSampler(random_state=0),
    ...                             DecisionTreeClassifier(random_state=0), X, y,
    ...                             cv=3, scoring=["recall"], honest=True)
    >>> both.mean().round(2).unstack()  # no copy of a test row in training: the honest recall
    metric            minority share  recall
    protocol
    honest                       0.1    0.63
    leaky                        0.5    1.00
    leaky, real rows             0.1    1.00
    """
    check_random_state_arg(random_state)
    _check_classifier(classifier, "classifier")
    if not hasattr(sampler, "fit_resample"):
        raise TypeError(
            f"sampler must be an imbalanced-learn sampler (with fit_resample), got "
            f"{type(sampler).__name__}."
        )
    labels = _check_xy(X, y)
    scorers = _check_scoring(scoring, labels, pos_label)
    positive = _check_pos_label(pos_label, labels)
    X_res, y_res = clone(sampler).fit_resample(X, labels)  # the caller's sampler stays unfitted
    X_res, y_res = np.asarray(X_res), np.asarray(y_res)
    if len(y_res) < len(labels) or not np.array_equal(X_res[: len(labels)], np.asarray(X)):
        raise ValueError(
            f"sampler: {type(sampler).__name__} does not keep the real rows first; "
            "cross_validate_leaky needs an over-sampler that appends its new rows."
        )
    real = np.arange(len(y_res)) < len(labels)
    splitter = _check_cv(cv, y_res, random_state)
    if isinstance(splitter, (int, np.integer)):
        # Shuffled: unshuffled stratified folds would put every real positive (the first
        # rows of their class) in the same fold.
        splitter = StratifiedKFold(
            int(splitter), shuffle=True, random_state=_fold_seed(random_state)
        )
    scorers = {name: get_scorer(s) if isinstance(s, str) else s for name, s in scorers.items()}
    rows = []
    for train, test in splitter.split(X_res, y_res):
        fitted = clone(classifier).fit(X_res[train], y_res[train])
        row = {}
        for rows_name, rows_index in (("leaky, real rows", test[real[test]]), ("leaky", test)):
            for name, scorer in scorers.items():
                row[(rows_name, name)] = scorer(fitted, X_res[rows_index], y_res[rows_index])
            row[(rows_name, "minority share")] = float(np.mean(y_res[rows_index] == positive))
        rows.append(row)
    out = pd.DataFrame(rows)
    if honest:
        folds = cross_validate_samplers(
            {"": sampler}, classifier, X, y, cv=splitter, scoring=scorers, pos_label=pos_label
        )
        honest_rows = folds.reset_index(drop=True)
        honest_rows["minority share"] = [
            float(np.mean(labels[test] == positive)) for _, test in splitter.split(X, labels)
        ]
        out = pd.concat([pd.concat({"honest": honest_rows}, axis=1), out], axis=1)
    out.columns = pd.MultiIndex.from_tuples(out.columns, names=["protocol", "metric"])
    out.index.name = "fold"
    return out


def compare_samplers(
    samplers: Mapping[str, Any],
    classifier: Any,
    X: Any,
    y: Any,
    *,
    cv: Any = None,
    scoring: Any = None,
    pos_label: Any = None,
    n_jobs: int | None = None,
    random_state: Any = 0,
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
    X, y, cv, scoring, pos_label, n_jobs, random_state
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
    cross_validate_samplers : the same scores, one row per fold.
    paired_differences : each sampler against the baseline, fold by fold.

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
    folds = cross_validate_samplers(
        samplers,
        classifier,
        X,
        y,
        cv=cv,
        scoring=scoring,
        pos_label=pos_label,
        n_jobs=n_jobs,
        random_state=random_state,
    )
    out = summarize_folds(folds)
    if not isinstance(classifier, Mapping):
        out = out.droplevel("model")
    return out


def _check_digits(digits: Any) -> None:
    if isinstance(digits, bool) or not isinstance(digits, (int, np.integer)) or digits < 0:
        raise ValueError(f"digits must be a non-negative int, got {digits!r}.")


def _metric_labels(
    table: pd.DataFrame, metrics: Sequence[str] | Mapping[str, str] | None
) -> dict[str, str]:
    """Metric name -> column label, checked against the metrics ``table`` holds."""
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
    return labels


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
    _check_digits(digits)
    labels = _metric_labels(table, metrics)
    text = {
        label: table[(name, "mean")].map(f"{{:.{digits}f}}".format)
        + " ± "
        + table[(name, "std")].map(f"{{:.{digits}f}}".format)
        for name, label in labels.items()
    }
    out = pd.DataFrame(text, index=table.index)
    out.columns.name = table.columns.names[0]  # "metric", as in compare_samplers' table
    return out


def paired_differences(
    fold_scores: pd.DataFrame,
    *,
    baseline: str = "none",
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Each sampler minus the baseline, fold by fold, with a confidence interval.

    Two techniques scored on the same folds share each fold's luck (an easy test fold is
    easy for both), so the yardstick for "does it help?" is the spread of the per-fold
    *differences*, not each technique's own spread. Folds of repeated cross-validation
    also share training rows, so their differences are correlated and the plain t-interval
    is too narrow; the interval here uses Nadeau and Bengio's corrected variance
    ``(1 / J + n_test / n_train) * s**2`` over the ``J`` folds (Nadeau & Bengio 2003,
    "Inference for the generalization error"; Bouckaert & Frank 2004 recommend it for
    repeated cross-validation).

    Parameters
    ----------
    fold_scores : DataFrame
        What :func:`cross_validate_samplers` returns (index levels ``model``, ``sampler``,
        ``fold``; ``attrs["test_train_ratio"]``).
    baseline : str, default="none"
        The sampler every other one is compared with, per model.
    confidence : float, default=0.95
        Coverage of the interval, strictly between 0 and 1.

    Returns
    -------
    DataFrame
        One row per (model, sampler) other than the baseline (``model`` dropped when it
        is the single ``""``), two column levels: metric, then ``diff`` (mean paired
        difference), ``low`` and ``high`` (the interval) and ``above`` (share of folds
        where the sampler scored above the baseline). For a metric where lower is
        better (Brier, log-loss), a negative ``diff`` is the gain.

    Examples
    --------
    >>> from imblearn.under_sampling import RandomUnderSampler
    >>> from sklearn.linear_model import LogisticRegression
    >>> from helpers import make_imbalanced
    >>> X, y = make_imbalanced(300)
    >>> samplers = {"none": None, "RUS": RandomUnderSampler(random_state=0)}
    >>> folds = cross_validate_samplers(samplers, LogisticRegression(), X, y,
    ...                                 scoring=["recall"])
    >>> table = paired_differences(folds, baseline="none")
    >>> table.index.tolist(), table.columns.get_level_values("stat").tolist()
    (['RUS'], ['diff', 'low', 'high', 'above'])
    """
    from scipy import stats

    if not isinstance(fold_scores, pd.DataFrame) or list(fold_scores.index.names) != [
        "model",
        "sampler",
        "fold",
    ]:
        raise TypeError(
            "fold_scores must be the DataFrame cross_validate_samplers returns (index "
            "levels model, sampler, fold)."
        )
    ratio = fold_scores.attrs.get("test_train_ratio")
    if ratio is None:
        raise ValueError(
            "fold_scores: attrs['test_train_ratio'] is missing (it is set by "
            "cross_validate_samplers); set it to the test/train size ratio of the folds."
        )
    if isinstance(confidence, bool) or not 0 < float(confidence) < 1:
        raise ValueError(f"confidence must be strictly between 0 and 1, got {confidence!r}.")
    samplers = list(dict.fromkeys(fold_scores.index.get_level_values("sampler")))
    if baseline not in samplers:
        raise ValueError(f"baseline={baseline!r} is not a sampler of fold_scores: {samplers}.")
    rows = {}
    for model in dict.fromkeys(fold_scores.index.get_level_values("model")):
        by_model = fold_scores.xs(model, level="model")
        base = by_model.xs(baseline, level="sampler")
        for sampler in samplers:
            if sampler == baseline:
                continue
            diff = (by_model.xs(sampler, level="sampler") - base).to_numpy()
            n_folds = diff.shape[0]
            if n_folds < 2:
                raise ValueError("fold_scores: a paired interval needs at least 2 folds.")
            mean = diff.mean(axis=0)
            spread = np.sqrt((1 / n_folds + ratio) * diff.var(axis=0, ddof=1))
            half = stats.t.ppf((1 + confidence) / 2, df=n_folds - 1) * spread
            above = (diff > 0).mean(axis=0)
            rows[(model, sampler)] = np.stack([mean, mean - half, mean + half, above], 1).ravel()
    columns = pd.MultiIndex.from_product(
        [fold_scores.columns, ["diff", "low", "high", "above"]],
        names=[fold_scores.columns.name, "stat"],
    )
    out = pd.DataFrame.from_dict(rows, orient="index", columns=columns)
    out.index = pd.MultiIndex.from_tuples(out.index, names=["model", "sampler"])
    if set(out.index.get_level_values("model")) == {""}:
        out = out.droplevel("model")
    out.attrs["baseline"] = baseline
    out.attrs["confidence"] = confidence
    return out


def _signed(value: float, digits: int) -> str:
    """``value`` with its sign at ``digits`` decimals; a non-zero value that would print as
    ±0.000 keeps one significant digit instead, so a bound just above or below zero is not
    read as touching it (and an exact zero never prints as "-0.000")."""
    if value == 0:
        return f"{0:+.{digits}f}"
    if np.isfinite(value) and abs(value) < 0.5 * 10.0**-digits:
        rounded = float(f"{value:.1g}")  # one significant digit (9.7e-05 -> 1e-04)
        first_digit = -int(np.floor(np.log10(abs(rounded))))  # decimals to that digit
        return f"{rounded:+.{first_digit}f}"
    return f"{value:+.{digits}f}"


def format_difference(
    table: pd.DataFrame,
    metrics: Sequence[str] | Mapping[str, str] | None = None,
    *,
    digits: int = 3,
) -> pd.DataFrame:
    """Write a :func:`paired_differences` table as "+0.012 [-0.004, +0.028]" text.

    Parameters
    ----------
    table : DataFrame
        As :func:`paired_differences` returns.
    metrics : list of metric names, or mapping of metric name -> column label, optional
        Which metrics to show, in this order; a mapping also renames them.
    digits : int, default=3
        Decimals.

    Returns
    -------
    DataFrame
        Same index as ``table``; one column of strings per metric: the mean difference,
        then the interval in brackets. A non-zero value that would round to zero keeps one
        significant digit (``+0.0003``), so an interval that excludes zero never seems to
        touch it.

    Examples
    --------
    >>> import pandas as pd
    >>> columns = pd.MultiIndex.from_product([["recall"], ["diff", "low", "high", "above"]])
    >>> table = pd.DataFrame([[0.05, -0.01, 0.11, 0.7]], index=["RUS"], columns=columns)
    >>> format_difference(table, digits=2)
                          recall
    RUS  +0.05 [-0.01, +0.11]
    """
    if not isinstance(table, pd.DataFrame) or table.columns.nlevels != 2:
        raise TypeError(
            "table must be a DataFrame with two column levels (metric, then diff/low/high), "
            "as paired_differences returns."
        )
    stats = set(table.columns.get_level_values(-1))
    if not {"diff", "low", "high"} <= stats:
        raise ValueError(
            f"table: the second column level must hold 'diff', 'low' and 'high', got {stats}."
        )
    labels = _metric_labels(table, metrics)
    _check_digits(digits)

    def signed(column: pd.Series) -> pd.Series:
        return column.map(lambda value: _signed(value, digits))

    text = {
        label: signed(table[(name, "diff")])
        + " ["
        + signed(table[(name, "low")])
        + ", "
        + signed(table[(name, "high")])
        + "]"
        for name, label in labels.items()
    }
    out = pd.DataFrame(text, index=table.index)
    out.columns.name = table.columns.names[0]
    return out
