"""Toy and real imbalanced data sets.

The toy generators are seeded so every notebook shows the same numbers; the real data sets
are read from the vendored files under ``data/`` (see ``data/README.md`` for provenance).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sklearn.datasets import make_classification

from ._validation import check_positive_int, check_random_state_arg, check_target

__all__ = [
    "DATASETS",
    "describe_imbalance",
    "load_dataset",
    "make_imbalanced",
    "make_transaction_stream",
    "make_transactions",
]


def make_imbalanced(
    n_samples: int = 1000,
    *,
    weights: Sequence[float] = (0.9, 0.1),
    n_features: int = 2,
    class_sep: float = 1.0,
    random_state: int | None = 42,
    **kwargs: Any,
) -> tuple[np.ndarray, np.ndarray]:
    """Make a small imbalanced classification problem (a thin, seeded ``make_classification``).

    With two features (the default) every point can be drawn, which is what the technique
    notebooks need for their pictures.

    Parameters
    ----------
    n_samples : int, default=1000
        Number of rows.
    weights : sequence of float, default=(0.9, 0.1)
        Share of each class; its length sets the number of classes. Must sum to 1.
    n_features : int, default=2
        Number of features, all informative when ``n_features <= 2``.
    class_sep : float, default=1.0
        Distance between the class clusters; smaller means more overlap.
    random_state : int or None, default=42
        Seed; the same seed gives the same data.
    **kwargs
        Passed to :func:`sklearn.datasets.make_classification` (for example ``flip_y``).

    Returns
    -------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)
        Integer labels ``0 .. len(weights) - 1``; class 0 is the majority by default.

    Examples
    --------
    >>> X, y = make_imbalanced(500, weights=(0.95, 0.05))
    >>> X.shape, int(y.sum())
    ((500, 2), 25)
    """
    n_samples = check_positive_int(n_samples, "n_samples", minimum=10)
    n_features = check_positive_int(n_features, "n_features", minimum=2)
    check_random_state_arg(random_state)
    weights = _check_weights(weights)
    if isinstance(class_sep, bool) or not isinstance(class_sep, (int, float, np.number)):
        raise TypeError(f"class_sep must be a number, got {type(class_sep).__name__}.")
    if not np.isfinite(class_sep) or class_sep <= 0:
        raise ValueError(f"class_sep must be a positive number, got {class_sep}.")
    n_informative = kwargs.pop("n_informative", min(n_features, max(2, n_features // 2)))
    if isinstance(n_informative, int) and len(weights) > 2**n_informative:
        raise ValueError(
            f"weights: {len(weights)} classes need more informative features than "
            f"n_features={n_features} gives ({n_informative} informative: at most "
            f"{2**n_informative} classes); raise n_features."
        )
    params = {
        "n_redundant": 0,
        "n_repeated": 0,
        "n_clusters_per_class": 1,
        "flip_y": 0.0,
    }
    params.update(kwargs)
    X, y = make_classification(
        n_samples=n_samples,
        n_features=n_features,
        n_informative=n_informative,
        n_classes=len(weights),
        weights=list(weights),
        class_sep=class_sep,
        # scikit-learn takes no numpy Generator: it seeds a RandomState instead
        random_state=(
            np.random.RandomState(random_state.integers(2**32))
            if isinstance(random_state, np.random.Generator)
            else random_state
        ),
        **params,
    )
    return X, y


def _check_weights(weights: Sequence[float]) -> tuple[float, ...]:
    if isinstance(weights, (str, bytes)):
        raise TypeError(f"weights must be a sequence of floats, got {weights!r}.")
    try:
        values = tuple(float(w) for w in weights)
    except (TypeError, ValueError):
        raise TypeError(f"weights must be a sequence of floats, got {weights!r}.") from None
    if len(values) < 2:
        raise ValueError(f"weights needs at least two classes, got {values}.")
    if any(not np.isfinite(w) or w <= 0 for w in values) or not np.isclose(sum(values), 1.0):
        raise ValueError(f"weights must be positive and sum to 1, got {values}.")
    return values


def make_transactions(
    n_samples: int = 10_000,
    *,
    fraud_ratio: float = 0.02,
    random_state: int | None = 42,
) -> pd.DataFrame:
    """Simulate the card-transaction table that opens the course.

    Legitimate amounts are log-normal (mean 3.5, sigma 1 on the log scale), fraudulent ones
    larger and more spread (mean 5, sigma 1.5). Fraud happens more often online (70 % vs
    50 %) and, as in real card data, more often at night.

    Parameters
    ----------
    n_samples : int, default=10_000
        Number of transactions.
    fraud_ratio : float, default=0.02
        Share of fraudulent transactions, strictly between 0 and 1.
    random_state : int or None, default=42
        Seed.

    Returns
    -------
    DataFrame
        Columns ``Amount`` (float), ``Type`` (``"Online"``, ``"In-Person"``, ``"Other"``),
        ``Hour`` (0-23) and ``Class`` (1 = fraud), rows shuffled.

    Examples
    --------
    >>> df = make_transactions(1000)
    >>> list(df.columns)
    ['Amount', 'Type', 'Hour', 'Class']
    >>> int(df["Class"].sum())
    20
    """
    n_samples = check_positive_int(n_samples, "n_samples", minimum=2)
    check_random_state_arg(random_state)
    if not (isinstance(fraud_ratio, (int, float)) and 0 < fraud_ratio < 1):
        raise ValueError(f"fraud_ratio must be a number in (0, 1), got {fraud_ratio!r}.")
    rng = np.random.default_rng(random_state)
    n_fraud = max(1, round(n_samples * fraud_ratio))
    n_legit = n_samples - n_fraud
    if n_legit < 1:
        raise ValueError(f"fraud_ratio={fraud_ratio} leaves no legitimate transactions.")
    types = np.array(["Online", "In-Person", "Other"])
    # Legitimate purchases follow the day; fraud leans towards the night.
    day = np.array([1, 1, 1, 1, 1, 1, 2, 3, 5, 6, 7, 7, 8, 7, 7, 7, 7, 7, 7, 6, 5, 4, 3, 2.0])
    night = np.array([6, 6, 6, 6, 5, 4, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 4, 4, 5, 5, 6.0])
    legit = pd.DataFrame(
        {
            "Amount": rng.lognormal(3.5, 1.0, n_legit),
            "Type": rng.choice(types, n_legit, p=[0.5, 0.4, 0.1]),
            "Hour": rng.choice(24, n_legit, p=day / day.sum()),
            "Class": 0,
        }
    )
    fraud = pd.DataFrame(
        {
            "Amount": rng.lognormal(5.0, 1.5, n_fraud),
            "Type": rng.choice(types, n_fraud, p=[0.7, 0.2, 0.1]),
            "Hour": rng.choice(24, n_fraud, p=night / night.sum()),
            "Class": 1,
        }
    )
    df = pd.concat([legit, fraud], ignore_index=True)
    df["Amount"] = df["Amount"].round(2)
    df = df.iloc[rng.permutation(len(df))].reset_index(drop=True)
    return df.astype({"Hour": "int64", "Class": "int64"})


def make_transaction_stream(
    n_samples: int = 30_000,
    *,
    n_customers: int = 2_000,
    n_days: int = 120,
    fraud_ratio_start: float = 0.01,
    fraud_ratio_end: float = 0.04,
    label_delay_days: int = 7,
    random_state: int | None = 42,
) -> pd.DataFrame:
    """Simulate a stream of card transactions in time, by customer, with drifting fraud.

    The sibling of :func:`make_transactions` for evaluating *in time and by group*.
    Transactions arrive uniformly over ``n_days`` days; each belongs to one of
    ``n_customers`` customers (some far more active than others), who keeps the same
    profile (age, account age, credit limit) on every transaction. The chance that a
    transaction at time ``t`` is fraud moves linearly from ``fraud_ratio_start`` on day 0
    to ``fraud_ratio_end`` on the last day, a drift in the *prevalence* only: what a fraud
    looks like does not change. Frauds are committed by a small set of fraudulent customers
    (5 % of them), each active during an episode of 10 to 40 days, who strike repeatedly
    with their own signature: amounts near their own typical amount, at their own hour of
    the night (give or take an hour: every fraud falls between 19:00 and 06:59), mostly
    online. A fraud is given to one of the fraudsters whose episode covers its time; a fraud
    outside every episode goes to the fraudster whose episode's middle is nearest. A
    fraudster keeps striking until the episode ends, even after earlier frauds were
    labelled (no card is blocked), and is the account holder (first-party fraud). Their
    accounts are younger on average (a pattern a model can learn), and their profile plus
    signature let a flexible model *memorise* them (a pattern that does not carry over to
    the next fraudster). Fraudulent customers also make
    ordinary purchases. Each label arrives 1 to ``label_delay_days`` days after its
    transaction (uniform, whatever the class), as chargebacks and investigations take time.

    Parameters
    ----------
    n_samples : int, default=30_000
        Number of transactions (at least 100).
    n_customers : int, default=2_000
        Number of customers (at least 40, so that at least two are fraudulent).
    n_days : int, default=120
        Length of the stream in days (at least 2).
    fraud_ratio_start, fraud_ratio_end : float, default=0.01 and 0.04
        Probability that a transaction is fraud at the start and at the end of the stream,
        each strictly between 0 and 0.5.
    label_delay_days : int, default=7
        Longest delay, in whole days, before a label is known (at least 1).
    random_state : int or None, default=42
        Seed; the same seed gives the same stream.

    Returns
    -------
    DataFrame
        One row per transaction, sorted by time, with columns ``Time`` (days since the
        start, float), ``Day`` (int), ``CustomerID`` (int), ``CustomerAge`` (years, int),
        ``AccountYears`` (float), ``CreditLimit`` (float), ``Amount`` (float), ``Hour``
        (0-23), ``Online`` (0/1), ``LabelTime`` (days since the start when the label is
        known, float) and ``Class`` (1 = fraud).

    Examples
    --------
    >>> stream = make_transaction_stream(5_000, n_customers=400, n_days=60)
    >>> stream.shape
    (5000, 11)
    >>> bool(stream["Time"].is_monotonic_increasing)
    True
    >>> delay = stream["LabelTime"] - stream["Time"]
    >>> bool(delay.between(1, 7).all())
    True
    >>> first, last = stream["Day"] < 30, stream["Day"] >= 30
    >>> bool(stream.loc[first, "Class"].mean() < stream.loc[last, "Class"].mean())
    True
    """
    n_samples = check_positive_int(n_samples, "n_samples", minimum=100)
    n_customers = check_positive_int(n_customers, "n_customers", minimum=40)
    n_days = check_positive_int(n_days, "n_days", minimum=2)
    label_delay_days = check_positive_int(label_delay_days, "label_delay_days", minimum=1)
    for name, value in [
        ("fraud_ratio_start", fraud_ratio_start),
        ("fraud_ratio_end", fraud_ratio_end),
    ]:
        if isinstance(value, bool) or not isinstance(value, (int, float, np.number)):
            raise TypeError(f"{name} must be a number, got {type(value).__name__}.")
        if not 0 < value < 0.5:
            raise ValueError(f"{name} must be in (0, 0.5), got {value!r}.")
    check_random_state_arg(random_state)
    rng = np.random.default_rng(random_state)

    # Customers: a profile each, an activity level, and 5 % of them fraudulent.
    age = rng.integers(18, 86, n_customers)
    activity = rng.gamma(1.0, 1.0, n_customers)
    n_fraudsters = max(2, round(0.05 * n_customers))
    fraudsters = rng.choice(n_customers, n_fraudsters, replace=False)
    account_years = rng.exponential(6.0, n_customers)
    account_years[fraudsters] = rng.exponential(1.5, n_fraudsters)
    credit_limit = np.round(rng.lognormal(8.0, 0.5, n_customers), -2)
    spend_level = rng.normal(3.5, 0.4, n_customers)
    episode_length = rng.uniform(10, 40, n_fraudsters)
    episode_start = rng.uniform(-episode_length / 2, n_days - episode_length / 2)
    signature_amount = rng.normal(5.0, 0.8, n_fraudsters)
    night = np.array([0, 1, 2, 3, 4, 5, 20, 21, 22, 23])
    signature_hour = rng.choice(night, n_fraudsters)

    # Transactions: uniform in time; fraud with a probability drifting linearly.
    time = np.sort(rng.uniform(0, n_days, n_samples))
    rate = fraud_ratio_start + (fraud_ratio_end - fraud_ratio_start) * time / n_days
    fraud = rng.random(n_samples) < rate
    customer = rng.choice(n_customers, n_samples, p=activity / activity.sum())
    # Each fraud goes to a fraudster whose episode covers it (else the nearest episode).
    middle = episode_start + episode_length / 2
    who = np.empty(int(fraud.sum()), dtype=int)
    for k, t in enumerate(time[fraud]):
        active = np.flatnonzero((episode_start <= t) & (t < episode_start + episode_length))
        if active.size == 0:
            active = np.array([np.argmin(np.abs(middle - t))])
        who[k] = rng.choice(active)
    customer[fraud] = fraudsters[who]

    amount = rng.lognormal(spend_level[customer], 0.8)
    amount[fraud] = rng.lognormal(signature_amount[who], 0.15)
    day_profile = np.array(
        [1, 1, 1, 1, 1, 1, 2, 3, 5, 6, 7, 7, 8, 7, 7, 7, 7, 7, 7, 6, 5, 4, 3, 2.0]
    )
    hour = rng.choice(24, n_samples, p=day_profile / day_profile.sum())
    hour[fraud] = (signature_hour[who] + rng.integers(-1, 2, who.size)) % 24
    online = (rng.random(n_samples) < np.where(fraud, 0.8, 0.5)).astype("int64")
    delay = rng.uniform(1, label_delay_days, n_samples)
    return pd.DataFrame(
        {
            "Time": time,
            "Day": np.floor(time).astype("int64"),
            "CustomerID": customer.astype("int64"),
            "CustomerAge": age[customer].astype("int64"),
            "AccountYears": account_years[customer].round(2),
            "CreditLimit": credit_limit[customer],
            "Amount": amount.round(2),
            "Hour": hour.astype("int64"),
            "Online": online,
            "LabelTime": time + delay,
            "Class": fraud.astype("int64"),
        }
    )


#: The vendored real data sets, and everything :func:`load_dataset` needs to read each one:
#:
#: - ``file``: its file under ``data/`` (provenance and checksums: ``data/README.md``);
#: - ``format``: ``"keel"`` (a KEEL ``.dat`` file, its column names in ``@attribute`` lines)
#:   or ``"csv"`` (a header row, unless ``columns`` names the columns);
#: - ``columns`` / ``drop``: the column names of a headerless CSV file / columns left out;
#: - ``target``: the label column, and the name of the returned ``y``;
#: - ``positive``: the label of the minority (positive) class, which becomes 1 and every
#:   other label 0; ``None`` keeps the labels, as ints (multi-class);
#: - ``categorical``: feature columns kept as strings;
#: - ``description``: one line for a table of the data sets.
DATASETS: dict[str, dict[str, Any]] = {
    "yeast3": {
        "file": "yeast3.dat",
        "format": "keel",
        "target": "Class",
        "positive": "positive",
        "description": "KEEL yeast3: protein localisation, ME3 vs rest (IR 8.1)",
    },
    "yeast4": {
        "file": "yeast4.dat",
        "format": "keel",
        "target": "Class",
        "positive": "positive",
        "description": "KEEL yeast4: protein localisation, ME2 vs rest (IR 28.1)",
    },
    "abalone19": {
        "file": "abalone19.dat",
        "format": "keel",
        "target": "Class",
        "positive": "positive",
        "categorical": ["Sex"],
        "description": "KEEL abalone19: age 19 rings vs rest, categorical Sex (IR 129.4)",
    },
    "glass": {
        "file": "glass.data",
        "format": "csv",
        "columns": ["Id", "RI", "Na", "Mg", "Al", "Si", "K", "Ca", "Ba", "Fe", "Type"],
        "drop": ["Id"],
        "target": "Type",
        "positive": None,
        "description": "UCI glass identification: 6 glass types, multi-class",
    },
    "default": {
        "file": "Default.csv",
        "format": "csv",
        "target": "default",
        "positive": "Yes",
        "categorical": ["student"],
        "description": "ISLR Default: credit card default, categorical student (IR 29.0)",
    },
}


def data_dir() -> Path:
    """Folder holding the vendored data files (internal: not exported by ``helpers``).

    ``$IMBALANCED_COURSE_DATA`` overrides it; otherwise it is ``data/`` at the repository root.
    """
    env = os.environ.get("IMBALANCED_COURSE_DATA")
    return Path(env) if env else Path(__file__).resolve().parent.parent / "data"


def load_dataset(name: str) -> tuple[pd.DataFrame, pd.Series]:
    """Load a vendored real data set, as its entry in ``DATASETS`` describes it.

    Parameters
    ----------
    name : {"yeast3", "yeast4", "abalone19", "glass", "default"}
        Data set name (case-insensitive). ``DATASETS`` lists them with a description.

    Returns
    -------
    X : DataFrame
        Features; categorical columns (abalone19's ``Sex``, Default's ``student``) stay strings.
    y : Series
        Binary sets: 1 for the minority (positive) class, 0 otherwise. ``glass``: the glass
        type as an int (1, 2, 3, 5, 6, 7).

    Examples
    --------
    >>> X, y = load_dataset("yeast4")
    >>> X.shape, int(y.sum())
    ((1484, 8), 51)
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a string, got {type(name).__name__}.")
    key = name.lower()
    if key not in DATASETS:
        raise ValueError(f"name: unknown dataset {name!r}; known: {sorted(DATASETS)}.")
    spec = DATASETS[key]
    path = data_dir() / spec["file"]
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing; the course vendors it under data/.")
    if spec["format"] == "keel":
        df = _read_keel(path)
    else:
        columns = spec.get("columns")
        df = pd.read_csv(path, header=None if columns else "infer", names=columns)
    df = df.drop(columns=spec.get("drop", []))
    labels = df.pop(spec["target"])
    if spec["positive"] is None:
        y = labels.astype("int64")
    else:
        y = (labels == spec["positive"]).astype("int64").rename(spec["target"])
    for column in spec.get("categorical", []):
        df[column] = df[column].astype(str)
    return df, y


def _read_keel(path: Path) -> pd.DataFrame:
    """Read a KEEL ``.dat`` file: ``@attribute`` header lines, then comma-separated rows."""
    names, rows = [], []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if not line:
                continue
            if line.lower().startswith("@attribute"):
                names.append(line.split()[1])
            elif not line.startswith("@"):
                rows.append([field.strip() for field in line.split(",")])
    df = pd.DataFrame(rows, columns=names)
    for column in names:
        converted = pd.to_numeric(df[column], errors="coerce")
        if converted.notna().all():
            df[column] = converted
    return df


def describe_imbalance(y: Any) -> pd.DataFrame:
    """Count each class, its share, and its imbalance ratio against the largest class.

    Parameters
    ----------
    y : array-like of shape (n_samples,)
        Class labels (ints, strings, bools...).

    Returns
    -------
    DataFrame
        Indexed by class, sorted from the largest class to the smallest, with columns
        ``count``, ``share`` (fraction of all rows) and ``imbalance_ratio``
        (largest class count / this class count; 1.0 for the largest class).

    Examples
    --------
    >>> describe_imbalance([0] * 90 + [1] * 10)
           count  share  imbalance_ratio
    class
    0         90    0.9              1.0
    1         10    0.1              9.0
    """
    labels = check_target(y, "y", min_classes=1)
    counts = pd.Series(labels).value_counts(sort=False)
    counts = counts.sort_values(ascending=False, kind="stable")
    table = pd.DataFrame(
        {
            "count": counts.astype("int64"),
            "share": (counts / counts.sum()).round(4),
            "imbalance_ratio": (counts.max() / counts).round(2),
        }
    )
    table.index.name = "class"
    return table
