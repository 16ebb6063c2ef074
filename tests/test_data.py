"""The vendored data: files unchanged (checksums) and loaded with the documented counts."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pandas as pd
import pytest

from helpers import load_dataset
from helpers.datasets import DATASETS, data_dir

README = Path(__file__).resolve().parent.parent / "data" / "README.md"


def documented_rows() -> dict[str, tuple[str, str]]:
    """name -> (file, sha256) from the table in data/README.md."""
    rows = {}
    for line in README.read_text().splitlines():
        match = re.match(r"\| `(\w+)` \| `([\w.]+)` \|.*\| `([0-9a-f]{64})` \|$", line)
        if match:
            rows[match[1]] = (match[2], match[3])
    return rows


def test_readme_documents_every_dataset():
    assert set(documented_rows()) == set(DATASETS)


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_checksum(name):
    file, sha = documented_rows()[name]
    assert DATASETS[name]["file"] == file
    digest = hashlib.sha256((data_dir() / file).read_bytes()).hexdigest()
    assert digest == sha, f"{file} differs from the vendored original"


@pytest.mark.parametrize(
    ("name", "shape", "counts"),
    [
        ("yeast3", (1484, 8), {0: 1321, 1: 163}),
        ("yeast4", (1484, 8), {0: 1433, 1: 51}),
        ("abalone19", (4174, 8), {0: 4142, 1: 32}),
        ("glass", (214, 9), {1: 70, 2: 76, 3: 17, 5: 13, 6: 9, 7: 29}),
        ("default", (10000, 3), {0: 9667, 1: 333}),
    ],
)
def test_load_dataset_counts(name, shape, counts):
    X, y = load_dataset(name)
    assert isinstance(X, pd.DataFrame)
    assert isinstance(y, pd.Series)
    assert X.shape == shape
    assert y.value_counts().to_dict() == counts
    assert not X.isna().any().any()


def test_categorical_columns_stay_strings():
    X, _ = load_dataset("abalone19")
    assert set(X["Sex"]) == {"M", "F", "I"}
    assert not pd.api.types.is_numeric_dtype(X["Sex"])
    X, _ = load_dataset("default")
    assert set(X["student"]) == {"Yes", "No"}
    assert pd.api.types.is_numeric_dtype(X["balance"])


def test_load_dataset_is_case_insensitive():
    X1, y1 = load_dataset("Yeast4")
    X2, y2 = load_dataset("yeast4")
    pd.testing.assert_frame_equal(X1, X2)
    pd.testing.assert_series_equal(y1, y2)


def test_unknown_dataset_lists_known_names():
    with pytest.raises(ValueError, match="known: .*yeast3"):
        load_dataset("creditcard")


def test_non_string_name():
    with pytest.raises(TypeError, match="name must be a string"):
        load_dataset(3)


def test_data_dir_override(tmp_path, monkeypatch):
    monkeypatch.setenv("IMBALANCED_COURSE_DATA", str(tmp_path))
    assert data_dir() == tmp_path
    with pytest.raises(FileNotFoundError, match="yeast3.dat"):
        load_dataset("yeast3")


def test_datasets_entry_is_all_load_dataset_needs(tmp_path, monkeypatch):
    # a new data set is one DATASETS entry: no loader code names a data set
    (tmp_path / "toy.csv").write_text("colour,size,label\nred,1.5,rare\nblue,2.0,common\n")
    monkeypatch.setenv("IMBALANCED_COURSE_DATA", str(tmp_path))
    entry = {"file": "toy.csv", "format": "csv", "target": "label", "positive": "rare"}
    monkeypatch.setitem(DATASETS, "toy", {**entry, "categorical": ["colour"]})
    X, y = load_dataset("toy")
    assert list(X.columns) == ["colour", "size"] and X["size"].tolist() == [1.5, 2.0]
    assert y.name == "label" and y.tolist() == [1, 0]
