"""The site and the data agree: every page kind exists, every chart is shown,
another program's folder builds with no code change, and `--strict` passes."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from conftest import SAMPLE, run_mkdocs
from programs import write_program

from scripts.assemble.pipeline import generate
from scripts.cache.store import Store
from scripts.data.validate import load_dataset
from scripts.report import tabular
from scripts.report.compute import Results

PAGE_KINDS = [
    "index.html",
    "chuong-trinh.html",
    "chi-tieu/index.html",
    "don-vi/index.html",
    "de-tai/index.html",
    "danh-gia.html",
    "phuong-huong.html",
    "moc-thoi-gian.html",
    "phu-luc/index.html",
    "du-lieu.html",
    "huong-dan.html",
]


def text_of(page: Path) -> str:
    raw = page.read_text(encoding="utf-8")
    main = raw.split('<article class="md-content__inner', 1)[-1].split("</article>", 1)[0]
    return html.unescape(re.sub(r"<[^>]+>", " ", main))


def test_sample_builds_strict_with_every_page_kind(built_sample: Path) -> None:
    for page in PAGE_KINDS:
        assert (built_sample / page).is_file(), page
    ds = load_dataset(SAMPLE)
    for ind in ds.indicators:
        assert (built_sample / "chi-tieu" / f"{ind.slug}.html").is_file()
        assert (built_sample / "phu-luc" / f"{ind.slug}.html").is_file()
    for unit in ds.units:
        assert (built_sample / "don-vi" / f"{unit.slug}.html").is_file()
    for topic in ds.topics:
        assert (built_sample / "de-tai" / f"{topic.slug}.html").is_file()


def test_every_chart_is_referenced_and_every_reference_exists(built_sample: Path) -> None:
    charts = {p.relative_to(built_sample).as_posix() for p in (built_sample / "assets" / "charts").glob("*.svg")}
    assert charts
    referenced = set()
    for page in built_sample.rglob("*.html"):
        for src in re.findall(r'<img[^>]+src="([^"]+\.svg)"', page.read_text(encoding="utf-8")):
            target = (page.parent / src).resolve().relative_to(built_sample.resolve()).as_posix()
            referenced.add(target)
    assert referenced == charts


def test_every_chart_has_alt_text_and_a_table_of_its_numbers(built_sample: Path) -> None:
    page = (built_sample / "chi-tieu" / "ct04.html").read_text(encoding="utf-8")
    alts = re.findall(r'<img alt="([^"]+)"', page)
    assert len(alts) == 2
    assert all(len(a) > 40 for a in alts)
    assert "13.520 người" in text_of(built_sample / "chi-tieu" / "ct04.html")


def test_every_page_says_the_figures_are_illustrative(built_sample: Path) -> None:
    for page in built_sample.rglob("*.html"):
        if page.name != "404.html":
            assert "Số liệu minh họa" in page.read_text(encoding="utf-8"), page


def test_home_page_summarises_statuses_computed_from_the_data(built_sample: Path) -> None:
    ds = load_dataset(SAMPLE)
    r = Results(ds)
    summary = r.summary

    def split(code: str) -> str:  # how many of these rest on estimates or illustrative figures
        return tabular.count_split([st for st in map(r.status, (i.id for i in ds.indicators)) if st.code == code])

    home = text_of(built_sample / "index.html")
    words = " ".join(home.split())
    assert (
        f"{len(ds.indicators)} chỉ tiêu: {summary['achieved']} đã đạt{split('achieved')} "
        f"{summary['on_track']} đúng tiến độ{split('on_track')}"
    ) in words
    accepted = sum(1 for t in ds.topics if t.status.startswith("accepted"))
    assert f"{accepted}/{len(ds.topics)} đề tài đã được nghiệm thu" in home
    assert "01-CTr/TU" in home and "30/06/2020" in home


def test_indicator_page_opens_with_a_summary_before_its_first_section(built_sample: Path) -> None:
    page = (built_sample / "chi-tieu" / "ct06.html").read_text(encoding="utf-8")
    before = page.split('<article class="md-content__inner', 1)[1].split("<h2", 1)[0]
    labels = re.findall(r'class="status status--(\w+)"', before)
    assert labels == ["on_track"]
    assert "Hơn 40%" in html.unescape(before) or "40%" in html.unescape(before)
    assert "38,2%" in html.unescape(before)


def test_a_differently_shaped_program_builds_with_no_code_change(tmp_path: Path) -> None:
    quarters = [f"{y}-Q{q}" for y in (2021, 2022) for q in (1, 2, 3, 4)]
    data = write_program(
        tmp_path / "other",
        communes=25,
        topics=12,
        periods=quarters,
        indicators=[
            {"id": "R-1", "group": "Tổ chức", "name": "Tỷ lệ tổ chức vững mạnh", "measure": "%",
             "direction": "up", "target": 90, "target_type": "annual"},
            {"id": "K-2", "group": "Đảng viên", "name": "Đảng viên mới", "measure": "người",
             "direction": "up", "target": 5000, "target_type": "cumulative"},
            {"id": "E-3", "group": "Tổ chức", "name": "Tổ chức yếu kém", "measure": "tổ chức",
             "direction": "down", "target": 0, "target_type": "end", "baseline": 40, "baseline_year": 2020},
        ],
    )  # fmt: skip
    site = tmp_path / "site"
    result = run_mkdocs(data, site)
    assert result.returncode == 0, result.stderr
    assert len(list((site / "de-tai").glob("t*.html"))) == 12
    assert len(list((site / "don-vi").glob("x*.html"))) == 25
    ds = load_dataset(data)
    r = Results(ds)
    # annual: latest quarter 2022-Q4 = 60 + 7*5 = 95 ≥ 90
    assert r.status("R-1").code == "achieved"
    # cumulative: sum of 25 × (40..47) = 25 × 348 = 8700 ≥ 5000
    assert r.status("K-2").compared == 8700
    assert r.status("K-2").code == "achieved"
    # end, down: latest 25 × 47 = 1175 from baseline 40 is going the wrong way
    assert r.status("E-3").code == "behind"
    page = text_of(site / "chi-tieu" / "r-1.html")
    assert "Quý IV/2022" in page and "95%" in page


def test_generated_output_is_deterministic(tmp_path: Path) -> None:
    first = generate(SAMPLE).files
    second = generate(SAMPLE, Store(tmp_path / "cache")).files
    assert first == second


def test_data_text_is_never_a_template(tmp_path: Path) -> None:
    data = write_program(tmp_path / "data", issuer="{{ 7*7 }} <b>Tỉnh</b>")
    site = tmp_path / "site"
    result = run_mkdocs(data, site)
    assert result.returncode == 0, result.stderr
    page = (site / "chuong-trinh.html").read_text(encoding="utf-8")
    assert "49" not in text_of(site / "chuong-trinh.html")
    assert "{{ 7*7 }} <b>Tỉnh</b>" in text_of(site / "chuong-trinh.html")
    assert "<b>Tỉnh</b>" not in page


@pytest.mark.parametrize("page", ["chi-tieu/ct01.html", "don-vi/bd.html", "de-tai/dt04.html", "phu-luc/ct01.html"])
def test_item_pages_are_outside_the_navigation(built_sample: Path, page: str) -> None:
    # Material renders the whole nav into every page: listing hundreds of unit pages there is quadratic.
    nav = (built_sample / "index.html").read_text(encoding="utf-8").split('<nav class="md-nav md-nav--primary"', 1)[1]
    nav = nav.split("</nav>", 1)[0]
    assert page not in nav
