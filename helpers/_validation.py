"""Input checks shared by the helpers.

Every check raises before any heavy work, with a message that names the argument and
says what was expected. None of them modifies its input.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd


def check_features(X: Any, name: str = "X", *, numeric: bool = True) -> np.ndarray:
    """Return ``X`` as a 2-D float array (a copy when conversion is needed).

    Raises ``TypeError`` when ``X`` is not array-like or (with ``numeric=True``) has
    non-numeric columns, and ``ValueError`` when it is empty, not 2-D, or holds NaN/inf.
    """
    if X is None or isinstance(X, (str, bytes, dict)):
        raise TypeError(f"{name} must be a 2-D array or DataFrame, got {type(X).__name__}.")
    if isinstance(X, pd.DataFrame):
        if numeric:
            bad = [c for c, dtype in X.dtypes.items() if not _is_numeric_dtype(dtype)]
            if bad:
                raise TypeError(
                    f"{name} must have numeric columns only; non-numeric: {bad}. "
                    "Encode them first (e.g. OneHotEncoder) or use SMOTENC/SMOTEN."
                )
        array = X.to_numpy(dtype=float) if numeric else X.to_numpy()
    else:
        try:
            array = np.asarray(X)
        except Exception as exc:  # ragged lists and the like
            raise TypeError(f"{name} must be a 2-D array or DataFrame: {exc}") from None
        if numeric:
            if array.dtype.kind not in "biuf":
                raise TypeError(
                    f"{name} must be numeric, got dtype {array.dtype}. "
                    "Encode categorical columns first."
                )
            array = array.astype(float)
    if array.ndim != 2:
        raise ValueError(f"{name} must be 2-D (n_samples, n_features), got shape {array.shape}.")
    if array.shape[0] == 0 or array.shape[1] == 0:
        raise ValueError(f"{name} is empty (shape {array.shape}).")
    if numeric and not np.isfinite(array).all():
        raise ValueError(f"{name} contains NaN or infinite values; impute or drop them first.")
    return array


def _is_numeric_dtype(dtype: Any) -> bool:
    # bool counts as numeric (0/1); categorical and object do not.
    return pd.api.types.is_numeric_dtype(dtype) and not isinstance(dtype, pd.CategoricalDtype)


def check_target(y: Any, name: str = "y", *, min_classes: int = 2) -> np.ndarray:
    """Return ``y`` as a 1-D array of labels.

    Raises ``TypeError`` for non array-likes and ``ValueError`` for empty input, 2-D input,
    missing labels, or fewer than ``min_classes`` distinct classes.
    """
    if y is None or isinstance(y, (str, bytes, dict)):
        raise TypeError(f"{name} must be a 1-D array or Series of labels, got {type(y).__name__}.")
    if isinstance(y, pd.DataFrame):
        if y.shape[1] != 1:
            raise ValueError(f"{name} must be 1-D, got a DataFrame with {y.shape[1]} columns.")
        y = y.iloc[:, 0]
    try:
        array = np.asarray(y)
    except Exception as exc:  # ragged lists and the like
        raise TypeError(f"{name} must be a 1-D array or Series of labels: {exc}") from None
    if array.ndim == 2 and array.shape[1] == 1:
        array = array.ravel()
    if array.ndim != 1:
        raise ValueError(f"{name} must be 1-D, got shape {array.shape}.")
    if array.shape[0] == 0:
        raise ValueError(f"{name} is empty.")
    if pd.isna(array).any():
        raise ValueError(f"{name} contains missing labels (NaN/None).")
    n_classes = len(pd.unique(array))
    if n_classes < min_classes:
        raise ValueError(
            f"{name} must contain at least {min_classes} classes, got {n_classes} "
            f"({pd.unique(array)[:5].tolist()})."
        )
    return array


def check_consistent_length(X: Any, y: Any, names: Sequence[str] = ("X", "y")) -> None:
    """Raise ``ValueError`` when ``X`` and ``y`` do not have the same number of rows."""
    n_x, n_y = len(X), len(y)
    if n_x != n_y:
        raise ValueError(
            f"{names[0]} and {names[1]} must have the same number of samples, got {n_x} and {n_y}."
        )


#: What every helper's ``random_state`` accepts, in scikit-learn's constraint language:
#: scikit-learn's own set (None, an int in [0, 2**32 - 1], a numpy RandomState) plus a numpy
#: Generator. ``GANOverSampler._parameter_constraints`` uses this list itself, and
#: :func:`check_random_state_arg` checks against it, so there is one contract.
RANDOM_STATE_CONSTRAINTS: list[Any] = ["random_state", np.random.Generator]
RANDOM_STATE_TYPES = "None, an int in [0, 2**32 - 1], a numpy RandomState or a numpy Generator"


def check_random_state_arg(random_state: Any, name: str = "random_state") -> None:
    """Raise unless ``random_state`` satisfies :data:`RANDOM_STATE_CONSTRAINTS`.

    ``ValueError`` for an int out of range, ``TypeError`` for any other type; the message
    names the argument and the accepted types. (As in scikit-learn, a bool is an int.)

    >>> check_random_state_arg(np.random.default_rng(0))
    >>> check_random_state_arg("seed", "seed")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    TypeError: seed must be None, an int in [0, 2**32 - 1], a numpy RandomState or ..., got 'seed'.
    """
    from sklearn.utils._param_validation import make_constraint

    if any(make_constraint(c).is_satisfied_by(random_state) for c in RANDOM_STATE_CONSTRAINTS):
        return
    error = ValueError if isinstance(random_state, (int, np.integer)) else TypeError
    raise error(f"{name} must be {RANDOM_STATE_TYPES}, got {random_state!r:.60}.")


def check_positive_int(value: Any, name: str, *, minimum: int = 1) -> int:
    """Return ``value`` if it is an int >= ``minimum``; raise otherwise."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}.")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}.")
    return int(value)
