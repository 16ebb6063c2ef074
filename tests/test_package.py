"""The package as users meet it: import cost, public names, no TensorFlow."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

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


def test_exports_are_listed_once_and_agree():
    # helpers._EXPORTS is the list; each module's __all__ and the TYPE_CHECKING imports
    # must say the same, name for name
    by_module: dict[str, set[str]] = {}
    for name, module in helpers._EXPORTS.items():
        by_module.setdefault(module, set()).add(name)
    for module, names in by_module.items():
        assert set(importlib.import_module(f"helpers.{module}").__all__) == names, module
    tree = ast.parse(Path(helpers.__file__).read_text())
    (block,) = [
        node
        for node in tree.body
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING"
    ]
    typed = {alias.name: imp.module for imp in block.body for alias in imp.names}
    assert typed == helpers._EXPORTS
