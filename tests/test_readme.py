"""The README's bring-your-own-data example runs as written, on text labels."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from helpers import make_imbalanced

README = Path(__file__).resolve().parent.parent / "README.md"


def _example() -> str:
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(), flags=re.S)
    code = next(block for block in blocks if "compare_samplers" in block)
    return "\n".join(line[2:] if line.startswith("  ") else line for line in code.splitlines())


@pytest.mark.slow
def test_readme_example_runs_on_text_labels():
    X, y = make_imbalanced(300, random_state=3)
    df = pd.DataFrame(X, columns=["a", "b"]).assign(
        label=pd.Series(y).map({0: "negative", 1: "positive"})
    )
    namespace = {"df": df}
    exec(compile(_example(), str(README), "exec"), namespace)
    scores, folds = namespace["scores"], namespace["folds"]
    assert scores.columns.names[0] == "metric (positive class: 'positive')"
    assert len(scores) == 4 and len(folds) == 4 * 10
    assert (scores.xs("average_precision", axis=1, level=0)["mean"] > 0.5).all()
