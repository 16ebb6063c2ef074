"""The course environment (tools/course_env.py): what it decides per platform, and that it is
in force inside the notebook kernels nbval starts (they inherit this process's environment,
which the Makefile and the root conftest.py set)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from jupyter_client.manager import start_new_kernel

from tools import course_env
from tools.course_env import (
    CPU_DISPATCH_PINS,
    THREADS_AND_LOGS,
    course_environment,
    describe,
    is_reference_platform,
    nbval_mode,
)

ROOT = Path(__file__).resolve().parent.parent
AVX2 = frozenset({"sse4_2", "avx", "avx2", "fma"})
AVX512 = AVX2 | {"avx512f", "avx512bw"}


@pytest.mark.parametrize(
    ("system", "machine", "flags", "reference"),
    [
        ("Linux", "x86_64", AVX512, True),  # an AVX-512 Xeon
        ("Linux", "x86_64", AVX2, True),  # an AVX2-only EPYC
        ("Linux", "x86_64", frozenset({"sse4_2", "avx"}), False),  # no AVX2: pins would crash
        ("Linux", "aarch64", frozenset({"asimd"}), False),  # Linux on ARM
        ("Darwin", "arm64", frozenset(), False),  # macOS on Apple silicon
        ("Windows", "AMD64", frozenset(), False),  # Windows (no /proc/cpuinfo)
    ],
)
def test_reference_platform_decision(system, machine, flags, reference):
    assert is_reference_platform(system, machine, flags) is reference
    assert nbval_mode(reference) == ("--nbval" if reference else "--nbval-lax")
    env = course_environment(reference)
    assert THREADS_AND_LOGS.items() <= env.items()
    assert (CPU_DISPATCH_PINS.items() <= env.items()) is reference
    assert ("compared" in describe(reference)) and (("not" in describe(reference)) != reference)


def test_cpu_flags_reads_proc_cpuinfo(tmp_path):
    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text("processor\t: 0\nflags\t\t: fpu sse avx2 fma\nbugs\t: none\n")
    assert course_env.cpu_flags(cpuinfo) == {"fpu", "sse", "avx2", "fma"}
    assert course_env.cpu_flags(tmp_path / "missing") == frozenset()


def test_values_survive_make():
    # The Makefile exports NAME=VALUE words: a space in a value would split it.
    for name, value in {**THREADS_AND_LOGS, **CPU_DISPATCH_PINS}.items():
        assert value and " " not in value and "$" not in value, name


def test_the_makefile_exports_this_environment():
    out = subprocess.run(
        ["make", "-s", "--no-print-directory", "-f", "Makefile", "course-env"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    exported = dict(line.split("=", 1) for line in out.splitlines() if "=" in line)
    assert course_environment().items() <= exported.items()


#: Run inside a kernel: what the libraries themselves report, not only the variables.
PROBE = """
import json, os
import numpy as np
from numpy._core._multiarray_umath import __cpu_features__
from threadpoolctl import threadpool_info
print(json.dumps({
    "env": {name: os.environ.get(name) for name in NAMES},
    "numpy_x86_v4": __cpu_features__.get("X86_V4"),
    "openblas": sorted({(i.get("architecture"), i["num_threads"]) for i in threadpool_info()
                        if i["internal_api"] == "openblas"}),
}))
"""


def test_pins_are_in_force_inside_a_notebook_kernel():
    """A kernel started as nbval starts one (inheriting this process's environment) runs
    NumPy without AVX-512 loops and OpenBLAS on one thread with Haswell kernels."""
    expected = course_environment()
    kernel_manager, client = start_new_kernel(kernel_name="python3", cwd=str(ROOT))
    try:
        code = f"NAMES = {sorted(expected)!r}\n{PROBE}"
        chunks = []
        client.execute_interactive(
            code,
            timeout=120,
            output_hook=lambda msg: (
                chunks.append(msg["content"].get("text", ""))
                if msg["msg_type"] == "stream"
                else None
            ),
        )
    finally:
        client.stop_channels()
        kernel_manager.shutdown_kernel(now=True)
    facts = json.loads("".join(chunks))
    assert facts["env"] == expected, "the kernel does not run in the course environment"
    assert facts["openblas"], "no OpenBLAS found in the kernel"
    assert all(threads == 1 for _, threads in facts["openblas"])
    if is_reference_platform():
        assert facts["numpy_x86_v4"] is False, "NumPy's AVX-512 loops are active in the kernel"
        assert {arch for arch, _ in facts["openblas"]} == {"Haswell"}


def test_this_process_runs_in_the_course_environment():
    assert {name: os.environ.get(name) for name in course_environment()} == course_environment()
