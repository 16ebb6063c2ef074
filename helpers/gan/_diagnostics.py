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
        Mean cross-validated ROC AUC of the classifier telling real (1) from synthetic (0)
        rows. 0.5: it cannot tell them apart; 1.0: every synthetic row is recognisable.
    auc_std : float
        Standard deviation of the AUC over folds.
    n_real, n_synthetic : int
        Rows of each kind.
    """

    auc: float
    auc_std: float
    n_real: int
    n_synthetic: int


def _check_pair(X_real: Any, X_synthetic: Any) -> tuple[np.ndarray, np.ndarray]:
    real = check_features(X_real, "X_real")
    synthetic = check_features(X_synthetic, "X_synthetic")
    if real.shape[1] != synthetic.shape[1]:
        raise ValueError(
            "X_real and X_synthetic must have the same number of features, got "
            f"{real.shape[1]} and {synthetic.shape[1]}."
        )
    return real, synthetic


def classifier_two_sample_test(
    X_real: Any,
    X_synthetic: Any,
    *,
    classifier: Any = None,
    cv: int = 5,
    random_state: int = 0,
) -> TwoSampleTest:
    """How well can a classifier tell synthetic rows from real ones? (Lopez-Paz & Oquab, 2017)

    The rows are labelled real (1) or synthetic (0) and a classifier is cross-validated
    on that task. A ROC AUC near 0.5 means the synthetic rows are indistinguishable *to
    this classifier*; near 1.0 means they are easy to spot. Copies of real rows would
    score 0.5 too, so pair it with a check that the rows are not memorised.

    Parameters
    ----------
    X_real, X_synthetic : array-like of shape (n, n_features)
        The real rows (e.g. the minority class) and the generated ones.
    classifier : classifier, optional
        Default: a random forest (100 trees, leaves of at least 3 rows), which needs no
        scaling and picks up non-linear differences.
    cv : int, default=5
        Stratified folds (shuffled with ``random_state``).
    random_state : int, default=0
        Seed of the folds and of the default forest.

    Returns
    -------
    TwoSampleTest

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> same = classifier_two_sample_test(rng.normal(size=(100, 2)), rng.normal(size=(100, 2)))
    >>> shifted = classifier_two_sample_test(rng.normal(size=(100, 2)),
    ...                                      rng.normal(3.0, size=(100, 2)))
    >>> bool(same.auc < 0.65), bool(shifted.auc > 0.95)
    (True, True)
    """
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.model_selection import StratifiedKFold, cross_val_score

    real, synthetic = _check_pair(X_real, X_synthetic)
    cv = check_positive_int(cv, "cv", minimum=2)
    if min(len(real), len(synthetic)) < cv:
        raise ValueError(
            f"X_real and X_synthetic need at least cv={cv} rows each, got {len(real)} and "
            f"{len(synthetic)}."
        )
    if classifier is None:
        classifier = RandomForestClassifier(
            n_estimators=100, min_samples_leaf=3, random_state=random_state
        )
    X = np.vstack([real, synthetic])
    labels = np.r_[np.ones(len(real), dtype=int), np.zeros(len(synthetic), dtype=int)]
    splitter = StratifiedKFold(n_splits=cv, shuffle=True, random_state=random_state)
    scores = cross_val_score(classifier, X, labels, cv=splitter, scoring="roc_auc")
    return TwoSampleTest(
        auc=float(scores.mean()),
        auc_std=float(scores.std()),
        n_real=len(real),
        n_synthetic=len(synthetic),
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
        set its ``mean``, ``std`` and the two-sample Kolmogorov-Smirnov statistic ``ks``
        (the largest gap between the two empirical CDFs: 0 = same distribution, 1 = no
        overlap). Columns are a two-level index: (set, statistic).

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> table = compare_marginals(rng.normal(size=(200, 2)), rng.normal(1.0, size=(200, 2)))
    >>> table.columns.tolist()[:3]
    [('real', 'mean'), ('real', 'std'), ('synthetic', 'mean')]
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
        columns[(name, "ks")] = [
            ks_2samp(real[:, j], synthetic[:, j]).statistic for j in range(real.shape[1])
        ]
    table = pd.DataFrame(columns, index=pd.Index(names, name="feature"))
    table.columns.names = ["set", "statistic"]
    return table
