# Learning from imbalanced data: every command the course needs.
# `make help` lists the targets. Each target that needs the environment creates it first
# (.venv, built by uv from the lock requirements.txt); that step is skipped while it is up to date.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# PySpark (the appendix's Spark chapter, 61) is optional: its own lock, requirements-spark.txt,
# installed on top of the main one by `make spark`, which the notebook tests need and
# `make book` / `make lab` do not.
SPARK_STAMP := $(VENV)/.installed-spark
# uv installs the lock in seconds. This version is bootstrapped from PyPI into .uv/ (pip
# remains the fallback: see CONTRIBUTING, "The environment").
UV_VERSION := 0.13.9
UV     := .uv/bin/uv
BOOK_FLAGS := --config jupyter_book_config.yml --toc _toc.yml
NOTEBOOKS  := $(sort $(wildcard notebooks/*.ipynb))
# The course environment (threads; CPU-dispatch pins on Linux x86-64 with AVX2), defined once
# in tools/course_env.py: every target below, and every kernel it starts, runs under it.
COURSE_ENV := $(shell $(PYTHON) tools/course_env.py make)
$(foreach assignment,$(COURSE_ENV),$(eval export $(assignment)))
# Outputs are compared digit for digit on the platform they are made for, run-only elsewhere.
NBVAL_MODE := $(shell $(PYTHON) tools/course_env.py nbval)
# JupyterLab refuses to run as root (containers, Binder images) unless told it may.
LAB_FLAGS := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root)

.PHONY: help setup spark lock book lab test test-unit test-notebooks test-book lint format refresh bench clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

setup: $(STAMP)  ## create .venv with exactly the packages of the lock requirements.txt, and helpers (idempotent)

$(UV):
	$(PYTHON) -m venv .uv
	.uv/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(STAMP): requirements.txt pyproject.toml | $(UV)
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is needed, found " + sys.version'
	$(UV) venv --quiet --allow-existing --python $(PYTHON) $(VENV)
	$(UV) pip sync --quiet --python $(BIN)/python requirements.txt
	@# helpers, editable; its build backend (setuptools) comes from the lock, not from PyPI
	$(UV) pip install --quiet --python $(BIN)/python --no-deps --no-build-isolation -e .
	touch $(STAMP)

spark: $(SPARK_STAMP)  ## add PySpark (requirements-spark.txt) to .venv, for the Spark chapter (needs Java 17+)

$(SPARK_STAMP): $(STAMP) requirements-spark.txt | $(UV)
	@# Java 17 or later first: without it the 460 MB download would be of no use
	@java -version 2>&1 | awk -F'"' '/version/ { split($$2, v, "."); if (v[1] >= 17) ok = 1 } END { exit !ok }' \
	    || { echo "PySpark needs Java 17 or later, and 'java -version' shows none" \
	              "(Debian, Ubuntu: sudo apt-get install default-jre-headless)"; exit 1; }
	@# install, not sync: on top of the main lock (when that lock changes, `make setup`'s sync
	@# removes PySpark, and this stamp, now older than .venv/.installed, puts it back)
	$(UV) pip install --quiet --python $(BIN)/python -r requirements-spark.txt
	touch $(SPARK_STAMP)

lock: | $(UV)  ## re-resolve requirements.in and requirements-spark.in into the locks requirements.txt and requirements-spark.txt
	$(UV) pip compile --quiet --universal --python-version 3.11 requirements.in -o requirements.txt
	@# the optional PySpark lock keeps every package it shares with the main lock at its version
	$(UV) pip compile --quiet --universal --python-version 3.11 requirements-spark.in \
	    -c requirements.txt -o requirements-spark.txt

book: $(STAMP)  ## build the site from the stored, tested outputs into _build/html
	@# a fresh html folder: no page survives from a notebook that was renamed or removed
	rm -rf _build/html
	$(BIN)/jupyter-book build . $(BOOK_FLAGS) -W --keep-going
	@echo "Open _build/html/index.html"

lab: $(STAMP)  ## open JupyterLab on the notebooks
	$(BIN)/jupyter lab $(LAB_FLAGS) notebooks/

test: lint test-unit test-notebooks test-book  ## everything CI runs: lint, unit tests, nbval, book, browser tests

lint: $(STAMP)  ## ruff lint and format check (helpers, tests, notebooks)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)  ## apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test-unit: $(STAMP)  ## pytest on helpers: unit, doctests, hostile input (deprecations are errors), GAN
	$(BIN)/python -m pytest -n 2 -W error::DeprecationWarning -W error::FutureWarning tests \
	    --ignore=tests/test_book.py --ignore=tests/test_gan.py \
	    --doctest-modules helpers --ignore=helpers/gan
	$(BIN)/python -m pytest tests/test_gan.py --doctest-modules helpers/gan

test-notebooks: $(SPARK_STAMP)  ## nbval (strict) on every notebook: stored outputs must be what the code produces
	@$(PYTHON) tools/course_env.py describe
	$(BIN)/python -m pytest $(NBVAL_MODE) --nbval-current-env --nbval-sanitize-with tests/sanitize.cfg \
	    -n 2 --dist loadscope notebooks/

test-book: book  ## build the book (-W) and test it in a real browser
	$(BIN)/python -m pytest tests/test_book.py

# PySpark only when the Spark chapter is among the notebooks refreshed (all, or NB names it)
REFRESH_NEEDS := $(if $(NB),$(if $(findstring 61_spark,$(NB)),$(SPARK_STAMP),$(STAMP)),$(SPARK_STAMP))
refresh: $(REFRESH_NEEDS)  ## re-execute notebooks in place and normalise them (NB=notebooks/x.ipynb for one)
	$(BIN)/python tools/notebooks.py refresh $(or $(NB),$(NOTEBOOKS))

bench: $(SPARK_STAMP)  ## the performance report, benchmarks/report.md and .json, against benchmarks/budgets.py (SCALING=1 re-measures sampler scaling, ~10 min)
	$(BIN)/python benchmarks/run.py $(if $(SCALING),,--skip scaling)

course-env:  ## show the course environment every target runs under (tools/course_env.py)
	@$(PYTHON) tools/course_env.py describe
	@env | grep -E '^($(subst $(eval) ,|,$(foreach a,$(COURSE_ENV),$(firstword $(subst =, ,$(a))))))=' | sort

clean:  ## remove the built book and caches (keeps .venv)
	rm -rf _build .pytest_cache .ruff_cache test-artifacts
