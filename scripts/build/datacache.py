"""Keep the validated dataset of a data folder, to validate only what changed.

Validating every value of a large program takes most of a rebuild. The
dataset is stored (pickled, in the cache folder) under a hash of every input
file and of the code that reads and checks them: a build whose data folder
hashes the same takes the stored dataset. A build whose folder changed
validates only the lines of values.csv the stored build had not seen
(`scripts.build.revalidate`), or everything. Only the latest dataset is kept.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import pickle
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from scripts.build import code, output, revalidate
from scripts.data.model import Dataset
from scripts.data.validate import Checked, check, fingerprint, load_dataset


@dataclass(frozen=True, repr=False)
class Kept:
    """What is stored: the dataset, and the lines of values.csv it was validated from."""

    dataset: Dataset
    known: revalidate.Known | None


@dataclass(frozen=True, repr=False)
class Keep:
    """A dataset validated by this build, to `store` for the next one when there is time."""

    path: Path
    folder: Path
    context: str
    dataset: Dataset
    rows_checked: int  # rows of values validated by this build
    checked: Checked | None = None  # validated in full: what the next build may reuse is worked out when stored
    known: revalidate.Known | None = None  # only new lines validated: already worked out


def load(folder: Path, cache: Path | None) -> tuple[Dataset, Keep | None]:
    """`load_dataset(folder)`, from the cache when the folder and the code are unchanged.

    Also what to `store` when the dataset was validated anew (None when it
    came from the cache): storing can wait until the process has nothing
    better to do. Raises `DataError` for bad data, and nothing is stored.
    """
    with collector_paused():
        if cache is None:
            return load_dataset(folder), None
        folder_key = key(folder)
        path = cache / "dataset" / f"{folder_key}.pickle"
        kept = _read(path)
        if kept is not None:
            return kept.dataset, None
        here = context(folder)
        previous = next((k for k in map(_read, sorted(path.parent.glob("*.pickle"))) if k and k.known), None)
        again = revalidate.revalidate(folder, previous.known, here) if previous and previous.known else None
        if again is not None:
            dataset, known, rows = again
            return dataset, Keep(path, folder, here, dataset, rows, known=known)
        checked = check(folder)
        return checked.dataset, Keep(path, folder, here, checked.dataset, len(checked.value_rows), checked=checked)


def store(keep: Keep) -> None:
    """Keep the dataset for the next build, in place of any dataset kept before."""
    known = keep.known
    if known is None and keep.checked is not None:
        known = revalidate.known(keep.folder, keep.checked, keep.context)
    keep.path.parent.mkdir(parents=True, exist_ok=True)
    for old in keep.path.parent.glob("*.pickle"):
        old.unlink()
    output.write_atomic(keep.path, pickle.dumps(Kept(keep.dataset, known), protocol=pickle.HIGHEST_PROTOCOL))


def key(folder: Path) -> str:
    """A hash of every input file and of the code that reads and checks them."""
    h = hashlib.sha256(fingerprint(folder).encode())
    h.update(code.digest())
    return h.hexdigest()[:32]


def context(folder: Path) -> str:
    """`key` without values.csv: what a line of values.csv is checked against."""
    h = hashlib.sha256(fingerprint(folder, leave_out=revalidate.VALUES).encode())
    h.update(code.digest())
    return h.hexdigest()


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a dataset is built or unpickled.

    Its hundreds of thousands of objects form no cycles, but each one
    allocated counts towards a collection that walks all of them again: with
    the collector on, loading 720,000 values takes half as long again.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read(path: Path) -> Kept | None:
    try:
        with path.open("rb") as f:
            kept = pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return None
    return kept if isinstance(kept, Kept) else None
