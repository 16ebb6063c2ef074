"""Figures the notebooks share: before/after resampling, decision boundaries, class counts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ._validation import check_consistent_length, check_features, check_target

__all__ = [
    "CLASS_COLORS",
    "plot_before_after",
    "plot_class_distribution",
    "plot_decision_boundary",
    "split_new_and_removed",
]

# Colour-blind safe (Okabe-Ito): majority blue, minority orange, then the rest.
CLASS_COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"]
NEW_COLOR = "#D55E00"
#: Legends go under the axes, so they never hide the points a figure is about.
LEGEND_BELOW = {
    "loc": "upper center",
    "bbox_to_anchor": (0.5, -0.13),
    "ncol": 2,
    "fontsize": 8,
    "frameon": False,
}
REMOVED_COLOR = "#000000"


def _class_order(*ys: np.ndarray) -> list[Any]:
    """Classes sorted from most to least frequent in the first array, then any others."""
    first = pd.Series(ys[0]).value_counts(sort=True)
    order = list(first.index)
    for y in ys[1:]:
        order += [c for c in pd.unique(y) if c not in order]
    return order


def split_new_and_removed(X_before: Any, X_after: Any) -> tuple[np.ndarray, np.ndarray]:
    """Tell which rows a sampler added and which it removed.

    A row of ``X_after`` that is not in ``X_before`` is new (synthetic); a row of
    ``X_before`` missing from ``X_after`` was removed. Exact copies made by random
    oversampling are counted as new beyond the number of times the row first appeared.

    Parameters
    ----------
    X_before, X_after : array-like of shape (n, n_features)
        Data before and after resampling.

    Returns
    -------
    is_new : ndarray of bool, shape (len(X_after),)
    is_removed : ndarray of bool, shape (len(X_before),)

    Examples
    --------
    >>> before = np.array([[0.0, 0.0], [1.0, 1.0]])
    >>> after = np.array([[0.0, 0.0], [0.0, 0.0], [0.5, 0.5]])
    >>> is_new, is_removed = split_new_and_removed(before, after)
    >>> is_new.tolist(), is_removed.tolist()
    ([False, True, True], [False, True])
    """
    # + 0.0 turns -0.0 into 0.0: rows are compared by value, through their bytes.
    before = check_features(X_before, "X_before") + 0.0
    after = check_features(X_after, "X_after") + 0.0
    if before.shape[1] != after.shape[1]:
        raise ValueError(
            f"X_before and X_after must have the same number of features, "
            f"got {before.shape[1]} and {after.shape[1]}."
        )
    remaining: dict[bytes, int] = {}
    for row in before:
        key = row.tobytes()
        remaining[key] = remaining.get(key, 0) + 1
    is_new = np.zeros(len(after), dtype=bool)
    for i, row in enumerate(after):
        key = row.tobytes()
        if remaining.get(key, 0) > 0:
            remaining[key] -= 1
        else:
            is_new[i] = True
    # Whatever was not matched by a row of X_after was removed.
    is_removed = np.zeros(len(before), dtype=bool)
    for i, row in enumerate(before):
        key = row.tobytes()
        if remaining.get(key, 0) > 0:
            remaining[key] -= 1
            is_removed[i] = True
    return is_new, is_removed


def _feature_names(X: Any, feature_names: Sequence[str] | None) -> list[str]:
    if feature_names is not None:
        names = list(feature_names)
        if len(names) < 2:
            raise ValueError(f"feature_names needs at least two names, got {names}.")
        return names
    if isinstance(X, pd.DataFrame):
        return [str(c) for c in X.columns]
    return ["feature 0", "feature 1"]


def plot_before_after(
    X_before: Any,
    y_before: Any,
    X_after: Any,
    y_after: Any,
    technique_name: str,
    feature_names: Sequence[str] | None = None,
    *,
    axes: Sequence[Axes] | None = None,
) -> Figure:
    """Scatter the data before and after resampling, side by side.

    Synthetic points (oversampling) are drawn as diamonds with a vermilion edge and counted
    in the legend; removed points (undersampling, cleaning) are shown as crosses on the left
    panel. Only the first two features are drawn.

    Parameters
    ----------
    X_before, y_before : array-like
        Data before resampling.
    X_after, y_after : array-like
        Data after resampling (the output of ``fit_resample``).
    technique_name : str
        Used in the right panel's title.
    feature_names : sequence of str, optional
        Axis labels; taken from DataFrame columns when not given.
    axes : pair of Axes, optional
        Draw into these instead of a new figure (used by slider demos to reuse a figure).

    Returns
    -------
    Figure

    Examples
    --------
    >>> from imblearn.over_sampling import SMOTE
    >>> from helpers import make_imbalanced
    >>> X, y = make_imbalanced(200)
    >>> X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)
    >>> fig = plot_before_after(X, y, X_res, y_res, "SMOTE")
    """
    if not isinstance(technique_name, str):
        raise TypeError(f"technique_name must be a string, got {type(technique_name).__name__}.")
    Xb = check_features(X_before, "X_before")
    Xa = check_features(X_after, "X_after")
    yb = check_target(y_before, "y_before", min_classes=1)
    ya = check_target(y_after, "y_after", min_classes=1)
    check_consistent_length(Xb, yb, ("X_before", "y_before"))
    check_consistent_length(Xa, ya, ("X_after", "y_after"))
    if Xb.shape[1] < 2:
        raise ValueError(f"X_before needs at least two features to plot, got {Xb.shape[1]}.")
    names = _feature_names(X_before, feature_names)
    is_new, is_removed = split_new_and_removed(Xb, Xa)

    if axes is None:
        fig, (ax_before, ax_after) = plt.subplots(
            1, 2, figsize=(10, 4.8), sharex=True, sharey=True, layout="constrained"
        )
    else:
        ax_before, ax_after = axes
        fig = ax_before.figure
        ax_before.clear()
        ax_after.clear()

    order = _class_order(yb, ya)
    colors = {c: CLASS_COLORS[i % len(CLASS_COLORS)] for i, c in enumerate(order)}
    for c in order:
        kept = (yb == c) & ~is_removed
        ax_before.scatter(
            *Xb[kept, :2].T,
            s=14,
            color=colors[c],
            alpha=0.6,
            label=f"class {c} (n={int((yb == c).sum())})",
        )
    if is_removed.any():
        ax_before.scatter(
            *Xb[is_removed, :2].T,
            s=30,
            marker="x",
            color=REMOVED_COLOR,
            linewidths=1.2,
            label=f"removed (n={int(is_removed.sum())})",
        )
    for c in order:
        original = (ya == c) & ~is_new
        ax_after.scatter(
            *Xa[original, :2].T,
            s=14,
            color=colors[c],
            alpha=0.6,
            label=f"class {c} (n={int((ya == c).sum())})",
        )
    for c in order:
        new = (ya == c) & is_new
        if new.any():
            ax_after.scatter(
                *Xa[new, :2].T,
                s=22,
                color=colors[c],
                edgecolors=NEW_COLOR,
                linewidths=1.0,
                marker="D",
                label=f"new class {c} (n={int(new.sum())})",
            )
    ax_before.set_title(f"Before (n={len(yb)})")
    ax_after.set_title(f"After {technique_name} (n={len(ya)})")
    for ax in (ax_before, ax_after):
        ax.set_xlabel(names[0])
        ax.legend(**LEGEND_BELOW)
    ax_before.set_ylabel(names[1])
    return fig


def plot_decision_boundary(
    estimator: Any,
    X: Any,
    y: Any,
    *,
    ax: Axes | None = None,
    response_method: str = "auto",
    title: str | None = None,
) -> Axes:
    """Draw a fitted classifier's decision regions over a 2-D scatter of ``X``.

    Built on :class:`sklearn.inspection.DecisionBoundaryDisplay`.

    Parameters
    ----------
    estimator : fitted classifier
        Anything with ``predict`` (pipelines included), fitted on two features.
    X : array-like of shape (n_samples, 2)
    y : array-like of shape (n_samples,)
    ax : Axes, optional
        Where to draw; a new figure when not given.
    response_method : str, default="auto"
        Passed to ``DecisionBoundaryDisplay.from_estimator``; for a binary classifier
        "auto" shades the predicted class (``"predict"``), in the classes' colours.
    title : str, optional

    Returns
    -------
    Axes

    Examples
    --------
    >>> from sklearn.linear_model import LogisticRegression
    >>> from helpers import make_imbalanced
    >>> X, y = make_imbalanced(200)
    >>> ax = plot_decision_boundary(LogisticRegression().fit(X, y), X, y)
    """
    from sklearn.exceptions import NotFittedError
    from sklearn.inspection import DecisionBoundaryDisplay
    from sklearn.utils.validation import check_is_fitted

    Xa = check_features(X, "X")
    ya = check_target(y, "y", min_classes=1)
    check_consistent_length(Xa, ya)
    if Xa.shape[1] != 2:
        raise ValueError(f"X must have exactly 2 features to draw a boundary, got {Xa.shape[1]}.")
    if not hasattr(estimator, "predict"):
        raise TypeError("estimator must be a fitted classifier with a predict method.")
    try:
        check_is_fitted(estimator)
    except NotFittedError as exc:
        # still a NotFittedError (a ValueError), now naming the argument
        raise NotFittedError(f"estimator must be fitted first: {exc}") from None
    if ax is None:
        _, ax = plt.subplots(figsize=(5, 4.2), layout="constrained")
    X_plot = X if isinstance(X, pd.DataFrame) else Xa
    order = _class_order(ya)
    colors = {c: CLASS_COLORS[i % len(CLASS_COLORS)] for i, c in enumerate(order)}
    classes = list(getattr(estimator, "classes_", []))
    binary = len(classes) == 2 and all(c in colors for c in classes)
    # Binary: shade from one class's colour to the other's, so regions match the points.
    cmap = (
        LinearSegmentedColormap.from_list(
            "classes", [colors[classes[0]], "white", colors[classes[1]]]
        )
        if binary
        else None
    )
    if binary and response_method == "auto":
        response_method = "predict"  # two flat regions, in the two classes' colours
    display = DecisionBoundaryDisplay.from_estimator(
        estimator,
        X_plot,
        ax=ax,
        response_method=response_method,
        plot_method="contourf",
        alpha=0.25,
        cmap=cmap,
        grid_resolution=200,
    )
    handles = []
    if binary:
        # The boundary the classifier actually uses (its predict, threshold included).
        grid = np.c_[display.xx0.ravel(), display.xx1.ravel()]
        if isinstance(X, pd.DataFrame):
            grid = pd.DataFrame(grid, columns=X.columns)
        predicted = np.asarray(estimator.predict(grid)) == classes[1]
        if predicted.any() and not predicted.all():
            ax.contour(
                display.xx0,
                display.xx1,
                predicted.reshape(display.xx0.shape),
                levels=[0.5],
                colors="black",
                linewidths=1.2,
            )
            handles.append(Line2D([], [], color="black", lw=1.2, label="decision boundary"))
    for c in order:
        mask = ya == c
        ax.scatter(
            *Xa[mask].T, s=12, color=colors[c], alpha=0.7, edgecolors="none", label=f"class {c}"
        )
    ax.legend(handles=ax.get_legend_handles_labels()[0] + handles, **LEGEND_BELOW)
    if title:
        ax.set_title(title)
    return ax


def plot_class_distribution(y: Any, *, ax: Axes | None = None, title: str | None = None) -> Axes:
    """Bar chart of class counts, annotated with each class's share.

    Parameters
    ----------
    y : array-like of shape (n_samples,)
        Class labels.
    ax : Axes, optional
    title : str, optional

    Returns
    -------
    Axes

    Examples
    --------
    >>> ax = plot_class_distribution([0] * 95 + [1] * 5)
    """
    from .datasets import describe_imbalance

    table = describe_imbalance(y)
    if ax is None:
        _, ax = plt.subplots(figsize=(4.5, 3.2), layout="constrained")
    labels = [str(c) for c in table.index]
    colors = [CLASS_COLORS[i % len(CLASS_COLORS)] for i in range(len(labels))]
    bars = ax.bar(labels, table["count"], color=colors)
    for bar, share in zip(bars, table["share"], strict=True):
        ax.annotate(
            f"{share:.1%}",
            (bar.get_x() + bar.get_width() / 2, bar.get_height()),
            ha="center",
            va="bottom",
            fontsize=9,
        )
    ax.set_xlabel("class")
    ax.set_ylabel("count")
    ax.margins(y=0.15)
    ax.set_title(title or f"Class counts (imbalance ratio {table['imbalance_ratio'].max():g})")
    return ax
