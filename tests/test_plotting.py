"""helpers.plotting: the figures mark what a sampler added or removed, and reject bad input."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from imblearn.over_sampling import SMOTE, RandomOverSampler
from imblearn.under_sampling import RandomUnderSampler
from sklearn.linear_model import LogisticRegression

from helpers import (
    BeforeAfterDisplay,
    make_imbalanced,
    plot_before_after,
    plot_class_distribution,
    plot_decision_boundaries,
    plot_decision_boundary,
    split_new_and_removed,
)


def legend_labels(ax):
    return [t.get_text() for t in ax.get_legend().get_texts()]


class TestSplitNewAndRemoved:
    def test_smote_adds_only(self, toy):
        X, y = toy
        X_res, _ = SMOTE(random_state=0).fit_resample(X, y)
        is_new, is_removed = split_new_and_removed(X, X_res)
        assert is_new.sum() == len(X_res) - len(X)
        assert not is_removed.any()

    def test_copies_count_as_new(self, toy):
        X, y = toy
        X_res, _ = RandomOverSampler(random_state=0).fit_resample(X, y)
        is_new, _ = split_new_and_removed(X, X_res)
        assert is_new.sum() == len(X_res) - len(X)

    def test_undersampling_removes_only(self, toy):
        X, y = toy
        X_res, _ = RandomUnderSampler(random_state=0).fit_resample(X, y)
        is_new, is_removed = split_new_and_removed(X, X_res)
        assert not is_new.any()
        assert is_removed.sum() == len(X) - len(X_res)

    def test_feature_mismatch(self):
        with pytest.raises(ValueError, match="same number of features"):
            split_new_and_removed(np.zeros((3, 2)), np.zeros((3, 3)))


class TestPlotBeforeAfter:
    def test_marks_synthetic_points(self, toy):
        X, y = toy
        X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)
        fig = plot_before_after(X, y, X_res, y_res, "SMOTE")
        before, after = fig.axes
        n_new = len(X_res) - len(X)
        assert f"new class 1 (n={n_new})" in legend_labels(after)
        assert "SMOTE" in after.get_title()
        assert not any("removed" in label for label in legend_labels(before))

    def test_marks_removed_points(self, toy):
        X, y = toy
        X_res, y_res = RandomUnderSampler(random_state=0).fit_resample(X, y)
        fig = plot_before_after(X, y, X_res, y_res, "RUS")
        assert f"removed (n={len(X) - len(X_res)})" in legend_labels(fig.axes[0])

    def test_dataframe_names_axes(self, toy):
        X, y = toy
        df = pd.DataFrame(X, columns=["amount", "hour"])
        fig = plot_before_after(df, pd.Series(y), df, pd.Series(y), "none")
        assert fig.axes[0].get_xlabel() == "amount"
        assert fig.axes[0].get_ylabel() == "hour"

    def test_draws_into_given_axes(self, toy):
        X, y = toy
        fig, axes = plt.subplots(1, 2)
        assert plot_before_after(X, y, X, y, "none", axes=axes) is fig

    def test_does_not_mutate(self, toy):
        X, y = toy
        X_copy, y_copy = X.copy(), y.copy()
        plot_before_after(X, y, X, y, "none")
        np.testing.assert_array_equal(X, X_copy)
        np.testing.assert_array_equal(y, y_copy)

    @pytest.mark.parametrize(
        ("change", "error", "match"),
        [
            ({"X_before": np.zeros((200, 1))}, ValueError, "at least two features"),
            ({"y_after": np.zeros(5)}, ValueError, "same number of samples"),
            ({"X_after": np.full((200, 2), np.nan)}, ValueError, "X_after contains NaN"),
            ({"technique_name": 3}, TypeError, "technique_name"),
            ({"X_before": "abc"}, TypeError, "X_before"),
        ],
    )
    def test_bad_input(self, toy, change, error, match):
        X, y = toy
        kwargs = {"X_before": X, "y_before": y, "X_after": X, "y_after": y, "technique_name": "t"}
        kwargs.update(change)
        with pytest.raises(error, match=match):
            plot_before_after(**kwargs)


class TestPlotDecisionBoundary:
    def test_draws_regions_and_points(self, toy):
        X, y = toy
        ax = plot_decision_boundary(LogisticRegression().fit(X, y), X, y, title="LR")
        assert ax.get_title() == "LR"
        assert len(ax.collections) >= 3  # contour regions + two scatters

    def test_unfitted(self, toy):
        from sklearn.exceptions import NotFittedError

        X, y = toy
        with pytest.raises(NotFittedError):
            plot_decision_boundary(LogisticRegression(), X, y)

    def test_needs_two_features(self, toy):
        X, y = toy
        X3 = np.hstack([X, X[:, :1]])
        with pytest.raises(ValueError, match="exactly 2 features"):
            plot_decision_boundary(LogisticRegression().fit(X3, y), X3, y)


class TestPlotClassDistribution:
    def test_bars_and_shares(self):
        ax = plot_class_distribution(["ok"] * 95 + ["fraud"] * 5)
        heights = [bar.get_height() for bar in ax.patches]
        assert heights == [95, 5]
        assert [t.get_text() for t in ax.texts] == ["95.0%", "5.0%"]
        assert "19" in ax.get_title()

    def test_one_class_is_allowed(self):
        ax = plot_class_distribution([0, 0, 0])
        assert len(ax.patches) == 1

    def test_bad_input(self):
        with pytest.raises(ValueError, match="y is empty"):
            plot_class_distribution([])


class TestBeforeAfterDisplay:
    def test_keeps_axes_figure_and_artists(self, toy):
        X, y = toy
        X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)
        display = BeforeAfterDisplay.from_resampling(X, y, X_res, y_res, technique_name="SMOTE")
        assert display.figure_ is display.axes_[0].figure
        assert display.titles_[1].get_text() == f"After SMOTE (n={len(y_res)})"
        np.testing.assert_array_equal(display.new_[1].get_offsets(), X_res[len(X) :])

    def test_update_moves_the_existing_artists(self, toy):
        X, y = toy
        display = BeforeAfterDisplay(X, y, X, y, technique_name="RUS").plot(show_removed=True)
        collections = [list(ax.collections) for ax in display.axes_]
        X_res, y_res = RandomUnderSampler(random_state=0).fit_resample(X, y)
        changed = display.update(X_res, y_res, subtitle="ratio=1")
        # the same artists, now holding the new data
        assert [list(ax.collections) for ax in display.axes_] == collections
        for c in (0, 1):
            np.testing.assert_array_equal(display.original_[c].get_offsets(), X_res[y_res == c])
        removed = display.removed_.get_offsets()
        assert len(removed) == len(X) - len(X_res)
        assert not {tuple(row) for row in np.asarray(removed)} & {tuple(r) for r in X_res}
        assert f"removed (n={len(X) - len(X_res)})" in legend_labels(display.axes_[0])
        assert f"class 0 (n={int((y_res == 0).sum())})" in legend_labels(display.axes_[1])
        assert display.titles_[1].get_text() == f"After RUS (n={len(y_res)})\nratio=1"
        assert display.removed_ in changed and display.titles_[1] in changed

    def test_update_checks_its_input(self, toy):
        X, y = toy
        display = BeforeAfterDisplay(X, y, X, y, technique_name="t")
        with pytest.raises(RuntimeError, match="plot"):
            display.update(X, y)
        display.plot()
        with pytest.raises(ValueError, match="y_after has classes"):
            display.update(X, np.where(y == 1, 2, y))
        with pytest.raises(ValueError, match="X_after and y_after"):
            display.update(X, y[:-1])

    def test_axes_must_be_a_pair(self, toy):
        X, y = toy
        _, ax = plt.subplots()
        with pytest.raises(TypeError, match="axes must be a pair"):
            BeforeAfterDisplay.from_resampling(X, y, X, y, technique_name="t", axes=ax)


@pytest.mark.parametrize("sampler", [SMOTE(random_state=0), RandomUnderSampler(random_state=0)])
def test_each_legend_adds_up_to_its_panel(toy, sampler):
    # "class 1 (n=100)" beside "new class 1 (n=800)" must not read as 900 rows of class 1.
    X, y = toy
    X_res, y_res = sampler.fit_resample(X, y)
    fig = plot_before_after(X, y, X_res, y_res, "sampler")
    for ax, total in zip(fig.axes, (len(y), len(y_res)), strict=True):
        counts = [int(label.rsplit("n=", 1)[1].rstrip(")")) for label in legend_labels(ax)]
        assert sum(counts) == total, legend_labels(ax)


def test_decision_boundaries_one_panel_per_model_and_sampler():
    X, y = make_imbalanced(200, random_state=0)
    fig = plot_decision_boundaries(
        {"none": None, "RUS": RandomUnderSampler(random_state=0), "SMOTE": SMOTE(random_state=0)},
        {"linear": LogisticRegression(), "flat": LogisticRegression(C=1e-6)},
        X,
        y,
        class_labels=["legitimate", "fraud"],
        title="Boundaries",
    )
    assert len(fig.axes) == 6
    assert [ax.get_title() for ax in fig.axes[:3]] == [
        "linear\nnone",
        "linear\nRUS",
        "linear\nSMOTE",
    ]
    assert all(ax.get_legend() is None for ax in fig.axes)  # one shared legend
    labels = [t.get_text() for t in fig.legends[0].get_texts()]
    assert labels[:2] == ["legitimate", "fraud"]
    assert fig.get_suptitle() == "Boundaries"
    # each panel's regions are its own model's: undersampling moves the boundary
    none, rus = (
        np.concatenate([path.vertices for path in ax.collections[0].get_paths()])
        for ax in fig.axes[:2]
    )
    assert none.shape != rus.shape or not np.allclose(none, rus)
    plt.close(fig)
    with pytest.raises(TypeError, match="samplers must be a non-empty dict"):
        plot_decision_boundaries([None], {"linear": LogisticRegression()}, X, y)
