"""Build into a staging folder and put it in place only when the build succeeded.

MkDocs empties the output folder before it writes the new site, so a build
that fails halfway (a strict-mode warning, a broken page) would leave
visitors of the last good site with a half-empty one. The hook points MkDocs
at a sibling staging folder instead and calls `update` (or `swap`) after
the last `on_post_build`; a failed build only ever touches the staging folder, which
`discard` removes.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from scripts.build import output


def staging_dir(site_dir: Path) -> Path:
    """The sibling folder a build writes to: same file system, so renames are atomic."""
    return site_dir.parent / f".{site_dir.name}.staging"


def prepare(site_dir: Path) -> Path:
    """An empty staging folder for the next build of `site_dir`."""
    staging = staging_dir(site_dir)
    discard(staging)
    staging.mkdir(parents=True)
    return staging


def swap(staging: Path, site_dir: Path) -> None:
    """Replace `site_dir` by `staging` with two renames.

    Hidden entries of the old folder (`.git`, `.nojekyll`…) are carried
    over, as MkDocs itself never deletes them. When the output folder cannot
    be renamed (it is a mount point), its content is replaced instead.
    """
    if site_dir.is_dir():
        for entry in site_dir.iterdir():
            if entry.name.startswith(".") and not (staging / entry.name).exists():
                entry.rename(staging / entry.name)
    old = site_dir.parent / f".{site_dir.name}.old"
    discard(old)
    try:
        if site_dir.exists():
            site_dir.rename(old)
        staging.rename(site_dir)
    except OSError:
        if old.exists() and not site_dir.exists():
            old.rename(site_dir)
        _replace_content(staging, site_dir)
    discard(old)


def update(staging: Path, site_dir: Path) -> output.Synced:
    """Bring `site_dir` to the content of `staging`, writing only the files whose bytes changed.

    Unlike `swap`, files that did not change keep their dates, so a server,
    a deploy or a file watcher sees only what the data changed.
    """
    synced = output.sync(staging, site_dir)
    discard(staging)
    return synced


def discard(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def _replace_content(staging: Path, site_dir: Path) -> None:
    site_dir.mkdir(parents=True, exist_ok=True)
    for entry in site_dir.iterdir():
        if not entry.name.startswith("."):
            discard(entry)
    for entry in staging.iterdir():
        os.replace(entry, site_dir / entry.name)
    discard(staging)


class WarningCounter(logging.Handler):
    """Counts the warnings MkDocs logs during one build.

    In strict mode MkDocs aborts after `on_post_build` when it saw a
    warning, so the swap has to know before that.
    """

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
