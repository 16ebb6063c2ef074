"""Root pytest configuration: the Makefile's environment, for runs that bypass it.

nbval's kernels inherit this process's environment, so a bare `pytest --nbval notebooks/`
uses one BLAS/OpenMP thread per process too — the setting the stored outputs were made with
(tools/notebooks.py sets the same) — and runs at full speed on two cores.
"""

import os

for _name, _value in {
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "TF_ENABLE_ONEDNN_OPTS": "0",
    "PYTHONHASHSEED": "0",
}.items():
    os.environ.setdefault(_name, _value)
