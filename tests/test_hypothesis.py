"""Hostile input, generated: every public helper either returns a correct result or raises
``ValueError``/``TypeError`` naming the offending argument, and never mutates its inputs.

Inputs are drawn by hypothesis: random shapes; int, float, bool, object, string and
categorical columns; labels as ints, strings, bools, several classes or one; NaN and inf;
empty input; mismatched lengths; NumPy arrays, lists, pandas objects. The expensive helpers
(cross-validation, slider demos) get few, tiny examples. ``HYPOTHESIS_PROFILE=ci`` (the
default) keeps the whole file near a minute on two cores; ``dev`` tries more examples.
"""

from __future__ import annotations

import os
import pickle
import re
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from imblearn.over_sampling import SMOTE, RandomOverSampler
from imblearn.under_sampling import RandomUnderSampler
from matplotlib.figure import Figure
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

import helpers
from helpers import (
    binary_scoring,
    compare_samplers,
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
    plot_decision_boundary,
    resampling_demo,
    slider_demo,
    split_new_and_removed,
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
)


# --- checking the contract -----------------------------------------------------------------
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


def call(func: Any, *args: Any, names: tuple[str, ...], **kwargs: Any) -> Any:
    """Call ``func``; return its result, or ``None`` if it raised a ValueError/TypeError
    whose message names one of ``names``. Anything else fails the test. Inputs (positional
    and keyword) must be unchanged either way."""
    inputs = [*args, *kwargs.values()]
    snaps = [_snapshot(v) for v in inputs]
    try:
        result = func(*args, **kwargs)
    except (ValueError, TypeError) as exc:
        message = str(exc)
        named = [n for n in names if re.search(rf"(?<![\w]){re.escape(n)}(?![\w])", message)]
        assert named, f"{type(exc).__name__} names none of {names}: {message}"
        result = None
    for value, snap in zip(inputs, snaps, strict=True):
        assert _unchanged(snap, value), f"{func.__name__} mutated an input: {value!r:.200}"
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


@st.composite
def features(draw: Any, n: int, *, numeric_only: bool = False) -> Any:
    """``X`` with ``n`` rows: a DataFrame, an array or a list, sometimes not 2-D."""
    shape_kind = draw(st.sampled_from(["frame", "array", "array", "list", "1d", "3d"]))
    n_features = draw(st.integers(0 if not numeric_only else 1, 4))
    if shape_kind == "frame":
        cols = {}
        for j in range(n_features):
            col = draw(columns(n))
            if numeric_only and col.dtype.kind not in "biuf":
                col = pd.Series(np.arange(n, dtype=float))
            cols[f"f{j}"] = col
        return pd.DataFrame(cols, index=pd.RangeIndex(n))
    values = draw(
        st.lists(
            st.lists(finite, min_size=n_features, max_size=n_features), min_size=n, max_size=n
        )
    )
    array = np.array(values, dtype=float).reshape(n, n_features)
    if n and n_features and draw(st.booleans()) and draw(st.booleans()):
        array[draw(st.integers(0, n - 1)), draw(st.integers(0, n_features - 1))] = draw(special)
    dtype = draw(st.sampled_from(["float64", "float32", "int64", "bool", "object"]))
    if not numeric_only:
        if dtype in ("int64", "bool"):
            array = np.nan_to_num(array, posinf=0, neginf=0)
        array = array.astype(dtype)
    if shape_kind == "list":
        return array.tolist()
    if shape_kind == "1d":
        return array.ravel()
    if shape_kind == "3d":
        return array.reshape(n, n_features, 1)
    return array


@st.composite
def labels(draw: Any, n: int) -> Any:
    """``y`` with ``n`` entries: ints (2-4 classes or 1), strings, bools, floats with NaN."""
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
    container = draw(st.sampled_from(["array", "series", "list", "column"]))
    if container == "series":
        return pd.Series(values, name="target")
    if container == "list":
        return values
    array = np.array(values)
    return array.reshape(-1, 1) if container == "column" else array


@st.composite
def problems(draw: Any, *, min_rows: int = 0, max_rows: int = 24, numeric_only: bool = False):
    """(X, y), usually of the same length, sometimes not."""
    n = draw(st.integers(min_rows, max_rows))
    m = n if draw(st.integers(0, 5)) else draw(st.integers(0, max_rows))
    return draw(features(n, numeric_only=numeric_only)), draw(labels(m))


def _n_rows(value: Any) -> int:
    return len(value)


def _as_labels(y: Any) -> np.ndarray:
    return np.asarray(y).ravel()


# --- datasets ------------------------------------------------------------------------------
@SOME
@given(
    n_samples=st.one_of(st.integers(-5, 300), st.floats(0, 100), st.none(), st.booleans()),
    weights=st.one_of(
        st.lists(st.one_of(st.floats(-0.5, 1.0), st.just(np.nan)), min_size=0, max_size=6),
        st.sampled_from([(0.9, 0.1), (0.5, 0.3, 0.2), (0.4, 0.3, 0.2, 0.1)]),
        st.sampled_from([(0.2,) * 5, "ab", None, (0.9, "x")]),
    ),
    n_features=st.one_of(st.integers(-1, 6), st.just(2.0)),
    class_sep=st.one_of(st.floats(-1, 3), st.just(np.nan), st.just("wide")),
)
def test_make_imbalanced(n_samples, weights, n_features, class_sep):
    names = ("n_samples", "weights", "n_features", "class_sep")
    result = call(
        make_imbalanced,
        n_samples,
        weights=weights,
        n_features=n_features,
        class_sep=class_sep,
        names=names,
    )
    if result is not None:
        X, y = result
        assert X.shape == (n_samples, n_features)
        assert np.isfinite(X).all()
        assert set(np.unique(y)) <= set(range(len(weights)))


@SOME
@given(
    n_samples=st.one_of(st.integers(-2, 400), st.floats(1, 10), st.none()),
    fraud_ratio=st.one_of(st.floats(-0.5, 1.5), st.just(np.nan), st.just("2%"), st.booleans()),
    random_state=st.one_of(st.integers(0, 10), st.none(), st.just("seed"), st.just(1.5)),
)
def test_make_transactions(n_samples, fraud_ratio, random_state):
    names = ("n_samples", "fraud_ratio", "random_state")
    df = call(
        make_transactions,
        n_samples,
        fraud_ratio=fraud_ratio,
        random_state=random_state,
        names=names,
    )
    if df is not None:
        assert len(df) == n_samples
        assert list(df.columns) == ["Amount", "Type", "Hour", "Class"]
        assert df["Class"].isin([0, 1]).all() and 1 <= df["Class"].sum() < n_samples
        assert (df["Amount"] > 0).all() and df["Hour"].between(0, 23).all()


@SOME
@given(
    n_samples=st.one_of(st.integers(-2, 400), st.floats(1, 10), st.none()),
    n_customers=st.one_of(st.integers(0, 120), st.just("many")),
    fraud_ratio_end=st.one_of(st.floats(-0.5, 1.5), st.just(np.nan), st.just("2%"), st.booleans()),
    label_delay_days=st.one_of(st.integers(-1, 10), st.just(2.5)),
    random_state=st.one_of(st.integers(0, 10), st.none(), st.just("seed")),
)
def test_make_transaction_stream(
    n_samples, n_customers, fraud_ratio_end, label_delay_days, random_state
):
    names = ("n_samples", "n_customers", "fraud_ratio_end", "label_delay_days", "random_state")
    df = call(
        make_transaction_stream,
        n_samples,
        n_customers=n_customers,
        n_days=30,
        fraud_ratio_end=fraud_ratio_end,
        label_delay_days=label_delay_days,
        random_state=random_state,
        names=names,
    )
    if df is not None:
        assert len(df) == n_samples
        assert df["Time"].is_monotonic_increasing
        lag = df["LabelTime"] - df["Time"]
        assert lag.between(1 - 1e-9, label_delay_days + 1e-9).all()
        assert df["Class"].isin([0, 1]).all()


@SOME
@given(
    name=st.one_of(
        st.sampled_from(["yeast4", "GLASS", "abalone19", "yeast3 ", "credit", ""]),
        st.text(max_size=8),
        st.integers(),
        st.none(),
    )
)
def test_load_dataset(name):
    result = call(load_dataset, name, names=("name",))
    if result is not None:
        X, y = result
        assert isinstance(X, pd.DataFrame) and isinstance(y, pd.Series)
        assert len(X) == len(y) > 0 and not X.isna().any().any()


@given(y=st.integers(0, 30).flatmap(labels))
def test_describe_imbalance(y):
    table = call(describe_imbalance, y, names=("y",))
    if table is not None:
        assert table["count"].sum() == _n_rows(_as_labels(y))
        assert np.isclose(table["share"].sum(), 1.0, atol=1e-3)
        assert (table["count"].diff().dropna() <= 0).all()  # largest class first
        assert table["imbalance_ratio"].min() >= 1.0
        assert table["imbalance_ratio"].iloc[0] == 1.0


# --- plotting ------------------------------------------------------------------------------
@SOME
@given(
    before=problems(),
    after=problems(),
    technique_name=st.one_of(st.just("SMOTE"), st.none(), st.integers()),
)
def test_plot_before_after(before, after, technique_name):
    (Xb, yb), (Xa, ya) = before, after
    names = ("X_before", "y_before", "X_after", "y_after", "technique_name")
    fig = call(plot_before_after, Xb, yb, Xa, ya, technique_name, names=names)
    if fig is not None:
        ax_before, ax_after = fig.axes[:2]
        n_before = sum(len(c.get_offsets()) for c in ax_before.collections)
        assert n_before == _n_rows(yb)  # every row drawn once (kept or removed)
        assert ax_after.get_title().endswith(f"(n={_n_rows(ya)})")
        plt.close(fig)


@given(
    X=st.integers(0, 20).flatmap(lambda n: features(n, numeric_only=False)),
    data=st.data(),
)
def test_split_new_and_removed(X, data):
    other = data.draw(st.sampled_from(["same", "shuffled", "signed-zero", "random"]))
    if other == "random":
        X_after = data.draw(features(data.draw(st.integers(0, 20))))
    else:
        try:
            base = np.asarray(X, dtype=float)
        except (TypeError, ValueError):
            base = np.asarray([])
        X_after = base
        if other == "shuffled" and base.ndim == 2:
            X_after = base[np.random.default_rng(0).permutation(len(base))]
        if other == "signed-zero" and base.ndim == 2:
            X_after = np.where(base == 0, -0.0, base)  # the same values: nothing is new
    result = call(split_new_and_removed, X, X_after, names=("X_before", "X_after"))
    if result is not None:
        is_new, is_removed = result
        assert is_new.dtype == bool and is_removed.dtype == bool
        assert len(is_new) == len(X_after) and len(is_removed) == _n_rows(X)
        # rows matched on each side are the same rows
        assert len(X_after) - is_new.sum() == _n_rows(X) - is_removed.sum()
        if other != "random":
            assert not is_new.any() and not is_removed.any()


@pytest.fixture(scope="module")
def fitted_lr():
    X, y = make_imbalanced(100, random_state=0)
    return LogisticRegression().fit(X, y)


@SOME
@given(problem=problems(), fitted=st.booleans())
def test_plot_decision_boundary(problem, fitted, fitted_lr):
    X, y = problem
    estimator = fitted_lr if fitted else LogisticRegression()
    ax = call(plot_decision_boundary, estimator, X, y, names=("estimator", "X", "y"))
    if ax is not None:
        assert fitted
        n_points = sum(len(c.get_offsets()) for c in ax.collections if c.get_label())
        assert n_points == _n_rows(_as_labels(y))
        plt.close(ax.figure)


@given(y=st.integers(0, 30).flatmap(labels))
def test_plot_class_distribution(y):
    ax = call(plot_class_distribution, y, names=("y",))
    if ax is not None:
        heights = [bar.get_height() for bar in ax.patches]
        assert sum(heights) == _n_rows(_as_labels(y))
        plt.close(ax.figure)


# --- evaluation ----------------------------------------------------------------------------
@FEW
@given(problem=problems(min_rows=4, max_rows=30), scoring=st.sampled_from([None, ["recall"]]))
def test_evaluate(problem, scoring):
    X, y = problem
    model = LogisticRegression()
    table = call(evaluate, model, X, y, cv=2, scoring=scoring, names=("model", "X", "y"))
    if table is not None:
        assert list(table.columns) == ["mean", "std"]
        values = table.to_numpy()
        assert ((values[~np.isnan(values)] >= -1) & (values[~np.isnan(values)] <= 1)).all()
    assert not hasattr(model, "coef_")  # cross-validation fits clones only


@FEW
@given(problem=problems(min_rows=4, max_rows=30))
def test_compare_samplers(problem):
    X, y = problem
    samplers = {"none": None, "ROS": RandomOverSampler(random_state=0)}
    table = call(
        compare_samplers,
        samplers,
        LogisticRegression(),
        X,
        y,
        cv=StratifiedKFold(2),
        scoring=["balanced_accuracy"],
        names=("samplers", "classifier", "X", "y"),
    )
    if table is not None:
        assert table.index.tolist() == ["none", "ROS"]
        assert table.columns.names == ["metric", "stat"]


@SOME
@given(
    values=st.lists(st.one_of(finite, special), min_size=4, max_size=4),
    rows=st.integers(0, 3),
    metrics=st.sampled_from([None, ["m"], {"m": "M"}, ["x"], "m", 3, {}]),
    digits=st.sampled_from([0, 3, -1, 2.5, True]),
)
def test_format_mean_std(values, rows, metrics, digits):
    columns = pd.MultiIndex.from_product([["m", "n"], ["mean", "std"]])
    table = pd.DataFrame([values] * rows, columns=columns)
    names = ("table", "metrics", "digits")
    text = call(format_mean_std, table, metrics, digits=digits, names=names)
    if text is not None:
        assert text.shape[0] == rows
        assert text.index.equals(table.index)
        assert all(" ± " in cell for cell in text.to_numpy().ravel())


@FEW
@given(
    problem=problems(min_rows=4, max_rows=30),
    baseline=st.sampled_from(["none", "ROS", "missing", 3]),
    confidence=st.sampled_from([0.95, 0.5, 0.0, 1.0, True]),
)
def test_cross_validate_samplers_and_paired_differences(problem, baseline, confidence):
    X, y = problem
    samplers = {"none": None, "ROS": RandomOverSampler(random_state=0)}
    folds = call(
        cross_validate_samplers,
        samplers,
        LogisticRegression(),
        X,
        y,
        cv=StratifiedKFold(2),
        scoring=["balanced_accuracy"],
        names=("samplers", "classifier", "X", "y"),
    )
    if folds is None:
        return
    assert folds.index.names == ["model", "sampler", "fold"]
    assert len(folds) == 4
    table = call(
        paired_differences,
        folds,
        baseline=baseline,
        confidence=confidence,
        names=("fold_scores", "baseline", "confidence"),
    )
    if table is not None:
        assert len(table) == 1 and baseline not in table.index
        diff = table[("balanced_accuracy", "diff")].to_numpy()
        low, high = table[("balanced_accuracy", "low")], table[("balanced_accuracy", "high")]
        finite_rows = np.isfinite(low.to_numpy())
        assert (low.to_numpy()[finite_rows] <= diff[finite_rows] + 1e-12).all()
        assert (high.to_numpy()[finite_rows] >= diff[finite_rows] - 1e-12).all()


@SOME
@given(
    values=st.lists(st.one_of(finite, special), min_size=4, max_size=4),
    rows=st.integers(0, 3),
    metrics=st.sampled_from([None, ["m"], {"m": "M"}, ["x"], "m", 3, {}]),
    digits=st.sampled_from([0, 3, -1, 2.5, True]),
)
def test_format_difference(values, rows, metrics, digits):
    columns = pd.MultiIndex.from_product([["m"], ["diff", "low", "high", "above"]])
    table = pd.DataFrame([values] * rows, columns=columns)
    names = ("table", "metrics", "digits")
    text = call(format_difference, table, metrics, digits=digits, names=names)
    if text is not None:
        assert text.shape[0] == rows
        assert all(cell.count("[") == 1 for cell in text.to_numpy().ravel())


@given(pos_label=st.one_of(st.integers(-2, 2), st.text(max_size=3), st.none()))
def test_binary_scoring(pos_label):
    scoring = call(binary_scoring, pos_label, names=("pos_label",))
    assert set(scoring) == set(helpers.DEFAULT_SCORING)


# --- widgets -------------------------------------------------------------------------------
slider_values = st.one_of(
    st.lists(st.integers(0, 4), min_size=0, max_size=3),
    st.lists(st.sampled_from([0.5, 1.0, 1, "a", "b"]), min_size=1, max_size=3),
    st.sampled_from([[1, 1], "abc", None, (1, 2)]),
)


@FEW
@given(
    sliders=st.one_of(
        st.dictionaries(
            st.sampled_from(["power", "scale", "not valid", "x1"]), slider_values, max_size=2
        ),
        st.just({"n": list(range(61))}),
        st.just([("power", [1, 2])]),
    ),
    initial=st.sampled_from([None, {"power": 1}, {"other": 1}]),
    dpi=st.sampled_from([40, 10, 50.0]),
)
def test_slider_demo(sliders, initial, dpi):
    fig, ax = plt.subplots(figsize=(2, 2))
    (line,) = ax.plot([0, 1], [0, 1])

    def update(**values: Any) -> list[Any]:
        line.set_ydata([0, len(str(values))])
        return [line]

    names = ("sliders", "initial", "dpi")
    demo = call(
        slider_demo, update, figure=fig, sliders=sliders, initial=initial, dpi=dpi, names=names
    )
    if demo is not None:
        # live: every value; static: every combination, or a spread subset within MAX_FRAMES
        assert {name: list(values) for name, values in sliders.items()} == demo.options
        n_frames = int(np.prod([len(v) for v in demo.stored.values()]))
        combinations = int(np.prod([len(v) for v in sliders.values()]))
        assert len(demo.frames) == n_frames <= MAX_FRAMES
        assert n_frames == combinations or combinations > MAX_FRAMES
        assert all(png.startswith(b"\x89PNG") for png in demo.frames.values())
        assert demo.to_html().count("data:image/png;base64,") == n_frames + 1
    plt.close(fig)


@FEW
@given(
    problem=problems(min_rows=0, max_rows=30),
    method=st.sampled_from(["ROS", "RUS", "SMOTE"]),
    technique_name=st.sampled_from(["demo", None]),
)
def test_resampling_demo(problem, method, technique_name):
    X, y = problem

    def make_sampler(strategy: str) -> Any:
        if method == "SMOTE":
            return SMOTE(k_neighbors=2, random_state=0)
        cls = RandomOverSampler if method == "ROS" else RandomUnderSampler
        return cls(sampling_strategy=strategy, random_state=0)

    names = ("X", "y", "make_sampler", "technique_name")
    demo = call(
        resampling_demo,
        make_sampler,
        X,
        y,
        sliders={"strategy": ["auto", "all"]},
        technique_name=technique_name,
        names=names,
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


def test_call_catches_an_unnamed_error_and_a_mutation():
    def unnamed(X):
        raise ValueError("something went wrong")

    def mutating(X):
        X[0] = 99

    with pytest.raises(AssertionError, match="names none"):
        call(unnamed, [1], names=("X",))
    with pytest.raises(AssertionError, match="mutated"):
        call(mutating, [1, 2], names=("X",))
