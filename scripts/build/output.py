"""Write the built site without rewriting what did not change.

`mkdocs build` empties the site folder and writes every file again. The
hook has MkDocs write into a staging folder (`scripts.build.publish`), then `sync`
copies into the real site folder only the files whose bytes differ and
removes the files the build no longer makes.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Synced:
    written: tuple[str, ...]  # paths (relative, POSIX) whose bytes were new or changed
    unchanged: int
    removed: tuple[str, ...]


def sync(source: Path, dest: Path) -> Synced:
    """Make `dest` hold exactly the files of `source`, touching only what differs.

    Entries whose name starts with a dot at the top of `dest` are kept, as
    MkDocs keeps them when it cleans the site folder.
    """
    written, unchanged = [], 0
    made: set[str] = set()
    for path in sorted(_files(source)):
        rel = path.relative_to(source).as_posix()
        made.add(rel)
        target = dest / rel
        data = path.read_bytes()
        if target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
            unchanged += 1
            continue
        if target.is_dir():
            shutil.rmtree(target)
        write_atomic(target, data)
        written.append(rel)
    removed = []
    if dest.is_dir():
        for path in sorted(_files(dest), reverse=True):
            rel = path.relative_to(dest).as_posix()
            if rel not in made and not rel.startswith("."):
                path.unlink()
                removed.append(rel)
        _remove_empty_dirs(dest)
    return Synced(tuple(written), unchanged, tuple(sorted(removed)))


def write_atomic(path: Path, data: bytes) -> None:
    """Write `path` whole or not at all: a reader (or a build running beside) never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def _files(root: Path) -> list[Path]:
    out = []
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        out += [Path(folder) / n for n in names]
    return out


def _remove_empty_dirs(root: Path) -> None:
    for folder, _, _ in sorted(os.walk(root), key=lambda t: -len(t[0])):
        path = Path(folder)
        if path != root and not path.relative_to(root).as_posix().startswith(".") and not any(path.iterdir()):
            path.rmdir()
