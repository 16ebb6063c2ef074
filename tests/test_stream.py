"""helpers.datasets.make_transaction_stream: a seeded stream in time, by customer."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers import make_transaction_stream

COLUMNS = [
    "Time",
    "Day",
    "CustomerID",
    "CustomerAge",
    "AccountYears",
    "CreditLimit",
    "Amount",
    "Hour",
    "Online",
    "LabelTime",
    "Class",
]


@pytest.fixture(scope="module")
def stream() -> pd.DataFrame:
    return make_transaction_stream(20_000, n_customers=1_000, n_days=100)


def test_columns_order_and_ranges(stream):
    assert list(stream.columns) == COLUMNS
    assert len(stream) == 20_000
    assert stream["Time"].is_monotonic_increasing
    assert stream["Time"].between(0, 100, inclusive="left").all()
    assert (stream["Day"] == np.floor(stream["Time"])).all()
    assert stream["Hour"].between(0, 23).all()
    assert set(stream["Online"]) == {0, 1}
    assert set(stream["Class"]) == {0, 1}
    assert (stream["Amount"] > 0).all()
    assert stream["CustomerID"].between(0, 999).all()


def test_seeded_and_deterministic():
    a = make_transaction_stream(2_000, n_customers=100, random_state=7)
    b = make_transaction_stream(2_000, n_customers=100, random_state=7)
    c = make_transaction_stream(2_000, n_customers=100, random_state=8)
    pd.testing.assert_frame_equal(a, b)
    assert not a.equals(c)


def test_fraud_rate_drifts_in_the_requested_direction():
    up = make_transaction_stream(40_000, fraud_ratio_start=0.01, fraud_ratio_end=0.05)
    early, late = up["Day"] < 30, up["Day"] >= 90
    # expected about 0.0125 in the first quarter and 0.0475 in the last
    assert 0.008 < up.loc[early, "Class"].mean() < 0.017
    assert 0.040 < up.loc[late, "Class"].mean() < 0.055
    down = make_transaction_stream(40_000, fraud_ratio_start=0.05, fraud_ratio_end=0.01)
    assert down.loc[early, "Class"].mean() > down.loc[late, "Class"].mean()
    flat = make_transaction_stream(40_000, fraud_ratio_start=0.02, fraud_ratio_end=0.02)
    assert abs(flat.loc[early, "Class"].mean() - flat.loc[late, "Class"].mean()) < 0.008


@pytest.mark.parametrize("delay", [1, 3, 14])
def test_labels_arrive_within_the_delay(delay):
    df = make_transaction_stream(3_000, n_customers=200, label_delay_days=delay)
    lag = df["LabelTime"] - df["Time"]
    assert lag.between(1 - 1e-9, delay + 1e-9).all()
    if delay > 1:
        assert lag.max() > delay - 0.5  # the whole range is used
        assert lag.min() < 1.5


def test_frauds_come_from_few_repeat_customers(stream):
    frauds = stream[stream["Class"] == 1]
    per_customer = frauds.groupby("CustomerID").size()
    # 5 % of 1,000 customers are fraudulent; each strikes repeatedly
    assert per_customer.size <= 50
    assert per_customer.median() >= 3
    # fraudulent customers also make legitimate purchases
    legit_of_fraudsters = stream[stream["CustomerID"].isin(per_customer.index)]["Class"] == 0
    assert legit_of_fraudsters.sum() > 0


def test_customer_profile_is_constant_per_customer(stream):
    profile = stream.groupby("CustomerID")[["CustomerAge", "AccountYears", "CreditLimit"]]
    assert (profile.nunique() == 1).all().all()


def test_fraud_has_a_customer_signature(stream):
    frauds = stream[stream["Class"] == 1]
    spread_within = np.log(frauds["Amount"]).groupby(frauds["CustomerID"]).std().median()
    spread_all = np.log(frauds["Amount"]).std()
    assert spread_within < 0.3 * spread_all


def test_does_not_touch_make_transactions():
    from helpers import make_transactions

    df = make_transactions(1000)
    assert list(df.columns) == ["Amount", "Type", "Hour", "Class"]
    assert int(df["Class"].sum()) == 20


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"n_samples": 50}, ValueError, "n_samples"),
        ({"n_samples": 1000.0}, TypeError, "n_samples"),
        ({"n_customers": 10}, ValueError, "n_customers"),
        ({"n_customers": "many"}, TypeError, "n_customers"),
        ({"n_days": 1}, ValueError, "n_days"),
        ({"label_delay_days": 0}, ValueError, "label_delay_days"),
        ({"label_delay_days": 2.5}, TypeError, "label_delay_days"),
        ({"fraud_ratio_start": 0}, ValueError, "fraud_ratio_start"),
        ({"fraud_ratio_end": 0.7}, ValueError, "fraud_ratio_end"),
        ({"fraud_ratio_end": "0.1"}, TypeError, "fraud_ratio_end"),
        ({"fraud_ratio_start": True}, TypeError, "fraud_ratio_start"),
        ({"random_state": "a"}, TypeError, "random_state"),
    ],
)
def test_bad_input(kwargs, error, match):
    with pytest.raises(error, match=match):
        make_transaction_stream(**{"n_samples": 1_000, **kwargs})
