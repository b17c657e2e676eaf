"""Build into a staging folder and put it in place only when the build succeeded.

MkDocs empties the output folder before it writes the new site, so a build
that fails halfway (a strict-mode warning, a broken page) would leave
visitors of the last good site with a half-empty one. The hook points MkDocs
at a sibling staging folder instead and calls `update` after the last
`on_post_build`; a failed build only ever touches the staging folder, which
`discard` removes. Each build process has its own staging folder, so two
builds of the same site running at once do not write into each other's; the
folder a killed build left is removed by the next build.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from scripts.assemble import output


def staging_dir(site_dir: Path, pid: int | None = None) -> Path:
    """The sibling folder a build process writes to: same file system, so renames are atomic."""
    return site_dir.parent / f".{site_dir.name}.staging-{os.getpid() if pid is None else pid}"


def prepare(site_dir: Path) -> Path:
    """An empty staging folder for the next build of `site_dir`; those of builds no longer running removed."""
    for other in site_dir.parent.glob(f".{site_dir.name}.staging-*"):
        pid = other.name.rpartition("-")[2]
        if pid.isdigit() and not _running(int(pid)):
            discard(other)
    staging = staging_dir(site_dir)
    discard(staging)
    staging.mkdir(parents=True)
    return staging


def _running(pid: int) -> bool:
    if os.name != "posix":  # no harmless way to ask: the folder stays
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # running, as another user
        return True
    return True


def update(staging: Path, site_dir: Path) -> output.Synced:
    """Bring `site_dir` to the content of `staging`, writing only the files whose bytes changed.

    Files that did not change keep their dates, so a server, a deploy or a
    file watcher sees only what the data changed.
    """
    synced = output.sync(staging, site_dir)
    discard(staging)
    return synced


def link_unchanged(staging: Path, site_dir: Path, rel: str, data: bytes) -> bool:
    """Whether the site's file `rel` holds `data` already: then it is linked into `staging`, not written.

    A hard link is a second name of the same file, so nothing is copied now
    and `output.sync` sees it unchanged without reading it. The site's file
    is never written in place (`sync` renames a new file over it), so the
    link keeps these bytes even if a build running beside replaces it. The
    caller must then not write `rel` into `staging` itself.
    """
    target, link = site_dir / rel, staging / rel
    try:
        if target.is_symlink() or target.stat().st_size != len(data) or target.read_bytes() != data:
            return False
        link.parent.mkdir(parents=True, exist_ok=True)
        os.link(target, link)
    except OSError:  # no such file, or a file system without links: written as usual
        return False
    return True


class SkippedPages(logging.Filter):
    """Drops MkDocs' note on each page whose output was linked rather than written (`link_unchanged`).

    MkDocs writes a page's output unless it is empty, and says so when it is:
    a page linked unchanged is handed back empty, which is no news to a reader
    of the build's log.
    """

    def __init__(self) -> None:
        super().__init__()
        self.pages: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.levelno <= logging.INFO and _skipped(record.getMessage()) in self.pages)


def _skipped(message: str) -> str:
    """The page MkDocs' "Page skipped: 'x.md'. Generated empty output." names, "" for other messages."""
    head, tail = "Page skipped: '", "'. Generated empty output."
    return message[len(head) : -len(tail)] if message.startswith(head) and message.endswith(tail) else ""


def discard(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


class WarningCounter(logging.Handler):
    """Counts the warnings MkDocs logs during one build.

    In strict mode MkDocs aborts after `on_post_build` when it saw a
    warning, so the hook has to know before it brings the staging folder in.
    """

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
