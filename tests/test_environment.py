"""The environment is the lock: every installed package is pinned in requirements.txt, at the
version installed there, and every package the lock asks for on this platform is installed.

The optional PySpark lock, requirements-spark.txt (`make spark`, which the notebook tests
need), may be installed on top: its packages are allowed at its versions, and once pyspark is
installed every package of that lock must be, exactly.

This is what `pip freeze` would show, read with importlib.metadata (uv's environments have no
pip). Only the course's own package, installed editable from this folder, is not in the lock.
"""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.txt"
SPARK_LOCK = ROOT / "requirements-spark.txt"
OWN_PACKAGE = "imbalanced-course-helpers"
# `name==version` at the start of a line, then an optional `; marker`.
PIN = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)==(?P<version>[^\s;\\]+)\s*(?:;(?P<marker>[^\\#]+))?")


def parse_lock(text: str) -> dict[str, str]:
    """The pins of a uv-compiled lock that apply to this interpreter and platform."""
    pins = {}
    for line in text.splitlines():
        match = PIN.match(line)
        if match is None:
            continue
        marker = match["marker"]
        if marker and not Marker(marker.strip()).evaluate():
            continue
        pins[canonicalize_name(match["name"])] = match["version"]
    return pins


def installed() -> dict[str, str]:
    return {
        canonicalize_name(dist.metadata["Name"]): dist.version
        for dist in metadata.distributions()
        if canonicalize_name(dist.metadata["Name"]) != OWN_PACKAGE
    }


def test_parse_lock_reads_pins_and_applies_markers():
    lock = (
        "numpy==2.4.6\n    # via pandas\n"
        'tensorflow==2.21.0 ; sys_platform == "nowhere"\n'
        "tensorflow-cpu==2.21.0 ; python_version >= '3'\n"
        "Jinja2==3.1.6 \\\n    --hash=sha256:abc\n"
    )
    assert parse_lock(lock) == {"numpy": "2.4.6", "tensorflow-cpu": "2.21.0", "jinja2": "3.1.6"}


def test_spark_lock_keeps_the_main_locks_versions():
    """requirements-spark.txt is compiled with requirements.txt as constraints."""
    main, spark = parse_lock(LOCK.read_text()), parse_lock(SPARK_LOCK.read_text())
    assert "pyspark" in spark
    clashes = sorted(
        f"{name} {spark[name]} (main lock: {main[name]})"
        for name in set(main) & set(spark)
        if main[name] != spark[name]
    )
    assert not clashes, f"the PySpark lock moves main-lock packages: {clashes} (run `make lock`)"


@pytest.mark.skipif(
    not sys.prefix.endswith(".venv"), reason="checks the course's .venv, not another environment"
)
def test_venv_is_exactly_the_lock():
    pins, found = parse_lock(LOCK.read_text()), installed()
    assert found, "no installed distribution found"
    spark_pins = parse_lock(SPARK_LOCK.read_text())
    if "pyspark" in found:  # `make spark` installed the optional lock: all of it, exactly
        pins = {**spark_pins, **pins}
    else:  # a package of the optional lock may be there, at that lock's version
        pins = {**{n: v for n, v in spark_pins.items() if n in found}, **pins}
    unpinned = sorted(set(found) - set(pins))
    missing = sorted(set(pins) - set(found))
    other = sorted(
        f"{name} {found[name]} (lock: {pins[name]})"
        for name in set(pins) & set(found)
        if found[name] != pins[name]
    )
    assert not unpinned, f"installed but not in the lock: {unpinned} (run `make lock`)"
    assert not missing, (
        f"in the lock but not installed: {missing} (run `make setup` / `make spark`)"
    )
    assert not other, f"installed at another version than the lock's: {other}"
