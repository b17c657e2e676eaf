"""The one cache store: what it cannot read is a miss, and a rebuild always gives a cold build's bytes.

Every kind of kept entry (dataset, pages, their HTML, the theme's output,
drawings, downloads and the data package) goes through `scripts.cache.store`.
The builds run on a copy of the repository, so editing its code (or another
engineer editing this checkout) touches no other test.
"""

from __future__ import annotations

import ast
import csv
import html
import io
import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import copy_repository, run_mkdocs
from programs import write_program

from scripts.cache import store as store_module
from scripts.cache.store import Store

# --- the store itself ----------------------------------------------------------


def flip(raw: bytes) -> bytes:
    """One bit of the middle byte changed: a garbled entry of the same length."""
    middle = len(raw) // 2
    return raw[:middle] + bytes([raw[middle] ^ 0x01]) + raw[middle + 1 :]


DAMAGES: dict[str, Callable[[bytes], bytes]] = {
    "truncated": lambda raw: raw[: len(raw) // 2],
    "zero bytes": lambda raw: b"",
    "garbled": flip,
    "no header": lambda raw: raw[store_module.HEADER.size :],  # the payload alone, as older caches kept it
    "longer": lambda raw: raw + b"\0",
}


def test_an_entry_reads_back_as_written_and_is_listed_as_used(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.put("charts", "abc.svg", b"<svg/>")
    store.dump("pages", "p1", {"a": (1, "hai")})
    again = Store(tmp_path)
    assert again.get("charts", "abc.svg") == b"<svg/>"
    assert again.load("pages", "p1") == {"a": (1, "hai")}
    assert again.get("charts", "missing") is None
    assert (store.used, again.used) == ({"charts/abc.svg", "pages/p1"}, {"charts/abc.svg", "pages/p1"})
    assert not list(tmp_path.rglob("*.tmp"))  # written whole, then renamed


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_entry_is_a_miss(tmp_path: Path, damage: str) -> None:
    store = Store(tmp_path)
    store.dump("dataset", "k", list(range(1000)))
    path = tmp_path / "dataset" / "k"
    path.write_bytes(DAMAGES[damage](path.read_bytes()))
    again = Store(tmp_path)
    assert again.get("dataset", "k") is None
    assert again.load("dataset", "k") is None
    assert again.used == set()  # not kept for it: the build makes it again


def test_a_key_names_an_entry_never_another_folder(tmp_path: Path) -> None:
    for kind, key in (("charts", "../x"), ("charts", "a/b"), ("charts", ""), ("elsewhere", "a")):
        with pytest.raises(ValueError):
            Store(tmp_path).put(kind, key, b"x")


def test_without_a_folder_nothing_is_kept() -> None:
    store = Store(None)
    store.put("charts", "a", b"x")
    assert (store.get("charts", "a"), store.used, store.prune("internal")) == (None, set(), 0)


def test_pruning_keeps_what_the_latest_build_of_each_edition_used(tmp_path: Path) -> None:
    internal, public = Store(tmp_path), Store(tmp_path)
    for name in ("a", "b", "c"):
        internal.put("charts", name, name.encode())
    public.put("charts", "p", b"p")
    assert public.prune("public") == 3  # a, b, c: no edition's latest build listed them yet
    internal.put("charts", "a", b"a")
    internal.put("charts", "b", b"b")
    assert internal.prune("internal") == 0
    later = Store(tmp_path)
    later.get("charts", "a")
    assert later.prune("internal") == 1  # b: the internal edition's latest build no longer uses it
    assert sorted(p.name for p in (tmp_path / "charts").iterdir()) == ["a", "p"]
    assert json.loads((tmp_path / "used-internal.json").read_text(encoding="utf-8")) == ["charts/a"]


# --- a built program ---------------------------------------------------------------


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@dataclass(frozen=True)
class Built:
    repo: Path  # a copy of the repository
    data: Path
    site: Path  # built twice with `cache`: cold, then warm
    cache: Path
    files: dict[str, bytes]  # the reference bytes: `site` after its first build


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    work = tmp_path_factory.mktemp("store")
    repo = copy_repository(work / "repo")
    data = write_program(work / "data", communes=2)
    site, cache = work / "site", work / "cache"
    done = run_mkdocs(data, site, env={"SITE_CACHE": str(cache)}, root=repo)
    assert done.returncode == 0, done.stderr
    return Built(repo, data, site, cache, files_of(site))


def rebuild(built: Built, tmp_path: Path, name: str, cache: Path | None = None) -> tuple[dict[str, bytes], Path]:
    """A build of the same data over a copy of the reference site, with `cache` (a copy of the reference's)."""
    site, stats = shutil.copytree(built.site, tmp_path / name), tmp_path / f"{name}.json"
    if cache is None:
        cache = shutil.copytree(built.cache, tmp_path / f"{name}-cache")
    env = {"SITE_CACHE": str(cache), "SITE_STATS": str(stats)}
    done = run_mkdocs(built.data, site, env=env, root=built.repo)
    assert done.returncode == 0, done.stderr
    return files_of(site), stats


def damage_all(folder: Path, damage: Callable[[bytes], bytes]) -> int:
    entries = sorted(p for p in folder.iterdir() if p.is_file())
    for entry in entries:
        entry.write_bytes(damage(entry.read_bytes()))
    return len(entries)


@pytest.mark.parametrize("kind", store_module.KINDS)
@pytest.mark.parametrize("damage", ["truncated", "zero bytes", "garbled"])
def test_a_rebuild_over_damaged_entries_of_any_kind_gives_the_reference_bytes(
    built: Built, tmp_path: Path, kind: str, damage: str
) -> None:
    cache = shutil.copytree(built.cache, tmp_path / "cache")
    assert damage_all(cache / kind, DAMAGES[damage]) > 0
    files, _ = rebuild(built, tmp_path, "site", cache)
    assert files == built.files
    mended = Store(cache)
    assert all(mended.get(kind, p.name) is not None for p in (cache / kind).iterdir())  # made again, whole


def test_a_warm_rebuild_reads_every_kind_back(built: Built, tmp_path: Path) -> None:
    files, stats = rebuild(built, tmp_path, "warm")
    counts = json.loads(stats.read_text(encoding="utf-8"))
    assert files == built.files
    nothing_made = ("charts_drawn", "values_validated", "pages_made", "pages_rendered", "cache_removed")
    assert {name: counts[name] for name in nothing_made} == dict.fromkeys(nothing_made, 0)
    assert counts["downloads_made"] == []


# --- an edit of the code ------------------------------------------------------------


def shown_literal(module: Path, shows: Callable[[str], bool]) -> ast.Constant:
    """The first text constant of `module` (not a docstring) that `shows` finds in the output."""
    source = module.read_text(encoding="utf-8")
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    for node in ast.walk(tree):
        if not isinstance(node, ast.Constant) or not isinstance(node.value, str) or id(node) in docstrings:
            continue
        if (ast.get_source_segment(source, node) or '"""').endswith(('"""', "'''")):
            continue  # a long text: no sure place to add a word
        if len(node.value.strip()) >= 3 and shows(node.value):
            return node
    raise AssertionError(f"no text of {module.name} is shown")


def edit_literal(module: Path, node: ast.Constant) -> None:
    """Add a word inside the string constant `node`, where it stands in the source."""
    lines = module.read_text(encoding="utf-8").splitlines(keepends=True)
    assert node.end_lineno is not None and node.end_col_offset is not None
    line = lines[node.end_lineno - 1].encode("utf-8")
    end = node.end_col_offset - 1  # before the closing quote (columns are in UTF-8 bytes)
    quote = line[end : end + 1]
    assert quote in (b'"', b"'"), line
    lines[node.end_lineno - 1] = (line[:end] + " (đã sửa)".encode() + line[end:]).decode("utf-8")
    module.write_text("".join(lines), encoding="utf-8")


def in_cells(files: dict[str, bytes], tag: str) -> Callable[[str], bool]:
    """Whether a text is the whole of a table cell (`td`, `th`) of a page."""
    pages = "".join(data.decode("utf-8") for path, data in files.items() if path.endswith(".html"))
    return lambda text: re.search(f"<{tag}[^>]*>{re.escape(html.escape(text, quote=False))}</{tag}>", pages) is not None


def in_csv_headers(files: dict[str, bytes]) -> Callable[[str], bool]:
    """Whether a text is a column header of a downloaded CSV."""
    tables = [data.decode("utf-8-sig") for path, data in files.items() if path.endswith(".csv")]
    headers = {h for text in tables for h in next(csv.reader(io.StringIO(text)), [])}
    return lambda text: text in headers


def drawn(files: dict[str, bytes]) -> Callable[[str], bool]:
    """Whether a text is the label drawn beside a chart's target (drawings hold glyphs, not text)."""
    return lambda text: text.startswith("Mục tiêu")


@dataclass(frozen=True)
class Edit:
    module: str  # where the code says it
    finder: Callable[[dict[str, bytes]], Callable[[str], bool]]  # how to find it in the output
    shows: tuple[str, ...]  # the files that show it


EDITS = {
    "a field description (data dictionary, data package)": Edit(
        "scripts/data/schema.py", lambda files: in_cells(files, "td"), (".html", ".zip")
    ),
    "a table header of a page (page HTML, its stored output)": Edit(
        "scripts/report/pages/results.py", lambda files: in_cells(files, "th"), (".html",)
    ),
    "a table header of a download (CSV, workbook)": Edit(
        "scripts/downloads/tables.py", in_csv_headers, (".csv", ".xlsx")
    ),
    "a chart label (drawings)": Edit("scripts/report/charts.py", drawn, (".svg", ".png")),
}


@pytest.mark.parametrize("edit", EDITS)
def test_after_an_edit_of_the_code_a_warm_rebuild_gives_a_cold_build_s_bytes(
    built: Built, tmp_path: Path, edit: str
) -> None:
    module, shows = EDITS[edit].module, EDITS[edit].shows
    repo = copy_repository(tmp_path / "repo")
    edit_literal(repo / module, shown_literal(repo / module, EDITS[edit].finder(built.files)))
    edited = Built(repo, built.data, built.site, built.cache, built.files)
    warm, _ = rebuild(edited, tmp_path, "warm")
    cold, _ = rebuild(edited, tmp_path, "cold", cache=tmp_path / "empty-cache")
    assert warm == cold
    changed = [p for p in cold if p.endswith(shows) and cold[p] != built.files.get(p)]
    assert changed, f"the edit of {module} shows in no {shows} file"
