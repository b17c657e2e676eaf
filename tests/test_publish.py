"""Nothing lost: a failed build leaves the last good site byte for byte; a good one leaves nothing stale.

MkDocs empties its output folder before writing, and in strict mode it
aborts only after writing everything; the hook builds into a staging
folder and swaps it in on success (`scripts.build.publish`).
"""

from __future__ import annotations

import hashlib
import os
import queue
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, run_mkdocs
from programs import write_csv, write_program

from scripts.build import publish


def tree_hash(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_strict_mode_failure_after_mkdocs_started_writing_leaves_the_site_untouched(tmp_path: Path) -> None:
    data, site = write_program(tmp_path / "data"), tmp_path / "site"
    assert run_mkdocs(data, site).returncode == 0
    (site / ".nojekyll").write_text("")
    before = tree_hash(site)
    with (data / "topics" / "T01.md").open("a", encoding="utf-8") as f:
        f.write("\nXem [trang không có](khong-co.md).\n")  # valid data, but a broken link: a warning
    result = run_mkdocs(data, site)
    assert result.returncode == 1
    # the link is on the topic's page and again in the print view
    assert "Aborted with 2 warnings in strict mode!" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert tree_hash(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "site"]  # no staging folder left


def test_a_good_build_leaves_no_page_of_a_deleted_indicator_or_unit(tmp_path: Path) -> None:
    data, site = write_program(tmp_path / "data", communes=2), tmp_path / "site"
    assert run_mkdocs(data, site).returncode == 0
    (site / ".nojekyll").write_text("")  # hidden files are kept, as MkDocs itself keeps them
    gone = ["chi-tieu/b2.html", "phu-luc/b2.html", "don-vi/x002.html", "assets/charts/b2-dien-bien.svg"]
    assert all((site / p).exists() for p in gone)
    write_program(
        data,
        communes=1,
        indicators=[{"id": "A1", "group": "Nhóm A", "name": "Tỷ lệ A", "measure": "%", "direction": "up"}],
    )
    data_before = tree_hash(data)
    assert run_mkdocs(data, site).returncode == 0
    assert [p for p in gone if (site / p).exists()] == []
    assert (site / "chi-tieu" / "a1.html").exists() and (site / ".nojekyll").exists()
    assert tree_hash(data) == data_before  # the build never writes into the data folder


def test_swap_replaces_the_content_when_the_folder_cannot_be_renamed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "old.html").write_text("cũ")
    (site / ".git").mkdir()
    staging = publish.prepare(site)
    (staging / "new.html").write_text("mới")
    rename = Path.rename

    def refuse_site(self: Path, target: str | os.PathLike[str]) -> Path:
        if self == site:
            raise OSError("a mount point")
        return rename(self, target)

    monkeypatch.setattr(Path, "rename", refuse_site)
    publish.swap(staging, site)
    assert sorted(p.name for p in site.iterdir()) == [".git", "new.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


# --- mkdocs serve ------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Serve:
    """`mkdocs serve` of a data folder, its output collected line by line."""

    def __init__(self, data: Path) -> None:
        self.port = free_port()
        env = dict(os.environ, SITE_DATA=str(data), SOURCE_DATE_EPOCH="1700000000", NO_MKDOCS_2_WARNING="1")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", f"127.0.0.1:{self.port}", "-f", "mkdocs.yml"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.output: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line)

    def wait_for(self, text: str, timeout: float = 90) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                if self.proc.poll() is not None and self.lines.empty():
                    break
                continue
            self.output.append(line)
            if text in line:
                return
        raise AssertionError(f"{text!r} not seen in:\n{''.join(self.output)}")

    def get(self, path: str) -> bytes:
        """A page as served, without the build number that livereload writes into it."""
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=30) as r:
            return re.sub(rb"livereload\(\d+, \d+\)", b"livereload()", r.read())

    def get_when(self, path: str, ready: Callable[[bytes], bool], timeout: float = 90) -> bytes:
        """A page once it shows what `ready` looks for: a save can trigger more than one rebuild."""
        end = time.monotonic() + timeout
        page = self.get(path)
        while not ready(page) and time.monotonic() < end:
            time.sleep(0.5)
            page = self.get(path)
        return page

    def stop(self) -> str:
        if self.proc.poll() is None:
            self.proc.terminate()
        self.proc.wait(timeout=30)
        while not self.lines.empty():
            self.output.append(self.lines.get())
        return "".join(self.output)


def test_serve_keeps_the_last_good_site_and_prints_the_problem(tmp_path: Path) -> None:
    data = write_program(tmp_path / "data")
    server = Serve(data)
    try:
        server.wait_for("Serving on")
        good = (data / "values.csv").read_text(encoding="utf-8")
        before = server.get("chi-tieu/a1.html")
        (data / "values.csv").write_text(good + "A1,BL,2024,120\n", encoding="utf-8")
        server.wait_for("Trang đang xem vẫn là bản dựng tốt gần nhất.")
        server.wait_for("Documentation built")
        assert server.get("chi-tieu/a1.html") == before
        (data / "values.csv").write_text(good.replace("A1,BL,2021-Q1,60", "A1,BL,2021-Q1,61"), encoding="utf-8")
        server.wait_for("Documentation built")
        fixed = server.get_when("chi-tieu/a1.html", lambda page: "61%" in page.decode("utf-8"))
        assert fixed != before
    finally:
        output = server.stop()
    assert 'data/values.csv, dòng 52, cột value: "120" nằm ngoài khoảng 0–100 của chỉ tiêu tính bằng %' in output
    assert "Traceback" not in output


def test_serve_with_bad_data_from_the_start_exits_1_without_traceback(tmp_path: Path) -> None:
    data = write_program(tmp_path / "data")
    write_csv(data / "values.csv", ("indicator", "unit", "period", "value"), [("A1", "BL", "2021", "n/a")])
    server = Serve(data)
    output = server.stop() if server.proc.wait(timeout=120) is not None else ""
    assert server.proc.returncode == 1
    assert 'data/values.csv, dòng 2, cột value: "n/a" không phải là số' in output
    assert "Traceback" not in output
