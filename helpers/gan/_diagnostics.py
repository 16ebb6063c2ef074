"""How good are the synthetic rows? :func:`classifier_two_sample_test` (with its result
:class:`TwoSampleTest`) and the per-feature comparison :func:`compare_marginals`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .._validation import check_features, check_positive_int


@dataclass(frozen=True)
class TwoSampleTest:
    """Result of :func:`classifier_two_sample_test`.

    Attributes
    ----------
    auc : float
        Mean over the folds of the ROC AUC of the classifier telling real (1) from
        synthetic (0) rows. 0.5: it cannot tell them apart; 1.0: every synthetic row is
        recognisable.
    auc_std : float
        Standard deviation of the AUC over folds.
    p_value : float
        One-sided permutation p-value of ``auc``: the share of label permutations (within
        each test fold, the fitted classifiers kept) whose mean AUC reaches ``auc``,
        counting the observed labelling itself, ``(1 + hits) / (1 + n_permutations)``.
        Small: the classifier tells the two apart better than chance.
    critical_auc : float
        The 95th percentile of the permutation null distribution of the mean AUC: with
        these numbers of rows, a difference is detected at the 5 % level only if the
        classifier's AUC exceeds it. It measures the test's power: with few rows, only
        gross differences get there.
    n_real, n_synthetic : int
        Rows of each kind.
    n_permutations : int
        Label permutations behind ``p_value`` and ``critical_auc``.
    """

    auc: float
    auc_std: float
    p_value: float
    critical_auc: float
    n_real: int
    n_synthetic: int
    n_permutations: int


def _check_pair(X_real: Any, X_synthetic: Any) -> tuple[np.ndarray, np.ndarray]:
    real = check_features(X_real, "X_real")
    synthetic = check_features(X_synthetic, "X_synthetic")
    if real.shape[1] != synthetic.shape[1]:
        raise ValueError(
            "X_real and X_synthetic must have the same number of features, got "
            f"{real.shape[1]} and {synthetic.shape[1]}."
        )
    return real, synthetic


def _positive_scores(model: Any, X: np.ndarray) -> np.ndarray:
    """The fitted classifier's score for class 1 (real): probability or decision value."""
    if hasattr(model, "predict_proba"):
        proba = model.predict_proba(X)
        return proba[:, list(model.classes_).index(1)]
    return np.asarray(model.decision_function(X), dtype=float)


def _rank_auc(ranks: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """ROC AUC from the ranks of the scores (Mann-Whitney U / (n1 n0)); ``labels`` may be a
    stack of labellings, one per row (equal to :func:`sklearn.metrics.roc_auc_score` with
    average ranks for ties)."""
    n_pos = labels.sum(axis=-1)
    n_neg = labels.shape[-1] - n_pos
    return (labels @ ranks - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def classifier_two_sample_test(
    X_real: Any,
    X_synthetic: Any,
    *,
    classifier: Any = None,
    cv: int = 5,
    n_permutations: int = 1000,
    random_state: int = 0,
) -> TwoSampleTest:
    """How well can a classifier tell synthetic rows from real ones? (Lopez-Paz & Oquab, 2017)

    The rows are labelled real (1) or synthetic (0) and a classifier is cross-validated
    on that task. A ROC AUC near 0.5 means the synthetic rows are indistinguishable *to
    this classifier* (and with this many rows); near 1.0 means they are easy to spot.
    A permutation test says whether the AUC is above chance: within each test fold the
    labels are shuffled ``n_permutations`` times and the fitted classifiers' scores kept
    (valid because each fold's classifier never saw its test rows), which costs no refit.

    **Give it real rows the generator never saw.** Synthetic rows drawn from the very
    rows they are compared with are not independent of them: a generator that returns
    copies of its training rows scores far *below* 0.5 (each copy's twin is in the
    training folds with the other label), and one that interpolates between them
    (SMOTE) scores below 0.5 too, more mildly, because its rows sit next to the real
    ones they came from. Hold out part of the real rows, fit the generator on the rest,
    and compare its rows with the held-out ones.

    Parameters
    ----------
    X_real, X_synthetic : array-like of shape (n, n_features)
        Held-out real rows (e.g. of the minority class) and the generated ones.
    classifier : classifier, optional
        Any scikit-learn classifier with ``predict_proba`` or ``decision_function``.
        Default: a random forest (100 trees, leaves of at least 3 rows), which needs no
        scaling and picks up non-linear differences.
    cv : int, default=5
        Stratified folds (shuffled with ``random_state``).
    n_permutations : int, default=1000
        Label permutations for ``p_value`` and ``critical_auc`` (cheap: no refit).
    random_state : int, default=0
        Seed of the folds, of the default forest and of the permutations.

    Returns
    -------
    TwoSampleTest
        ``auc``, ``auc_std``, ``p_value``, ``critical_auc`` (the AUC a difference must
        exceed to be detected at the 5 % level with these many rows), the row counts.

    Raises
    ------
    ValueError
        If the two sets have different numbers of features, either has fewer rows than
        ``cv``, or ``cv``, ``n_permutations`` or ``random_state`` is out of range.
    TypeError
        If ``classifier`` has no ``fit`` or neither ``predict_proba`` nor
        ``decision_function``.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> same = classifier_two_sample_test(rng.normal(size=(100, 2)), rng.normal(size=(100, 2)))
    >>> shifted = classifier_two_sample_test(rng.normal(size=(100, 2)),
    ...                                      rng.normal(3.0, size=(100, 2)))
    >>> bool(same.auc < same.critical_auc), bool(same.p_value > 0.05)
    (True, True)
    >>> bool(shifted.auc > 0.95), bool(shifted.p_value < 0.01)
    (True, True)
    >>> bool(0.55 < same.critical_auc < 0.62)  # 100 against 100 rows: 0.5 +- noise
    True
    """
    from scipy.stats import rankdata
    from sklearn.base import clone
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.model_selection import StratifiedKFold

    real, synthetic = _check_pair(X_real, X_synthetic)
    cv = check_positive_int(cv, "cv", minimum=2)
    n_permutations = check_positive_int(n_permutations, "n_permutations", minimum=1)
    random_state = check_positive_int(random_state, "random_state", minimum=0)
    if min(len(real), len(synthetic)) < cv:
        raise ValueError(
            f"X_real and X_synthetic need at least cv={cv} rows each, got {len(real)} and "
            f"{len(synthetic)}."
        )
    if classifier is None:
        classifier = RandomForestClassifier(
            n_estimators=100, min_samples_leaf=3, random_state=random_state
        )
    elif not hasattr(classifier, "fit") or not (
        hasattr(classifier, "predict_proba") or hasattr(classifier, "decision_function")
    ):
        raise TypeError(
            "classifier must be a scikit-learn classifier with fit and predict_proba or "
            f"decision_function, got {type(classifier).__name__}."
        )
    X = np.vstack([real, synthetic])
    labels = np.r_[np.ones(len(real), dtype=int), np.zeros(len(synthetic), dtype=int)]
    splitter = StratifiedKFold(n_splits=cv, shuffle=True, random_state=random_state)
    rng = np.random.default_rng(random_state)
    observed, null = [], np.zeros(n_permutations)
    for train, test in splitter.split(X, labels):
        model = clone(classifier).fit(X[train], labels[train])
        ranks = rankdata(_positive_scores(model, X[test]))
        observed.append(float(_rank_auc(ranks, labels[test])))
        shuffled = rng.permuted(np.tile(labels[test], (n_permutations, 1)), axis=1)
        null += _rank_auc(ranks, shuffled) / cv
    auc = float(np.mean(observed))
    hits = int(np.sum(null >= auc - 1e-12))
    return TwoSampleTest(
        auc=auc,
        auc_std=float(np.std(observed)),
        p_value=(1 + hits) / (1 + n_permutations),
        critical_auc=float(np.quantile(null, 0.95)),
        n_real=len(real),
        n_synthetic=len(synthetic),
        n_permutations=n_permutations,
    )


def _synthetic_sets(X_synthetic: Any) -> dict[str, Any]:
    if isinstance(X_synthetic, Mapping):
        if not X_synthetic:
            raise ValueError("X_synthetic is an empty dict; give at least one set of rows.")
        return {str(name): rows for name, rows in X_synthetic.items()}
    return {"synthetic": X_synthetic}


def _names_for(X: Any, n_features: int, feature_names: Sequence[str] | None) -> list[str]:
    if feature_names is not None:
        names = [str(n) for n in feature_names]
        if len(names) != n_features:
            raise ValueError(f"feature_names has {len(names)} names for {n_features} features.")
        return names
    if isinstance(X, pd.DataFrame):
        return [str(c) for c in X.columns]
    return [f"feature {i}" for i in range(n_features)]


def compare_marginals(
    X_real: Any,
    X_synthetic: Any,
    *,
    feature_names: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Compare each feature's distribution in real and synthetic rows.

    Parameters
    ----------
    X_real : array-like or DataFrame of shape (n, n_features)
    X_synthetic : array-like of shape (m, n_features), or dict of name -> array-like
        One set of generated rows, or several to compare side by side (e.g.
        ``{"GAN": X_gan, "SMOTE": X_smote}``).
    feature_names : sequence of str, optional
        Taken from ``X_real``'s columns when it is a DataFrame.

    Returns
    -------
    DataFrame
        One row per feature; columns ``mean``/``std`` of the real rows, then per synthetic
        set its ``mean``, ``std``, ``std ratio`` (its std over the real rows' std: a
        spread check, below 1 when the generator draws too narrow a cloud, the mild form
        of mode collapse; NaN for a feature constant in the real rows) and the two-sample
        Kolmogorov-Smirnov statistic ``ks`` (the largest gap between the two empirical
        CDFs: 0 = same distribution, 1 = no overlap). Columns are a two-level index:
        (set, statistic).

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> table = compare_marginals(rng.normal(size=(200, 2)), rng.normal(1.0, size=(200, 2)))
    >>> table.columns.tolist()[:3]
    [('real', 'mean'), ('real', 'std'), ('synthetic', 'mean')]
    >>> narrow = compare_marginals(rng.normal(size=(400, 1)), rng.normal(scale=0.5, size=(400, 1)))
    >>> narrow[("synthetic", "std ratio")].round(1).tolist()
    [0.5]
    """
    from scipy.stats import ks_2samp

    sets = _synthetic_sets(X_synthetic)
    real = check_features(X_real, "X_real")
    names = _names_for(X_real, real.shape[1], feature_names)
    columns: dict[tuple[str, str], Any] = {
        ("real", "mean"): real.mean(axis=0),
        ("real", "std"): real.std(axis=0, ddof=1),
    }
    for name, rows in sets.items():
        _, synthetic = _check_pair(real, rows)
        columns[(name, "mean")] = synthetic.mean(axis=0)
        columns[(name, "std")] = synthetic.std(axis=0, ddof=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = columns[(name, "std")] / columns[("real", "std")]
        columns[(name, "std ratio")] = np.where(columns[("real", "std")] > 0, ratio, np.nan)
        columns[(name, "ks")] = [
            ks_2samp(real[:, j], synthetic[:, j]).statistic for j in range(real.shape[1])
        ]
    table = pd.DataFrame(columns, index=pd.Index(names, name="feature"))
    table.columns.names = ["set", "statistic"]
    return table
