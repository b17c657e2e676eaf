"""Rebuilds do only what the change needs, and the site says what changed.

The builds run once, in order, on a small program (a province and six
communes); each test reads what one of them did. Counts, never timings.
"""

from __future__ import annotations

import csv
import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import run_mkdocs
from programs import write_program

INDICATORS = [
    {"id": "A1", "group": "Nhóm A", "name": "Tỷ lệ A", "measure": "%", "direction": "up",
     "target": 80, "target_type": "annual"},
    {"id": "B2", "group": "Nhóm B", "name": "Số B", "measure": "người", "direction": "up",
     "target": 1000, "target_type": "cumulative"},
    {"id": "C3", "group": "Nhóm C", "name": "Tỷ lệ C", "measure": "%", "direction": "up",
     "target": 90, "target_type": "end", "baseline": 50, "baseline_year": 2020},
]  # fmt: skip


@dataclass(frozen=True)
class Builds:
    data: Path
    site: Path  # built cold, then again unchanged, then after the edits, then unchanged again
    fresh: Path  # built serially with an empty cache from the first data
    stats: list[dict[str, Any]]  # of the builds into `site`, in order
    before: dict[str, bytes]  # `site` after its first build
    after_warm: dict[str, bytes]  # `site` after the unchanged rebuild
    fresh_files: dict[str, bytes]
    cache: Path  # the cache of the builds into `site`
    cold_cache_after_edits: Path  # the cache of a cold build of the edited data
    cold_after_edits: dict[str, bytes]  # the site of that cold build


def set_value(data: Path, indicator: str, unit: str, period: str, value: str) -> None:
    path = data / "values.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    for row in rows:
        if row[:3] == [indicator, unit, period]:
            row[3] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def build(data: Path, site: Path, cache: Path, stats: Path, jobs: str) -> dict[str, Any]:
    result = run_mkdocs(data, site, env={"SITE_CACHE": str(cache), "SITE_STATS": str(stats), "SITE_JOBS": jobs})
    assert result.returncode == 0, result.stderr
    return json.loads(stats.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    work = tmp_path_factory.mktemp("rebuild")
    data = write_program(work / "data", communes=6, indicators=INDICATORS)
    set_value(data, "C3", "BL", "2022-Q1", "55")  # progress 12,5% < 25% of the time: behind
    site, cache, stats = work / "site", work / "cache", work / "stats.json"
    records = [build(data, site, cache, stats, jobs="2")]
    before = files_of(site)
    records.append(build(data, site, cache, stats, jobs="2"))
    after_warm = files_of(site)
    fresh = work / "fresh"
    build(data, fresh, work / "other-cache", stats, jobs="1")
    fresh_files = files_of(fresh)
    set_value(data, "C3", "BL", "2022-Q1", "65")  # 37,5%: on track
    set_value(data, "B2", "X003", "2021-Q3", "47")  # was 42
    records.append(build(data, site, cache, stats, jobs="2"))
    records.append(build(data, site, cache, stats, jobs="2"))
    cold_cache = work / "cold-cache"
    build(data, work / "cold-site", cold_cache, stats, jobs="2")
    cold_files = files_of(work / "cold-site")
    return Builds(data, site, fresh, records, before, after_warm, fresh_files, cache, cold_cache, cold_files)


def test_a_cold_build_draws_every_chart_and_converts_every_page(builds: Builds) -> None:
    cold = builds.stats[0]
    assert cold["charts_drawn"] == cold["charts_total"] == 6
    assert cold["pages_rendered"] == cold["pages_total"]
    assert "chi-tieu/a1.md" in cold["downloads_made"] and "phu-luc/c3.md" in cold["downloads_made"]


def test_a_rebuild_without_change_draws_nothing_and_writes_nothing(builds: Builds) -> None:
    warm = builds.stats[1]
    assert (warm["charts_drawn"], warm["pages_rendered"], warm["files_written"], warm["files_removed"]) == (0, 0, 0, 0)
    assert warm["downloads_made"] == []
    assert warm["pages_written"] == []
    assert builds.after_warm == builds.before


def test_a_cold_serial_build_gives_the_same_bytes_as_a_parallel_one(builds: Builds) -> None:
    assert builds.fresh_files == builds.before


def test_an_edit_redraws_only_the_charts_that_show_the_edited_values(builds: Builds) -> None:
    # C3's root value is on C3's trend; X003's B2 value is of an earlier period than B2's comparison shows.
    assert builds.stats[2]["charts_drawn"] == 1


def test_an_edit_validates_again_only_the_edited_rows_of_values(builds: Builds) -> None:
    cold, warm, edited, again = builds.stats
    values_lines = (builds.data / "values.csv").read_text(encoding="utf-8").strip().count("\n")  # less the header
    assert cold["values_validated"] == values_lines
    assert (warm["values_validated"], edited["values_validated"], again["values_validated"]) == (0, 2, 0)


def test_an_edit_renders_again_only_the_pages_of_the_edited_indicators_and_units(builds: Builds) -> None:
    cold, warm, edited, again = builds.stats
    assert cold["pages_made"] == 3 * 2 + 7  # each indicator's page and appendix, each unit's page
    # C3's and B2's pages and appendices, the root's page (C3) and X003's (B2): the other unit pages show the root's
    # figures in slots filled as each page is written (scripts.report.whole), so they are not rendered again.
    assert (warm["pages_made"], edited["pages_made"], again["pages_made"]) == (0, 2 * 2 + 2, 0)


def test_only_the_pages_of_the_navigation_and_the_changed_pages_are_given_to_the_theme(builds: Builds) -> None:
    cold, warm, edited, _ = builds.stats
    in_nav = 14  # mkdocs.yml
    assert cold["pages_templated"] == len([p for p in builds.before if p.endswith(".html") and p != "404.html"])
    assert warm["pages_templated"] == in_nav
    written_outside_nav = {"chi-tieu/b2.html", "chi-tieu/c3.html", "phu-luc/b2.html", "phu-luc/c3.html"}
    written_outside_nav |= {"don-vi/bl.html", "don-vi/x003.html"}  # the other unit pages: their stored output, filled
    assert edited["pages_templated"] == in_nav + len(written_outside_nav)


def test_a_page_whose_output_is_stored_is_written_without_reading_its_html(builds: Builds) -> None:
    cold, warm, edited, _ = builds.stats
    in_nav = 14  # mkdocs.yml
    assert cold["pages_settled"] == 0
    # Every generated page outside the navigation: its stored output and search entries are written as they are.
    outside_nav = cold["pages_templated"] - in_nav
    assert warm["pages_settled"] == outside_nav
    # The six pages made again (see above) are converted and read; the other unit pages are not, though the
    # root's figures they show changed: those are slots, filled as each page is written.
    assert edited["pages_settled"] == outside_nav - 6


def test_a_rebuild_after_edits_gives_the_bytes_of_a_cold_build_of_the_edited_data(builds: Builds) -> None:
    rebuilt = files_of(builds.site)
    differ = sorted(p for p in rebuilt.keys() | builds.cold_after_edits.keys()
                    if rebuilt.get(p) != builds.cold_after_edits.get(p))  # fmt: skip
    # What only the rebuild can say: what changed since the build before.
    assert differ == ["search/search_index.js", "search/search_index.json", "thay-doi/data-snapshot.json.gz",
                      "thay-doi/index.html", "thay-doi/thay-doi.csv", "thay-doi/thay-doi.json"]  # fmt: skip


def test_an_edit_makes_again_only_the_downloads_of_tables_that_show_the_edited_values(builds: Builds) -> None:
    assert builds.stats[2]["downloads_made"] == [
        "chi-tieu/b2.md",
        "chi-tieu/c3.md",
        "chi-tieu/index.md",
        *[f"don-vi/{u}.md" for u in ("bl", "x003")],  # a unit's downloads hold its own figures
        "phu-luc/b2.md",
        "phu-luc/c3.md",
    ]  # the same pages as the HTML written, less the print view, the home page and the change list


def test_an_edit_writes_only_the_pages_that_show_the_edited_values(builds: Builds) -> None:
    assert builds.stats[2]["pages_written"] == [
        "ban-in.html",  # the print view has the whole report
        "chi-tieu/b2.html",  # its values table lists X003
        "chi-tieu/c3.html",
        "chi-tieu/index.html",  # C3's status and latest value
        "don-vi/bl.html",
        "don-vi/x001.html",  # every unit page shows the root's status beside the unit's (filled in as it is written)
        "don-vi/x002.html",
        "don-vi/x003.html",
        "don-vi/x004.html",
        "don-vi/x005.html",
        "don-vi/x006.html",
        "index.html",  # the status summary
        "ket-qua.html",  # C3's result and status
        "phu-luc/b2.html",
        "phu-luc/c3.html",
        "thay-doi/index.html",
    ]


def test_the_change_page_lists_status_changes_first_then_values(builds: Builds) -> None:
    report = json.loads((builds.site / "thay-doi/thay-doi.json").read_text(encoding="utf-8"))
    assert report["statuses"] == [{"indicator": "C3", "indicator_name": "Tỷ lệ C", "old": "behind", "new": "on_track"}]
    assert [(v["kind"], v["indicator"], v["unit"], v["period"], v["old"], v["new"]) for v in report["values"]] == [
        ("changed", "B2", "X003", "2021-Q3", 42.0, 47.0),
        ("changed", "C3", "BL", "2022-Q1", 55.0, 65.0),
    ]
    html = (builds.site / "thay-doi/index.html").read_text(encoding="utf-8")
    html = html[html.index("<h1") :]  # the page itself, not its table of contents
    assert html.index("Chậm tiến độ") < html.index("Đúng tiến độ") < html.index("Số liệu thay đổi")
    assert "Q3/2021" in html and "42 người" in html and "47 người" in html
    table = (builds.site / "thay-doi/thay-doi.csv").read_text(encoding="utf-8-sig").splitlines()
    assert table[:2] == [
        "kind,indicator,indicator_name,unit,unit_name,period,old,new",
        "status,C3,Tỷ lệ C,,,,behind,on_track",
    ]


def test_the_change_list_stays_until_the_figures_change_again(builds: Builds) -> None:
    again = builds.stats[3]
    assert (again["charts_drawn"], again["pages_rendered"], again["files_written"]) == (0, 0, 0)


def test_the_first_build_says_there_is_nothing_to_compare_with(builds: Builds) -> None:
    page = builds.before["thay-doi/index.html"].decode("utf-8")
    assert "đây là lần dựng đầu tiên của trang" in page


def entries(cache: Path, folder: str) -> set[str]:
    return {p.name for p in (cache / folder).iterdir()}


def test_the_cache_keeps_only_what_the_latest_build_used(builds: Builds) -> None:
    assert builds.stats[1]["cache_removed"] == 0
    assert builds.stats[2]["cache_removed"] > 0  # the drawing, pages and downloads of the old figures
    kept, cold = builds.cache, builds.cold_cache_after_edits  # what a cold build of the same data keeps
    assert entries(kept, "charts") == entries(cold, "charts")
    assert entries(kept, "downloads") == entries(cold, "downloads")
    assert entries(kept, "pages") == entries(cold, "pages")
    assert entries(kept, "output") == entries(cold, "output")
    # All the pages but one: the change list, which a cold build has nothing to compare with.
    assert len(entries(kept, "html")) == len(entries(cold, "html"))
    assert len(entries(kept, "html") - entries(cold, "html")) == 1


def test_the_two_editions_share_the_cache_without_undoing_each_others(builds: Builds, tmp_path: Path) -> None:
    cache, stats = tmp_path / "cache", tmp_path / "stats.json"
    shutil.copytree(builds.cache, cache)
    public = run_mkdocs(builds.data, tmp_path / "public", env={"SITE_CACHE": str(cache), "SITE_PROFILE": "public",
                                                                "SITE_STATS": str(stats)})  # fmt: skip
    assert public.returncode == 0, public.stderr
    assert json.loads(stats.read_text(encoding="utf-8"))["pages_rendered"] > 0  # every page says which edition
    # Over the site the internal edition's latest build wrote, so the list of changes is the one it made too.
    again = build(builds.data, shutil.copytree(builds.site, tmp_path / "internal"), cache, stats, jobs="2")
    assert (again["charts_drawn"], again["pages_rendered"], again["downloads_made"]) == (0, 0, [])
