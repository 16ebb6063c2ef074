"""The course's performance report: measured times and memory against the course's budgets
(defined once, in ``benchmarks/budgets.py``).

    .venv/bin/python benchmarks/run.py                    # every stage
    .venv/bin/python benchmarks/run.py --skip scaling     # all but the long scaling stage
    .venv/bin/python benchmarks/run.py --only scaling     # just the scaling stage

Writes ``benchmarks/report.json`` (every figure) and ``benchmarks/report.md`` (tables). A
stage that is not run keeps its figures from the previous report, so stages can be run at
different times (the scaling stage on a quiet machine). Nothing here is a test: figures are
reported, budgets marked met or missed.
"""

from __future__ import annotations

import argparse
import copy
import io
import itertools
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

import nbformat
from nbclient import NotebookClient

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import report as report_md  # noqa: E402
import scaling  # noqa: E402
from budgets import BUDGETS  # noqa: E402

from tools.course_env import nbval_mode, use_course_environment  # noqa: E402

REPORT_JSON = HERE / "report.json"
REPORT_MD = HERE / "report.md"
STAGES = ["machine", "setup", "import", "notebooks", "sliders", "gan", "book", "nbval", "scaling"]
# The Makefile's environment, also when this script is run directly: it is what the stored
# outputs and budgets assume.
use_course_environment()
ENV = {**os.environ}
MARKER = "@@BENCH@@"

#: The same measurement before uv and the lock (pip install -r requirements.txt, direct pins
#: only), on this kind of machine at commit ae8b1c3 with pip's cache warm; kept for comparison.
SETUP_BEFORE_UV = {
    "tool": "pip 23.2.1",
    "fresh_clone_make_book_s": 58.1,
    "issue_20_measured_elsewhere_s": 116.0,
}


def _median(values: list[float]) -> float:
    return float(statistics.median(values))


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return float(ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))])


def _peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _load() -> list[float]:
    return [round(v, 2) for v in os.getloadavg()]


# --- machine -------------------------------------------------------------------------------
def stage_machine() -> dict:
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    packages = [
        "numpy",
        "pandas",
        "scikit-learn",
        "imbalanced-learn",
        "matplotlib",
        "ipywidgets",
        "keras",
        "tensorflow-cpu",
        "nbclient",
        "nbval",
        "jupyter-book",
    ]
    versions = {}
    for name in packages:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "versions": versions,
        "load_average": _load(),
        "date": time.strftime("%Y-%m-%d %H:%M"),
    }


# --- import helpers ------------------------------------------------------------------------
PUBLIC_API = (
    "from helpers import make_imbalanced, make_transactions, load_dataset, "
    "describe_imbalance, plot_before_after, plot_decision_boundary, plot_class_distribution, "
    "evaluate, compare_samplers, resampling_demo, slider_demo, CLASS_COLORS"
)
#: The libraries the public helpers stand on, imported alone: what is not helpers' own cost.
LIBRARIES = (
    "import numpy, pandas, matplotlib.pyplot, sklearn.datasets, sklearn.model_selection, "
    "sklearn.metrics, imblearn.pipeline, ipywidgets, PIL.Image"
)
PROBE = (
    "import sys; print(sorted(m for m in ('tensorflow', 'keras', 'torch') if m in sys.modules))"
)


def _time_interpreter(code: str, repeats: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds of ``repeats`` fresh interpreters running ``code``."""
    times, cpu_times = [], []
    for _ in range(repeats):
        start, cpu = time.perf_counter(), _children_cpu()
        subprocess.run([sys.executable, "-c", code], check=True, env=ENV, cwd=ROOT)
        times.append(time.perf_counter() - start)
        cpu_times.append(_children_cpu() - cpu)
    return times, cpu_times


def stage_import(repeats: int = 7) -> dict:
    (bare, bare_cpu), (package, package_cpu), (api, api_cpu), (libs, libs_cpu) = (
        _time_interpreter(code, repeats)
        for code in ("pass", "import helpers", PUBLIC_API, LIBRARIES)
    )
    loaded = subprocess.run(
        [sys.executable, "-c", f"{PUBLIC_API}; import helpers.widgets; {PROBE}"],
        check=True,
        env=ENV,
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return {
        "repeats": repeats,
        "bare_interpreter_s": round(_median(bare), 3),
        # differences of medians; below zero means "lost in the noise": shown as 0
        "import_helpers_s": round(max(0.0, _median(package) - _median(bare)), 3),
        "public_api_s": round(max(0.0, _median(api) - _median(bare)), 3),
        "bare_interpreter_cpu_s": round(_median(bare_cpu), 3),
        "import_helpers_cpu_s": round(max(0.0, _median(package_cpu) - _median(bare_cpu)), 3),
        "public_api_cpu_s": round(max(0.0, _median(api_cpu) - _median(bare_cpu)), 3),
        "libraries_s": round(max(0.0, _median(libs) - _median(bare)), 3),
        "libraries_cpu_s": round(max(0.0, _median(libs_cpu) - _median(bare_cpu)), 3),
        "libraries": LIBRARIES,
        "heavy_modules_after_public_api": loaded,
        "loads_tensorflow": "tensorflow" in loaded or "keras" in loaded,
    }


# --- notebooks -----------------------------------------------------------------------------
MEMORY_CELL = f"""\
import json as _json, resource as _resource
print("{MARKER}memory" + _json.dumps(
    {{"kernel_peak_mb": _resource.getrusage(_resource.RUSAGE_SELF).ru_maxrss / 1024,
      "kernel_cpu_s": _resource.getrusage(_resource.RUSAGE_SELF).ru_utime
      + _resource.getrusage(_resource.RUSAGE_SELF).ru_stime}}))
"""

LATENCY_CELL = f"""\
import itertools as _it, json as _json, statistics as _st, time as _time
from helpers.widgets import _DEMOS as _demos

_out = []
for _demo in sorted(_demos, key=lambda d: int(d.id.rsplit("-", 1)[1])):
    _times, _cpu = [], []
    for _ in range({{repeats}}):
        for _combo in _it.product(*(_demo.options[_n] for _n in _demo.names)):
            _t, _c = _time.perf_counter(), _time.process_time()
            _demo.render(**dict(zip(_demo.names, _combo)))
            _times.append(1000 * (_time.perf_counter() - _t))
            _cpu.append(1000 * (_time.process_time() - _c))
    _times.sort()
    _out.append({{
        "id": _demo.id,
        "caption": _demo.caption,
        "sliders": {{_n: len(_demo.options[_n]) for _n in _demo.names}},
        "renders": len(_times),
        "median_ms": round(_st.median(_times), 2),
        "p95_ms": round(_times[min(len(_times) - 1, round(0.95 * (len(_times) - 1)))], 2),
        "max_ms": round(_times[-1], 2),
        "cpu_median_ms": round(_st.median(_cpu), 2),
    }})
print("{MARKER}sliders" + _json.dumps(_out))
"""


def _markers(cell: nbformat.NotebookNode) -> dict:
    found = {}
    for output in cell.get("outputs", []):
        for line in output.get("text", "").splitlines():
            if line.startswith(MARKER):
                rest = line[len(MARKER) :]
                for key in ("memory", "sliders"):
                    if rest.startswith(key):
                        found[key] = json.loads(rest[len(key) :])
    return found


def run_notebook(path: Path, *, repeats: int = 3, timeout: int = 900) -> dict:
    """Execute a copy of ``path`` in a fresh kernel (the file is never rewritten)."""
    nb = nbformat.read(path, as_version=4)
    n_cells = len(nb.cells)
    nb.cells.append(nbformat.v4.new_code_cell(MEMORY_CELL))
    nb.cells.append(nbformat.v4.new_code_cell(LATENCY_CELL.replace("{repeats}", str(repeats))))
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=False,
    )
    result: dict = {"notebook": path.name}
    try:  # the kernel inherits the course environment set at import
        start = time.perf_counter()
        with client.setup_kernel():
            kernel_ready = time.perf_counter()
            for index, cell in enumerate(nb.cells[:n_cells]):
                client.execute_cell(cell, index)
            done = time.perf_counter()
            for index in range(n_cells, len(nb.cells)):
                client.execute_cell(nb.cells[index], index)
                result.update(_markers(nb.cells[index]))
    except Exception as exc:  # a broken notebook is reported, not fatal
        result["error"] = f"{type(exc).__name__}: {str(exc).strip().splitlines()[-1][:300]}"
        return result
    result["seconds"] = round(done - start, 2)
    result["kernel_start_s"] = round(kernel_ready - start, 2)
    result["cells_s"] = round(done - kernel_ready, 2)
    memory = result.pop("memory", {})
    result["kernel_peak_mb"] = round(memory.get("kernel_peak_mb", 0.0), 1)
    # CPU time of the kernel (all its threads) up to the end of the notebook's own cells:
    # what the wall-clock time would approach on an idle machine with one core.
    result["kernel_cpu_s"] = round(memory.get("kernel_cpu_s", 0.0), 1)
    result["slider_demos"] = result.pop("sliders", [])
    return result


def stage_notebooks(paths: list[Path], repeats: int = 3) -> dict:
    rows = []
    for path in paths:
        row = run_notebook(path, repeats=repeats)
        rows.append(row)
        print(f"  {path.name}: {row.get('seconds', row.get('error'))}", flush=True)
    ok = [r for r in rows if "seconds" in r]
    return {
        "notebooks": rows,
        "total_s": round(sum(r["seconds"] for r in ok), 1),
        "slider_repeats": repeats,
        "load_average": _load(),
    }


# --- slider update: naive vs ours ----------------------------------------------------------
def stage_sliders(repeats: int = 3) -> dict:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from imblearn.over_sampling import SMOTE

    from helpers import make_imbalanced, plot_before_after, resampling_demo

    X, y = make_imbalanced(1000, random_state=42)
    sliders = {"k_neighbors": [1, 3, 5, 7, 9], "sampling_strategy": [0.25, 0.5, 0.75, 1.0]}

    def make(k_neighbors: int, sampling_strategy: float) -> SMOTE:
        return SMOTE(k_neighbors=k_neighbors, sampling_strategy=sampling_strategy, random_state=0)

    def naive(**values: float) -> bytes:
        # What a plain plotting function does on every slider change: a new figure.
        X_res, y_res = make(**values).fit_resample(X, y)
        fig = plot_before_after(X, y, X_res, y_res, "SMOTE")  # plt.subplots inside
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=80)
        plt.close(fig)
        return buffer.getvalue()

    demo = resampling_demo(make, X, y, sliders=sliders, technique_name="SMOTE")
    combos = [dict(zip(sliders, c, strict=True)) for c in itertools.product(*sliders.values())]
    naive(**combos[0])  # warm-up: first-call costs (font cache...) are not an update
    updates = {
        "naive": naive,
        "ours": demo.render,
        "resample_only": lambda **values: make(**values).fit_resample(X, y),
    }
    times: dict[str, list[float]] = {key: [] for key in updates}
    cpu_times: dict[str, list[float]] = {key: [] for key in updates}
    for _ in range(repeats):
        for values in combos:  # interleaved, so load changes hit all alike
            for key, update in updates.items():
                start, cpu = time.perf_counter(), time.process_time()
                update(**values)
                times[key].append(1000 * (time.perf_counter() - start))
                cpu_times[key].append(1000 * (time.process_time() - cpu))
    out = {
        "points": len(y),
        "sliders": {k: list(v) for k, v in sliders.items()},
        "renders_each": len(times["ours"]),
    }
    for key, values in times.items():
        out[f"{key}_median_ms"] = round(_median(values), 1)
        out[f"{key}_p95_ms"] = round(_p95(values), 1)
        out[f"{key}_cpu_median_ms"] = round(_median(cpu_times[key]), 1)
    out["speed_up"] = round(out["naive_median_ms"] / out["ours_median_ms"], 1)
    out["speed_up_cpu"] = round(out["naive_cpu_median_ms"] / out["ours_cpu_median_ms"], 1)
    out["load_average"] = _load()
    return out


# --- GAN -----------------------------------------------------------------------------------
GAN_NOTEBOOK = ROOT / "notebooks" / "30_gan_augmentation.ipynb"
GAN_DEFAULTS = {"epochs": 300, "batch_size": 32}
GAN_SCRIPT = """
import json, resource, sys, time
t = time.perf_counter()
from helpers.gan import train_gan
import_s = time.perf_counter() - t
from helpers import make_imbalanced
# the issue's worst case: a minority class of 1,000 rows (8 features)
X, y = make_imbalanced(2000, weights=(0.5, 0.5), n_features=8, random_state=42)
settings = json.loads(sys.argv[1])
t = time.perf_counter(); c = time.process_time()
train_gan(X[y == 1], **settings)
print(json.dumps({"import_s": round(import_s, 2), "train_s": round(time.perf_counter() - t, 2),
                  "train_cpu_s": round(time.process_time() - c, 2), "minority_rows": int(y.sum()),
                  "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}))
"""


def _gan_settings() -> tuple[dict, str]:
    """The settings notebook 30's minority GANs use: GANOverSampler's defaults."""
    return dict(GAN_DEFAULTS), "GANOverSampler's defaults, as notebook 30's minority GANs"


def stage_gan() -> dict:
    import importlib.util

    # only whether it is there: importing it here would load TensorFlow into this process
    if importlib.util.find_spec("helpers.gan") is None:
        return {"skipped": "helpers.gan is not available yet"}
    settings, source = _gan_settings()
    settings.setdefault("random_state", 0)
    proc = subprocess.run(
        [sys.executable, "-c", GAN_SCRIPT, json.dumps(settings)],
        capture_output=True,
        text=True,
        env=ENV,
        cwd=ROOT,
        timeout=900,
    )
    if proc.returncode != 0:
        return {"error": proc.stderr.strip().splitlines()[-1:], "settings": settings}
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    out.update({"settings": settings, "settings_from": source, "load_average": _load()})
    return out


# --- book ----------------------------------------------------------------------------------
def stage_book() -> dict:
    out_dir = Path(tempfile.mkdtemp(prefix="bench_book_"))
    cmd = [
        str(Path(sys.executable).with_name("jupyter-book")),
        "build",
        ".",
        "--config",
        "jupyter_book_config.yml",
        "--toc",
        "_toc.yml",
        "--path-output",
        str(out_dir),
    ]
    start, cpu = time.perf_counter(), _children_cpu()
    proc = subprocess.run(cmd, cwd=ROOT, env=ENV, capture_output=True, text=True)
    seconds, cpu = time.perf_counter() - start, _children_cpu() - cpu
    warnings = sum("WARNING" in line for line in (proc.stdout + proc.stderr).splitlines())
    shutil.rmtree(out_dir, ignore_errors=True)
    return {
        "seconds": round(seconds, 1),
        "cpu_s": round(cpu, 1),
        "returncode": proc.returncode,
        "warnings": warnings,
        "command": " ".join(cmd[1:]).replace(str(out_dir), "<tmp>"),
        "load_average": _load(),
    }


# --- setup: a fresh clone, from nothing ----------------------------------------------------
def _timed_make(target: str, folder: Path, uv_cache: Path) -> dict:
    # A clean environment: no .venv of ours, no course variables; uv's cache as given.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "UV_"))}
    env["UV_CACHE_DIR"] = str(uv_cache)
    start = time.perf_counter()
    proc = subprocess.run(
        ["make", target], cwd=folder, env=env, capture_output=True, text=True, check=False
    )
    return {"seconds": round(time.perf_counter() - start, 1), "returncode": proc.returncode}


def stage_setup() -> dict:
    """A newcomer's first command on a fresh clone: `make book` (uv, the lock, the book) with
    uv's cache empty (a new machine) and warm (a second clone); and `make setup` alone, the
    step `make test` starts with."""
    work = Path(tempfile.mkdtemp(prefix="bench_setup_"))
    cache = work / "uv-cache"
    results = {}
    try:
        for label, target in [
            ("make_book_cold_cache", "book"),
            ("make_book_warm_cache", "book"),
            ("make_setup_warm_cache", "setup"),
        ]:
            clone = work / label
            subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
            results[label] = _timed_make(target, clone, cache)
            shutil.rmtree(clone, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {
        **results,
        "before_uv": SETUP_BEFORE_UV,
        "note": "fresh `git clone` of HEAD (committed files only); packages from PyPI",
        "load_average": _load(),
    }


# --- nbval ---------------------------------------------------------------------------------
NBVAL = [
    "-m",
    "pytest",
    nbval_mode(),  # as `make test-notebooks`: strict on the reference platform
    "--nbval-current-env",
    "--nbval-sanitize-with",
    "tests/sanitize.cfg",
    "-n",
    "2",
    "--dist",
    "loadscope",
    "-q",
    "-p",
    "no:cacheprovider",
    "notebooks/",
]


def stage_nbval() -> dict:
    start, cpu = time.perf_counter(), _children_cpu()
    proc = subprocess.run(
        [sys.executable, *NBVAL], cwd=ROOT, env=ENV, capture_output=True, text=True
    )
    seconds, cpu = time.perf_counter() - start, _children_cpu() - cpu
    summary = [line for line in proc.stdout.strip().splitlines() if " in " in line][-1:]
    return {
        "seconds": round(seconds, 1),
        "cpu_s": round(cpu, 1),
        "returncode": proc.returncode,
        "summary": summary[0].strip("= ") if summary else "",
        "command": "python " + " ".join(NBVAL),
        "notebooks": len(list((ROOT / "notebooks").glob("*.ipynb"))),
        "load_average": _load(),
    }


# --- driver --------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", choices=STAGES, help="run just these stages")
    parser.add_argument("--skip", nargs="+", choices=STAGES, default=[], help="skip these")
    parser.add_argument(
        "--notebooks", nargs="+", type=Path, help="notebooks stage: only these files"
    )
    parser.add_argument(
        "--repeats", type=int, default=3, help="slider renders per combination (default 3)"
    )
    args = parser.parse_args(argv)
    stages = [s for s in (args.only or STAGES) if s not in args.skip]

    report = json.loads(REPORT_JSON.read_text()) if REPORT_JSON.exists() else {}
    report = copy.deepcopy(report)
    runners = {
        "machine": stage_machine,
        "setup": stage_setup,
        "import": stage_import,
        "notebooks": lambda: _merge_notebooks(
            report.get("notebooks"),
            stage_notebooks(
                args.notebooks or sorted((ROOT / "notebooks").glob("*.ipynb")), args.repeats
            ),
            partial=bool(args.notebooks),
        ),
        "sliders": lambda: stage_sliders(args.repeats),
        "gan": stage_gan,
        "book": stage_book,
        "nbval": stage_nbval,
        "scaling": lambda: {"file": "scaling.json", **_scaling_summary(scaling.run())},
    }
    if "machine" not in stages:  # the header always describes the machine of this run
        stages.insert(0, "machine")
    for stage in stages:
        print(f"[{time.strftime('%H:%M:%S')}] {stage} ...", flush=True)
        start = time.perf_counter()
        report[stage] = runners[stage]()
        report[stage]["stage_seconds"] = round(time.perf_counter() - start, 1)
        report[stage]["measured"] = time.strftime("%Y-%m-%d %H:%M")
        REPORT_JSON.write_text(json.dumps(report, indent=1) + "\n")
    report["benchmark_process"] = {
        "peak_mb": _peak_mb(),
        "children_peak_mb": _peak_mb(resource.RUSAGE_CHILDREN),
        "stages_run": stages,
    }
    report["budgets"] = BUDGETS  # a record of what this run was judged against
    REPORT_JSON.write_text(json.dumps(report, indent=1) + "\n")
    scaling_data = json.loads(scaling.OUT.read_text()) if scaling.OUT.exists() else None
    REPORT_MD.write_text(report_md.render(report, scaling_data))
    print(f"wrote {REPORT_MD.relative_to(ROOT)} and {REPORT_JSON.relative_to(ROOT)}")
    return 0


def _merge_notebooks(old: dict | None, new: dict, *, partial: bool) -> dict:
    """With ``--notebooks``, update those rows of the previous report and keep the rest."""
    if not partial or not old:
        return new
    rows = {row["notebook"]: row for row in old.get("notebooks", [])}
    rows.update({row["notebook"]: row for row in new["notebooks"]})
    merged = dict(new, notebooks=[rows[name] for name in sorted(rows)])
    merged["total_s"] = round(sum(r.get("seconds", 0) for r in merged["notebooks"]), 1)
    return merged


def _scaling_summary(data: dict) -> dict:
    return {
        "load_average_start": data.get("load_average_start"),
        "load_average_end": data.get("load_average_end"),
        "rows": len(data.get("results", [])),
    }


if __name__ == "__main__":
    sys.exit(main())
