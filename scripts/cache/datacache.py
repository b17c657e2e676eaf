"""Keep the validated dataset of a data folder, to validate only what changed.

Validating every value of a large program takes most of a rebuild. The
dataset is kept (pickled, in the store) under a hash of every input file and
of the code that reads and checks them: a build whose data folder hashes the
same takes the kept dataset. A build whose folder changed validates only the
lines of values.csv the latest kept dataset (`LATEST` names it) had not seen
(`scripts.cache.revalidate`), or everything.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import hashlib
import itertools
import operator
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts.cache import code, revalidate
from scripts.cache.store import Store
from scripts.data.model import Dataset, Value, values_of
from scripts.data.validate import Checked, check, fingerprint, load_dataset

KIND = "dataset"
VALUE_FIELDS = tuple(f.name for f in dataclasses.fields(Value))
LATEST = "latest"  # the entry that names the key of the dataset kept last, and its context


@dataclass(frozen=True, repr=False)
class Kept:
    """What is stored: the dataset, and the lines of values.csv it was validated from.

    Pickled with its values as columns, field by field, and its lines as
    positions among them: one object at a time, a program's 720,000 values
    took 4.5 s to store and 4.3 s to read back; as columns, about 1 s and 1.8 s.
    """

    dataset: Dataset
    known: revalidate.Known | None

    def __reduce__(self) -> tuple[Any, ...]:
        values = list(self.dataset.values)
        at = dict(zip(map(id, values), itertools.count(), strict=False))
        at[id(None)] = -1  # an empty line
        lines = self.known.values if self.known else ()
        extra = [v for v in lines if v is not None and id(v) not in at]  # none, as validation makes them
        at.update(zip(map(id, extra), itertools.count(len(values)), strict=False))
        by_line = array("q", map(at.__getitem__, map(id, lines)))
        table = tuple(tuple(map(operator.attrgetter(name), values + extra)) for name in VALUE_FIELDS)
        dataset = dataclasses.replace(self.dataset, values=())
        known = dataclasses.replace(self.known, values=()) if self.known else None
        return _kept, (dataset, known, table, len(values), by_line)


def _kept(
    dataset: Dataset, known: revalidate.Known | None, table: tuple[tuple[Any, ...], ...], size: int, by_line: array[int]
) -> Kept:
    """The `Kept` pickled as columns: the dataset's `size` values, then those only its lines name."""
    values: list[Value | None] = list(values_of(*table)) if table and table[0] else []
    dataset = dataclasses.replace(dataset, values=tuple(values[:size]))  # type: ignore[arg-type]
    if known is not None:
        values.append(None)  # what position -1 names
        known = dataclasses.replace(known, values=tuple(map(values.__getitem__, by_line)))
    return Kept(dataset, known)


@dataclass(frozen=True, repr=False)
class Keep:
    """A dataset validated by this build, to `save` for the next one when there is time."""

    key: str
    folder: Path
    context: str
    dataset: Dataset
    rows_checked: int  # rows of values validated by this build
    checked: Checked | None = None  # validated in full: what the next build may reuse is worked out when stored
    known: revalidate.Known | None = None  # only new lines validated: already worked out
    since: str = ""  # revalidated: the fingerprint of the dataset it was revalidated from
    touched: frozenset[tuple[str, str]] = frozenset()  # revalidated: the (indicator, unit) pairs that may differ


def load(folder: Path, store: Store) -> tuple[Dataset, Keep | None]:
    """`load_dataset(folder)`, from the cache when the folder and the code are unchanged.

    Also what to `save` when the dataset was validated anew (None when it
    came from the store): saving can wait until the process has nothing
    better to do. Raises `DataError` for bad data, and nothing is kept.
    """
    with collector_paused():
        if store.folder is None:
            return load_dataset(folder), None
        folder_key = key(folder)
        kept = _read(store, folder_key)
        if kept is not None:
            store.get(KIND, LATEST)  # still the latest: kept with it
            return kept.dataset, None
        here = context(folder)
        latest_key, latest_context = _latest(store)
        # Another file or the code changed: the kept dataset cannot serve, and is not even read (it is big).
        previous = _read(store, latest_key, use=False) if latest_key and latest_context == here else None
        again = None
        if previous is not None and previous.known is not None:
            again = revalidate.revalidate(folder, previous.known, here, previous.dataset.values)
        if again is not None:
            dataset, known, rows = again
            assert previous is not None and previous.known is not None
            touched = _touched(previous.known.values, known.values)
            since = previous.dataset.fingerprint if touched is not None else ""
            keep = Keep(
                folder_key, folder, here, dataset, rows, known=known, since=since, touched=touched or frozenset()
            )
            return dataset, keep
        checked = check(folder)
        rows = len(checked.value_rows)
        return checked.dataset, Keep(folder_key, folder, here, checked.dataset, rows, checked=checked)


def _touched(before: tuple[Value | None, ...], after: tuple[Value | None, ...]) -> frozenset[tuple[str, str]] | None:
    """The (indicator, unit) pairs whose values may differ between the values of the lines `before` and
    `after`; None when the lines cannot be compared one by one.

    Revalidation gives a line it has seen the very value it had (`revalidate`). A value added or taken
    away therefore stands somewhere against another object: its pair is among those of the lines that
    are not the same object where they stand.
    """
    if len(before) != len(after):
        return None
    differ = itertools.compress(zip(before, after, strict=True), map(operator.is_not, before, after))
    return frozenset((v.indicator, v.unit) for pair in differ for v in pair if v is not None)


def save(keep: Keep, store: Store) -> None:
    """Keep the dataset for the next build, and name it the latest."""
    known = keep.known
    if known is None and keep.checked is not None:
        known = revalidate.known(keep.folder, keep.checked, keep.context)
    store.dump(KIND, keep.key, Kept(keep.dataset, known))
    store.put(KIND, LATEST, f"{keep.key}\n{keep.context}".encode("ascii"))


def saved(keep: Keep, store: Store) -> None:
    """Count as used the entries `save` wrote (in another process)."""
    store.adopt(KIND, keep.key)
    store.adopt(KIND, LATEST)


def _latest(store: Store) -> tuple[str, str]:
    """The key of the dataset kept last and the context it was validated in ("" for what is not there)."""
    data = store.get(KIND, LATEST, use=False)
    key, _, context = (data or b"").decode("ascii", "replace").partition("\n")
    return key, context


def key(folder: Path) -> str:
    """A hash of every input file and of the code that reads and checks them."""
    h = hashlib.sha256(fingerprint(folder).encode())
    h.update(code.digest())
    return h.hexdigest()[:32]


def context(folder: Path) -> str:
    """`key` without values.csv: what a line of values.csv is checked against (`revalidate.checked_against`)."""
    h = hashlib.sha256(fingerprint(folder, leave_out=lambda name: not revalidate.checked_against(name)).encode())
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


def _read(store: Store, key: str, use: bool = True) -> Kept | None:
    try:
        kept = store.load(KIND, key, use=use)
    except ValueError:  # not a key: the name of the latest was damaged
        return None
    return kept if isinstance(kept, Kept) else None
