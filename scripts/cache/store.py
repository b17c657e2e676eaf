"""The one store of everything a build keeps for the next one.

Every kind of kept entry goes through it: the validated dataset, the pages
rendered from the data, their HTML, the theme's output of a page, the
drawings, the download files and the data package. Callers key an entry by
a hash of what it shows *and* of the code that made it
(`scripts.cache.code.digest`); the store knows nothing of what is inside.

An entry is one file, `<cache>/<kind>/<key>`: a header holding a mark of the
format, the length of the payload and its SHA-256, then the payload. Writes
are atomic (`write_atomic`), so a reader, or a build running beside,
never sees half an entry. Anything else (a missing, empty, truncated,
garbled or foreign file) reads as a miss, and the caller makes the entry
again: a damaged cache costs time, never a wrong byte on the site.

`used` lists the entries this build read or wrote; after a successful build
`prune` keeps only what the latest build of each edition used (each edition
lists its own in `used-<edition>.json`), so the cache does not grow with
every edit and the two editions, which share it, do not undo each other's.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import re
import struct
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

KINDS = ("charts", "dataset", "downloads", "html", "output", "pages", "refs", "search")
MARK = b"SITECACH"  # the format of an entry: change it when the header changes
HEADER = struct.Struct(">8sQ32s")  # mark, length of the payload, SHA-256 of the payload
KEY = re.compile(r"[0-9a-z][0-9a-z.-]{0,79}")
STALE_TEMPORARY = 3600  # seconds after which a half-written file of a killed build is removed


@dataclass
class Store:
    """The entries kept under `folder` (None: nothing is kept, every `get` is a miss)."""

    folder: Path | None
    used: set[str] = field(default_factory=set)  # "kind/key" of the entries this build read or wrote

    def get(self, kind: str, key: str, *, use: bool = True) -> bytes | None:
        """The payload of an entry, None when it is missing or unreadable; `use`: keep it when pruning."""
        if self.folder is None:
            return None
        name = _name(kind, key)
        try:
            raw = (self.folder / name).read_bytes()
        except OSError:
            return None
        payload = unpack(raw)
        if payload is not None and use:
            self.used.add(name)
        return payload

    def put(self, kind: str, key: str, data: bytes) -> None:
        if self.folder is None:
            return
        name = _name(kind, key)
        self.used.add(name)
        write_atomic(self.folder / name, pack(data))

    def exists(self, kind: str, key: str) -> bool:
        """Whether the entry's file is there: a quick test, without reading it (`get` may still miss)."""
        return self.folder is not None and (self.folder / _name(kind, key)).is_file()

    def adopt(self, kind: str, key: str) -> None:
        """Count as used an entry another process (a worker of this build) wrote."""
        self.used.add(_name(kind, key))

    def load(self, kind: str, key: str, *, use: bool = True) -> Any:
        """A pickled entry (see `dump`), None when missing or unreadable."""
        data = self.get(kind, key, use=use)
        if data is None:
            return None
        try:
            return pickle.loads(data)
        except Exception:  # written by this very code (the key holds its digest), so only damage gets here
            return None

    def dump(self, kind: str, key: str, value: Any) -> None:
        if self.folder is not None:
            self.put(kind, key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def prune(self, edition: str) -> int:
        """Record what this edition's build used; remove the entries no edition's latest build used. How many."""
        if self.folder is None:
            return 0
        manifest = self.folder / f"used-{edition}.json"
        write_atomic(manifest, (json.dumps(sorted(self.used), indent=0) + "\n").encode("utf-8"))
        keep: set[str] = set()
        for listed in sorted(self.folder.glob("used-*.json")):
            try:
                keep.update(json.loads(listed.read_text(encoding="utf-8")))
            except (OSError, ValueError):
                continue
        removed = 0
        old = time.time() - STALE_TEMPORARY
        for kind in KINDS:
            for entry in sorted((self.folder / kind).glob("*")):
                if f"{kind}/{entry.name}" in keep or not entry.is_file():
                    continue
                try:
                    if entry.name.endswith(".tmp") and entry.stat().st_mtime > old:
                        continue  # a build running beside may be writing it
                    entry.unlink()
                except OSError:  # already gone: a build running beside pruned it too
                    continue
                removed += 1
        return removed


def pack(data: bytes) -> bytes:
    return HEADER.pack(MARK, len(data), hashlib.sha256(data).digest()) + data


def unpack(raw: bytes) -> bytes | None:
    """The payload of an entry as written by `pack`; None for anything else."""
    if len(raw) < HEADER.size:
        return None
    mark, length, digest = HEADER.unpack_from(raw)
    payload = raw[HEADER.size :]
    if mark != MARK or length != len(payload) or hashlib.sha256(payload).digest() != digest:
        return None
    return payload


def _name(kind: str, key: str) -> str:
    if kind not in KINDS or not KEY.fullmatch(key):
        raise ValueError(f"no cache entry {kind}/{key}")
    return f"{kind}/{key}"


def write_atomic(path: Path, data: bytes) -> None:
    """Write `path` whole or not at all: a reader (or a build running beside) never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
