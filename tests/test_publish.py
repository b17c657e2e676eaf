"""Nothing lost: a failed build leaves the last good site byte for byte; a good one leaves nothing stale.

MkDocs empties its output folder before writing, and in strict mode it
aborts only after writing everything; the hook builds into a staging
folder and swaps it in on success (`scripts.assemble.publish`).
"""

from __future__ import annotations

import hashlib
import json
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, copy_repository, run_mkdocs
from programs import write_csv, write_program

from scripts.assemble import publish


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


def test_each_build_stages_apart_and_clears_what_a_killed_build_left(tmp_path: Path) -> None:
    site = tmp_path / "site"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    left = publish.staging_dir(site, dead.pid)  # a build killed halfway: its process is gone
    running = publish.staging_dir(site, os.getppid())  # a build running beside this one
    for folder in (left, running):
        folder.mkdir(parents=True)
        (folder / "index.html").write_text("nửa chừng")
    staging = publish.prepare(site)
    assert staging == publish.staging_dir(site) != running
    assert not left.exists() and (running / "index.html").exists()


# --- killed and concurrent builds ------------------------------------------------


def start_build(root: Path, data: Path, site: Path, cache: Path, log: Path) -> subprocess.Popen[bytes]:
    """`mkdocs build` started, not awaited, in a process group of its own (its workers with it)."""
    env = dict(os.environ, SITE_DATA=str(data), SITE_CACHE=str(cache), SOURCE_DATE_EPOCH="1700000000",
               NO_MKDOCS_2_WARNING="1")  # fmt: skip
    env.pop("PYTHONPATH", None)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(site)]
    with log.open("wb") as out:
        return subprocess.Popen(command, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)  # fmt: skip


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def count_files(folder: Path) -> int:
    return sum(1 for p in folder.rglob("*") if p.is_file()) if folder.exists() else 0


@pytest.mark.parametrize("when", ["keeping entries in the cache", "writing the site"])
def test_a_killed_build_leaves_the_last_site_whole_and_the_next_build_gives_the_reference_bytes(
    tmp_path: Path, when: str
) -> None:
    repo = copy_repository(tmp_path / "repo")  # the same code for every build, whatever changes beside
    data, site, cache = write_program(tmp_path / "data", communes=2), tmp_path / "site", tmp_path / "cache"
    assert run_mkdocs(data, site, env={"SITE_CACHE": str(cache)}, root=repo).returncode == 0
    before = tree_hash(site)
    values = data / "values.csv"
    values.write_text(values.read_text(encoding="utf-8").replace("A1,BL,2021-Q1,60", "A1,BL,2021-Q1,61"),
                      encoding="utf-8")  # fmt: skip
    kept = count_files(cache)
    build = start_build(repo, data, site, cache, tmp_path / "killed.log")
    staging = publish.staging_dir(site, build.pid)
    end = time.monotonic() + 120
    while build.poll() is None and time.monotonic() < end:
        if when == "writing the site" and any(staging.rglob("*.html")):
            break
        if when == "keeping entries in the cache" and count_files(cache) > kept:
            break
        time.sleep(0.02)
    assert build.poll() is None, "the build ended before it could be killed"
    os.killpg(build.pid, signal.SIGKILL)
    build.wait()
    assert tree_hash(site) == before  # the last good site, whole
    reference = tmp_path / "reference"
    shutil.copytree(site, reference)
    assert run_mkdocs(data, site, env={"SITE_CACHE": str(cache)}, root=repo).returncode == 0
    assert run_mkdocs(data, reference, env={"SITE_CACHE": str(tmp_path / "cold-cache")}, root=repo).returncode == 0
    assert files_of(site) == files_of(reference)
    assert not staging.exists()  # what the killed build left is cleared by the next one


def test_two_builds_at_once_both_succeed_and_leave_the_reference_bytes(tmp_path: Path) -> None:
    repo, data = copy_repository(tmp_path / "repo"), write_program(tmp_path / "data", communes=2)
    reference = tmp_path / "reference"
    assert run_mkdocs(data, reference, env={"SITE_CACHE": str(tmp_path / "own-cache")}, root=repo).returncode == 0
    site, cache = tmp_path / "site", tmp_path / "cache"
    builds = [start_build(repo, data, site, cache, tmp_path / f"build-{n}.log") for n in (1, 2)]
    for n, build in enumerate(builds, 1):
        assert build.wait(timeout=300) == 0, (tmp_path / f"build-{n}.log").read_text(encoding="utf-8")
    assert files_of(site) == files_of(reference)
    assert sorted(p.name for p in tmp_path.iterdir() if "staging" in p.name) == []


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


def identities(folder: Path) -> dict[str, tuple[int, int]]:
    """Each file of `folder`, as the file it is (its inode) and its date."""
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_rebuild_leaves_every_unchanged_file_the_very_file_it_was(tmp_path: Path) -> None:
    data, site, cache = write_program(tmp_path / "data"), tmp_path / "site", tmp_path / "cache"
    assert run_mkdocs(data, site, env={"SITE_CACHE": str(cache)}).returncode == 0
    before, content = identities(site), tree_hash(site)
    theirs = ("assets/javascripts/", "assets/stylesheets/", "assets/images/", "assets/site.", "search/", "404.html")
    served = (".csp.conf",)  # the policy of the pages, worked out from them once they are written
    made = [p for p in content if not p.startswith(theirs + served)]  # the pages and files of the data
    stats = tmp_path / "stats.json"
    for cached in ("off", str(cache)):  # the theme writes every page again, or the pages' outputs are stored
        again = run_mkdocs(data, site, "--verbose", env={"SITE_CACHE": cached, "SITE_STATS": str(stats)})
        assert again.returncode == 0, again.stderr
        counts = json.loads(stats.read_text(encoding="utf-8"))
        assert (counts["files_written"], counts["files_unchanged"]) == (0, len(content))
        assert counts["files_linked"] == len(made)  # every page and download linked from the site, none written
        assert identities(site) == before
        assert tree_hash(site) == content
        assert "Page skipped" not in again.stdout + again.stderr  # MkDocs' note on an empty output is not shown
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "data", "site", "stats.json"]  # no staging left
