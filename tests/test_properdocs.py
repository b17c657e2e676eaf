"""After the theme's end of life: ProperDocs builds the same site from the same mkdocs.yml, hooks and plugins.

Material for MkDocs reaches its end of life on 5 May 2027, and Zensical (its
successor) ignores `hooks:`, which this site is built by. ProperDocs, the
maintained continuation of MkDocs 1.x, reads mkdocs.yml and answers to
`import mkdocs`, so the hooks, the theme and the plugins run unchanged. The
only byte that may differ is the generator named in each page's head.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import SAMPLE, run_mkdocs

pytest.importorskip("properdocs")

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_properdocs_builds_the_sample_as_mkdocs_does_but_for_the_generator_tag(
    built_sample: Path, tmp_path: Path
) -> None:
    done = run_mkdocs(SAMPLE, tmp_path / "site", env={"SITE_CACHE": str(tmp_path / "cache")}, tool="properdocs")
    assert done.returncode == 0, done.stderr
    mkdocs, properdocs = files_of(built_sample), files_of(tmp_path / "site")
    assert mkdocs.keys() == properdocs.keys()
    differ = sorted(p for p in mkdocs if mkdocs[p] != properdocs[p])
    assert differ and all(p.endswith(".html") for p in differ)
    for path in differ:
        assert GENERATOR.sub(b"", mkdocs[path]) == GENERATOR.sub(b"", properdocs[path]), path
    assert b'content="mkdocs-ProperDocs ' in properdocs["index.html"]
