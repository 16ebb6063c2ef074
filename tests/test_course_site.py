"""book/course_site.py, the book's Sphinx extension: the parts that need no book build.

(tests/test_book.py tests the built site; these run with the unit tests, ``make test-unit``.)
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from sphinx.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent


def load_course_site() -> Any:
    spec = importlib.util.spec_from_file_location("course_site", ROOT / "book/course_site.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


site = load_course_site()


def test_repository_settings_follow_the_environment() -> None:
    off = site.repository_settings({})
    assert off["repository_url"] == "" and off["launch_buttons"] == {}
    assert not off["use_repository_button"]
    on = site.repository_settings({"COURSE_REPOSITORY_URL": "https://github.com/org/course.git"})
    assert on["repository_url"] == "https://github.com/org/course"
    assert on["repository_branch"] == "main" and on["use_repository_button"]
    assert on["launch_buttons"]["binderhub_url"] == "https://mybinder.org"
    assert on["launch_buttons"]["notebook_interface"] == "jupyterlab"
    with pytest.raises(ConfigError, match="COURSE_REPOSITORY_URL"):
        site.repository_settings({"COURSE_REPOSITORY_URL": "https://example.com/TODO"})


def test_mathjax_comes_from_the_installed_package() -> None:
    folder = site.mathjax_source()
    for part in site.MATHJAX_PARTS:
        assert (folder / part).exists(), part


def test_thebe_scripts_are_dropped_and_nothing_else() -> None:
    thebe = SimpleNamespace(filename="_static/sphinx-thebe.js", attributes={})
    inline = SimpleNamespace(filename="", attributes={"body": "const THEBE_JS_URL = '...'"})
    kept = SimpleNamespace(filename="_static/scripts/course.js", attributes={})
    context = {"script_files": [thebe, kept, inline], "css_files": ["sphinx-thebe.css", "a.css"]}
    site.drop_thebe_scripts(None, "index", "page.html", context, None)
    assert context == {"script_files": [kept], "css_files": ["a.css"]}


def test_exercises_are_numbered_by_chapter() -> None:
    # as Sphinx numbers them through the unnumbered book: 1, 2, 3 on one page, 4, 5 on the next
    env = SimpleNamespace(
        toc_fignumbers={
            "notebooks/01_the_imbalance_problem": {"exercise": {"ex-01-2": (2,), "ex-01-1": (1,)}},
            "notebooks/11_smote": {
                "exercise": {"ex-11-2": (5,), "ex-11-1": (4,)},
                "figure": {"fig": (3,)},
            },
            "glossary": {"exercise": {"a": (9,)}},
        }
    )
    assert site.number_exercises_by_chapter(None, env) == []
    numbers = env.toc_fignumbers
    assert numbers["notebooks/01_the_imbalance_problem"]["exercise"] == {
        "ex-01-1": (1, 1),
        "ex-01-2": (1, 2),
    }
    assert numbers["notebooks/11_smote"] == {
        "exercise": {"ex-11-1": (11, 1), "ex-11-2": (11, 2)},
        "figure": {"fig": (3,)},
    }
    assert numbers["glossary"]["exercise"] == {"a": (1,)}  # no chapter number: 1, 2, ...
