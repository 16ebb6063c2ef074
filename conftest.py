"""Root pytest configuration: the Makefile's environment, for runs that bypass it.

nbval's kernels inherit this process's environment, so a bare `pytest --nbval notebooks/`
uses one BLAS/OpenMP thread per process too: the setting the stored outputs were made with,
defined once in tools/notebooks.py. (pytest puts this folder on sys.path, so `tools` imports.)
"""

from tools.notebooks import use_course_environment

use_course_environment()
