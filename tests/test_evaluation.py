"""helpers.evaluation: leak-free by construction, tidy output, clear errors."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from imblearn.base import BaseSampler
from imblearn.over_sampling import RandomOverSampler
from imblearn.pipeline import Pipeline
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier

from helpers import (
    alarm_counts,
    compare_samplers,
    cross_validate_leaky,
    cross_validate_samplers,
    evaluate,
    format_difference,
    format_mean_std,
    make_imbalanced,
    paired_differences,
    summarize_folds,
)
from helpers.evaluation import DEFAULT_SCORING, make_pipeline_with_sampler


class RecordingSampler(BaseSampler):
    """Records the rows it is fitted on (class-level, as clones are made)."""

    _sampling_type = "bypass"
    _parameter_constraints: dict = {}
    seen: list = []

    def __init__(self):
        super().__init__(sampling_strategy="auto")

    def _fit_resample(self, X, y):
        RecordingSampler.seen.append(np.asarray(X).copy())
        return X, y


def test_evaluate_default_metrics(toy):
    X, y = toy
    table = evaluate(LogisticRegression(), X, y)
    assert table.index.tolist() == list(DEFAULT_SCORING)
    assert list(table.columns) == ["mean", "std"]
    assert table["mean"].between(-1, 1).all()
    assert table.loc["roc_auc", "mean"] > 0.8


def test_evaluate_multiclass_uses_macro_metrics():
    X, y = make_imbalanced(400, weights=(0.6, 0.3, 0.1), random_state=1)
    table = evaluate(LogisticRegression(), X, y)
    assert "f1_macro" in table.index
    assert "average_precision" not in table.index


def test_sampler_only_sees_training_folds(toy):
    X, y = toy
    RecordingSampler.seen = []
    cv = StratifiedKFold(n_splits=4, shuffle=True, random_state=0)
    compare_samplers(
        {"rec": RecordingSampler()}, LogisticRegression(), X, y, cv=cv, scoring=["recall"]
    )
    assert len(RecordingSampler.seen) == 4
    for (train, _test), seen in zip(cv.split(X, y), RecordingSampler.seen, strict=True):
        np.testing.assert_array_equal(seen, X[train])  # never a test row


def test_compare_samplers_table(toy):
    X, y = toy
    table = compare_samplers(
        {"none": None, "ROS": RandomOverSampler(random_state=0)},
        DecisionTreeClassifier(random_state=0),
        X,
        y,
        scoring=["recall", "precision"],
    )
    assert table.index.tolist() == ["none", "ROS"]
    assert table.columns.names == ["metric", "stat"]
    assert set(table.columns) == {(m, s) for m in ("recall", "precision") for s in ("mean", "std")}


def test_oversampling_raises_recall_of_a_linear_model():
    X, y = make_imbalanced(600, weights=(0.95, 0.05), class_sep=0.8, random_state=2)
    table = compare_samplers(
        {"none": None, "ROS": RandomOverSampler(random_state=0)},
        LogisticRegression(),
        X,
        y,
        scoring=["recall"],
    )
    assert table.loc["ROS", ("recall", "mean")] > table.loc["none", ("recall", "mean")]


def test_sampler_goes_after_preprocessing():
    pipe = make_pipeline_with_sampler(
        RandomOverSampler(), Pipeline([("scale", StandardScaler()), ("lr", LogisticRegression())])
    )
    assert [name for name, _ in pipe.steps] == ["scale", "sampler", "lr"]


def test_dataframe_input(toy):
    X, y = toy
    table = evaluate(
        LogisticRegression(),
        pd.DataFrame(X, columns=["a", "b"]),
        pd.Series(y),
        scoring="balanced_accuracy",
    )
    assert table.index.tolist() == ["balanced_accuracy"]


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda X, y: compare_samplers({}, LogisticRegression(), X, y), TypeError, "samplers"),
        (
            lambda X, y: compare_samplers({"a": StandardScaler()}, LogisticRegression(), X, y),
            TypeError,
            "fit_resample",
        ),
        (
            lambda X, y: compare_samplers({"a": None}, StandardScaler(), X, y),
            TypeError,
            "classifier",
        ),
        (
            lambda X, y: compare_samplers({"a": None}, {"tree": StandardScaler()}, X, y),
            TypeError,
            r"classifier\['tree'\]",
        ),
        (lambda X, y: compare_samplers({"a": None}, {}, X, y), ValueError, "classifier"),
        (lambda X, y: evaluate(LogisticRegression(), X, y[:-1]), ValueError, "same number"),
        (
            lambda X, y: evaluate(LogisticRegression(), X, np.zeros_like(y)),
            ValueError,
            "at least 2 classes",
        ),
        (
            lambda X, y: evaluate(LogisticRegression(), X, y, scoring="nope"),
            ValueError,
            "unknown metric",
        ),
        (lambda X, y: evaluate(LogisticRegression(), X, y, cv=1), ValueError, "at least 2"),
        (lambda X, y: evaluate(LogisticRegression(), X, y, scoring=3), TypeError, "scoring"),
        (lambda X, y: evaluate("model", X, y), TypeError, "model"),
        (lambda X, y: evaluate(LogisticRegression(), X[:, 0], y), ValueError, "2-D"),
    ],
)
def test_bad_input(toy, call, error, match):
    X, y = toy
    with pytest.raises(error, match=match):
        call(X, y)


def test_single_minority_sample_is_explained():
    X = np.random.default_rng(0).normal(size=(20, 2))
    y = np.array([0] * 19 + [1])
    with pytest.raises(ValueError, match="single sample"):
        evaluate(LogisticRegression(), X, y)


def test_compare_samplers_with_several_models_equals_one_call_per_model(toy):
    X, y = toy
    samplers = {"none": None, "ROS": RandomOverSampler(random_state=0)}
    models = {
        "linear": LogisticRegression(),
        "tree": DecisionTreeClassifier(max_depth=3, random_state=0),
    }
    cv = StratifiedKFold(n_splits=3, shuffle=True, random_state=0)
    both = compare_samplers(samplers, models, X, y, cv=cv, scoring=["recall", "precision"])
    assert both.index.names == ["model", "sampler"]
    assert both.index.tolist() == [(m, s) for m in models for s in samplers]
    for name, model in models.items():
        alone = compare_samplers(samplers, model, X, y, cv=cv, scoring=["recall", "precision"])
        pd.testing.assert_frame_equal(both.loc[name], alone)


def _scores() -> pd.DataFrame:
    columns = pd.MultiIndex.from_product(
        [["average_precision", "recall"], ["mean", "std"]], names=["metric", "stat"]
    )
    index = pd.MultiIndex.from_tuples([("lr", "none"), ("lr", "ROS")], names=["model", "sampler"])
    return pd.DataFrame([[0.61234, 0.0456, 0.5, 0.1], [0.7, 0.0, 0.875, 0.25]], index, columns)


def test_format_mean_std_selects_orders_and_renames():
    text = format_mean_std(_scores(), {"recall": "minority recall", "average_precision": "AP"})
    assert text.columns.tolist() == ["minority recall", "AP"]
    assert text.columns.name == "metric"
    assert text.index.equals(_scores().index)
    assert text.loc[("lr", "none"), "AP"] == "0.612 ± 0.046"
    assert text.loc[("lr", "ROS"), "minority recall"] == "0.875 ± 0.250"
    assert format_mean_std(_scores(), ["recall"], digits=1).iloc[0, 0] == "0.5 ± 0.1"
    assert format_mean_std(_scores()).columns.tolist() == ["average_precision", "recall"]


def test_format_mean_std_reads_a_real_comparison(toy):
    X, y = toy
    table = compare_samplers({"none": None}, LogisticRegression(), X, y, scoring=["recall"])
    mean, std = table.loc["none", ("recall", "mean")], table.loc["none", ("recall", "std")]
    assert format_mean_std(table).loc["none", "recall"] == f"{mean:.3f} ± {std:.3f}"


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "match"),
    [
        ((pd.DataFrame({"a": [1.0]}),), {}, TypeError, "table"),
        ((_scores(), ["f1"]), {}, ValueError, r"metrics: \['f1'\] not in the table"),
        ((_scores(), "recall"), {}, TypeError, "metrics"),
        ((_scores(),), {"digits": -1}, ValueError, "digits"),
        ((_scores().rename(columns={"std": "sd"}),), {}, ValueError, "table"),
    ],
)
def test_format_mean_std_bad_input(args, kwargs, error, match):
    with pytest.raises(error, match=match):
        format_mean_std(*args, **kwargs)


# --- per-fold scores, paired differences, string labels --------------------------------------


def test_compare_samplers_is_the_mean_and_std_of_the_fold_scores(toy):
    X, y = toy
    samplers = {"none": None, "ROS": RandomOverSampler(random_state=0)}
    folds = cross_validate_samplers(samplers, LogisticRegression(), X, y, scoring=["recall"])
    table = compare_samplers(samplers, LogisticRegression(), X, y, scoring=["recall"])
    assert len(folds) == 2 * 10  # 5 folds x 2 repeats per sampler
    for name in samplers:
        scores = folds.xs(("", name), level=("model", "sampler"))["recall"].to_numpy()
        assert table.loc[name, ("recall", "mean")] == scores.mean()
        assert table.loc[name, ("recall", "std")] == scores.std()
    assert folds.attrs["test_train_ratio"] == pytest.approx(0.25)


def test_paired_differences_by_hand():
    # Two folds per sampler, test/train = 1/4: diffs (0.1, 0.3) -> mean 0.2, s^2 = 0.02,
    # corrected variance (1/2 + 1/4) * 0.02 = 0.015; t(0.975, 1 df) = 12.7062...
    index = pd.MultiIndex.from_product(
        [[""], ["none", "A"], [0, 1]], names=["model", "sampler", "fold"]
    )
    folds = pd.DataFrame({"ap": [0.5, 0.6, 0.6, 0.9]}, index=index)
    folds.attrs["test_train_ratio"] = 0.25
    table = paired_differences(folds, baseline="none")
    half = 12.706204736174707 * np.sqrt(0.015)
    assert table.loc["A", ("ap", "diff")] == pytest.approx(0.2)
    assert table.loc["A", ("ap", "low")] == pytest.approx(0.2 - half)
    assert table.loc["A", ("ap", "high")] == pytest.approx(0.2 + half)
    assert table.loc["A", ("ap", "above")] == 1.0
    assert format_difference(table, digits=2).loc["A", "ap"] == "+0.20 [-1.36, +1.76]"


def test_paired_differences_of_identical_pipelines_are_zero(toy):
    X, y = toy
    folds = cross_validate_samplers(
        {"none": None, "again": None}, LogisticRegression(), X, y, scoring=["average_precision"]
    )
    table = paired_differences(folds)
    assert (table.loc["again", "average_precision"].to_numpy()[:3] == 0).all()


def test_paired_differences_names_a_missing_baseline(toy):
    X, y = toy
    folds = cross_validate_samplers(
        {"none": None}, LogisticRegression(), X, y, cv=2, scoring=["recall"]
    )
    with pytest.raises(ValueError, match="baseline='plain'"):
        paired_differences(folds, baseline="plain")
    with pytest.raises(ValueError, match="test_train_ratio"):
        paired_differences(folds.copy().rename_axis(index=folds.index.names).pipe(_no_attrs))


def _no_attrs(frame):
    frame.attrs.clear()
    return frame


@pytest.mark.parametrize("labels", [("negative", "positive"), ("No", "Yes")])
def test_string_labels_score_the_minority_and_say_so(toy, labels):
    X, y = toy
    named = np.where(y == 1, labels[1], labels[0])
    table = evaluate(LogisticRegression(), X, named, scoring=["average_precision", "recall"])
    numeric = evaluate(LogisticRegression(), X, y, scoring=["average_precision", "recall"])
    np.testing.assert_allclose(table.to_numpy(), numeric.to_numpy())
    assert table.index.name == f"metric (positive class: {labels[1]!r})"
    both = compare_samplers({"none": None}, LogisticRegression(), X, named)
    assert both.columns.names[0] == f"metric (positive class: {labels[1]!r})"


def test_pos_label_must_be_a_label(toy):
    X, y = toy
    with pytest.raises(ValueError, match="pos_label='maybe'"):
        evaluate(LogisticRegression(), X, y, pos_label="maybe")


def test_a_named_metric_gets_the_course_scorer(toy):
    # scikit-learn's "precision" warns on a fold where nothing is flagged; the course's does not.
    X, y = toy
    never = DummyClassifier(strategy="most_frequent")  # flags nothing
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        table = evaluate(never, X, y, cv=2, scoring=["precision"])
    assert table.loc["precision", "mean"] == 0.0


_CROSS_VALIDATING = {
    "evaluate": lambda X, y, **kw: evaluate(LogisticRegression(), X, y, **kw),
    "compare_samplers": lambda X, y, **kw: compare_samplers(
        {"none": None}, LogisticRegression(), X, y, **kw
    ),
    "cross_validate_samplers": lambda X, y, **kw: cross_validate_samplers(
        {"none": None}, LogisticRegression(), X, y, **kw
    ),
}


@pytest.mark.parametrize("helper", sorted(_CROSS_VALIDATING))
@pytest.mark.parametrize(
    ("random_state", "error"),
    [
        ("seed", TypeError),
        (1.5, TypeError),
        ([0], TypeError),
        (-1, ValueError),
        (2**32, ValueError),
    ],
)
def test_random_state_is_checked_by_the_shared_contract(toy, helper, random_state, error):
    X, y = toy
    # the message of helpers._validation.check_random_state_arg, naming the argument
    with pytest.raises(error, match=r"^random_state must be None, an int in \[0, 2\*\*32 - 1\]"):
        _CROSS_VALIDATING[helper](X, y, scoring=["recall"], random_state=random_state)


@pytest.mark.parametrize(
    "make_state",
    [lambda: None, lambda: np.random.RandomState(3), lambda: np.random.default_rng(3)],
    ids=["None", "RandomState", "Generator"],
)
def test_every_sampler_sees_the_same_folds_whatever_the_random_state(toy, make_state):
    # the default splitter is seeded once: RandomState, Generator or None are drawn from once
    X, y = toy
    samplers = {"a": None, "b": None}
    folds = cross_validate_samplers(
        samplers, LogisticRegression(), X, y, scoring=["recall"], random_state=make_state()
    )
    np.testing.assert_array_equal(folds.loc[("", "a")], folds.loc[("", "b")])
    if make_state() is not None:  # a seeded state gives the same folds on every call
        again = cross_validate_samplers(
            samplers, LogisticRegression(), X, y, scoring=["recall"], random_state=make_state()
        )
        pd.testing.assert_frame_equal(folds, again)


def test_format_difference_never_rounds_a_bound_onto_zero():
    columns = pd.MultiIndex.from_product([["ap"], ["diff", "low", "high", "above"]])
    table = pd.DataFrame(
        [[0.008, 0.00032, 0.016, 1.0], [-0.0, -0.0004, 0.000097, 0.5]], columns=columns
    )
    text = format_difference(table)["ap"].tolist()
    assert text == ["+0.008 [+0.0003, +0.016]", "+0.000 [-0.0004, +0.0001]"]


# --- the comparison's building blocks: counts, summaries, the leaky protocol ---------------
def test_counts_by_name_are_the_confusion_matrix_per_fold():
    X, y = make_imbalanced(300, random_state=0)
    cv = StratifiedKFold(3, shuffle=True, random_state=0)
    folds = cross_validate_samplers(
        {"none": None},
        LogisticRegression(),
        X,
        y,
        cv=cv,
        scoring=["precision", "alarms", "true positives"],
    )
    for fold, (train, test) in enumerate(cv.split(X, y)):
        predicted = LogisticRegression().fit(X[train], y[train]).predict(X[test])
        row = folds.xs(("", "none", fold))
        assert row["alarms"] == (predicted == 1).sum()
        assert row["true positives"] == ((predicted == 1) & (y[test] == 1)).sum()
        assert row["precision"] == pytest.approx(row["true positives"] / row["alarms"])
    # the counts are there by name only: the default table has none of them
    assert "alarms" not in compare_samplers({"none": None}, LogisticRegression(), X, y, cv=cv)


def test_counts_follow_a_text_positive_class():
    X, y = make_imbalanced(300, random_state=0)
    labels = np.where(y == 1, "Yes", "No")
    cv = StratifiedKFold(3, shuffle=True, random_state=0)
    kwargs = {"cv": cv, "scoring": ["alarms", "true positives"]}
    numbers = cross_validate_samplers({"none": None}, LogisticRegression(), X, y, **kwargs)
    text = cross_validate_samplers({"none": None}, LogisticRegression(), X, labels, **kwargs)
    np.testing.assert_array_equal(numbers.to_numpy(), text.to_numpy())


def stacked_folds():
    index = pd.MultiIndex.from_product(
        [["a", "b"], [""], ["none", "RUS"], [0, 1, 2]], names=["data", "model", "sampler", "fold"]
    )
    alarms = np.arange(12) % 5  # a fold with no alarm: 0, 5 and 10
    positives = np.minimum(alarms, [1, 1, 2] * 4)
    return pd.DataFrame({"alarms": alarms, "true positives": positives}, index=index)


def test_summarize_folds_groups_every_level_but_the_fold():
    folds = stacked_folds()
    table = summarize_folds(folds)
    assert table.index.names == ["data", "model", "sampler"]
    assert table.loc[("a", "", "RUS"), ("alarms", "mean")] == pytest.approx(7 / 3)  # 3, 4, 0
    assert table.loc[("a", "", "RUS"), ("alarms", "std")] == pytest.approx(np.std([3, 4, 0]))
    # what compare_samplers returns is summarize_folds of cross_validate_samplers
    X, y = make_imbalanced(200, random_state=0)
    kwargs = {"cv": 3, "scoring": ["recall"]}
    models = {"LR": LogisticRegression()}
    pd.testing.assert_frame_equal(
        compare_samplers({"none": None}, models, X, y, **kwargs),
        summarize_folds(cross_validate_samplers({"none": None}, models, X, y, **kwargs)),
    )
    with pytest.raises(TypeError, match="index levels model, sampler, fold"):
        summarize_folds(folds.droplevel("fold"))


def test_alarm_counts_sum_pool_and_range():
    table = alarm_counts(stacked_folds())
    first = table.loc[("a", "", "none")]  # alarms 0, 1, 2; true positives 0, 1, 2
    assert (first["alarms"], first["true positives"]) == (3, 3)
    assert first["pooled precision"] == 1.0 and first["alarms per fold"] == "0 to 2"
    per_pass = alarm_counts(stacked_folds(), n_repeats=3)
    assert per_pass.loc[("a", "", "none"), "alarms"] == 1.0
    no_alarm = stacked_folds().assign(alarms=0, **{"true positives": 0})
    assert alarm_counts(no_alarm)["pooled precision"].isna().all()  # not 0, not an error
    with pytest.raises(ValueError, match=r"add \['alarms', 'true positives'\] to the scoring"):
        alarm_counts(stacked_folds().drop(columns="alarms"))
    with pytest.raises(ValueError, match="n_repeats"):
        alarm_counts(stacked_folds(), n_repeats=0)


def test_cross_validate_leaky_scores_the_copies_and_the_real_rows():
    X, y = make_imbalanced(300, random_state=0)
    tree = DecisionTreeClassifier(random_state=0)
    leaky = cross_validate_leaky(
        RandomOverSampler(random_state=0), tree, X, y, cv=3, scoring=["recall"]
    )
    assert leaky.shape == (3, 4)
    # by hand, on the same folds: the leaky protocol's own numbers
    X_res, y_res = RandomOverSampler(random_state=0).fit_resample(X, y)
    real = np.arange(len(y_res)) < len(y)
    cv = StratifiedKFold(3, shuffle=True, random_state=0)
    for fold, (train, test) in enumerate(cv.split(X_res, y_res)):
        fitted = DecisionTreeClassifier(random_state=0).fit(X_res[train], y_res[train])
        kept = test[real[test]]
        hit = fitted.predict(X_res[kept])[y_res[kept] == 1].mean()
        assert leaky.loc[fold, ("leaky, real rows", "recall")] == pytest.approx(hit)
        assert leaky.loc[fold, ("leaky", "minority share")] == pytest.approx(y_res[test].mean())
    # honest=True: the sampler inside the folds, the same splitter on the real rows
    both = cross_validate_leaky(
        RandomOverSampler(random_state=0), tree, X, y, cv=3, scoring=["recall"], honest=True
    )
    pd.testing.assert_frame_equal(both[["leaky, real rows", "leaky"]], leaky)
    honest = cross_validate_samplers(
        {"ROS": RandomOverSampler(random_state=0)}, tree, X, y, cv=cv, scoring=["recall"]
    )
    np.testing.assert_array_equal(both["honest", "recall"], honest["recall"])
    with pytest.raises(ValueError, match="does not keep the real rows first"):
        from imblearn.under_sampling import RandomUnderSampler

        cross_validate_leaky(RandomUnderSampler(random_state=0), tree, X, y, cv=3)
    with pytest.raises(TypeError, match="sampler must be an imbalanced-learn sampler"):
        cross_validate_leaky(StandardScaler(), tree, X, y, cv=3)


def test_one_name_one_scorer_in_a_list_or_a_dict():
    # a model that flags nothing on some folds: scikit-learn's "precision" warns there
    X, y = make_imbalanced(200, weights=(0.97, 0.03), random_state=0)
    kwargs = {"cv": StratifiedKFold(3, shuffle=True, random_state=0)}
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the course's scorer counts no alarm as 0, silently
        by_list = evaluate(DummyClassifier(), X, y, scoring=["precision"], **kwargs)
        by_dict = evaluate(DummyClassifier(), X, y, scoring={"p": "precision"}, **kwargs)
    assert by_list.loc["precision", "mean"] == by_dict.loc["p", "mean"] == 0
