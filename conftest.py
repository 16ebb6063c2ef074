"""Root pytest configuration: the Makefile's environment, for runs that bypass it.

nbval's kernels inherit this process's environment, so a bare `pytest --nbval notebooks/`
runs them in the course environment too (threads, CPU-dispatch pins): the settings the stored
outputs were made with, defined once in tools/course_env.py. (pytest puts this folder on
sys.path, so `tools` imports.)
"""

from tools.course_env import use_course_environment

use_course_environment()
