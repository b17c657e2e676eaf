"""Pages converted through the cache, in a pool and the quick way, give MkDocs' own site, byte for byte.

`SITE_CACHE=off` leaves every page to MkDocs; a cold build with a cache and
two processes converts the generated pages in the pool with `scripts.assemble.tablehtml`.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_mkdocs
from programs import write_program

from scripts.assemble import pagecache


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_site_built_without_the_cache_has_the_bytes_of_a_cold_build_with_it(tmp_path: Path) -> None:
    data = write_program(tmp_path / "data", communes=pagecache.POOL_MIN)
    plain = run_mkdocs(data, tmp_path / "plain", env={"SITE_CACHE": "off", "SITE_JOBS": "1"})
    assert plain.returncode == 0, plain.stderr
    stats = tmp_path / "stats.json"
    env = {"SITE_CACHE": str(tmp_path / "cache"), "SITE_JOBS": "2", "SITE_STATS": str(stats)}
    cached = run_mkdocs(data, tmp_path / "cached", env=env)
    assert cached.returncode == 0, cached.stderr
    counts = json.loads(stats.read_text(encoding="utf-8"))
    assert counts["pages_rendered"] == counts["pages_total"] > pagecache.POOL_MIN  # all of them in the pool
    assert files_of(tmp_path / "cached") == files_of(tmp_path / "plain")
