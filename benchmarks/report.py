"""Render ``report.json`` (and ``scaling.json``) as the Markdown report, judged against the
budgets of ``benchmarks/budgets.py``."""

from __future__ import annotations

from typing import Any

from budgets import (
    BOOK_S,
    FRESH_BOOK_S,
    IMPORT_S,
    NBVAL_S,
    SLIDER_MEDIAN_MS,
    notebook_budget,
)


def _status(value: float | None, budget: float) -> str:
    if value is None:
        return "not measured"
    return "met" if value <= budget else "**missed**"


def _status_cpu(value: float | None, cpu: float | None, budget: float) -> str:
    """Met on the wall clock; or missed there but met in CPU time (the load's doing)."""
    if value is None:
        return "not measured"
    if value <= budget:
        return "met"
    if cpu is not None and cpu <= budget:
        return "missed on wall clock, met in CPU time (load)"
    return "**missed**"


def _fmt(value: Any, unit: str = "", digits: int = 1) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.{digits}f}{unit}"
    return f"{value}{unit}"


def _table(header: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return lines + [""]


def _under_load(load: list[float] | None, cores: int) -> bool:
    return bool(load) and load[0] > cores


def _idle_estimate(nb: dict, cores: int) -> float | None:
    """What a notebook would take on an idle machine: its kernel's CPU time, spread over
    the cores when it ran on several threads (CPU time above wall-clock time)."""
    cpu = nb.get("kernel_cpu_s")
    if cpu is None:
        return None
    return cpu / cores if cpu > nb.get("seconds", cpu) else cpu


def _notes(report: dict, rows: list[list[Any]], cores: int) -> list[str]:
    """Why each missed budget was missed, and what meeting it would take."""
    notes = []
    load_only = [r[0] for r in rows if r[3].startswith("missed on wall")]
    if load_only:
        loads = [
            report[s]["load_average"][0]
            for s in ("notebooks", "sliders", "nbval", "book")
            if isinstance(report.get(s), dict) and report[s].get("load_average")
        ]
        notes.append(
            f"Missed on the wall clock only ({len(load_only)}: {', '.join(load_only)}): the "
            f"CPU time of the same work is within budget, and the machine was shared (load "
            f"average up to {max(loads, default=0):g} on {cores} cores), so each job got a "
            "fraction of a core. Nothing to fix in the code; re-run `make bench` on an idle "
            "machine to confirm."
        )
    for nb in report.get("notebooks", {}).get("notebooks", []):
        budget = notebook_budget(nb["notebook"])
        idle = _idle_estimate(nb, cores) or 0
        if idle > budget:
            spread = (
                f", {idle:.0f} s even spread over {cores} cores"
                if idle != nb["kernel_cpu_s"]
                else ""
            )
            notes.append(
                f"`{nb['notebook']}`: its kernel alone used {nb['kernel_cpu_s']:.0f} CPU "
                f"seconds{spread} (> {budget:g} s), so it misses on an idle machine too. It "
                "needs less work "
                "in the notebook itself (fewer CV folds or repeats, smaller models or data, "
                "fewer slider values); that notebook belongs to its author."
            )
        for demo in nb.get("slider_demos", []):
            if demo.get("cpu_median_ms", 0) > SLIDER_MEDIAN_MS:
                notes.append(
                    f"`{nb['notebook']}` slider {demo['id'].rsplit('-', 1)[1]}: "
                    f"{demo['cpu_median_ms']:.0f} ms of CPU per update: the work behind one "
                    "slider position (the resampling or model fit it redraws) costs more than "
                    "the budget by itself. The book is unaffected (its frames are "
                    "precomputed); for the live slider, fewer points or a cheaper update."
                )
    nbval = report.get("nbval", {})
    if nbval and nbval.get("cpu_s", 0) / 2 > NBVAL_S:
        notes.append(
            f"nbval: {nbval['cpu_s']:.0f} CPU seconds over two workers is more than the "
            "budget even on an idle machine; it falls with the heavy notebooks listed above."
        )
    book = report.get("book", {})
    if book and book.get("cpu_s", 0) > BOOK_S:
        notes.append(
            f"Book build: {book['cpu_s']:.0f} CPU seconds; the build is Sphinx's own work "
            "(one page per notebook plus the slider frames); it would need fewer or lighter "
            "pages, or a parallel build (`sphinx -j`)."
        )
    return notes


def render(report: dict, scaling: dict | None) -> str:
    machine = report.get("machine", {})
    cores = machine.get("cores") or 1
    out = ["# Performance report", ""]
    out.append(
        "Written by `benchmarks/run.py` (`make bench`); every figure is in `report.json`. "
        "Times are wall-clock seconds unless marked CPU; memory is peak resident set size "
        "(ru_maxrss). Budgets are benchmarks/budgets.py's."
    )
    out.append("")
    versions = machine.get("versions", {})
    out.append(
        f"**Machine:** {machine.get('cpu', '?')}, {cores} cores; Python "
        f"{machine.get('python', '?')}; {machine.get('platform', '')}.  "
    )
    out.append("**Versions:** " + ", ".join(f"{k} {v}" for k, v in versions.items()) + ".  ")
    out.append(f"**Run:** {machine.get('date', '?')}.")
    out.append("")
    loads = {
        stage: report[stage].get("load_average")
        for stage in ("machine", "notebooks", "sliders", "gan", "book", "nbval")
        if isinstance(report.get(stage), dict) and report[stage].get("load_average")
    }
    loaded = [s for s, load in loads.items() if _under_load(load, cores)]
    if loaded:
        worst = max(load[0] for load in loads.values())
        out.append(
            f"> **Measured under load.** Other jobs shared the machine while this ran (1-minute "
            f"load average up to {worst:g} on {cores} cores, in: {', '.join(loaded)}), so "
            "wall-clock times are inflated, roughly by the load over the core count. CPU "
            "times (kernel CPU per notebook, nbval and book CPU) are much less affected and "
            "show what an idle machine would do."
        )
        out.append("")

    # --- budgets -------------------------------------------------------------------------
    out += ["## Budgets", ""]
    rows = []
    nbs = report.get("notebooks", {}).get("notebooks", [])
    for nb in nbs:
        budget = notebook_budget(nb["notebook"])
        if "seconds" in nb:
            rows.append(
                [
                    f"notebook `{nb['notebook']}`",
                    f"{nb['seconds']:.1f} s (kernel CPU {nb.get('kernel_cpu_s', 0):.1f} s)",
                    f"≤ {budget:g} s",
                    _status_cpu(nb["seconds"], _idle_estimate(nb, cores), budget),
                ]
            )
        else:
            rows.append([f"notebook `{nb['notebook']}`", nb.get("error", "failed"), "", "error"])
    nbval = report.get("nbval", {})
    if nbval:
        rows.append(
            [
                "all notebooks under nbval (`-n 2`)",
                f"{nbval['seconds']:.0f} s (CPU {nbval.get('cpu_s', 0):.0f} s; "
                f"{nbval.get('summary', '')})",
                f"≤ {NBVAL_S:g} s",
                _status_cpu(nbval["seconds"], nbval.get("cpu_s", 0) / 2, NBVAL_S),
            ]
        )
    imp = report.get("import", {})
    if imp:
        rows.append(
            [
                "`import helpers`",
                f"{imp['import_helpers_s']:.3f} s "
                f"(CPU {imp.get('import_helpers_cpu_s', 0):.3f} s); TensorFlow loaded: "
                f"{'yes' if imp['loads_tensorflow'] else 'no'}",
                f"≤ {IMPORT_S:g} s, no TensorFlow",
                "met"
                if imp["import_helpers_s"] <= IMPORT_S and not imp["loads_tensorflow"]
                else "**missed**",
            ]
        )
        if "libraries_s" in imp:
            own = imp["public_api_cpu_s"] - imp["libraries_cpu_s"]
            rows.append(
                [
                    "the Setup cell's `from helpers import ...` (all public helpers)",
                    f"{imp['public_api_s']:.2f} s (CPU {imp['public_api_cpu_s']:.2f} s), of "
                    f"which the libraries alone (scikit-learn, imbalanced-learn, matplotlib, "
                    f"pandas, ipywidgets) {imp['libraries_s']:.2f} s (CPU "
                    f"{imp['libraries_cpu_s']:.2f} s): helpers' own CPU {max(own, 0):.2f} s",
                    "informational (the libraries are the notebooks' own imports)",
                    "—",
                ]
            )
    sliders = report.get("sliders", {})
    slider_budget = SLIDER_MEDIAN_MS
    if sliders:
        rows.append(
            [
                "slider update, SMOTE on 1,000 points (ours)",
                f"median {sliders['ours_median_ms']:.0f} ms, p95 {sliders['ours_p95_ms']:.0f} ms"
                f" (CPU median {sliders.get('ours_cpu_median_ms', 0):.0f} ms)",
                f"≤ {slider_budget:g} ms median",
                _status_cpu(
                    sliders["ours_median_ms"], sliders.get("ours_cpu_median_ms"), slider_budget
                ),
            ]
        )
    for nb in nbs:
        for demo in nb.get("slider_demos", []):
            rows.append(
                [
                    f"slider `{nb['notebook']}` {demo['id'].rsplit('-', 1)[1]}",
                    f"median {demo['median_ms']:.0f} ms, p95 {demo['p95_ms']:.0f} ms "
                    f"(CPU median {demo.get('cpu_median_ms', 0):.0f} ms)",
                    f"≤ {slider_budget:g} ms median",
                    _status_cpu(demo["median_ms"], demo.get("cpu_median_ms"), slider_budget),
                ]
            )
    book = report.get("book", {})
    if book:
        rows.append(
            [
                "book build from stored outputs",
                f"{book['seconds']:.0f} s (CPU {book.get('cpu_s', 0):.0f} s)",
                f"≤ {BOOK_S:g} s",
                _status_cpu(book["seconds"], book.get("cpu_s"), BOOK_S),
            ]
        )
    setup = report.get("setup", {})
    if setup.get("make_book_cold_cache"):
        cold = setup["make_book_cold_cache"]["seconds"]
        budget = FRESH_BOOK_S
        rows.append(
            [
                "fresh clone's `make book`, from nothing (uv's cache empty)",
                f"{cold:.0f} s",
                f"≤ {budget:g} s",
                _status(cold, budget),
            ]
        )
    out += _table(["what", "measured", "budget", "status"], rows)
    informational = [r for r in rows if r[3] == "—"]
    missed = [r for r in rows if r[3] in ("**missed**", "error")]
    load_only = [r for r in rows if r[3].startswith("missed on wall")]
    out.append(
        f"{len(rows) - len(informational) - len(missed) - len(load_only)} of "
        f"{len(rows) - len(informational)} budgets met on the wall "
        f"clock; {len(load_only)} more met in CPU time but not on the loaded wall clock"
        + (". Missed outright: " + "; ".join(r[0] for r in missed) if missed else "")
        + ". (nbval's CPU time is divided by its two workers.)"
    )
    out.append("")
    notes = _notes(report, rows, cores)
    if notes:
        out += ["### Why a budget is missed, and what it would take", ""]
        out += [f"- {note}" for note in notes] + [""]

    # --- setup -------------------------------------------------------------------------
    if setup.get("make_book_cold_cache"):
        before = setup.get("before_uv", {})
        out += ["## Setting up (a fresh clone)", ""]
        out += _table(
            ["command on a fresh clone", "time (s)"],
            [
                ["`make book`, uv's cache empty (a new machine)", _fmt(cold)],
                [
                    "`make book`, uv's cache warm (a second clone)",
                    _fmt(setup["make_book_warm_cache"]["seconds"]),
                ],
                [
                    "`make setup` alone (the first step of `make test`), cache warm",
                    _fmt(setup["make_setup_warm_cache"]["seconds"]),
                ],
                [
                    f"before: `make book` with {before.get('tool', 'pip')} (pip's cache warm)",
                    _fmt(before.get("fresh_clone_make_book_s")),
                ],
            ],
        )
        out.append(
            "uv installs the lock `requirements.txt` (every transitive dependency pinned); "
            "before, pip resolved and installed the direct pins of the old requirements.txt."
        )
        out.append("")

    # --- notebooks -----------------------------------------------------------------------
    if nbs:
        out += ["## Notebooks (fresh kernel each, run one after another)", ""]
        rows = []
        for nb in nbs:
            demos = nb.get("slider_demos", [])
            rows.append(
                [
                    f"`{nb['notebook']}`",
                    _fmt(nb.get("seconds")),
                    _fmt(nb.get("kernel_start_s")),
                    _fmt(nb.get("kernel_cpu_s")),
                    _fmt(nb.get("kernel_peak_mb"), digits=0),
                    len(demos),
                    ", ".join(f"{d['median_ms']:.0f} / {d['p95_ms']:.0f}" for d in demos) or "—",
                ]
            )
        total = report["notebooks"].get("total_s")
        rows.append(["**total**", _fmt(total), "", "", "", "", ""])
        out += _table(
            [
                "notebook",
                "time (s)",
                "of which kernel start (s)",
                "kernel CPU (s)",
                "kernel peak (MB)",
                "slider demos",
                "update median / p95 (ms)",
            ],
            rows,
        )
        out.append(
            "Slider latency: each demo's `render` (resample + redraw + PNG) for every "
            f"combination of its slider values, {report['notebooks'].get('slider_repeats', 3)} "
            "times, in the notebook's own kernel "
            "after its cells ran."
        )
        out.append("")

    # --- sliders -------------------------------------------------------------------------
    if sliders:
        out += ["## Slider update: a new figure per change vs the course's demo", ""]
        grid = " × ".join(f"`{k}` {v}" for k, v in sliders["sliders"].items())
        out.append(
            f"SMOTE on {sliders['points']:,} points, over {grid}; {sliders['renders_each']} "
            "updates each, interleaved. *Naive*: SMOTE + `plt.subplots` + `plot_before_after` "
            "+ `savefig` to PNG, as a plain plotting function does. *Ours*: "
            "`resampling_demo`'s update (SMOTE + blitted redraw of the changed artists + PNG)."
        )
        out.append("")
        labels = {
            "naive": "naive (new figure)",
            "ours": "ours (`resampling_demo`)",
            "resample_only": "SMOTE alone (the floor)",
        }
        out += _table(
            ["update", "median (ms)", "p95 (ms)", "CPU median (ms)"],
            [
                [
                    label,
                    sliders[f"{key}_median_ms"],
                    sliders[f"{key}_p95_ms"],
                    sliders.get(f"{key}_cpu_median_ms", "—"),
                ]
                for key, label in labels.items()
            ],
        )
        out.append(
            f"Ours is **{sliders['speed_up']:g}×** faster (ratio of wall-clock medians; "
            f"{sliders.get('speed_up_cpu', '—')}× in CPU time)."
        )
        out.append("")

    # --- GAN, import, memory ---------------------------------------------------------------
    gan = report.get("gan", {})
    out += ["## GAN training", ""]
    if not gan:
        out.append("Not measured.")
    elif "skipped" in gan:
        out.append(f"Skipped: {gan['skipped']}.")
    elif "error" in gan:
        out.append(f"Failed: {gan['error']} (settings {gan.get('settings')}).")
    else:
        out.append(
            "`helpers.gan.train_gan` on the minority class of "
            "`make_imbalanced(2000, weights=(0.5, 0.5), n_features=8)` "
            f"({gan['minority_rows']} rows), settings {gan['settings']} "
            f"({gan['settings_from']}): **{gan['train_s']:.1f} s** "
            f"(CPU {gan['train_cpu_s']:.1f} s), after {gan['import_s']:.1f} s to import "
            f"TensorFlow/Keras; process peak {gan['peak_mb']:.0f} MB."
        )
    out.append("")
    if imp:
        out += ["## `import helpers`", ""]
        out.append(
            f"Median of {imp['repeats']} fresh interpreters minus a bare interpreter start "
            f"({imp['bare_interpreter_s']:.3f} s): `import helpers` {imp['import_helpers_s']:.3f}"
            f" s (submodules load on first use); the Setup cell's `from helpers import ...` "
            f"of every public helper {imp['public_api_s']:.2f} s. After that import (and "
            f"`helpers.widgets`), `sys.modules` holds of TensorFlow/Keras/Torch: "
            f"{imp['heavy_modules_after_public_api']}."
        )
        out.append("")
    proc = report.get("benchmark_process", {})
    if proc:
        out += ["## Memory", ""]
        peaks = [nb.get("kernel_peak_mb", 0) for nb in nbs if "kernel_peak_mb" in nb]
        out.append(
            f"Largest notebook kernel: {max(peaks):.0f} MB"
            if peaks
            else "Notebook kernels: not measured"
        )
        out[-1] += (
            f"; the benchmark process itself: {proc['peak_mb']:.0f} MB; its largest child "
            f"process (kernels, nbval, book build, scaling workers): "
            f"{proc['children_peak_mb']:.0f} MB."
        )
        out.append("")

    # --- scaling ---------------------------------------------------------------------------
    out += ["## Scaling: time and memory from 10^3 to 10^6 rows", ""]
    if not scaling:
        out.append("Not measured yet: `benchmarks/run.py --only scaling`.")
        return "\n".join(out) + "\n"
    out.append(scaling["description"])
    out.append("")
    load = [scaling.get("load_average_start"), scaling.get("load_average_end")]
    load = [x for x in load if x]
    out.append(
        f"Measured {scaling.get('started', '?')}, limit {scaling['limit_s']:g} s per "
        f"(method, rows); 1-minute load average {' → '.join(f'{x[0]:g}' for x in load)} on "
        f"{scaling.get('cpu_count')} cores"
        + (" (**under load**: wall times inflated)." if any(x[0] > cores for x in load) else ".")
    )
    out.append("")
    sizes = scaling["sizes"]
    by = {(r["method"], r["rows"]): r for r in scaling["results"]}
    methods = list(dict.fromkeys(r["method"] for r in scaling["results"]))

    def cell(r: dict | None, key: str) -> str:
        if r is None:
            return "—"
        if r["status"] == "timeout":
            return f"> {scaling['limit_s']:g} s" if key == "seconds" else "—"
        if r["status"] == "skipped":
            return "skipped"
        if r["status"] == "error":
            return "error"
        return f"{r[key]:.3g}" if key != "peak_mb" else f"{r[key]:.0f}"

    header = ["method", *[f"{n:,} rows" for n in sizes]]
    out += ["Wall time of the call (s):", ""]
    out += _table(
        header, [[m, *[cell(by.get((m, n)), "seconds") for n in sizes]] for m in methods]
    )
    out += ["CPU time of the call (s):", ""]
    out += _table(
        header, [[m, *[cell(by.get((m, n)), "cpu_seconds") for n in sizes]] for m in methods]
    )
    out += ["Peak memory of the process (MB; interpreter, imports and data included):", ""]
    out += _table(
        header, [[m, *[cell(by.get((m, n)), "peak_mb") for n in sizes]] for m in methods]
    )
    data_mb = [
        by[(methods[0], n)]["data_peak_mb"]
        for n in sizes
        if (methods[0], n) in by and "data_peak_mb" in by[(methods[0], n)]
    ]
    if data_mb:
        out.append(
            "For reference, the process before the call (interpreter, imports, data): "
            + ", ".join(f"{mb:.0f} MB" for mb in data_mb)
            + " for the sizes above."
        )
        out.append("")
    return "\n".join(out) + "\n"
