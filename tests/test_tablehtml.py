"""The quick conversion of tables (`scripts.assemble.tablehtml`) gives exactly what MkDocs' `Page.render` gives.

Every example page is rendered both ways with the project's Markdown settings,
and all that a render leaves on the page is compared, in order: the HTML, the
table of contents, the title, the anchors, the links to anchors, and what was
logged.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from scripts.assemble import pagecache, tablehtml
from scripts.report import fmt, pages

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PAGES = ["index.md", "du-lieu.md", "don-vi/x001.md", "chi-tieu/ct01.md", "phu-luc/ct01.md", "phu-luc/ct01/2.md"]
MISSING = "don-vi/khong-co.md"  # a link to it is a warning
Site = tuple[MkDocsConfig, Files]
CONTROLS = [chr(c) for c in (*range(32), *range(127, 160))]


@pytest.fixture(scope="module")
def site() -> Site:
    config = load_config(str(ROOT / "mkdocs.yml"))
    paths = PAGES + [pages.download_path(p, "bang") + ".csv" for p in PAGES] + [pages.workbook_path(p) for p in PAGES]
    return config, Files([File(p, str(ROOT / "docs"), config.site_dir, config.use_directory_urls) for p in paths])


class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[tuple[str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.levelname, record.getMessage()))


@contextmanager
def logged() -> Iterator[list[tuple[str, str]]]:
    """What MkDocs logs (from INFO up, as `mkdocs build` does)."""
    handler = Records()
    log = logging.getLogger("mkdocs")
    level = log.level
    log.setLevel(logging.INFO)
    log.addHandler(handler)
    try:
        yield handler.records
    finally:
        log.removeHandler(handler)
        log.setLevel(level)


def page_of(site: Site, src: str, markdown: str) -> Page:
    config, files = site
    file = files.get_file_from_path(src)
    assert file is not None
    page = Page(None, file, config)
    page.markdown = markdown
    return page


def both(site: Site, src: str, markdown: str) -> tuple[Any, Any, bool]:
    """MkDocs' rendering and the quick one (with what each logged), and whether the quick one was used.

    A page MkDocs fails on (Python's HTML parser on `<![`, say) must fail the same way.
    """
    config, files = site
    results: list[Any] = []
    used = False
    for quick in (False, True):
        page = page_of(site, src, markdown)
        with logged() as log:
            try:
                used = quick and tablehtml.render(page, config, files)
                if not used:
                    Page.render(page, config, files)
            except Exception as e:
                results.append((repr(e), log))
                continue
        entry = pagecache.entry_of(page)
        results.append((json.dumps(entry, ensure_ascii=False), entry, log))  # the JSON: the same order too
    return results[0], results[1], used


# --- pages as scripts.report.pages writes them ---------------------------------------

MEASURES = st.sampled_from(["%", "người", "tỷ đồng", "%/năm", "km²", "", "ha (ước)", "lượt/1.000 dân"])
NUMBERS = st.one_of(st.none(), st.floats(-1e9, 1e9, allow_nan=False))
WORDS = st.one_of(
    st.sampled_from(["Xã Đông Anh", "Tỷ lệ hộ nghèo (%)", "Số “người” tham gia; ước", "Phường 1.", "A-B/C", "Q1/2022"]),
    st.text(st.characters(codec="utf-8", exclude_characters=CONTROLS), max_size=16),
)


@st.composite
def cells(draw: st.DrawFn, src: str) -> str:
    kind = draw(st.sampled_from(["number", "quantity", "text", "link", "badge", "empty"]))
    if kind == "number":
        cell = fmt.number(draw(NUMBERS))
    elif kind == "quantity":
        cell = fmt.quantity(draw(NUMBERS), draw(MEASURES))
    elif kind == "text":
        cell = fmt.text(draw(WORDS))
    elif kind == "link":
        dest = draw(st.sampled_from([*PAGES, MISSING]))
        cell = pages.link(fmt.text(draw(WORDS)) or "x", src, dest, draw(st.sampled_from(["", "muc-1"])))
    elif kind == "badge":
        cell = pages.status_badge(None)
    else:
        cell = draw(st.sampled_from(["", " ", "–"]))
    if kind in ("number", "quantity") and draw(st.booleans()):
        cell += f"<sup>{draw(st.integers(1, 3))}</sup>"
    if kind == "link":
        cell = "&#8195;" * draw(st.integers(0, 2)) + cell
    return cell


@st.composite
def generated_pages(draw: st.DrawFn) -> tuple[str, str]:
    """A page of prose, headings and tables as `scripts.report.pages` writes them."""
    src = draw(st.sampled_from(PAGES))
    body = [f"# {fmt.text(draw(WORDS))}\n"] if draw(st.booleans()) else []
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["table", "table", "prose", "heading", "filter", "list"]))
        if kind == "table":
            width = draw(st.integers(1, 4))
            header = draw(st.lists(WORDS.map(fmt.text), min_size=width, max_size=width))
            rows = draw(st.lists(st.lists(cells(src), min_size=width, max_size=width), min_size=1, max_size=6))
            body += [pages.table(header, rows, draw(st.text("lrc", max_size=5))), pages.downloads(src, "bang")]
        elif kind == "prose":
            body.append(fmt.text(draw(WORDS)) + " " + pages.link("Về dữ liệu", src, "du-lieu.md", "muc-2") + ".\n")
        elif kind == "heading":
            body.append(f"## {fmt.text(draw(WORDS)) or 'Mục'}\n")
        elif kind == "filter":
            body.append('<div class="table-filter" data-columns="0,2"></div>\n')
        else:
            items = draw(st.lists(WORDS, min_size=1))
            body.append("\n".join(f"- {pages.link(fmt.text(w) or 'x', src, 'index.md')}" for w in items) + "\n")
    return src, "\n".join(body).rstrip() + "\n"


@SETTINGS
@given(generated_pages())
def test_a_generated_page_renders_to_the_same_html_toc_anchors_links_and_warnings(
    site: Site, page: tuple[str, str]
) -> None:
    mkdocs, quick, used = both(site, *page)
    assert quick == mkdocs
    assert used == any(line.startswith("|") for line in page[1].split("\n"))  # a page with tables: the quick way


# --- any Markdown in the cells, and tables inside other blocks -----------------

PIECES = [*"ab1 .,*_[]()>&!#:@=\"'-~/;é", "<sup>", "</sup>", '<span id="m">', "</span>", "<br/>", "&amp;", "&#46;"]
PIECES += ["[a](../index.md)", "[b](khong-co.md#x)", "![c](d.png)", "**e**", "_f_", "[TOC]"]
# A page or table with these is left to MkDocs.
RARE = [*"<\\`{}\t\x1b", "<https://x.vn>", "<!-- g -->", "&#", "&#1", "&x", "<script>", "</script>"]
CELL = st.lists(st.sampled_from(PIECES * 8 + RARE), max_size=6).map("".join)
CONTEXTS = [
    "{}",
    "```\n\n{}\n```\n",
    "<div>\n\n{}\n</div>\n",
    "<div markdown>\n\n{}\n</div>\n",
    "!!! note\n\n{}",
    "- a\n\n{}",
    "> a\n\n{}",
]


@st.composite
def any_pages(draw: st.DrawFn) -> tuple[str, str]:
    src = draw(st.sampled_from(PAGES))
    body = []
    for _ in range(draw(st.integers(1, 3))):
        width = draw(st.integers(1, 3))
        rows = draw(st.lists(st.lists(CELL, min_size=width, max_size=width), min_size=1, max_size=4))
        table = pages.table(draw(st.lists(CELL, min_size=width, max_size=width)), rows, "lr")
        body.append(draw(st.sampled_from(CONTEXTS)).format(table))
        body.append(draw(st.sampled_from(["", "Đoạn [liên kết](../khong-co.md) *nhấn*.\n", "[a]: ../index.md\n"])))
    return src, "\n".join(body)


@SETTINGS
@given(any_pages())
def test_any_page_renders_the_same_or_is_left_to_mkdocs(site: Site, page: tuple[str, str]) -> None:
    mkdocs, quick, _ = both(site, *page)
    assert quick == mkdocs


# --- what is left to MkDocs, and warnings -------------------------------------

TABLE = "| Đơn vị | Q1 |\n|:--|--:|\n| [X](../don-vi/khong-co.md) | 1.234,5 |\n"


@pytest.mark.parametrize(
    ("markdown", "used", "warnings"),
    [
        (f"Trước.\n\n{TABLE}\nSau.\n", True, 2),
        (f"```\n\n{TABLE}\n```\n", False, 1),  # in a fenced block the table is text: found only after the render
        (f"<div>\n\n{TABLE}\n</div>\n", False, 1),  # in raw HTML, likewise
        (f"<!-- chú thích -->\n\n{TABLE}", False, 2),  # raw HTML other than simple tags
        (f"tablehtml\n\n{TABLE}", False, 2),  # the name of the cut-down tables
    ],
)
def test_a_page_the_quick_way_cannot_be_sure_of_is_left_to_mkdocs_which_warns_once(
    site: Site, markdown: str, used: bool, warnings: int
) -> None:
    page = "Liên kết hỏng: [Y](khong-co.md).\n\n" + markdown
    mkdocs, quick, was_used = both(site, "don-vi/x001.md", page)
    assert was_used == used
    assert quick == mkdocs
    assert [level for level, _ in quick[2]] == ["WARNING"] * warnings


def test_the_cache_keeps_nothing_of_a_page_that_warns(site: Site) -> None:
    config, files = site
    with logged() as log:
        assert pagecache.convert(page_of(site, "don-vi/x001.md", TABLE), config, files) is None
    assert len(log) == 1 and log[0][0] == "WARNING" and "'../don-vi/khong-co.md'" in log[0][1]
