"""The site folder is written through `sync`: changed bytes only, stale files removed."""

from __future__ import annotations

from pathlib import Path

from scripts.assemble.output import sync


def write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_sync_writes_new_and_changed_files_and_removes_the_rest(tmp_path: Path) -> None:
    source, dest = tmp_path / "staging", tmp_path / "site"
    write(source, {"index.html": "mới", "a/b.html": "giữ", "c.svg": "vẽ"})
    write(dest, {"index.html": "cũ", "a/b.html": "giữ", "old/x.html": "bỏ", ".git/keep": "giữ"})
    kept = (dest / "a/b.html").stat().st_mtime_ns
    done = sync(source, dest)
    assert (done.written, done.unchanged, done.removed) == (("c.svg", "index.html"), 1, ("old/x.html",))
    assert (dest / "index.html").read_text(encoding="utf-8") == "mới"
    assert (dest / "a/b.html").stat().st_mtime_ns == kept
    assert not (dest / "old").exists()
    assert (dest / ".git/keep").exists()


def test_sync_into_a_missing_folder_writes_everything(tmp_path: Path) -> None:
    write(tmp_path / "staging", {"index.html": "x"})
    done = sync(tmp_path / "staging", tmp_path / "site")
    assert (done.written, done.unchanged, done.removed) == (("index.html",), 0, ())
