"""Re-execute notebooks in place and normalise them, so stored outputs are what the code
produces today and a re-run without changes leaves no diff.

    python tools/notebooks.py refresh notebooks/11_smote.ipynb [...]
    python tools/notebooks.py normalize notebooks/*.ipynb
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

try:
    from tools.course_env import use_course_environment
except ModuleNotFoundError:  # run as a script: tools/ is on sys.path, the root is not
    from course_env import use_course_environment

KERNEL = "python3"
# Volatile notebook-level metadata: widget state (random model ids; the book must not
# load widget JavaScript from a CDN), and whatever a front end adds.
NOTEBOOK_METADATA_DROP = ("widgets", "signature", "vscode", "colab", "toc")
CELL_METADATA_DROP = ("execution", "ExecuteTime", "collapsed", "scrolled", "jupyter_execution")


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def _coalesce_streams(outputs: list) -> list:
    """Join consecutive chunks of one stream: how a cell's printing is split into messages
    depends on when the kernel flushes (machine load), not on what it prints. nbval joins them
    the same way before comparing."""
    joined: list = []
    for output in outputs:
        previous = joined[-1] if joined else None
        if (
            output.get("output_type") == "stream"
            and previous is not None
            and previous.get("output_type") == "stream"
            and previous.get("name") == output.get("name")
        ):
            previous["text"] += output["text"]
        else:
            joined.append(output)
    return joined


def normalize(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Strip volatile metadata in place; keep outputs and execution counts.

    Also makes a re-run without changes byte-identical: consecutive stream chunks are joined
    and slider widgets get ids numbered by position (their state is not stored, so the id
    refers to nothing a reader loads; a random id would change the file on every run)."""
    widget_number = 0
    for key in NOTEBOOK_METADATA_DROP:
        nb.metadata.pop(key, None)
    nb.metadata["kernelspec"] = {
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
        "name": KERNEL,
    }
    nb.metadata.get("language_info", {}).pop("version", None)
    for cell in nb.cells:
        for key in CELL_METADATA_DROP:
            cell.metadata.pop(key, None)
        if cell.cell_type == "code":
            cell.outputs = _coalesce_streams(cell.get("outputs", []))
            for output in cell.outputs:
                view = output.get("data", {}).get(WIDGET_VIEW)
                if isinstance(view, dict) and "model_id" in view:
                    widget_number += 1
                    view["model_id"] = f"{widget_number:032x}"
                output.get("metadata", {}).pop("execution", None)
    return nb


def execute(nb: nbformat.NotebookNode, folder: Path, timeout: int = 600) -> float:
    """Run ``nb`` in place in a fresh kernel started in ``folder``; return the seconds taken.

    The kernel gets the course environment; this process's environment is left as it was.
    """
    env_before = dict(os.environ)
    use_course_environment()
    start = time.perf_counter()
    try:
        NotebookClient(
            nb,
            timeout=timeout,
            kernel_name=KERNEL,
            resources={"metadata": {"path": str(folder)}},
            store_widget_state=False,
        ).execute()
    finally:
        os.environ.clear()
        os.environ.update(env_before)
    return time.perf_counter() - start


def refresh(path: Path, timeout: int = 600) -> float:
    """Execute ``path`` in a fresh kernel (cwd = its folder), normalise, save; return seconds."""
    nb = nbformat.read(path, as_version=4)
    elapsed = execute(nb, path.parent, timeout)
    nbformat.write(normalize(nb), path)
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["refresh", "normalize"])
    parser.add_argument("paths", nargs="+", type=Path)
    args = parser.parse_args(argv)
    for path in args.paths:
        if args.command == "refresh":
            seconds = refresh(path)
            print(f"{path}: executed in {seconds:.1f} s")
        else:
            nb = nbformat.read(path, as_version=4)
            nbformat.write(normalize(nb), path)
            print(f"{path}: normalised")
    return 0


if __name__ == "__main__":
    sys.exit(main())
