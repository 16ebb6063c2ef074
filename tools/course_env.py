"""The course environment: the variables every run of the course's code takes, defined once.

The stored outputs are what the notebooks print under these settings, and `make test`
re-computes them under the same settings on the learner's machine. Two kinds of setting:

* **Threads and quiet TensorFlow, everywhere.** One BLAS/OpenMP thread per process: on two
  cores nbval runs two kernels at once and more threads only spin, and the number of threads
  changes the order of floating-point sums, hence the printed digits.
* **CPU dispatch, on Linux x86-64 with AVX2 and FMA** (the *reference platform*). NumPy,
  OpenBLAS and oneDNN (TensorFlow's matrix products) choose their kernels at run time by CPU,
  and an AVX-512 kernel rounds differently from an AVX2 one. Capping all three at AVX2 makes an
  AVX-512 Xeon compute what an AVX2-only EPYC computes (CONTRIBUTING, "The course
  environment", has the evidence). Forcing AVX2 kernels on a CPU without AVX2 would crash, so
  elsewhere only the thread settings apply, and `make test` runs the notebooks with their
  asserts but does not compare their outputs digit for digit (:func:`nbval_mode`).

Used by the Makefile (``python tools/course_env.py`` prints the assignments it exports), by
the root ``conftest.py`` (bare pytest, hence nbval's kernels), by ``tools/notebooks.py``
(``make refresh``, the determinism test) and by ``benchmarks/run.py``. Standard library only:
the Makefile runs it before ``.venv`` exists.

    python tools/course_env.py            # NAME=VALUE lines, for the Makefile
    python tools/course_env.py nbval      # --nbval (compare outputs) or --nbval-lax (run only)
    python tools/course_env.py describe   # one line: which platform, what is compared
"""

from __future__ import annotations

import os
import platform
import sys
from pathlib import Path

#: On every platform.
THREADS_AND_LOGS = {
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "PYTHONHASHSEED": "0",
    "TF_CPP_MIN_LOG_LEVEL": "3",  # no C++ log lines in the outputs
    "TF_ENABLE_ONEDNN_OPTS": "0",  # TensorFlow's oneDNN graph rewrites reorder sums
}

#: On the reference platform only: every run-time CPU dispatch capped at AVX2 (x86-64-v3).
#: Values hold no spaces (NumPy also splits its list at commas), so Make can pass them on.
CPU_DISPATCH_PINS = {
    # NumPy's AVX-512 loops (x86-64-v4 and the Ice Lake / Sapphire Rapids groups), among them
    # float64 exp and log, round differently from its AVX2 ones.
    "NPY_DISABLE_CPU_FEATURES": "X86_V4,AVX512_ICL,AVX512_SPR",
    # OpenBLAS (NumPy's and SciPy's copies) picks SkylakeX kernels on AVX-512 and Zen ones on
    # AMD; Haswell's are the AVX2 kernels both can run.
    "OPENBLAS_CORETYPE": "Haswell",
    # oneDNN, under TensorFlow's matrix products even with TF_ENABLE_ONEDNN_OPTS=0.
    "ONEDNN_MAX_CPU_ISA": "AVX2",
    # XLA's CPU compiler, should Keras compile a step with XLA.
    "XLA_FLAGS": "--xla_cpu_max_isa=AVX2",
}

REFERENCE_PLATFORM = "Linux x86-64 with AVX2 and FMA"


def cpu_flags(cpuinfo: Path = Path("/proc/cpuinfo")) -> frozenset[str]:
    """The CPU's feature flags as Linux reports them (empty where there is no /proc/cpuinfo)."""
    try:
        text = cpuinfo.read_text()
    except OSError:
        return frozenset()
    for line in text.splitlines():
        if line.startswith("flags"):
            return frozenset(line.partition(":")[2].split())
    return frozenset()


def is_reference_platform(
    system: str | None = None, machine: str | None = None, flags: frozenset[str] | None = None
) -> bool:
    """Whether stored outputs are re-computed exactly here: Linux on x86-64 with AVX2 and FMA."""
    system = platform.system() if system is None else system
    machine = platform.machine() if machine is None else machine
    flags = cpu_flags() if flags is None else flags
    return system == "Linux" and machine in {"x86_64", "AMD64"} and {"avx2", "fma"} <= flags


def course_environment(reference: bool | None = None) -> dict[str, str]:
    """The variables of the course environment for this machine (or for ``reference``)."""
    reference = is_reference_platform() if reference is None else reference
    return {**THREADS_AND_LOGS, **(CPU_DISPATCH_PINS if reference else {})}


def use_course_environment() -> None:
    """Put the course environment into ``os.environ`` (it wins over values already set).

    Child processes, notebook kernels among them, inherit it. Libraries read these variables
    when they load, so call this before NumPy, OpenBLAS or TensorFlow load in a process that
    computes results itself.
    """
    os.environ.update(course_environment())


def nbval_mode(reference: bool | None = None) -> str:
    """``--nbval`` (compare every output) on the reference platform, else ``--nbval-lax``."""
    reference = is_reference_platform() if reference is None else reference
    return "--nbval" if reference else "--nbval-lax"


def describe(reference: bool | None = None) -> str:
    reference = is_reference_platform() if reference is None else reference
    if reference:
        return f"{REFERENCE_PLATFORM}: every stored output is re-computed and compared."
    return (
        f"Not {REFERENCE_PLATFORM}: the notebooks run with their asserts, but their outputs "
        "are not compared digit for digit (other CPUs round differently; see README)."
    )


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "make"
    if command == "make":
        print("\n".join(f"{name}={value}" for name, value in course_environment().items()))
    elif command == "nbval":
        print(nbval_mode())
    elif command == "describe":
        print(describe())
    else:
        print(f"unknown command {command!r}: use make, nbval or describe", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
