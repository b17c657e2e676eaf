"""Write the built site without rewriting what did not change.

`mkdocs build` empties the site folder and writes every file again. The
hook has MkDocs write into a staging folder (`scripts.assemble.publish`), then `sync`
moves into the real site folder only the files whose bytes differ and
removes the files the build no longer makes. A file of the staging folder
that is a link to the site's own (`publish.link_unchanged`) is known
unchanged without being read.
"""

from __future__ import annotations

import os
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path

from scripts.cache.store import write_atomic

__all__ = ["sync", "write_atomic"]


@dataclass(frozen=True)
class Synced:
    written: tuple[str, ...]  # paths (relative, POSIX) whose bytes were new or changed
    unchanged: int
    removed: tuple[str, ...]
    linked: int = 0  # of the unchanged, those the build linked from `dest` rather than wrote (never read here)


def sync(source: Path, dest: Path) -> Synced:
    """Make `dest` hold exactly the files of `source`, touching only what differs.

    Entries whose name starts with a dot at the top of `dest` are kept, as
    MkDocs keeps them when it cleans the site folder. The files that differ
    are moved out of `source` (a staging folder, removed next).
    """
    written, unchanged, linked = [], 0, 0
    made: set[str] = set()
    for path in sorted(_files(source)):
        rel = path.relative_to(source).as_posix()
        made.add(rel)
        target = dest / rel
        same = _same(path, target)
        if same:
            unchanged += 1
            linked += same == LINKED
            continue
        if target.is_dir():
            shutil.rmtree(target)
        _move(path, target)
        written.append(rel)
    removed = []
    if dest.is_dir():
        for path in sorted(_files(dest), reverse=True):
            rel = path.relative_to(dest).as_posix()
            if rel not in made and not rel.startswith("."):
                path.unlink()
                removed.append(rel)
        _remove_empty_dirs(dest)
    return Synced(tuple(written), unchanged, tuple(sorted(removed)), linked)


LINKED, EQUAL = 1, 2


def _same(path: Path, target: Path) -> int:
    """Whether `target` holds the bytes of `path`: `LINKED`, the same file (a link the build made);
    `EQUAL`, equal bytes; 0, not."""
    try:
        mine, theirs = path.stat(), target.stat()
    except OSError:
        return 0
    if (mine.st_ino, mine.st_dev) == (theirs.st_ino, theirs.st_dev):
        return LINKED
    equal = stat.S_ISREG(theirs.st_mode) and mine.st_size == theirs.st_size and path.read_bytes() == target.read_bytes()
    return EQUAL if equal else 0


def _move(path: Path, target: Path) -> None:
    """`path` put in place of `target` whole: renamed when both are on one file system, else copied."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        path.replace(target)
    except OSError:
        write_atomic(target, path.read_bytes())


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
