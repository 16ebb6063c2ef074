"""Figures the notebooks share: before/after resampling, decision boundaries, class counts.

One convention for every plotting helper:

- Where to draw is keyword-only: ``ax=`` for a one-panel figure, ``axes=`` (a pair) for a
  two-panel one. When it is not given, the helper makes a new figure (``layout="constrained"``).
- A function returns what it drew on: the ``Axes`` for one panel
  (:func:`plot_decision_boundary`, :func:`plot_class_distribution`), the ``Figure`` for
  several (:func:`plot_before_after`, :func:`plot_decision_boundaries`).
- A figure that changes in place is a *display* object, as in scikit-learn
  (``ConfusionMatrixDisplay``): ``from_...`` constructors check the data and plot;
  ``plot(axes=None)`` returns the display, with ``axes_``, ``figure_`` and the artists as
  attributes; ``update(...)`` moves those artists and returns the ones it changed
  (:class:`BeforeAfterDisplay`, which :func:`plot_before_after` and
  :func:`helpers.widgets.resampling_demo` both draw with).
- Classes keep their colours (:data:`CLASS_COLORS`, most frequent class first) and legends go
  under the axes, so they never hide the points.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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
    "BeforeAfterDisplay",
    "plot_before_after",
    "plot_class_distribution",
    "plot_decision_boundaries",
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
#: Marker area of the data points, and the font size of panel titles (a slider demo's title
#: has a second line with its settings).
POINT_SIZE = 14
TITLE_SIZE = 10


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


def _check_axes_pair(axes: Any) -> tuple[Axes, Axes]:
    try:
        ax_before, ax_after = axes
    except (TypeError, ValueError):
        raise TypeError(f"axes must be a pair of matplotlib Axes, got {axes!r}.") from None
    if not isinstance(ax_before, Axes) or not isinstance(ax_after, Axes):
        raise TypeError(f"axes must be a pair of matplotlib Axes, got {axes!r}.")
    return ax_before, ax_after


class BeforeAfterDisplay:
    """Before/after resampling, side by side: one figure, drawn once, updated in place.

    Built like scikit-learn's displays (``ConfusionMatrixDisplay``): create it with
    :meth:`from_resampling`, or construct it and call :meth:`plot`; the matplotlib objects
    are kept as attributes ending in ``_``. :meth:`update` moves the existing artists to a
    new resampling (offsets, legend text, title) instead of drawing again, which is what
    keeps a slider fast; :func:`plot_before_after` and
    :func:`~helpers.widgets.resampling_demo` both draw with it.

    Synthetic points (oversampling) are diamonds with a vermilion edge; removed points
    (undersampling, cleaning) are black crosses on the left panel. Only the first two
    features are drawn.

    Parameters
    ----------
    X_before, y_before : array-like
        Data before resampling.
    X_after, y_after : array-like
        Data after resampling (the output of ``fit_resample``).
    technique_name : str
        Used in the right panel's title.
    feature_names : sequence of str, optional
        Axis labels; taken from ``X_before``'s DataFrame columns when not given.

    Attributes
    ----------
    is_new_ : ndarray of bool, shape (len(X_after),)
        Rows of ``X_after`` that the sampler made (see :func:`split_new_and_removed`).
    is_removed_ : ndarray of bool, shape (len(X_before),)
        Rows of ``X_before`` that the sampler dropped.
    classes_ : list
        Classes from most to least frequent before resampling; they set the colours.
    axes_ : ndarray of Axes, shape (2,)
        The before and after panels (after :meth:`plot`).
    figure_ : Figure
        The figure that holds them.
    kept_, original_, new_ : dict of class -> PathCollection
        Per class: the points kept (left), the original points kept (right), the synthetic
        points (right).
    removed_ : PathCollection
        The removed points (left).
    legends_ : tuple of two Legend
    titles_ : tuple of two Text

    Examples
    --------
    >>> from imblearn.over_sampling import SMOTE
    >>> from imblearn.under_sampling import RandomUnderSampler
    >>> from helpers import make_imbalanced
    >>> X, y = make_imbalanced(200)
    >>> X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)
    >>> display = BeforeAfterDisplay.from_resampling(X, y, X_res, y_res, technique_name="SMOTE")
    >>> display.titles_[1].get_text()
    'After SMOTE (n=360)'
    >>> int(display.is_new_.sum())
    160
    >>> X_rus, y_rus = RandomUnderSampler(random_state=0).fit_resample(X, y)
    >>> changed = display.update(X_rus, y_rus, subtitle="undersampled instead")
    >>> display.titles_[1].get_text()
    'After SMOTE (n=40)\\nundersampled instead'
    >>> len(display.original_[1].get_offsets())
    20
    """

    def __init__(
        self,
        X_before: Any,
        y_before: Any,
        X_after: Any,
        y_after: Any,
        *,
        technique_name: str,
        feature_names: Sequence[str] | None = None,
    ) -> None:
        if not isinstance(technique_name, str):
            raise TypeError(
                f"technique_name must be a string, got {type(technique_name).__name__}."
            )
        Xb = check_features(X_before, "X_before")
        yb = check_target(y_before, "y_before", min_classes=1)
        check_consistent_length(Xb, yb, ("X_before", "y_before"))
        if Xb.shape[1] < 2:
            raise ValueError(f"X_before needs at least two features to plot, got {Xb.shape[1]}.")
        self.technique_name = technique_name
        self.feature_names = _feature_names(X_before, feature_names)
        self.X_before, self.y_before = Xb, yb
        Xa, ya = self._check_after(X_after, y_after)
        self.X_after, self.y_after = Xa, ya
        self.is_new_, self.is_removed_ = split_new_and_removed(Xb, Xa)
        self.classes_ = _class_order(yb, ya)

    @classmethod
    def from_resampling(
        cls,
        X_before: Any,
        y_before: Any,
        X_after: Any,
        y_after: Any,
        *,
        technique_name: str,
        feature_names: Sequence[str] | None = None,
        axes: Sequence[Axes] | None = None,
    ) -> BeforeAfterDisplay:
        """Check the data and draw it: ``BeforeAfterDisplay(...).plot(axes=axes)``.

        Parameters are those of the class, plus ``axes`` as in :meth:`plot`.

        Returns
        -------
        BeforeAfterDisplay
        """
        display = cls(
            X_before,
            y_before,
            X_after,
            y_after,
            technique_name=technique_name,
            feature_names=feature_names,
        )
        return display.plot(axes=axes)

    def _check_after(self, X_after: Any, y_after: Any) -> tuple[np.ndarray, np.ndarray]:
        Xa = check_features(X_after, "X_after")
        ya = check_target(y_after, "y_after", min_classes=1)
        check_consistent_length(Xa, ya, ("X_after", "y_after"))
        return Xa, ya

    def _offsets(self) -> dict[str, Any]:
        """Where every artist's points go, for the current data."""
        Xb, yb, Xa, ya = self.X_before[:, :2], self.y_before, self.X_after[:, :2], self.y_after
        is_new, is_removed = self.is_new_, self.is_removed_
        return {
            "kept": {c: Xb[(yb == c) & ~is_removed] for c in self.classes_},
            "removed": Xb[is_removed],
            "original": {c: Xa[(ya == c) & ~is_new] for c in self.classes_},
            "new": {c: Xa[(ya == c) & is_new] for c in self.classes_},
        }

    def _labels(self) -> tuple[list[str], list[str]]:
        """The legends' texts, for the entries chosen in :meth:`plot`."""
        # Every legend adds up to its panel's n: with removed rows, the left legend counts the
        # kept rows of each class; with new rows, the right legend counts each class's
        # original rows apart from the new ones.
        yb, ya, is_new, is_removed = self.y_before, self.y_after, self.is_new_, self.is_removed_
        if self._show_removed:
            before = [
                f"class {c} kept (n={int(((yb == c) & ~is_removed).sum())})" for c in self.classes_
            ]
            before.append(f"removed (n={int(is_removed.sum())})")
        else:
            before = [f"class {c} (n={int((yb == c).sum())})" for c in self.classes_]
        after = [
            f"class {c} original (n={int(((ya == c) & ~is_new).sum())})"
            if c in self._new_classes
            else f"class {c} (n={int((ya == c).sum())})"
            for c in self.classes_
        ]
        after += [
            f"new class {c} (n={int(((ya == c) & is_new).sum())})" for c in self._new_classes
        ]
        return before, after

    def _title_after(self, subtitle: str | None) -> str:
        title = f"After {self.technique_name} (n={len(self.y_after)})"
        return f"{title}\n{subtitle}" if subtitle else title

    def plot(
        self,
        *,
        axes: Sequence[Axes] | None = None,
        show_removed: bool | None = None,
        new_classes: Sequence[Any] | None = None,
    ) -> BeforeAfterDisplay:
        """Draw the two panels.

        Parameters
        ----------
        axes : pair of Axes, optional
            Draw into these (left: before, right: after); a new 10 x 4.8 inch figure with
            shared axes when not given.
        show_removed : bool, optional
            Whether the left legend has a "removed" entry; by default, when rows were
            removed. A slider demo sets it (and ``new_classes``) for all its frames.
        new_classes : sequence, optional
            Classes with a "new class" legend entry; by default those with synthetic rows.

        Returns
        -------
        BeforeAfterDisplay
            ``self``, with ``axes_``, ``figure_`` and the artists set.
        """
        if axes is None:
            fig, axes = plt.subplots(
                1, 2, figsize=(10, 4.8), sharex=True, sharey=True, layout="constrained"
            )
        ax_before, ax_after = _check_axes_pair(axes)
        self._show_removed = bool(self.is_removed_.any()) if show_removed is None else show_removed
        if new_classes is None:
            new_classes = [c for c in self.classes_ if (self.y_after[self.is_new_] == c).any()]
        unknown = [c for c in new_classes if c not in self.classes_]
        if unknown:
            raise ValueError(f"new_classes: {unknown} are not among the classes {self.classes_}.")
        self._new_classes = list(new_classes)

        offsets = self._offsets()
        colors = {c: CLASS_COLORS[i % len(CLASS_COLORS)] for i, c in enumerate(self.classes_)}
        self.kept_ = {
            c: ax_before.scatter(*offsets["kept"][c].T, s=POINT_SIZE, color=colors[c], alpha=0.6)
            for c in self.classes_
        }
        # Under the kept points (zorder), so a cross never hides a row that stays.
        self.removed_ = ax_before.scatter(
            *offsets["removed"].T,
            s=30,
            marker="x",
            color=REMOVED_COLOR,
            linewidths=1.2,
            zorder=0.9,
        )
        self.original_ = {
            c: ax_after.scatter(
                *offsets["original"][c].T, s=POINT_SIZE, color=colors[c], alpha=0.6
            )
            for c in self.classes_
        }
        self.new_ = {
            c: ax_after.scatter(
                *offsets["new"][c].T,
                s=22,
                color=colors[c],
                edgecolors=NEW_COLOR,
                linewidths=1.0,
                marker="D",
            )
            for c in self.classes_
        }
        labels_before, labels_after = self._labels()
        handles_before = [*self.kept_.values()] + ([self.removed_] if self._show_removed else [])
        handles_after = [*self.original_.values()] + [self.new_[c] for c in self._new_classes]
        self.legends_ = (
            ax_before.legend(handles_before, labels_before, **LEGEND_BELOW),
            ax_after.legend(handles_after, labels_after, **LEGEND_BELOW),
        )
        self.titles_ = (
            ax_before.set_title(f"Before (n={len(self.y_before)})", fontsize=TITLE_SIZE),
            ax_after.set_title(self._title_after(None), fontsize=TITLE_SIZE),
        )
        ax_before.set_xlabel(self.feature_names[0])
        ax_after.set_xlabel(self.feature_names[0])
        ax_before.set_ylabel(self.feature_names[1])
        self.axes_ = np.array([ax_before, ax_after], dtype=object)
        self.figure_ = ax_before.figure
        return self

    def update(self, X_after: Any, y_after: Any, *, subtitle: str | None = None) -> list[Any]:
        """Show another resampling of the same ``X_before``, moving the existing artists.

        Axis limits and legend entries stay as :meth:`plot` set them; only the points, the
        counts in the legends and the right title change.

        Parameters
        ----------
        X_after, y_after : array-like
            The new output of ``fit_resample``.
        subtitle : str, optional
            A second line for the right panel's title (a slider demo shows its settings).

        Returns
        -------
        list of Artist
            The artists changed, as :func:`~helpers.widgets.slider_demo` asks of an update.
        """
        if not hasattr(self, "figure_"):
            raise RuntimeError("call plot() before update().")
        Xa, ya = self._check_after(X_after, y_after)
        unknown = [c for c in pd.unique(ya) if c not in self.classes_]
        if unknown:
            raise ValueError(
                f"y_after has classes {unknown} that the figure does not show ({self.classes_})."
            )
        self.is_new_, self.is_removed_ = split_new_and_removed(self.X_before, Xa)
        self.X_after, self.y_after = Xa, ya
        offsets = self._offsets()
        for c in self.classes_:
            self.kept_[c].set_offsets(offsets["kept"][c])
            self.original_[c].set_offsets(offsets["original"][c])
            self.new_[c].set_offsets(offsets["new"][c])
        self.removed_.set_offsets(offsets["removed"])
        for legend, labels in zip(self.legends_, self._labels(), strict=True):
            for text, label in zip(legend.get_texts(), labels, strict=True):
                text.set_text(label)
        self.titles_[1].set_text(self._title_after(subtitle))
        return [
            *self.kept_.values(),
            self.removed_,
            *self.original_.values(),
            *self.new_.values(),
            self.titles_[1],
            *self.legends_,
        ]


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

    A shortcut for :meth:`BeforeAfterDisplay.from_resampling` that returns the figure.
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
        Cleared, then drawn into instead of a new figure (a grid of comparisons, or a slider
        demo that redraws everything).

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
    >>> [ax.get_title() for ax in fig.axes]
    ['Before (n=200)', 'After SMOTE (n=360)']
    """
    display = BeforeAfterDisplay(
        X_before,
        y_before,
        X_after,
        y_after,
        technique_name=technique_name,
        feature_names=feature_names,
    )
    if axes is not None:
        for ax in _check_axes_pair(axes):
            ax.clear()
    return display.plot(axes=axes).figure_


def _check_two_features(X: Any, y: Any, *, min_classes: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """``X`` and ``y`` as arrays, checked: a decision boundary is drawn on two features."""
    Xa = check_features(X, "X")
    ya = check_target(y, "y", min_classes=min_classes)
    check_consistent_length(Xa, ya)
    if Xa.shape[1] != 2:
        raise ValueError(f"X must have exactly 2 features to draw a boundary, got {Xa.shape[1]}.")
    return Xa, ya


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

    Xa, ya = _check_two_features(X, y)
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


def plot_decision_boundaries(
    samplers: Mapping[str, Any],
    models: Mapping[str, Any],
    X: Any,
    y: Any,
    *,
    class_labels: Sequence[str] | None = None,
    title: str | None = None,
) -> Figure:
    """One panel per (model, sampler): the model fitted on all of ``X, y`` behind the
    sampler, its decision regions over the original points.

    Parameters
    ----------
    samplers : mapping of name -> sampler or None
        The columns; ``None`` is no resampling.
    models : mapping of name -> classifier
        The rows; each is cloned and put behind each sampler
        (:func:`helpers.make_pipeline_with_sampler`).
    X : array-like of shape (n_samples, 2)
    y : array-like of shape (n_samples,)
    class_labels : list of str, optional
        The classes' names in the shared legend, most frequent class first (default:
        as :func:`plot_decision_boundary` names them).
    title : str, optional
        The figure's title.

    Returns
    -------
    Figure

    Examples
    --------
    >>> from imblearn.under_sampling import RandomUnderSampler
    >>> from sklearn.linear_model import LogisticRegression
    >>> from helpers import make_imbalanced
    >>> X, y = make_imbalanced(200)
    >>> fig = plot_decision_boundaries(
    ...     {"none": None, "RUS": RandomUnderSampler(random_state=0)},
    ...     {"linear": LogisticRegression()}, X, y)
    >>> len(fig.axes)
    2
    """
    from .evaluation import make_pipeline_with_sampler

    for name, value in (("samplers", samplers), ("models", models)):
        if not isinstance(value, Mapping) or not value:
            raise TypeError(f"{name} must be a non-empty dict of name -> estimator.")
    _check_two_features(X, y, min_classes=2)  # before any fitting
    fig, axes = plt.subplots(
        len(models),
        len(samplers),
        figsize=(3.3 * len(samplers) + 0.4, 3.2 * len(models) + 0.5),
        sharex=True,
        sharey=True,
        layout="constrained",
        squeeze=False,
    )
    for row, (model_name, model) in zip(axes, models.items(), strict=True):
        for ax, (sampler_name, sampler) in zip(row, samplers.items(), strict=True):
            fitted = make_pipeline_with_sampler(sampler, model).fit(X, y)
            plot_decision_boundary(fitted, X, y, ax=ax, title=f"{model_name}\n{sampler_name}")
            ax.title.set_fontsize(TITLE_SIZE)
            legend = ax.get_legend()
            handles, labels = legend.legend_handles, [t.get_text() for t in legend.get_texts()]
            legend.remove()
            ax.set_xlabel("feature 0" if ax in axes[-1] else "")
        row[0].set_ylabel("feature 1")
    if class_labels is not None:
        labels = [*class_labels, *labels[len(class_labels) :]]
    fig.legend(handles, labels, loc="outside lower center", ncol=3, fontsize=9, frameon=False)
    if title:
        fig.suptitle(title)
    return fig


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
