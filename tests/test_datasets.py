"""helpers.datasets: toy generators and describe_imbalance."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers import describe_imbalance, make_imbalanced, make_transactions


class TestMakeImbalanced:
    def test_shape_and_shares(self):
        X, y = make_imbalanced(1000, weights=(0.95, 0.05))
        assert X.shape == (1000, 2)
        assert set(np.unique(y)) == {0, 1}
        assert abs(y.mean() - 0.05) < 0.01

    def test_seeded(self):
        X1, y1 = make_imbalanced(random_state=3)
        X2, y2 = make_imbalanced(random_state=3)
        X3, _ = make_imbalanced(random_state=4)
        np.testing.assert_array_equal(X1, X2)
        np.testing.assert_array_equal(y1, y2)
        assert not np.array_equal(X1, X3)

    def test_multiclass_and_features(self):
        X, y = make_imbalanced(600, weights=(0.7, 0.2, 0.1), n_features=5)
        assert X.shape == (600, 5)
        assert np.bincount(y).argmax() == 0
        assert len(np.unique(y)) == 3

    def test_class_sep_changes_overlap(self):
        X_far, y = make_imbalanced(class_sep=3.0)
        X_near, _ = make_imbalanced(class_sep=0.5)
        gap = lambda X: np.linalg.norm(X[y == 0].mean(0) - X[y == 1].mean(0))  # noqa: E731
        assert gap(X_far) > gap(X_near)

    @pytest.mark.parametrize(
        ("kwargs", "error", "match"),
        [
            ({"weights": (0.5, 0.6)}, ValueError, "sum to 1"),
            ({"weights": (1.0,)}, ValueError, "at least two classes"),
            ({"weights": 0.9}, TypeError, "weights"),
            ({"n_samples": 5}, ValueError, "n_samples"),
            ({"n_samples": 10.5}, TypeError, "n_samples"),
            ({"n_features": 1}, ValueError, "n_features"),
            ({"class_sep": -1}, ValueError, "class_sep"),
            ({"random_state": "a"}, TypeError, "random_state"),
        ],
    )
    def test_bad_input(self, kwargs, error, match):
        with pytest.raises(error, match=match):
            make_imbalanced(**kwargs)


class TestMakeTransactions:
    def test_columns_and_fraud_share(self):
        df = make_transactions(5000, fraud_ratio=0.04)
        assert list(df.columns) == ["Amount", "Type", "Hour", "Class"]
        assert df["Class"].sum() == 200
        assert set(df["Type"]) == {"Online", "In-Person", "Other"}
        assert df["Hour"].between(0, 23).all()
        assert (df["Amount"] > 0).all()

    def test_fraud_is_larger_and_more_online(self):
        df = make_transactions(20_000, fraud_ratio=0.1)
        fraud, legit = df[df["Class"] == 1], df[df["Class"] == 0]
        # log-normal medians: exp(5) ~ 148 for fraud, exp(3.5) ~ 33 for legitimate
        assert 110 < fraud["Amount"].median() < 200
        assert 28 < legit["Amount"].median() < 38
        assert (fraud["Type"] == "Online").mean() > 0.65
        assert abs((legit["Type"] == "Online").mean() - 0.5) < 0.03

    def test_shuffled_and_seeded(self):
        df = make_transactions(1000)
        assert df["Class"].iloc[:980].sum() > 0  # fraud is not all at the end
        pd.testing.assert_frame_equal(df, make_transactions(1000))

    @pytest.mark.parametrize("ratio", [0, 1, -0.1, 1.5, "0.1"])
    def test_bad_ratio(self, ratio):
        with pytest.raises(ValueError, match="fraud_ratio"):
            make_transactions(fraud_ratio=ratio)


class TestDescribeImbalance:
    def test_table(self):
        table = describe_imbalance(np.array([1] * 10 + [0] * 90))
        assert table.index.tolist() == [0, 1]
        assert table["count"].tolist() == [90, 10]
        assert table["share"].tolist() == [0.9, 0.1]
        assert table["imbalance_ratio"].tolist() == [1.0, 9.0]

    def test_string_labels_and_series(self):
        table = describe_imbalance(pd.Series(["fraud"] * 2 + ["ok"] * 6))
        assert table.index.tolist() == ["ok", "fraud"]
        assert table.loc["fraud", "imbalance_ratio"] == 3.0

    def test_does_not_mutate(self):
        y = np.array([0, 0, 1])
        describe_imbalance(y)
        np.testing.assert_array_equal(y, [0, 0, 1])

    @pytest.mark.parametrize(
        ("y", "error"),
        [
            ([], ValueError),
            ([0, np.nan], ValueError),
            ([[0, 1], [1, 0]], ValueError),
            ("01", TypeError),
            (None, TypeError),
        ],
    )
    def test_bad_input(self, y, error):
        with pytest.raises(error, match="y"):
            describe_imbalance(y)
