"""The package as users meet it: import cost, public names, no TensorFlow."""

from __future__ import annotations

import subprocess
import sys

import helpers


def run_python(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_import_helpers_loads_no_tensorflow_and_no_heavy_modules():
    loaded = run_python(
        "import sys, helpers; "
        "print(','.join(m for m in ('tensorflow', 'keras', 'sklearn', 'matplotlib') "
        "if m in sys.modules))"
    )
    assert loaded == ""


def test_public_helpers_do_not_load_tensorflow():
    loaded = run_python(
        "import sys; from helpers import *; "
        "print('tensorflow' in sys.modules, 'keras' in sys.modules)"
    )
    assert loaded == "False False"


def test_every_public_name_resolves_and_is_documented():
    for name in helpers.__all__:
        obj = getattr(helpers, name)
        if callable(obj):
            assert obj.__doc__ and "Examples" in obj.__doc__ or name == "SliderDemo", name


def test_unknown_attribute():
    import pytest

    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        helpers.nope  # noqa: B018
