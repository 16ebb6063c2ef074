"""Write every stored figure of a notebook (and each slider frame) to PNG files to look at.

python tools/figures.py notebooks/11_smote.ipynb [out_dir]
"""

from __future__ import annotations

import base64
import re
import sys
from pathlib import Path

import nbformat

FRAME = re.compile(r"data:image/png;base64,([A-Za-z0-9+/=]+)")


def extract(path: Path, out_dir: Path) -> list[Path]:
    nb = nbformat.read(path, as_version=4)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for index, cell in enumerate(nb.cells):
        for n_output, output in enumerate(cell.get("outputs", [])):
            data = output.get("data", {})
            images = []
            if "image/png" in data:
                images.append(data["image/png"])
            if "text/html" in data:
                images += FRAME.findall(data["text/html"])
            for n_image, encoded in enumerate(images):
                target = out_dir / f"{path.stem}_cell{index:02d}_{n_output}_{n_image:02d}.png"
                target.write_bytes(base64.b64decode(encoded))
                written.append(target)
    return written


if __name__ == "__main__":
    notebook = Path(sys.argv[1])
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("_build/figures")
    for file in extract(notebook, out):
        print(file)
