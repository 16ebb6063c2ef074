"""Sphinx extension for the course's book: a site that works with no network.

Loaded by ``jupyter_book_config.yml`` (``sphinx.local_extensions``). It does five things:

1. **MathJax from the site itself.** MathJax 3.2.2 comes from the PyPI package
   ``sphinx-mathjax-offline`` (its files are byte-identical to the npm package
   ``mathjax@3.2.2``). The files the book needs are copied to ``_static/mathjax/`` with
   MathJax's licence, and ``mathjax_path`` points there instead of a CDN.
2. **Launch buttons only when a repository is configured.** Set the environment variable
   ``COURSE_REPOSITORY_URL`` (``https://github.com/<owner>/<repo>``; optionally
   ``COURSE_REPOSITORY_BRANCH``, default ``main``, and ``COURSE_JUPYTERHUB_URL``) when
   building the site to publish: the pages then get a repository button and Binder /
   Colab (/ JupyterHub) launch buttons opening the notebook in JupyterLab. Without it the
   site has no repository link, no launch button and no placeholder URL.
3. **No Thebe.** The book never starts a live kernel (the sliders work without one), so the
   Thebe configuration that ``sphinx-thebe`` writes into every page (a placeholder Binder
   repository and a script URL on unpkg.com) is left out.
4. **The course map.** The ``course-map`` directive renders the parts and chapters listed in
   ``_toc.yml`` as a table, so the landing page can never list a chapter that is not in the
   book::

       ```{course-map}
       Part 0 · The problem: what a part teaches, one line per part (optional).
       ```
5. **Exercises numbered by chapter.** ``sphinx-exercise`` numbers exercises through the whole
   book (the table of contents is not numbered), so the third exercise of the SMOTE chapter
   would be "Exercise 36". They are numbered by the chapter's own number instead, the one in
   its file name and in every cross-reference of the course: "Exercise 11.3".
"""

from __future__ import annotations

import os
import re
import shutil
from importlib import metadata
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import Directive
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError, ExtensionError
from sphinx.util import logging

logger = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
MATHJAX_DIST = "sphinx-mathjax-offline"
MATHJAX_VERSION = "3.2.2"
#: Relative to ``_static``; Sphinx turns it into a relative URL on every page.
MATHJAX_PATH = "mathjax/tex-mml-chtml.js"
# What tex-mml-chtml.js loads on demand (menu, accessibility, extra TeX packages, fonts).
MATHJAX_PARTS = ("tex-mml-chtml.js", "a11y", "adaptors", "input", "output/chtml", "sre", "ui")
GITHUB_URL = re.compile(r"^https://github\.com/[\w.-]+/[\w.-]+$")


# --- 1. MathJax ------------------------------------------------------------------------
def mathjax_source() -> Path:
    """The folder holding MathJax's ``es5`` build, from the installed PyPI package."""
    try:
        dist = metadata.distribution(MATHJAX_DIST)
    except metadata.PackageNotFoundError:
        raise ExtensionError(
            f"The book serves MathJax itself and needs the Python package {MATHJAX_DIST}: "
            "run `make setup` (it installs the lock requirements.txt)."
        ) from None
    folder = Path(dist.locate_file("sphinx-mathjax-offline/static/mathjax"))
    entry = folder / MATHJAX_PATH.split("/", 1)[1]
    if not entry.is_file() or f'"{MATHJAX_VERSION}"' not in entry.read_text("utf-8"):
        raise ExtensionError(f"{entry} is missing or is not MathJax {MATHJAX_VERSION}.")
    return folder


def copy_mathjax(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    source = mathjax_source()
    target = Path(app.outdir) / "_static" / "mathjax"
    for part in MATHJAX_PARTS:
        src, dst = source / part, target / part
        if src.is_dir():
            shutil.copytree(src, dst, dirs_exist_ok=True)
        else:
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
    shutil.copy2(HERE / "MathJax-LICENSE.txt", target / "LICENSE")


# --- 2. Repository and launch buttons ----------------------------------------------------
def repository_settings(environ: os._Environ[str] | dict[str, str]) -> dict[str, Any]:
    """Theme options for the repository and launch buttons, from the environment."""
    url = environ.get("COURSE_REPOSITORY_URL", "").strip().rstrip("/").removesuffix(".git")
    if not url:
        return {
            "repository_url": "",
            "use_repository_button": False,
            "use_issues_button": False,
            "use_edit_page_button": False,
            "launch_buttons": {},
        }
    if not GITHUB_URL.match(url):
        raise ConfigError(
            f"COURSE_REPOSITORY_URL must look like https://github.com/<owner>/<repo> "
            f"(Binder and Colab open notebooks from GitHub), got {url!r}."
        )
    launch = {
        "notebook_interface": "jupyterlab",
        "binderhub_url": "https://mybinder.org",
        "colab_url": "https://colab.research.google.com",
        "thebe": False,
    }
    hub = environ.get("COURSE_JUPYTERHUB_URL", "").strip().rstrip("/")
    if hub:
        launch["jupyterhub_url"] = hub
    return {
        "repository_url": url,
        "repository_branch": environ.get("COURSE_REPOSITORY_BRANCH", "").strip() or "main",
        "path_to_docs": "",
        "use_repository_button": True,
        "use_issues_button": True,
        "use_edit_page_button": False,
        "launch_buttons": launch,
    }


def configure(app: Sphinx, config: Config) -> None:
    config.mathjax_path = MATHJAX_PATH
    config.html_theme_options = {
        **(config.html_theme_options or {}),
        **repository_settings(os.environ),
    }
    # The theme's colour mode before the reader picks one (pydata-sphinx-theme reads it from
    # html_context; left empty, every page logs "Got invalid theme mode" as a console error).
    config.html_context = {"default_mode": "light", **(config.html_context or {})}
    if not config.html_theme_options["repository_url"]:
        # No repository: no link to one either (jupyter-book's default points at its own).
        config.html_context = {
            key: value
            for key, value in (config.html_context or {}).items()
            if not key.startswith(("github_", "gitlab_", "bitbucket_"))
        }


# --- 3. No Thebe -----------------------------------------------------------------------
def drop_thebe_config(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for node in list(doctree.findall(nodes.raw)):
        text = node.astext()
        if "text/x-thebe-config" in text or text.startswith("<script>kernelName"):
            node.parent.remove(node)


def _is_thebe(asset: Any) -> bool:
    name = str(getattr(asset, "filename", asset) or "")
    body = getattr(asset, "attributes", {}).get("body", "")
    return "sphinx-thebe" in name or "THEBE_JS_URL" in body


def drop_thebe_scripts(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [asset for asset in context[key] if not _is_thebe(asset)]


# --- 4. The course map -----------------------------------------------------------------
class CourseMap(Directive):
    """A table of the book's parts and their chapters, read from ``_toc.yml``."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        env = self.state.document.settings.env
        site_map = getattr(env, "external_site_map", None)
        if site_map is None:
            raise self.error("course-map needs the book's _toc.yml (sphinx-external-toc).")
        blurbs = {}
        for line in self.content:
            if ":" in line:
                part, text = line.split(":", 1)
                blurbs[part.strip()] = text.strip()

        table = nodes.table(classes=["course-map"])
        group = nodes.tgroup(cols=3)
        table += group
        for width in (22, 38, 40):
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        group += head
        head += self._row(
            [nodes.Text("Part"), nodes.Text("Chapters"), nodes.Text("What you learn")]
        )
        body = nodes.tbody()
        group += body
        for tree in site_map.root.subtrees:
            items = nodes.bullet_list()
            for docname in tree.files():
                ref = addnodes.pending_xref(
                    "",
                    refdomain="std",
                    reftype="doc",
                    reftarget=f"/{docname}",
                    refexplicit=False,
                    refdoc=env.docname,
                )
                ref += nodes.inline("", docname)
                items += nodes.list_item("", nodes.paragraph("", "", ref))
            caption = tree.caption or ""
            body += self._row([nodes.Text(caption), items, nodes.Text(blurbs.get(caption, ""))])
        return [table]

    @staticmethod
    def _row(cells: list[nodes.Node]) -> nodes.row:
        row = nodes.row()
        for cell in cells:
            entry = nodes.entry()
            entry += cell if isinstance(cell, nodes.Element) else nodes.paragraph("", "", cell)
            row += entry
        return row


# --- 5. Exercise numbers ---------------------------------------------------------------
CHAPTER_NUMBER = re.compile(r"(?:^|/)(\d+)_[^/]*$")


def number_exercises_by_chapter(app: Sphinx, env: Any) -> list[str]:
    """Renumber each page's exercises 1, 2, ... after the chapter number of its file name
    (``notebooks/11_smote``: 11.1, 11.2, 11.3), in the order Sphinx numbered them."""
    for docname, numbers in env.toc_fignumbers.items():
        exercises = numbers.get("exercise")
        if not exercises:
            continue
        chapter = CHAPTER_NUMBER.search(docname)
        prefix = (int(chapter.group(1)),) if chapter else ()
        in_order = sorted(exercises, key=exercises.get)
        numbers["exercise"] = {ids: (*prefix, n) for n, ids in enumerate(in_order, start=1)}
    return []


def setup(app: Sphinx) -> dict[str, Any]:
    # After jupyter-book and sphinx-book-theme have set their defaults.
    app.connect("config-inited", configure, priority=900)
    app.connect("doctree-resolved", drop_thebe_config, priority=900)
    app.connect("html-page-context", drop_thebe_scripts, priority=900)
    app.connect("build-finished", copy_mathjax)
    app.add_directive("course-map", CourseMap)
    # after Sphinx's own numbering (TocTreeCollector, priority 500)
    app.connect("env-get-updated", number_exercises_by_chapter, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
