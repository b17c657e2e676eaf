"""What the project's own code and the libraries that shape its output are, as one digest.

Every kept entry (a page, a chart, a download, the dataset) is keyed by the
data it shows *and* by this digest, so any edit of the code or an upgrade
of a pinned library makes a cold build's bytes again: no version number is
bumped by hand.
"""

from __future__ import annotations

import functools
import hashlib
from importlib import metadata
from pathlib import Path

import mkdocs

SCRIPTS = Path(__file__).resolve().parent.parent
# The libraries whose versions change what a page, chart or download holds.
LIBRARIES = (
    "mkdocs",
    "mkdocs-material",
    "mkdocs-macros-plugin",
    "matplotlib",
    "Markdown",
    "openpyxl",
    "PyYAML",
    "python-docx",
    "XlsxWriter",
)


@functools.cache  # the code of a running process does not change (`mkdocs serve` does not reload it)
def digest() -> bytes:
    """A hash of every source file under `scripts/`, of the versions of `LIBRARIES` and of the generator.

    The generator is the tool running the build: `mkdocs`, or ProperDocs, which answers to that name
    (its pages say so in their generator tag).
    """
    h = hashlib.sha256()
    for path in sorted(p for p in SCRIPTS.rglob("*") if p.suffix in (".py", ".js") and "__pycache__" not in p.parts):
        h.update(path.relative_to(SCRIPTS).as_posix().encode())
        h.update(b"\0")
        h.update(path.read_bytes())
    for name in LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        h.update(f"{name}=={version}\0".encode())
    h.update(f"generator={mkdocs.__name__}=={getattr(mkdocs, '__version__', '-')}\0".encode())
    return h.digest()
