"""The data folder's files written whole or not at all, a copy of the previous one kept beside it.

A file is written to a temporary file in the same folder, flushed to the
disk, then renamed over the old one: a rename within a folder is atomic, so
a process killed at any moment leaves the old file or the new one, never a
mix. The previous version is kept as `<name>.truoc-<date>-<time>`, and only
the newest `KEEP` such copies.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

KEEP = 5  # copies of a file kept beside it
BACKUP = ".truoc-"  # values.csv.truoc-20220708-153000: "before" the collection of that time
TEMPORARY = ".dang-ghi"  # .values.csv.<pid>.dang-ghi: being written


def write_whole(path: Path, data: bytes) -> None:
    """Replace `path` with `data` atomically: the old file until the rename, the new one after it."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}{TEMPORARY}")
    _clear_leftovers(path)
    try:
        with temporary.open("wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if path.exists():
            shutil.copymode(path, temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (where the system allows a folder to be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def back_up(path: Path, at: dt.datetime, keep: int = KEEP) -> Path | None:
    """Copy `path` to `<name>.truoc-<at>` (whole, as above) and drop the oldest copies beyond `keep`."""
    if not path.exists():
        return None
    stamp = at.strftime("%Y%m%d-%H%M%S")
    copy = path.with_name(f"{path.name}{BACKUP}{stamp}")
    n = 1
    while copy.exists():
        n += 1
        copy = path.with_name(f"{path.name}{BACKUP}{stamp}-{n}")
    write_whole(copy, path.read_bytes())
    for old in backups(path)[:-keep] if keep > 0 else backups(path):
        old.unlink(missing_ok=True)
    return copy


def backups(path: Path) -> list[Path]:
    """The copies of `path` kept beside it, oldest first (their names sort by date and time)."""
    found = path.parent.glob(f"{path.name}{BACKUP}*")
    return sorted(found, key=lambda p: _order(p.name[len(path.name) + len(BACKUP) :]))


def _order(suffix: str) -> tuple[str, int]:
    """`20220708-153000` or, a second copy in the same second, `20220708-153000-2`."""
    parts = suffix.split("-")
    n = parts[2] if len(parts) > 2 else "1"
    return ("-".join(parts[:2]), int(n) if n.isdigit() else 1)


def leftovers(path: Path) -> list[Path]:
    """The temporary files of writes of `path` (a killed one leaves its own: the file it was for is whole)."""
    return sorted(path.parent.glob(f".{path.name}.*{TEMPORARY}"))


def _clear_leftovers(path: Path) -> None:
    """Remove what killed writes of `path` left: those whose process is gone."""
    for leftover in leftovers(path):
        pid = leftover.name[len(path.name) + 2 : -len(TEMPORARY)]
        if pid.isdigit() and int(pid) != os.getpid() and not _running(int(pid)):
            leftover.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
