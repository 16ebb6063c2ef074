"""Plots of the synthetic rows: :func:`plot_marginals`, one histogram per feature."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .._validation import check_features, check_positive_int
from ._diagnostics import _check_pair, _names_for, _synthetic_sets


def plot_marginals(
    X_real: Any,
    X_synthetic: Any,
    *,
    feature_names: Sequence[str] | None = None,
    bins: int = 20,
    n_cols: int = 4,
    axes: Any = None,
) -> Any:
    """Overlay each feature's histogram for real and synthetic rows.

    Parameters
    ----------
    X_real, X_synthetic, feature_names
        As in :func:`compare_marginals` (``X_synthetic`` may be a dict of several sets).
    bins : int, default=20
        Histogram bins, shared by all sets of a feature.
    n_cols : int, default=4
        Panels per row.
    axes : array of Axes, optional
        Draw into these (one per feature) instead of a new figure.

    Returns
    -------
    Figure

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> fig = plot_marginals(rng.normal(size=(100, 3)), rng.normal(size=(100, 3)))
    >>> len(fig.axes)
    3
    """
    import matplotlib.pyplot as plt

    from ..plotting import CLASS_COLORS

    sets = _synthetic_sets(X_synthetic)
    real = check_features(X_real, "X_real")
    synthetic = {name: _check_pair(real, rows)[1] for name, rows in sets.items()}
    names = _names_for(X_real, real.shape[1], feature_names)
    bins = check_positive_int(bins, "bins", minimum=2)
    n_cols = check_positive_int(n_cols, "n_cols")
    n_features = real.shape[1]
    if axes is None:
        n_cols = min(n_cols, n_features)
        n_rows = -(-n_features // n_cols)
        fig, grid = plt.subplots(
            n_rows,
            n_cols,
            figsize=(3.0 * n_cols, 2.4 * n_rows),
            layout="constrained",
            squeeze=False,
        )
        for ax in grid.ravel()[n_features:]:
            ax.remove()
        axes = grid.ravel()[:n_features]
    else:
        axes = np.ravel(axes)
        if len(axes) < n_features:
            raise ValueError(f"axes: need {n_features} axes, got {len(axes)}.")
        fig = axes[0].figure
    # Real rows in the minority colour, synthetic sets in the next colours, outlined.
    colors = [CLASS_COLORS[1], CLASS_COLORS[2], CLASS_COLORS[3], CLASS_COLORS[5]]
    for j, ax in enumerate(axes[:n_features]):
        values = [real[:, j], *(rows[:, j] for rows in synthetic.values())]
        low = min(v.min() for v in values)
        high = max(v.max() for v in values)
        constant = high == low
        if constant:  # an odd number of bins, so the one value sits in the middle of one
            edges = np.linspace(low - 0.5, high + 0.5, bins + 1 + (bins + 1) % 2)
        else:
            edges = np.linspace(low, high, bins + 1)
        ax.hist(
            real[:, j],
            bins=edges,
            density=True,
            color=colors[0],
            alpha=0.55,
            label=f"real (n={len(real)})",
        )
        for k, (name, rows) in enumerate(synthetic.items(), start=1):
            ax.hist(
                rows[:, j],
                bins=edges,
                density=True,
                histtype="step",
                linewidth=1.8,
                color=colors[k % len(colors)],
                label=f"{name} (n={len(rows)})",
            )
        value = real[0, j]
        ax.set_title(f"{names[j]} (one value: {value:.3g})" if constant else names[j], fontsize=10)
        ax.set_yticks([])
    axes[0].set_ylabel("density")
    axes[0].legend(fontsize=8, loc="best")
    return fig
