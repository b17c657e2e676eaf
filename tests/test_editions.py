"""The two editions: the public one is the site of the public rows alone, and says nothing internal.

The leak test builds a program whose internal rows (an indicator with its
values, a topic with its prose, a document, a finding, a milestone) all carry
one marker string and one secret number, then scans every file of the public
edition, containers and search index included, in every form the marker could
take. The same scan over the internal edition must find them, or the test
could not fail.
"""

from __future__ import annotations

import dataclasses
import html
import json
import re
import shutil
import socket
import subprocess
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SAMPLE, run_mkdocs
from hypothesis import given, settings
from hypothesis import strategies as st
from leakscan import scan
from programs import write_csv, write_program

from scripts.assemble import pipeline as site
from scripts.data import editions
from scripts.data.model import Dataset
from scripts.data.validate import load_dataset
from scripts.downloads import tables as downloads
from scripts.report.compute import Results

MARKER = "MẬT-QZXV-7431"
TOKEN = "QZXV"  # the marker's one distinctive word, for indexes that split words
SECRET = 97531864  # the internal indicator's latest value for the whole province
SECRET_FORMS = ("97.531.864", "97531864")
INTERNAL_DOC = f"{MARKER}/ĐA"
PUBLIC_ENV = {"SITE_PROFILE": "public", "SITE_PDF": "1"}  # the PDF, when the build can make one, is scanned too
INTERNAL_ENV = {"SITE_PDF": "1"}
UNITS = ("BL", "X001", "X002", "X003", "X004")
PERIODS = ("2021-Q1", "2021-Q2", "2021-Q3", "2021-Q4", "2022-Q1")


# --- a program with marked internal rows --------------------------------------


def write_marked(folder: Path, *, internal: bool = True) -> Path:
    """A program with internal rows of every kind, each carrying MARKER; without them when `internal` is false.

    Without them, it is what the public edition should be: findings numbered
    from 1 and no reference to the internal document.
    """
    write_program(folder, communes=4, periods=PERIODS, topics=3, illustrative=False)
    cols: tuple[str, ...] = ("id", "group", "name", "measure", "direction", "target", "target_type", "document")
    cols += ("source", "visibility", "description")
    indicators = [
        ("A1", "Nhóm A", "Tỷ lệ A", "%", "up", 80, "annual", "05-KH/TU", "Sở A", "public", "Chỉ tiêu A."),
        ("B2", "Nhóm B", "Số B", "người", "up", 1000, "cumulative", INTERNAL_DOC if internal else "", "", "", ""),
    ]
    if internal:
        indicators.append(
            ("QZXV1", f"Nhóm {MARKER}", f"Số người {MARKER} được bố trí", "người", "down", 5, "annual",
             INTERNAL_DOC, f"Nguồn {MARKER}", "internal", f"Mô tả **{MARKER}**.")
        )  # fmt: skip
    write_csv(folder / "indicators.csv", cols, indicators)

    values: list[tuple[object, ...]] = []
    for n, period in enumerate(PERIODS):
        for unit in UNITS:
            root = unit == "BL"
            values.append(("A1", unit, period, 60 + n * 5, "", "Ghi chú công khai" if root and n == 0 else ""))
            values.append(("B2", unit, period, (40 + n) * (4 if root else 1), "", ""))
            if internal:
                secret = SECRET if root and period == PERIODS[-1] else 86420 + n if root else 1000 + n
                values.append(("QZXV1", unit, period, secret, f"Nguồn {MARKER}", f"Ghi chú {MARKER}"))
    write_csv(folder / "values.csv", ("indicator", "unit", "period", "value", "source", "note"), values)

    topics = [
        (f"T{n:02d}", f"Đề tài {n}", "Sở Nội vụ", "accepted_base" if n % 2 else "in_progress", "") for n in (1, 2, 3)
    ]
    if internal:
        topics.append(("QZXV2", f"Đề tài {MARKER}", f"Cơ quan {MARKER}", "accepted_city", "internal"))
        (folder / "topics" / "QZXV2.md").write_text(f"Tóm tắt.\n\n## Kết quả\n\n- {MARKER} trong nội dung.\n")
    write_csv(folder / "topics.csv", ("id", "title", "lead_agency", "status", "visibility"), topics)

    documents = [("05-KH/TU", "plan", "2021-02-01", "Kế hoạch thực hiện", "public", "Tóm tắt kế hoạch")]
    if internal:
        documents.append((INTERNAL_DOC, "scheme", "2021-06-01", f"Đề án {MARKER}", "internal", f"Tóm tắt {MARKER}"))
    write_csv(folder / "documents.csv", ("number", "kind", "date", "title", "visibility", "summary"), documents)

    findings = [
        ("limitation", 2, "Hạn chế công khai thứ nhất", "Nội dung.", "Sở A", "public"),
        ("limitation", 3, "Hạn chế công khai thứ hai", "Nội dung.", "Sở B", "public"),
        ("cause", 1, "Nguyên nhân công khai", "", "", "public"),
        ("direction", 1, "Phương hướng công khai", "", "", "public"),
    ]
    if internal:
        findings.insert(
            0, ("limitation", 1, f"{MARKER} chưa dứt điểm", f"Nội dung {MARKER}.", f"Ban {MARKER}", "internal")
        )
    else:
        findings = [("limitation", n, *f[2:]) if f[0] == "limitation" else f for n, f in enumerate(findings, 1)]
    write_csv(folder / "findings.csv", ("kind", "order", "title", "text", "responsible", "visibility"), findings)

    milestones = [("2021-03-01", "Ban hành chương trình", "", "public")]
    if internal:
        milestones.append(("2021-07-01", f"Hội nghị {MARKER}", f"Tóm tắt {MARKER}", "internal"))
    write_csv(folder / "milestones.csv", ("date", "title", "summary", "visibility"), milestones)
    if internal:  # the record of the units' returns is internal as a whole ("Tình hình báo cáo")
        receipts = [("X001", "2022-Q1", f"{MARKER}-X001.xlsx", "ab" * 32, "2022-04-08 15:30:00", 2, 0)]
        write_csv(
            folder / "receipts.csv", ("unit", "period", "file", "sha256", "received", "added", "revised"), receipts
        )
    return folder


@pytest.fixture(scope="module")
def marked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_marked(tmp_path_factory.mktemp("marked") / "data")


@pytest.fixture(scope="module")
def public_only(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_marked(tmp_path_factory.mktemp("public-only") / "data", internal=False)


def build(tmp_path_factory: pytest.TempPathFactory, data: Path, env: dict[str, str]) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = run_mkdocs(data, out, env=env)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def marked_builds(tmp_path_factory: pytest.TempPathFactory, marked: Path) -> tuple[Path, Path]:
    """The internal edition, then the public one built into the same folder (the worst case: nothing the
    internal build left there, in the folder or in the cache, may reach the public one)."""
    out = build(tmp_path_factory, marked, INTERNAL_ENV)
    internal = tmp_path_factory.mktemp("internal") / "site"
    shutil.copytree(out, internal)
    result = run_mkdocs(marked, out, env=PUBLIC_ENV)
    assert result.returncode == 0, result.stderr
    return internal, out


@pytest.fixture(scope="module")
def marked_public(marked_builds: tuple[Path, Path]) -> Path:
    return marked_builds[1]


@pytest.fixture(scope="module")
def marked_internal(marked_builds: tuple[Path, Path]) -> Path:
    return marked_builds[0]


@pytest.fixture(scope="module")
def sample_public(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory, SAMPLE, PUBLIC_ENV)


# --- choosing the edition -----------------------------------------------------


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "internal"),  # unset: the internal reference site
        ({"SITE_PROFILE": ""}, "internal"),
        ({"SITE_PROFILE": "internal"}, "internal"),
        ({"SITE_PROFILE": "public"}, "public"),
    ],
)
def test_profile_names_the_edition(env: dict[str, str], expected: str) -> None:
    assert editions.profile(env) == expected


@pytest.mark.parametrize("value", ["Public", "cong-khai", " public", "noi-bo"])
def test_any_other_profile_is_refused(value: str) -> None:
    with pytest.raises(editions.ProfileError) as e:
        editions.profile({"SITE_PROFILE": value})
    assert str(e.value) == (
        f'SITE_PROFILE="{value}" không phải là bản nào của trang — cần một trong: '
        '"internal" (bản nội bộ, mặc định); "public" (bản công khai). '
        "Cách sửa: đặt SITE_PROFILE=public để dựng bản công khai, hoặc bỏ biến này để dựng bản nội bộ."
    )


def test_a_build_with_an_unknown_profile_stops_with_the_message(tmp_path: Path) -> None:
    result = run_mkdocs(SAMPLE, tmp_path / "site", env={"SITE_PROFILE": "cong-khai"})
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert 'SITE_PROFILE="cong-khai" không phải là bản nào của trang' in output
    assert "Traceback" not in output


# --- the public dataset -------------------------------------------------------


def test_public_drops_internal_rows_and_what_points_at_them(marked: Path) -> None:
    full = load_dataset(marked)
    pub = editions.public(full)
    assert [i.id for i in pub.indicators] == ["A1", "B2"]
    assert {v.indicator for v in pub.values} == {"A1", "B2"}
    assert [t.id for t in pub.topics] == ["T01", "T02", "T03"]
    assert [d.number for d in pub.documents] == ["05-KH/TU"]
    assert pub.indicator_by_id["B2"].document is None  # the internal document's number is not kept
    assert pub.indicator_by_id["A1"].document == "05-KH/TU"
    assert [(f.kind, f.order, f.title) for f in pub.findings] == [
        ("limitation", 1, "Hạn chế công khai thứ nhất"),  # numbered again: no gap where the internal one was
        ("limitation", 2, "Hạn chế công khai thứ hai"),
        ("cause", 1, "Nguyên nhân công khai"),
        ("direction", 1, "Phương hướng công khai"),
    ]
    assert [m.title for m in pub.milestones] == ["Ban hành chương trình"]
    assert len(full.receipts) == 1
    assert pub.receipts == ()  # the returns collected are the office's own business
    assert pub.fingerprint != full.fingerprint  # nothing cached by fingerprint is shared between editions
    assert MARKER not in repr(pub)


def test_the_public_edition_is_the_site_of_the_public_rows_alone(marked: Path, public_only: Path) -> None:
    edition = site.generate(marked, edition="public")
    alone = site.generate(public_only, edition="public")  # the internal one also offers the data-entry templates
    assert sorted(edition.files) == sorted(alone.files)
    assert edition.files == alone.files  # every page and chart, byte for byte
    assert [i.label for i in edition.withheld] == [
        "chỉ tiêu QZXV1",
        "đề tài QZXV2",
        f"văn bản {INTERNAL_DOC}",
        f"hạn chế 1 ({MARKER} chưa dứt điểm)",
        f"mốc thời gian 01/07/2021 (Hội nghị {MARKER})",
    ]


SAMPLE_DATASET = load_dataset(SAMPLE)
TABLES = ("indicators", "topics", "documents", "findings", "milestones")  # the tables with a visibility


def _rows(ds: Dataset) -> dict[str, tuple[Any, ...]]:
    return {name: getattr(ds, name) for name in TABLES}


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_public_keeps_exactly_the_public_rows(data: st.DataObject) -> None:
    """Whatever rows of the sample are internal."""
    changed: dict[str, Any] = {}
    for name, rows in _rows(SAMPLE_DATASET).items():
        internal = data.draw(st.lists(st.booleans(), min_size=len(rows), max_size=len(rows)), label=name)
        changed[name] = tuple(
            dataclasses.replace(r, visibility="internal" if i else "public")
            for r, i in zip(rows, internal, strict=True)
        )
    ds = dataclasses.replace(SAMPLE_DATASET, **changed)
    pub = editions.public(ds)
    for name, rows in _rows(pub).items():
        assert [_key(r) for r in rows] == [_key(r) for r in _rows(ds)[name] if r.visibility == "public"]
    kept = {i.id for i in pub.indicators}
    assert pub.values == tuple(v for v in ds.values if v.indicator in kept)
    numbers = {d.number for d in pub.documents}
    assert all(i.document is None or i.document in numbers for i in pub.indicators)
    for kind in {f.kind for f in pub.findings}:
        orders = [f.order for f in pub.findings if f.kind == kind]
        assert orders == list(range(1, len(orders) + 1))
    assert sum(Results(pub).summary.values()) == len(pub.indicators)


def _key(row: Any) -> object:
    return getattr(row, "id", None) or getattr(row, "number", None) or (type(row).__name__, row.title)


# --- the leak test ------------------------------------------------------------

LEAK_NEEDLES = (MARKER, TOKEN, *SECRET_FORMS)


def test_no_file_of_the_public_edition_carries_anything_internal(marked_public: Path) -> None:
    result = scan(marked_public, LEAK_NEEDLES)
    assert result.hits == []
    assert result.files > 50
    names = {h for h in _scanned(marked_public)}
    assert {"index.html", "search/search_index.json", "sitemap.xml", "sitemap.xml.gz", "404.html"} <= names


def test_the_same_scan_finds_them_in_the_internal_edition(marked_internal: Path) -> None:
    result = scan(marked_internal, LEAK_NEEDLES)
    found = {h.needle for h in result.hits}
    assert found == set(LEAK_NEEDLES)  # the number: formatted on pages (97.531.864), as is in downloads
    assert "tai-ve/chi-tieu/qzxv1-so-lieu.csv" in result.found("97531864")
    assert "chi-tieu/qzxv1.html" in result.found(MARKER)
    assert "search/search_index.json" in result.found(MARKER)
    assert "de-tai/qzxv2.html" in result.found(MARKER)
    assert "chi-tieu/qzxv1.html" in result.found("97.531.864")
    assert "tai-ve/bao-cao.docx!word/document.xml!text" in result.found(MARKER)  # the report as a Word document
    assert "tinh-hinh-bao-cao.html" in result.found(MARKER)  # the file name of a unit's return


ROUND_NEEDLES = ("Tình hình báo cáo", "tinh-hinh-bao-cao", "receipts.csv", "ab" * 32)


def test_the_public_edition_has_no_trace_of_the_returns_collected(marked_public: Path) -> None:
    assert scan(marked_public, ROUND_NEEDLES).hits == []
    assert not (marked_public / "tinh-hinh-bao-cao.html").exists()


def test_the_internal_edition_lists_the_returns_for_staff(marked_internal: Path) -> None:
    result = scan(marked_internal, ROUND_NEEDLES)
    assert {h.needle for h in result.hits} >= {"Tình hình báo cáo", "tinh-hinh-bao-cao", "receipts.csv"}
    assert "index.html" in result.found("tinh-hinh-bao-cao")  # listed in the menu, under "Dành cho cán bộ"
    page = (marked_internal / "tinh-hinh-bao-cao.html").read_text(encoding="utf-8")
    assert "Đã gửi: 1/4 đơn vị. Chưa gửi: 3 đơn vị." in page
    assert "08/04/2022 15:30" in page


def test_no_chart_of_the_public_edition_draws_an_internal_row(marked: Path) -> None:
    """Charts are drawn as paths: their specs are checked, since a PNG made from them cannot be read back."""
    edition = site.generate(marked, edition="public")
    for chart in edition.rendered.charts:
        assert TOKEN not in repr(chart).upper()
        assert SECRET not in chart.values


def _scanned(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def _article(page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    body = text[text.index("<article") : text.index("</article>")]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def test_the_public_home_page_counts_only_public_rows(marked_public: Path, public_only: Path) -> None:
    alone = load_dataset(public_only)
    results = Results(alone)
    home = _article(marked_public / "index.html")
    expected = (
        f"{len(alone.indicators)} chỉ tiêu: {results.summary['achieved']} đã đạt "
        f"{results.summary['on_track']} đúng tiến độ"
    )
    assert expected == "2 chỉ tiêu: 1 đã đạt 1 đúng tiến độ"
    assert expected in home
    accepted = sum(1 for t in alone.topics if t.status.startswith("accepted"))
    assert f"{accepted}/{len(alone.topics)} đề tài đã được nghiệm thu" in home
    assert "2/3 đề tài đã được nghiệm thu" in home
    assert f"{len(alone.documents)} văn bản lãnh đạo, chỉ đạo" in home
    assert "1 văn bản lãnh đạo, chỉ đạo" in home
    assert f"{len(alone.values)} số liệu chi tiết" in home
    assert "50 số liệu chi tiết" in home
    assert "Chưa đạt" not in home  # the internal indicator's status is the only one "not met"


def test_the_internal_home_page_counts_every_row(marked_internal: Path) -> None:
    home = _article(marked_internal / "index.html")
    assert "3 chỉ tiêu: 1 đã đạt 1 đúng tiến độ 1 chưa đạt" in home
    assert "3/4 đề tài đã được nghiệm thu" in home
    assert "75 số liệu chi tiết" in home


def test_the_sample_public_edition_leaves_out_its_internal_rows(sample_public: Path) -> None:
    items = editions.withheld(SAMPLE_DATASET)
    assert [i.label for i in items] == [
        "chỉ tiêu CT11",
        "hạn chế 5 (Sắp xếp chức danh không chuyên trách còn vướng mắc)",
    ]
    needles = [n for i in items for n in (*i.keys, *i.titles)]
    assert scan(sample_public, needles).hits == []
    assert not (sample_public / "chi-tieu" / "ct11.html").exists()
    assert not (sample_public / "phu-luc" / "ct11.html").exists()
    assert "Hạn chế, yếu kém (4)" in _article(sample_public / "danh-gia.html")


# --- what every page says -----------------------------------------------------

ROBOTS = '<meta name="robots" content="noindex, nofollow">'
INTERNAL_NOTICE = "Lưu hành nội bộ"
ILLUSTRATIVE_NOTICE = "Số liệu minh họa:"


def _pages(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


def test_every_internal_page_says_so_and_asks_not_to_be_indexed(built_sample: Path) -> None:
    pages = _pages(built_sample)
    assert len(pages) > 50
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert INTERNAL_NOTICE in text, page
        assert ROBOTS in text, page
        assert ILLUSTRATIVE_NOTICE in text, page  # the sample says illustrative: true
    assert not (built_sample / "sitemap.xml").exists()
    assert not (built_sample / "sitemap.xml.gz").exists()


def test_no_public_download_is_marked_internal(sample_public: Path) -> None:
    """What marks the internal edition's files (tests/test_internal_marks.py) is absent from the public one's."""
    with zipfile.ZipFile(sample_public / downloads.PACKAGE) as z:
        assert downloads.NOTICE_FILE not in z.namelist()
        assert editions.NOTICE not in json.loads(z.read("datapackage.json"))["description"]
    books = sorted((sample_public / downloads.FOLDER).rglob("*.xlsx"))
    assert len(books) > 20
    for path in books:
        with zipfile.ZipFile(path) as z:
            assert "<cp:category>" not in z.read("docProps/core.xml").decode(), path
            assert not any(b"<headerFooter>" in z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))


def test_no_public_page_says_internal(sample_public: Path, marked_public: Path) -> None:
    assert scan(sample_public, [INTERNAL_NOTICE, "noindex"]).hits == []
    assert scan(marked_public, [INTERNAL_NOTICE, "noindex"]).hits == []
    for page in _pages(sample_public):
        assert ILLUSTRATIVE_NOTICE in page.read_text(encoding="utf-8"), page
    for page in _pages(marked_public):  # a program that is not illustrative says nothing of the kind
        assert ILLUSTRATIVE_NOTICE not in page.read_text(encoding="utf-8"), page


# --- nothing about the build machine ------------------------------------------


def _machine_details(*places: Path) -> list[str]:
    """Paths, user and host names and repository remotes that only the build machine has."""
    out = [str(ROOT), str(Path.home()) + "/", *map(str, places)]
    host = socket.gethostname()
    if len(host) >= 4:  # a shorter host name ("vm") is an ordinary word of the site
        out.append(host)
    user = Path.home().name
    if len(user) >= 4 and user != "root":
        out.append(user)
    remotes = subprocess.run(["git", "-C", str(ROOT), "remote", "-v"], capture_output=True, text=True).stdout
    out += sorted({line.split()[1] for line in remotes.splitlines() if line.strip()})
    return out


def test_no_output_file_carries_details_of_the_build_machine(
    built_sample: Path, sample_public: Path, marked_public: Path, marked: Path
) -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert not re.search(r"^(site_url|repo_url|repo_name|edit_uri):", config, re.M)
    for root in (built_sample, sample_public, marked_public):
        needles = _machine_details(root, marked, SAMPLE)
        assert scan(root, needles, exact=True).hits == [], root


# --- prose that names a withheld item -----------------------------------------


def test_public_data_text_naming_an_internal_item_stops_the_public_edition(sample_copy: Path) -> None:
    findings = sample_copy / "findings.csv"
    text = findings.read_text(encoding="utf-8")
    findings.write_text(text.replace("Thận trọng, từng bước với nhiệm vụ nhạy cảm", "Thận trọng với CT11"))
    values = sample_copy / "values.csv"
    text = values.read_text(encoding="utf-8")
    values.write_text(text.replace("CT01,HN,2019,56.8,illustrative,,", "CT01,HN,2019,56.8,illustrative,,Xem cả CT11"))
    (sample_copy / "topics" / "DT03.md").write_text(
        "Tóm tắt.\n\nKiến nghị tháo gỡ việc sắp xếp chức danh không chuyên trách\ncòn vướng mắc.\n"
    )
    with pytest.raises(editions.EditionError) as e:
        site.generate(sample_copy, edition="public")
    assert e.value.report() == "\n".join(
        [
            "Bản công khai chưa được dựng: có 3 chỗ nêu mục không có trong bản này:",
            '  1. data/findings.csv, cột title: "CT11" nêu chỉ tiêu CT11, là mục có visibility: internal '
            "(ở bài học «Thận trọng với CT11») — cần nội dung của bản công khai không nêu mã, số hiệu hay tên "
            "của mục chỉ dùng nội bộ. Cách sửa: bỏ hoặc viết lại đoạn này; nếu chỉ tiêu CT11 được phép công bố "
            "thì đổi visibility của nó thành public (bản nội bộ không bị ảnh hưởng)",
            '  2. data/topics/DT03.md, dòng 3: "Sắp xếp chức danh không chuyên trách còn vướng mắc" nêu hạn chế 5 '
            "(Sắp xếp chức danh không chuyên trách còn vướng mắc), là mục có visibility: internal — cần nội dung "
            "của bản công khai không nêu mã, số hiệu hay tên của mục chỉ dùng nội bộ. Cách sửa: bỏ hoặc viết lại "
            "đoạn này; nếu hạn chế 5 (Sắp xếp chức danh không chuyên trách còn vướng mắc) được phép công bố thì "
            "đổi visibility của nó thành public (bản nội bộ không bị ảnh hưởng)",
            '  3. data/values.csv, cột note: "CT11" nêu chỉ tiêu CT11, là mục có visibility: internal '
            "(ở số liệu CT01, HN, 2019) — cần nội dung của bản công khai không nêu mã, số hiệu hay tên của mục "
            "chỉ dùng nội bộ. Cách sửa: bỏ hoặc viết lại đoạn này; nếu chỉ tiêu CT11 được phép công bố thì đổi "
            "visibility của nó thành public (bản nội bộ không bị ảnh hưởng)",
        ]
    )
    assert site.generate(sample_copy).edition == "internal"  # the internal edition is not affected


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """The project's site sources, to add a hand-written page to."""
    dest = tmp_path / "project"
    for name in ("docs", "overrides", "scripts"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def run_project(project: Path, site_dir: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    # run_mkdocs names the project's mkdocs.yml with -f; a second -f (the copy's) wins
    return run_mkdocs(SAMPLE, site_dir, "-f", str(project / "mkdocs.yml"), env=env)


def test_a_page_naming_an_internal_item_stops_the_public_build(project_copy: Path, tmp_path: Path) -> None:
    (project_copy / "docs" / "gioi-thieu.md").write_text(
        "---\nrender_macros: true\n---\n\n# Giới thiệu\n\nKết quả chính:\n\n"
        '- {{ indicator("CT01") }}\n- {{ indicator("CT11") }}\n- {{ indicator("CT99") }}\n\n'
        "Xem thêm chỉ tiêu CT11 về bố trí kiêm nhiệm.\n",
        encoding="utf-8",
    )
    result = run_project(project_copy, tmp_path / "public", PUBLIC_ENV)
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert "Bản công khai chưa được dựng: có 3 chỗ nêu mục không có trong bản này:" in output
    assert (
        '  1. docs/gioi-thieu.md: "CT11" nêu chỉ tiêu CT11, là mục có visibility: internal '
        "(trong lời gọi indicator(…)) — cần nội dung"
    ) in output
    assert (
        '  2. docs/gioi-thieu.md: "CT99" không có chỉ tiêu này trong dữ liệu — cần mã có trong dữ liệu, '
        "trong lời gọi indicator(…). Cách sửa: kiểm tra lại mã (chữ hoa, chữ thường, dấu) trong lời gọi indicator(…)"
    ) in output
    assert '  3. docs/gioi-thieu.md, dòng 13: "CT11" nêu chỉ tiêu CT11, là mục có visibility: internal — cần' in output
    assert not (tmp_path / "public" / "gioi-thieu.html").exists()


def test_the_internal_build_shows_what_the_page_names(project_copy: Path, tmp_path: Path) -> None:
    (project_copy / "docs" / "gioi-thieu.md").write_text(
        '---\nrender_macros: true\n---\n\n# Giới thiệu\n\n- {{ indicator("CT11") }}\n- {{ document("21-ĐA/TU") }}\n'
        '- {{ topic("DT04") }}\n',
        encoding="utf-8",
    )
    result = run_project(project_copy, tmp_path / "internal")
    assert result.returncode == 0, result.stdout + result.stderr
    page = _article(tmp_path / "internal" / "gioi-thieu.html")
    assert "CT11. Số chức danh hoạt động không chuyên trách" in page
    assert "21-ĐA/TU (Đề án, 16/09/2019): Đề án sắp xếp" in page
    assert "DT04. Đánh giá công tác quy hoạch" in page


# --- how prose names an item --------------------------------------------------

ITEMS = (
    editions.Item("chỉ tiêu CT11", keys=("CT11",), titles=("Số chức danh kiêm nhiệm",)),
    editions.Item("văn bản 21-ĐA/TU", keys=("21-ĐA/TU",)),
)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a key, as a whole token
        ("Chỉ tiêu CT11.", [("CT11", 1)]),
        ("xem CT110 và ACT11", []),
        ("dòng một\n(CT11)", [("CT11", 2)]),
        ("CT&#49;1 viết bằng mã HTML", [("CT11", 1)]),
        ("Đề án 21&#45;ĐA/TU", [("21-ĐA/TU", 1)]),
        ("Đề án 21-ĐA/TUX", []),
        # a title: any case, tone marks or none, composed or decomposed, across lines
        ("Theo dõi số chức danh kiêm nhiệm hằng năm", [("Số chức danh kiêm nhiệm", 1)]),
        ("SO CHUC DANH KIEM NHIEM", [("Số chức danh kiêm nhiệm", 1)]),
        ("so chuc danh\nkiem nhiem", [("Số chức danh kiêm nhiệm", 1)]),
        ("\n\nsố  chức — danh, kiêm nhiệm", [("Số chức danh kiêm nhiệm", 3)]),
        ("chức danh kiêm nhiệm", []),  # part of a title is not the title
        ("Số chức danh kiêm nhiệmx", []),
    ],
)
def test_what_names_a_withheld_item(text: str, found: list[tuple[str, int]]) -> None:
    assert [(m.found, m.line) for m in editions.find(text, ITEMS)] == found


def test_a_decomposed_title_is_the_same_title() -> None:
    text = unicodedata.normalize("NFD", "Theo dõi Số chức danh kiêm nhiệm")
    assert [m.found for m in editions.find(text, ITEMS)] == ["Số chức danh kiêm nhiệm"]


def test_a_short_title_is_not_looked_for() -> None:
    """Titles of fewer than three words are ordinary phrases; keys are still looked for."""
    item = editions._item("đề tài X1", ("X1",), ("Giao ban",))
    assert item.titles == ()
    assert [m.found for m in editions.find("Giao ban quý; X1", [item])] == ["X1"]
