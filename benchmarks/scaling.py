"""Scaling stage: how each sampler's time and peak memory grow from 10^3 to 10^6 rows.

Each (method, size) runs in a fresh subprocess (``scaling_worker.py``) with a wall-clock
limit; a method that exceeds it (or fails) is not tried on larger sizes. Results go to
``benchmarks/scaling.json``, which the appendix notebook 60 reads.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORKER = HERE / "scaling_worker.py"
OUT = HERE / "scaling.json"
SIZES = [10**3, 10**4, 10**5, 10**6]
LIMIT = 120  # seconds of wall-clock time per (method, size), the imports excluded

sys.path.insert(0, str(HERE))
from scaling_worker import (  # noqa: E402
    METHODS,
    MIN_POSITIVES,
    N_FEATURES,
    POSITIVE_SHARE,
    SEED,
    SHIFT,
)


def _load() -> tuple[float, float, float]:
    return os.getloadavg()


def run_one(method: str, n_rows: int, limit: float) -> dict:
    # The worker's own timer measures the call alone; the subprocess limit adds a margin
    # for the interpreter start and imports (slow on a loaded machine).
    start = time.perf_counter()
    try:
        proc = subprocess.run(
            [sys.executable, str(WORKER), method, str(n_rows)],
            capture_output=True,
            text=True,
            timeout=limit + 60,
            env={**os.environ, "PYTHONHASHSEED": "0"},
        )
    except subprocess.TimeoutExpired:
        return {"method": method, "rows": n_rows, "status": "timeout", "limit_s": limit}
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:]
        return {"method": method, "rows": n_rows, "status": "error", "error": " ".join(tail)}
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["status"] = "timeout" if result["seconds"] > limit else "ok"
    result["limit_s"] = limit
    result["process_seconds"] = round(time.perf_counter() - start, 2)
    return result


def run(limit: float = LIMIT, sizes: list[int] = SIZES, out: Path = OUT) -> dict:
    data = {
        "description": (
            f"{N_FEATURES} standard-normal features; {POSITIVE_SHARE:.1%} positives (at least "
            f"{MIN_POSITIVES}) from a Gaussian shifted by {SHIFT} in every feature; seed {SEED}. "
            "Time of fit_resample (samplers) or fit (LogisticRegression), in a fresh process "
            "per (method, rows); peak_mb is the process's peak resident memory "
            "(data_peak_mb: the same just before the call, i.e. interpreter + imports + data)."
        ),
        "sizes": sizes,
        "limit_s": limit,
        "cpu_count": os.cpu_count(),
        "load_average_start": [round(v, 2) for v in _load()],
        "started": time.strftime("%Y-%m-%d %H:%M:%S"),
        "results": [],
    }
    for method in METHODS:
        for n_rows in sizes:
            result = run_one(method, n_rows, limit)
            result["load_average_1min"] = round(_load()[0], 2)
            data["results"].append(result)
            print(json.dumps(result), flush=True)
            out.write_text(json.dumps(data, indent=1) + "\n")
            if result["status"] != "ok":
                for bigger in sizes[sizes.index(n_rows) + 1 :]:
                    data["results"].append({"method": method, "rows": bigger, "status": "skipped"})
                break
    data["load_average_end"] = [round(v, 2) for v in _load()]
    data["finished"] = time.strftime("%Y-%m-%d %H:%M:%S")
    out.write_text(json.dumps(data, indent=1) + "\n")
    return data


if __name__ == "__main__":
    run()
