"""Hostile input, generated: every public helper either returns a correct result or raises
``ValueError``/``TypeError`` naming the offending argument, and never mutates its inputs.

Inputs are drawn by hypothesis: random shapes; int, float, bool, object, string and
categorical columns; labels as ints, strings, bools, several classes or one; NaN and inf;
empty input; mismatched lengths; NumPy arrays, lists, pandas objects. Each strategy marks
what it drew hostile (:class:`Drawn`), and an error must name a hostile argument: not just
any argument, and none at all on clean input. The expensive helpers
(cross-validation, slider demos) get few, tiny examples. ``HYPOTHESIS_PROFILE=ci`` (the
default) keeps the whole file near a minute on two cores; ``dev`` tries more examples.
"""

from __future__ import annotations

import os
import pickle
import re
from dataclasses import dataclass
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from imblearn.over_sampling import SMOTE, RandomOverSampler
from imblearn.under_sampling import RandomUnderSampler
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

import helpers
from helpers import (
    alarm_counts,
    binary_scoring,
    compare_samplers,
    cross_validate_leaky,
    cross_validate_samplers,
    describe_imbalance,
    evaluate,
    format_difference,
    format_mean_std,
    load_dataset,
    make_imbalanced,
    make_transaction_stream,
    make_transactions,
    paired_differences,
    plot_before_after,
    plot_class_distribution,
    plot_decision_boundaries,
    plot_decision_boundary,
    resampling_demo,
    slider_demo,
    split_new_and_removed,
    summarize_folds,
)
from helpers.widgets import MAX_FRAMES

settings.register_profile(
    "ci",
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("dev", max_examples=200, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

#: Few examples for the helpers that cross-validate or render frames.
FEW = settings(max_examples=8)
SOME = settings(max_examples=15)

pytestmark = pytest.mark.filterwarnings(
    # Tiny, hostile folds make scikit-learn warn (ill-defined metrics, one-member classes);
    # those warnings are the correct result, not a failure.
    "ignore::sklearn.exceptions.UndefinedMetricWarning",
    "ignore:The least populated class:UserWarning",
    "ignore::RuntimeWarning",
    # lbfgs on a few hostile rows may stop at max_iter; the helper's contract is unaffected.
    "ignore::sklearn.exceptions.ConvergenceWarning",
    # A DataFrame X drawn on a model fitted on an array: scikit-learn's fair warning.
    "ignore:X has feature names:UserWarning",
)


# --- checking the contract -----------------------------------------------------------------
@dataclass(frozen=True)
class Drawn:
    """An argument drawn by a strategy, and whether the strategy made it hostile (an input
    the helper's contract lets it refuse). Arguments passed as plain values are clean."""

    value: Any
    hostile: bool = False


def clean(strategy: st.SearchStrategy) -> st.SearchStrategy:
    return strategy.map(Drawn)


def hostile(strategy: st.SearchStrategy) -> st.SearchStrategy:
    return strategy.map(lambda value: Drawn(value, True))


def either(good: st.SearchStrategy, bad: st.SearchStrategy) -> st.SearchStrategy:
    """A clean value from ``good`` (three draws in four) or a hostile one from ``bad``: with
    several arguments, enough examples must be clean throughout to test the results."""
    return st.one_of(clean(good), clean(good), clean(good), hostile(bad))


def _snapshot(value: Any) -> Any:
    """A copy to compare with later (pandas objects compared by value, not by pickle)."""
    if isinstance(value, (pd.DataFrame, pd.Series)):
        return value.copy(deep=True)
    if callable(value) or isinstance(value, Figure):
        return None  # code and figures: not data a helper could corrupt
    return pickle.dumps(value)


def _unchanged(before: Any, value: Any) -> bool:
    if isinstance(value, pd.DataFrame):
        pd.testing.assert_frame_equal(value, before, check_exact=True)
        return True
    if isinstance(value, pd.Series):
        pd.testing.assert_series_equal(value, before, check_exact=True)
        return True
    return before is None or pickle.dumps(value) == before


def call(func: Any, **arguments: Any) -> Any:
    """Call ``func`` with ``arguments`` (by name; a :class:`Drawn` one gives its value).

    Return its result, or ``None`` if it raised a ValueError/TypeError whose message names an
    argument drawn hostile. Anything else fails the test: an error on clean arguments, an
    error naming no hostile argument, any other exception, or an input changed either way.
    """
    values = {k: v.value if isinstance(v, Drawn) else v for k, v in arguments.items()}
    suspects = [k for k, v in arguments.items() if isinstance(v, Drawn) and v.hostile]
    snaps = {k: _snapshot(v) for k, v in values.items()}
    try:
        result = func(**values)
    except (ValueError, TypeError) as exc:
        message = f"{type(exc).__name__}: {exc}"
        assert suspects, f"{func.__name__} refused clean arguments: {message}"
        named = [n for n in suspects if re.search(rf"(?<![\w]){re.escape(n)}(?![\w])", message)]
        assert named, f"{func.__name__}: names none of the hostile {suspects}: {message}"
        result = None
    for name, value in values.items():
        assert _unchanged(snaps[name], value), f"{func.__name__} mutated {name}: {value!r:.200}"
    return result


# --- strategies ----------------------------------------------------------------------------
finite = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False, width=32)
special = st.sampled_from([np.nan, np.inf, -np.inf])


@st.composite
def columns(draw: Any, n: int) -> pd.Series:
    """One column of ``n`` values of a random kind."""
    kind = draw(st.sampled_from(["float", "int", "bool", "object", "string", "category"]))
    if kind == "float":
        values = draw(st.lists(finite, min_size=n, max_size=n))
        if n and draw(st.booleans()) and draw(st.booleans()):
            values[draw(st.integers(0, n - 1))] = draw(special)
        return pd.Series(values, dtype="float64")
    if kind == "int":
        return pd.Series(draw(st.lists(st.integers(-50, 50), min_size=n, max_size=n)))
    if kind == "bool":
        return pd.Series(draw(st.lists(st.booleans(), min_size=n, max_size=n)), dtype=bool)
    words = draw(st.lists(st.sampled_from(["a", "b", "c"]), min_size=n, max_size=n))
    if kind == "object":
        return pd.Series(words, dtype=object)
    if kind == "string":
        return pd.Series(words, dtype="string")
    return pd.Series(words, dtype="category")


def _clean_features(X: Any, *, min_features: int, max_features: int | None) -> bool:
    """Whether ``X`` is what every helper taking features must accept: 2-D, not empty,
    numeric (bool and int included), finite, with an allowed number of columns."""
    if isinstance(X, pd.DataFrame):
        if any(
            not pd.api.types.is_numeric_dtype(t) or isinstance(t, pd.CategoricalDtype)
            for t in X.dtypes
        ):
            return False
        array = X.to_numpy(dtype=float)
    else:
        array = np.asarray(X)
        if array.dtype.kind not in "biuf":
            return False
    if array.ndim != 2 or 0 in array.shape or not np.isfinite(array.astype(float)).all():
        return False
    return min_features <= array.shape[1] <= (max_features or array.shape[1])


@st.composite
def features(
    draw: Any,
    n: int,
    *,
    numeric_only: bool = False,
    min_features: int = 1,
    max_features: int | None = None,
) -> Drawn:
    """``X`` with ``n`` rows: a DataFrame, an array or a list, sometimes not 2-D; hostile
    unless clean for a helper that takes ``min_features`` to ``max_features`` columns."""
    shape_kind = draw(
        st.sampled_from(["numeric"] * 6 + ["frame", "array", "array", "list", "1d", "3d"])
    )
    n_features = draw(st.integers(0 if not numeric_only else 1, 4))
    if shape_kind == "numeric":  # finite numbers, of a width the helper takes
        n_features = draw(st.integers(max(min_features, 1), max_features or 4))
        values = draw(
            st.lists(
                st.lists(finite, min_size=n_features, max_size=n_features),
                min_size=n,
                max_size=n,
            )
        )
        dtype = draw(st.sampled_from(["float64", "float32", "int64"]))
        array = np.array(values, dtype=float).reshape(n, n_features).astype(dtype)
        container = draw(st.sampled_from(["array", "frame", "list"]))
        if container == "frame":
            X: Any = pd.DataFrame(array, columns=[f"f{j}" for j in range(n_features)])
        else:
            X = array.tolist() if container == "list" else array
    elif shape_kind == "frame":
        cols = {}
        for j in range(n_features):
            col = draw(columns(n))
            if numeric_only and col.dtype.kind not in "biuf":
                col = pd.Series(np.arange(n, dtype=float))
            cols[f"f{j}"] = col
        X = pd.DataFrame(cols, index=pd.RangeIndex(n))
    else:
        values = draw(
            st.lists(
                st.lists(finite, min_size=n_features, max_size=n_features),
                min_size=n,
                max_size=n,
            )
        )
        array = np.array(values, dtype=float).reshape(n, n_features)
        if n and n_features and draw(st.booleans()) and draw(st.booleans()):
            array[draw(st.integers(0, n - 1)), draw(st.integers(0, n_features - 1))] = draw(
                special
            )
        dtype = draw(st.sampled_from(["float64", "float32", "int64", "bool", "object"]))
        if not numeric_only:
            if dtype in ("int64", "bool"):
                array = np.nan_to_num(array, posinf=0, neginf=0)
            array = array.astype(dtype)
        X = {
            "list": array.tolist,
            "1d": array.ravel,
            "3d": lambda: array.reshape(n, n_features, 1),
        }.get(shape_kind, lambda: array)()
    ok = _clean_features(X, min_features=min_features, max_features=max_features)
    return Drawn(X, hostile=not ok)


@st.composite
def labels(draw: Any, n: int, *, min_classes: int = 2, min_per_class: int = 1) -> Drawn:
    """``y`` with ``n`` entries: ints (2-4 classes or 1), strings, bools, floats with NaN;
    hostile when empty, with a missing label, fewer than ``min_classes`` classes or a class
    of fewer than ``min_per_class`` rows (what cross-validation or SMOTE needs)."""
    kind = draw(st.sampled_from(["binary", "binary", "multi", "one", "str", "bool", "nan"]))
    if kind == "binary":
        values: list[Any] = draw(st.lists(st.sampled_from([0, 1]), min_size=n, max_size=n))
    elif kind == "multi":
        values = draw(st.lists(st.integers(0, 3), min_size=n, max_size=n))
    elif kind == "one":
        values = [draw(st.sampled_from([0, 1, "x"]))] * n
    elif kind == "str":
        values = draw(st.lists(st.sampled_from(["fraud", "legit"]), min_size=n, max_size=n))
    elif kind == "bool":
        values = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    else:
        values = [
            float(v) for v in draw(st.lists(st.sampled_from([0, 1]), min_size=n, max_size=n))
        ]
        if n:
            values[draw(st.integers(0, n - 1))] = np.nan
    counts = pd.Series(values, dtype=object).value_counts(dropna=False)
    ok = n > 0 and kind != "nan" and len(counts) >= min_classes and counts.min() >= min_per_class
    container = draw(st.sampled_from(["array", "series", "list", "column"]))
    if container == "series":
        y: Any = pd.Series(values, name="target")
    elif container == "list":
        y = values
    else:
        y = np.array(values)
        y = y.reshape(-1, 1) if container == "column" else y
    return Drawn(y, hostile=not ok)


@st.composite
def problems(
    draw: Any,
    *,
    min_rows: int = 0,
    max_rows: int = 24,
    numeric_only: bool = False,
    min_features: int = 1,
    max_features: int | None = None,
    min_classes: int = 2,
    min_per_class: int = 1,
) -> tuple[Drawn, Drawn]:
    """(X, y), usually of the same length, sometimes not (then both are hostile)."""
    n = draw(st.integers(min_rows, max_rows))
    m = n if draw(st.integers(0, 5)) else draw(st.integers(0, max_rows))
    X = draw(
        features(
            n, numeric_only=numeric_only, min_features=min_features, max_features=max_features
        )
    )
    y = draw(labels(m, min_classes=min_classes, min_per_class=min_per_class))
    if m != n:
        X, y = Drawn(X.value, True), Drawn(y.value, True)
    return X, y


def _n_rows(value: Any) -> int:
    return len(value)


def _as_labels(y: Any) -> np.ndarray:
    return np.asarray(y).ravel()


def _n_columns(X: Any) -> int | None:
    shape = np.shape(X)
    return shape[1] if len(shape) == 2 else None


# --- datasets ------------------------------------------------------------------------------
@SOME
@given(
    n_samples=either(
        st.integers(10, 300),
        st.one_of(st.integers(-5, 9), st.floats(0, 100), st.none(), st.booleans()),
    ),
    weights=either(
        st.sampled_from([(0.9, 0.1), (0.5, 0.3, 0.2), (0.4, 0.3, 0.2, 0.1)]),
        st.one_of(
            st.lists(st.one_of(st.floats(-0.5, 1.0), st.just(np.nan)), min_size=0, max_size=6),
            st.sampled_from([(0.2,) * 5, "ab", None, (0.9, "x")]),
        ),
    ),
    n_features=either(st.integers(2, 6), st.one_of(st.integers(-1, 1), st.just(2.0))),
    class_sep=either(
        st.floats(0.1, 3), st.one_of(st.floats(-1, 0), st.just(np.nan), st.just("wide"))
    ),
)
def test_make_imbalanced(n_samples, weights, n_features, class_sep):
    result = call(
        make_imbalanced,
        n_samples=n_samples,
        weights=weights,
        n_features=n_features,
        class_sep=class_sep,
    )
    if result is not None:
        X, y = result
        assert X.shape == (n_samples.value, n_features.value)
        assert np.isfinite(X).all()
        assert set(np.unique(y)) <= set(range(len(weights.value)))


seeds = either(st.one_of(st.integers(0, 10), st.none()), st.sampled_from(["seed", 1.5, -1, 2**32]))


@SOME
@given(
    n_samples=either(
        st.integers(2, 400), st.one_of(st.integers(-2, 1), st.floats(1, 10), st.none())
    ),
    fraud_ratio=either(
        st.floats(0.01, 0.5),
        st.one_of(
            st.floats(-0.5, 0), st.floats(1, 1.5), st.just(np.nan), st.just("2%"), st.booleans()
        ),
    ),
    random_state=seeds,
)
def test_make_transactions(n_samples, fraud_ratio, random_state):
    df = call(
        make_transactions,
        n_samples=n_samples,
        fraud_ratio=fraud_ratio,
        random_state=random_state,
    )
    if df is not None:
        assert len(df) == n_samples.value
        assert list(df.columns) == ["Amount", "Type", "Hour", "Class"]
        assert df["Class"].isin([0, 1]).all() and 1 <= df["Class"].sum() < n_samples.value
        assert (df["Amount"] > 0).all() and df["Hour"].between(0, 23).all()


@SOME
@given(
    n_samples=either(
        st.integers(100, 400), st.one_of(st.integers(-2, 99), st.floats(1, 10), st.none())
    ),
    n_customers=either(st.integers(40, 120), st.one_of(st.integers(0, 39), st.just("many"))),
    fraud_ratio_end=either(
        st.floats(0.001, 0.49),
        st.one_of(
            st.floats(-0.5, 0), st.floats(0.5, 1.5), st.just(np.nan), st.just("2%"), st.booleans()
        ),
    ),
    label_delay_days=either(st.integers(1, 10), st.one_of(st.integers(-1, 0), st.just(2.5))),
    random_state=seeds,
)
def test_make_transaction_stream(
    n_samples, n_customers, fraud_ratio_end, label_delay_days, random_state
):
    df = call(
        make_transaction_stream,
        n_samples=n_samples,
        n_customers=n_customers,
        n_days=30,
        fraud_ratio_end=fraud_ratio_end,
        label_delay_days=label_delay_days,
        random_state=random_state,
    )
    if df is not None:
        assert len(df) == n_samples.value
        assert df["Time"].is_monotonic_increasing
        lag = df["LabelTime"] - df["Time"]
        assert lag.between(1 - 1e-9, label_delay_days.value + 1e-9).all()
        assert df["Class"].isin([0, 1]).all()


@SOME
@given(
    name=either(
        st.sampled_from(["yeast4", "GLASS", "abalone19"]),
        st.one_of(
            st.sampled_from(["yeast3 ", "credit", ""]),
            st.text(max_size=8),
            st.integers(),
            st.none(),
        ),
    )
)
def test_load_dataset(name):
    result = call(load_dataset, name=name)
    if result is not None:
        X, y = result
        assert isinstance(X, pd.DataFrame) and isinstance(y, pd.Series)
        assert len(X) == len(y) > 0 and not X.isna().any().any()


@given(y=st.integers(0, 30).flatmap(lambda n: labels(n, min_classes=1)))
def test_describe_imbalance(y):
    table = call(describe_imbalance, y=y)
    if table is not None:
        assert table["count"].sum() == _n_rows(_as_labels(y.value))
        assert np.isclose(table["share"].sum(), 1.0, atol=1e-3)
        assert (table["count"].diff().dropna() <= 0).all()  # largest class first
        assert table["imbalance_ratio"].iloc[0] == 1.0  # so every ratio is at least 1


# --- plotting ------------------------------------------------------------------------------
@st.composite
def before_and_after(draw: Any) -> tuple[Drawn, Drawn, Drawn, Drawn]:
    """Two problems; ``X_after`` is hostile too when its columns differ from ``X_before``'s."""
    Xb, yb = draw(problems(min_features=2, min_classes=1))
    Xa, ya = draw(problems(min_features=2, min_classes=1))
    if _n_columns(Xa.value) != _n_columns(Xb.value):
        Xa = Drawn(Xa.value, True)
    return Xb, yb, Xa, ya


@SOME
@given(
    problem=before_and_after(),
    technique_name=either(st.just("SMOTE"), st.one_of(st.none(), st.integers())),
)
def test_plot_before_after(problem, technique_name):
    Xb, yb, Xa, ya = problem
    fig = call(
        plot_before_after,
        X_before=Xb,
        y_before=yb,
        X_after=Xa,
        y_after=ya,
        technique_name=technique_name,
    )
    if fig is not None:
        ax_before, ax_after = fig.axes[:2]
        n_before = sum(len(c.get_offsets()) for c in ax_before.collections)
        assert n_before == _n_rows(yb.value)  # every row drawn once (kept or removed)
        assert ax_after.get_title().endswith(f"(n={_n_rows(ya.value)})")
        plt.close(fig)


@given(
    X=st.integers(0, 20).flatmap(lambda n: features(n, numeric_only=False)),
    data=st.data(),
)
def test_split_new_and_removed(X, data):
    other = data.draw(st.sampled_from(["same", "shuffled", "signed-zero", "random"]))
    if other == "random":
        X_after = data.draw(features(data.draw(st.integers(0, 20))))
        if _n_columns(X_after.value) != _n_columns(X.value):
            X_after = Drawn(X_after.value, True)
    else:
        # the same rows as X: hostile exactly when X is
        base = np.asarray(X.value, dtype=float) if not X.hostile else np.asarray([])
        rows = base
        if other == "shuffled":
            rows = base[np.random.default_rng(0).permutation(len(base))]
        if other == "signed-zero":
            rows = np.where(base == 0, -0.0, base)  # the same values: nothing is new
        X_after = Drawn(rows, X.hostile)
    result = call(split_new_and_removed, X_before=X, X_after=X_after)
    if result is not None:
        is_new, is_removed = result
        assert is_new.dtype == bool and is_removed.dtype == bool
        assert len(is_new) == len(X_after.value) and len(is_removed) == _n_rows(X.value)
        # rows matched on each side are the same rows
        assert len(X_after.value) - is_new.sum() == _n_rows(X.value) - is_removed.sum()
        if other != "random":
            assert not is_new.any() and not is_removed.any()


@pytest.fixture(scope="module")
def fitted_lr():
    X, y = make_imbalanced(100, random_state=0)
    return LogisticRegression().fit(X, y)


@SOME
@given(
    problem=problems(min_features=2, max_features=2, min_classes=1),
    fitted=st.sampled_from([True, True, False]),
)
def test_plot_decision_boundary(problem, fitted, fitted_lr):
    X, y = problem
    estimator = Drawn(fitted_lr) if fitted else Drawn(LogisticRegression(), hostile=True)
    ax = call(plot_decision_boundary, estimator=estimator, X=X, y=y)
    if ax is not None:
        assert fitted
        # the points: the scatter collections (the shading and the boundary are contours)
        scatters = [c for c in ax.collections if isinstance(c, PathCollection)]
        assert sum(len(c.get_offsets()) for c in scatters) == _n_rows(_as_labels(y.value))
        plt.close(ax.figure)


@FEW
@given(
    problem=problems(min_features=2, max_features=2, min_per_class=2),
    samplers=either(
        st.sampled_from(
            [{"none": None}, {"none": None, "ROS": RandomOverSampler(random_state=0)}]
        ),
        st.sampled_from([{}, [None], "ROS"]),
    ),
    models=either(
        st.just({"LR": LogisticRegression()}), st.sampled_from([{}, LogisticRegression()])
    ),
)
def test_plot_decision_boundaries(problem, samplers, models):
    X, y = problem
    fig = call(plot_decision_boundaries, samplers=samplers, models=models, X=X, y=y)
    if fig is not None:
        assert len(fig.axes) == len(samplers.value) * len(models.value)
        for ax in fig.axes:  # every panel shows every point
            scatters = [c for c in ax.collections if isinstance(c, PathCollection)]
            assert sum(len(c.get_offsets()) for c in scatters) == _n_rows(_as_labels(y.value))
        plt.close(fig)


@given(y=st.integers(0, 30).flatmap(lambda n: labels(n, min_classes=1)))
def test_plot_class_distribution(y):
    ax = call(plot_class_distribution, y=y)
    if ax is not None:
        heights = [bar.get_height() for bar in ax.patches]
        assert sum(heights) == _n_rows(_as_labels(y.value))
        plt.close(ax.figure)


# --- evaluation ----------------------------------------------------------------------------
#: What cross-validation on 2 stratified folds needs: two rows of every class.
cv_problems = problems(min_rows=4, max_rows=30, min_per_class=2)


@FEW
@given(
    problem=cv_problems,
    scoring=st.sampled_from([None, ["recall"]]),
    random_state=seeds,
)
def test_evaluate(problem, scoring, random_state):
    X, y = problem
    model = LogisticRegression()
    table = call(evaluate, model=model, X=X, y=y, cv=2, scoring=scoring, random_state=random_state)
    if table is not None:
        assert list(table.columns) == ["mean", "std"]
        values = table.to_numpy()
        assert ((values[~np.isnan(values)] >= -1) & (values[~np.isnan(values)] <= 1)).all()
    assert not hasattr(model, "coef_")  # cross-validation fits clones only


@FEW
@given(problem=cv_problems, random_state=seeds)
def test_compare_samplers(problem, random_state):
    X, y = problem
    samplers = {"none": None, "ROS": RandomOverSampler(random_state=0)}
    table = call(
        compare_samplers,
        samplers=samplers,
        classifier=LogisticRegression(),
        X=X,
        y=y,
        cv=StratifiedKFold(2),
        scoring=["balanced_accuracy"],
        random_state=random_state,
    )
    if table is not None:
        assert table.index.tolist() == ["none", "ROS"]
        # "metric", or "metric (positive class: 0)" when the minority is not the label 1
        assert table.columns.names[0].startswith("metric") and table.columns.names[1] == "stat"


@FEW
@given(problem=cv_problems, honest=st.booleans(), random_state=seeds)
def test_cross_validate_leaky(problem, honest, random_state):
    X, y = problem
    table = call(
        cross_validate_leaky,
        sampler=RandomOverSampler(random_state=0),
        classifier=LogisticRegression(),
        X=X,
        y=y,
        cv=2,
        scoring=["balanced_accuracy"],
        honest=honest,
        random_state=random_state,
    )
    if table is not None:
        groups = ["leaky, real rows", "leaky"]
        groups = ["honest", *groups] if honest else groups
        assert list(dict.fromkeys(table.columns.get_level_values(0))) == groups
        assert len(table) == 2 and table.notna().all().all()
        shares = table.xs("minority share", axis=1, level="metric").to_numpy()
        assert ((shares >= 0) & (shares <= 1)).all()


@st.composite
def fold_tables(draw: Any) -> Drawn:
    """Per-fold counts as cross_validate_samplers returns them (possibly stacked under a
    ``data`` level); or something else, hostile."""
    n_folds = draw(st.integers(1, 4))
    stacked = draw(st.booleans())
    levels = [["a", "b"]] if stacked else []
    index = pd.MultiIndex.from_product(
        [*levels, ["", "m"], ["none", "RUS"], range(n_folds)],
        names=[*(["data"] if stacked else []), "model", "sampler", "fold"],
    )
    alarms = draw(st.lists(st.integers(0, 9), min_size=len(index), max_size=len(index)))
    hits = [draw(st.integers(0, a)) for a in alarms]
    table = pd.DataFrame({"alarms": alarms, "true positives": hits}, index=index)
    broken = draw(st.sampled_from(["", "", "", "no fold level", "no alarms", "a list"]))
    if broken == "no fold level":
        return Drawn(table.droplevel("fold"), True)
    if broken == "no alarms":  # hostile to alarm_counts only: summarize_folds takes any metric
        return Drawn(table.drop(columns="alarms"), "counts")
    if broken == "a list":
        return Drawn(table.to_numpy().tolist(), True)
    return Drawn(table)


@SOME
@given(
    fold_scores=fold_tables(),
    n_repeats=either(st.sampled_from([None, 1, 3]), st.sampled_from([0, -2, 2.5, True, "3"])),
)
def test_summarize_folds_and_alarm_counts(fold_scores, n_repeats):
    counts_missing = fold_scores.hostile == "counts"
    table = call(
        summarize_folds, fold_scores=Drawn(fold_scores.value, fold_scores.hostile is True)
    )
    if table is not None:
        groups = fold_scores.value.groupby(level=table.index.names, sort=False)
        np.testing.assert_allclose(table.xs("mean", axis=1, level="stat"), groups.mean())
    counts = call(
        alarm_counts,
        fold_scores=Drawn(fold_scores.value, bool(fold_scores.hostile)),
        n_repeats=n_repeats,
    )
    if counts is not None:
        assert not counts_missing
        sums = fold_scores.value.groupby(level=counts.index.names, sort=False).sum()
        per_pass = n_repeats.value or 1
        np.testing.assert_allclose(counts["alarms"], sums["alarms"] / per_pass)
        pooled = counts["pooled precision"].to_numpy()
        assert np.all(np.isnan(pooled) | ((pooled >= 0) & (pooled <= 1)))


digits = either(st.sampled_from([0, 3]), st.sampled_from([-1, 2.5, True]))
metric_names = either(
    st.sampled_from([None, ["m"], {"m": "M"}]), st.sampled_from([["x"], "m", 3, {}])
)


@SOME
@given(
    values=st.lists(st.one_of(finite, special), min_size=4, max_size=4),
    rows=st.integers(0, 3),
    metrics=metric_names,
    digits=digits,
)
def test_format_mean_std(values, rows, metrics, digits):
    columns = pd.MultiIndex.from_product([["m", "n"], ["mean", "std"]])
    table = pd.DataFrame([values] * rows, columns=columns)
    text = call(format_mean_std, table=table, metrics=metrics, digits=digits)
    if text is not None:
        assert text.shape[0] == rows
        assert text.index.equals(table.index)
        assert all(" ± " in cell for cell in text.to_numpy().ravel())


@FEW
@given(
    problem=problems(min_rows=4, max_rows=30, min_per_class=2),
    baseline=either(st.sampled_from(["none", "ROS"]), st.sampled_from(["missing", 3])),
    confidence=either(st.sampled_from([0.95, 0.5]), st.sampled_from([0.0, 1.0, True])),
)
def test_cross_validate_samplers_and_paired_differences(problem, baseline, confidence):
    X, y = problem
    samplers = {"none": None, "ROS": RandomOverSampler(random_state=0)}
    folds = call(
        cross_validate_samplers,
        samplers=samplers,
        classifier=LogisticRegression(),
        X=X,
        y=y,
        cv=StratifiedKFold(2),
        scoring=["balanced_accuracy"],
    )
    if folds is None:
        return
    assert folds.index.names == ["model", "sampler", "fold"]
    assert len(folds) == 4
    table = call(paired_differences, fold_scores=folds, baseline=baseline, confidence=confidence)
    if table is not None:
        assert len(table) == 1 and baseline.value not in table.index
        diff = table[("balanced_accuracy", "diff")].to_numpy()
        low, high = table[("balanced_accuracy", "low")], table[("balanced_accuracy", "high")]
        finite_rows = np.isfinite(low.to_numpy())
        assert (low.to_numpy()[finite_rows] <= diff[finite_rows] + 1e-12).all()
        assert (high.to_numpy()[finite_rows] >= diff[finite_rows] - 1e-12).all()


@SOME
@given(
    values=st.lists(st.one_of(finite, special), min_size=4, max_size=4),
    rows=st.integers(0, 3),
    metrics=metric_names,
    digits=digits,
)
def test_format_difference(values, rows, metrics, digits):
    columns = pd.MultiIndex.from_product([["m"], ["diff", "low", "high", "above"]])
    table = pd.DataFrame([values] * rows, columns=columns)
    text = call(format_difference, table=table, metrics=metrics, digits=digits)
    if text is not None:
        assert text.shape[0] == rows
        assert all(cell.count("[") == 1 for cell in text.to_numpy().ravel())


@given(pos_label=st.one_of(st.integers(-2, 2), st.text(max_size=3), st.none()))
def test_binary_scoring(pos_label):
    scoring = call(binary_scoring, pos_label=pos_label)  # any label is clean
    assert set(scoring) == set(helpers.DEFAULT_SCORING)


# --- widgets -------------------------------------------------------------------------------
slider_values = st.one_of(
    st.lists(st.integers(0, 4), min_size=0, max_size=3),
    st.lists(st.sampled_from([0.5, 1.0, 1, "a", "b"]), min_size=1, max_size=3),
    st.sampled_from([[1, 1], "abc", None, (1, 2)]),
)


def _clean_sliders(sliders: Any) -> bool:
    """A non-empty dict of parameter names -> non-empty lists or tuples of distinct values."""
    if not isinstance(sliders, dict) or not sliders:
        return False
    return all(
        name.isidentifier()
        and isinstance(values, (list, tuple))
        and len(values) > 0
        and len(set(values)) == len(values)
        for name, values in sliders.items()
    )


@st.composite
def slider_setups(draw: Any) -> tuple[Drawn, Drawn]:
    """``sliders`` and ``initial``; ``initial`` is hostile unless it picks a slider value."""
    sliders = draw(
        st.one_of(
            st.dictionaries(
                st.sampled_from(["power", "scale", "not valid", "x1"]), slider_values, max_size=2
            ),
            st.just({"n": list(range(61))}),
            st.just([("power", [1, 2])]),
        )
    )
    initial = draw(st.sampled_from([None, {"power": 1}, {"other": 1}]))
    sliders_ok = _clean_sliders(sliders)
    initial_ok = initial is None or (
        sliders_ok
        and all(name in sliders and value in sliders[name] for name, value in initial.items())
    )
    return Drawn(sliders, not sliders_ok), Drawn(initial, not initial_ok)


@FEW
@given(setup=slider_setups(), dpi=either(st.sampled_from([40]), st.sampled_from([10, 50.0])))
def test_slider_demo(setup, dpi):
    sliders, initial = setup
    fig, ax = plt.subplots(figsize=(2, 2))
    (line,) = ax.plot([0, 1], [0, 1])

    def update(**values: Any) -> list[Any]:
        line.set_ydata([0, len(str(values))])
        return [line]

    demo = call(slider_demo, update=update, figure=fig, sliders=sliders, initial=initial, dpi=dpi)
    if demo is not None:
        # live: every value; static: every combination, or a spread subset within MAX_FRAMES
        options = {name: list(values) for name, values in sliders.value.items()}
        assert options == demo.options
        n_frames = int(np.prod([len(v) for v in demo.stored.values()]))
        combinations = int(np.prod([len(v) for v in options.values()]))
        assert len(demo.frames) == n_frames <= MAX_FRAMES
        assert n_frames == combinations or combinations > MAX_FRAMES
        assert all(png.startswith(b"\x89PNG") for png in demo.frames.values())
        assert demo.to_html().count("data:image/png;base64,") == n_frames + 1
    plt.close(fig)


@st.composite
def resampling_setups(draw: Any) -> tuple[str, Drawn, Drawn]:
    """A sampler and a problem; SMOTE with 2 neighbours needs 3 rows of every class."""
    method = draw(st.sampled_from(["ROS", "RUS", "SMOTE"]))
    X, y = draw(
        problems(
            min_rows=0, max_rows=30, min_features=2, min_per_class=3 if method == "SMOTE" else 1
        )
    )
    return method, X, y


@FEW
@given(
    setup=resampling_setups(),
    technique_name=either(st.just("demo"), st.none()),
)
def test_resampling_demo(setup, technique_name):
    method, X, y = setup

    def make_sampler(strategy: str) -> Any:
        if method == "SMOTE":
            return SMOTE(k_neighbors=2, random_state=0)
        cls = RandomOverSampler if method == "ROS" else RandomUnderSampler
        return cls(sampling_strategy=strategy, random_state=0)

    demo = call(
        resampling_demo,
        make_sampler=make_sampler,
        X=X,
        y=y,
        sliders={"strategy": ["auto", "all"]},
        technique_name=technique_name,
    )
    if demo is not None:
        assert len(demo.frames) == 2
        assert demo.render(strategy="auto").startswith(b"\x89PNG")


def test_every_public_helper_is_covered():
    covered = {
        "make_imbalanced",
        "make_transactions",
        "make_transaction_stream",
        "load_dataset",
        "describe_imbalance",
        "plot_before_after",
        "plot_decision_boundary",
        "plot_class_distribution",
        "split_new_and_removed",
        "evaluate",
        "compare_samplers",
        "cross_validate_samplers",
        "cross_validate_leaky",
        "summarize_folds",
        "alarm_counts",
        "plot_decision_boundaries",
        "paired_differences",
        "format_mean_std",
        "format_difference",
        "binary_scoring",
        "slider_demo",
        "resampling_demo",
    }
    functions = {n for n in helpers.__all__ if callable(getattr(helpers, n)) and n[0].islower()}
    # make_pipeline_with_sampler is covered by test_evaluation.py; SliderDemo via slider_demo.
    assert functions - covered <= {"make_pipeline_with_sampler"}


def test_call_requires_the_hostile_argument_to_be_named():
    def blames_y(X, y):
        raise ValueError("y must contain at least 2 classes")

    def mutating(X):
        X[0] = 99

    assert call(blames_y, X=[1], y=Drawn([0], hostile=True)) is None
    with pytest.raises(AssertionError, match=r"names none of the hostile \['X'\]"):
        call(blames_y, X=Drawn([1], hostile=True), y=Drawn([0]))  # y was drawn clean
    with pytest.raises(AssertionError, match="refused clean arguments"):
        call(blames_y, X=Drawn([1]), y=[0])
    with pytest.raises(AssertionError, match="mutated X"):
        call(mutating, X=Drawn([1, 2], hostile=True))
