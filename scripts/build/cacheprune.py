"""Keep the cache folder to what the latest builds use.

Every successful build lists the cache entries it used (drawings, download
files, pages made from the data, their HTML, pages as the theme wrote them)
in `used-<edition>.json`; an entry that no edition's latest
build used is removed. Editing the data many times a day thus leaves no
growing pile of drawings and pages of figures long gone, and the two
editions, which share the cache, do not undo each other's. The validated
dataset keeps only its latest entry by itself (`scripts.build.datacache`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from scripts.build import output

FOLDERS = ("charts", "downloads", "html", "output", "pages")


def prune(cache: Path, edition: str, used: Iterable[Path]) -> int:
    """Record what this edition's build used; remove the entries no edition's latest build used. How many went."""
    names = sorted({p.relative_to(cache).as_posix() for p in used})
    cache.mkdir(parents=True, exist_ok=True)
    manifest = cache / f"used-{edition}.json"
    output.write_atomic(manifest, (json.dumps(names, ensure_ascii=False, indent=0) + "\n").encode("utf-8"))
    keep: set[str] = set()
    for listed in sorted(cache.glob("used-*.json")):
        try:
            keep.update(json.loads(listed.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            continue
    removed = 0
    for folder in FOLDERS:
        for entry in sorted((cache / folder).glob("*")):
            if entry.is_file() and f"{folder}/{entry.name}" not in keep:
                entry.unlink()
                removed += 1
    return removed
