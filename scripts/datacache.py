"""Keep the validated dataset of a data folder, to skip validation when nothing changed.

Validating every value of a large program takes most of a rebuild that
changes nothing. The dataset is stored (pickled, in the cache folder) under a
hash of every input file and of the code that reads and checks them; a build
whose data folder hashes the same takes the stored dataset. Only the latest
dataset is kept.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

from scripts import output
from scripts.model import Dataset
from scripts.validate import fingerprint, load_dataset

_CODE = ("load.py", "validate.py", "schema.py", "model.py", "textutil.py", "messages.py", "errors.py", "datacache.py")


def load(folder: Path, cache: Path | None) -> tuple[Dataset, Path | None]:
    """`load_dataset(folder)`, from the cache when the folder and the code are unchanged.

    Also where to `store` the dataset when it was validated anew (None when
    it came from the cache): storing can wait until the process has nothing
    better to do.
    """
    if cache is None:
        return load_dataset(folder), None
    path = cache / "dataset" / f"{key(folder)}.pickle"
    try:
        with path.open("rb") as f:
            dataset = pickle.load(f)
        if isinstance(dataset, Dataset):
            return dataset, None
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    return load_dataset(folder), path  # raises DataError: nothing is stored for bad data


def store(dataset: Dataset, path: Path) -> None:
    """Keep `dataset` at `path`, in place of any dataset kept before."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for old in path.parent.glob("*.pickle"):
        old.unlink()
    output.write_atomic(path, pickle.dumps(dataset, protocol=pickle.HIGHEST_PROTOCOL))


def key(folder: Path) -> str:
    h = hashlib.sha256(fingerprint(folder).encode())
    here = Path(__file__).resolve().parent
    for name in _CODE:
        h.update((here / name).read_bytes())
    return h.hexdigest()[:32]
