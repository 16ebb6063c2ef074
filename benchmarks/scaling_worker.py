"""One (method, size) cell of the scaling benchmark, run in its own process.

    python benchmarks/scaling_worker.py SMOTE 100000

Prints one line of JSON: wall and CPU seconds of the resampling (or the fit, for the class
weighting rows) and the process's peak resident memory, before and after the call. The data
is generated with NumPy, seeded: 30 standard-normal features, 0.2 % positives drawn from a
Gaussian shifted by 1 in every feature (the shape of real card-fraud data).
"""

from __future__ import annotations

import json
import resource
import sys
import time

import numpy as np

N_FEATURES = 30
POSITIVE_SHARE = 0.002
#: Below this the kNN methods cannot run (SMOTE's default k_neighbors=5 needs 6 positives);
#: 10^3 rows at 0.2 % would have only 2.
MIN_POSITIVES = 10
SHIFT = 1.0
SEED = 0


def make_data(n_rows: int) -> tuple[np.ndarray, np.ndarray]:
    """``n_rows`` x 30 features, 0.2 % positives (at least ``MIN_POSITIVES``), seeded."""
    rng = np.random.default_rng(SEED)
    n_pos = max(MIN_POSITIVES, round(n_rows * POSITIVE_SHARE))
    X = rng.standard_normal((n_rows, N_FEATURES))
    y = np.zeros(n_rows, dtype=np.int64)
    y[:n_pos] = 1
    X[:n_pos] += SHIFT
    return X, y


def _samplers() -> dict:
    from imblearn.over_sampling import ADASYN, SMOTE, BorderlineSMOTE, RandomOverSampler
    from imblearn.under_sampling import (
        ClusterCentroids,
        CondensedNearestNeighbour,
        EditedNearestNeighbours,
        InstanceHardnessThreshold,
        NearMiss,
        NeighbourhoodCleaningRule,
        OneSidedSelection,
        RandomUnderSampler,
        TomekLinks,
    )

    return {
        "RandomOverSampler": lambda: RandomOverSampler(random_state=SEED),
        "RandomUnderSampler": lambda: RandomUnderSampler(random_state=SEED),
        "SMOTE": lambda: SMOTE(random_state=SEED),
        "ADASYN": lambda: ADASYN(random_state=SEED),
        "BorderlineSMOTE": lambda: BorderlineSMOTE(random_state=SEED),
        "TomekLinks": lambda: TomekLinks(),
        "EditedNearestNeighbours": lambda: EditedNearestNeighbours(),
        "NearMiss": lambda: NearMiss(version=1),
        # the prototype selection / generation methods of notebook 25, with their defaults
        "CondensedNearestNeighbour": lambda: CondensedNearestNeighbour(random_state=SEED),
        "OneSidedSelection": lambda: OneSidedSelection(random_state=SEED),
        "NeighbourhoodCleaningRule": lambda: NeighbourhoodCleaningRule(),
        "InstanceHardnessThreshold": lambda: InstanceHardnessThreshold(random_state=SEED),
        "ClusterCentroids": lambda: ClusterCentroids(random_state=SEED),
    }


METHODS = [
    "RandomOverSampler",
    "RandomUnderSampler",
    "SMOTE",
    "ADASYN",
    "BorderlineSMOTE",
    "TomekLinks",
    "EditedNearestNeighbours",
    "NearMiss",
    "CondensedNearestNeighbour",
    "OneSidedSelection",
    "NeighbourhoodCleaningRule",
    "InstanceHardnessThreshold",
    "ClusterCentroids",
    "LogisticRegression",
    "LogisticRegression (class_weight='balanced')",
]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def run(method: str, n_rows: int) -> dict:
    from sklearn.linear_model import LogisticRegression

    samplers = _samplers()
    X, y = make_data(n_rows)
    before = _peak_mb()
    wall, cpu = time.perf_counter(), time.process_time()
    if method in samplers:
        _, y_res = samplers[method]().fit_resample(X, y)
        out_rows = len(y_res)
    elif method.startswith("LogisticRegression"):
        weight = "balanced" if "balanced" in method else None
        LogisticRegression(class_weight=weight, max_iter=1000).fit(X, y)
        out_rows = n_rows
    else:
        raise SystemExit(f"unknown method {method!r}; known: {METHODS}")
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {
        "method": method,
        "rows": n_rows,
        "positives": int(y.sum()),
        "rows_after": int(out_rows),
        "seconds": round(wall, 4),
        "cpu_seconds": round(cpu, 4),
        "peak_mb": round(_peak_mb(), 1),
        "data_peak_mb": round(before, 1),
    }


if __name__ == "__main__":
    print(json.dumps(run(sys.argv[1], int(sys.argv[2]))))
