"""Search fits Vietnamese: tone marks and đ optional, composed or decomposed input, document numbers."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from browser.conftest import recorded
from browser.drive import Hit, leads_to, search
from scripts.data.textutil import fold
from scripts.data.validate import load_dataset

pytestmark = pytest.mark.browser

DS = load_dataset(Path(__file__).resolve().parents[2] / "data")


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def titles(hits: list[Hit]) -> list[str]:
    return [h.title for h in hits]


@pytest.fixture(scope="module")
def home(browser: Browser, served: str) -> Iterator[Page]:
    """The home page served under a sub-path, kept open for every search of this module."""
    with recorded(browser) as (ctx, _):
        page = ctx.new_page()
        page.goto(served + "index.html")
        yield page


@pytest.mark.parametrize(
    "query",
    [
        "Thành ủy",  # as written
        "thanh uy",  # no tone marks
        "THANH UY",  # capitals
        nfd("Thành ủy"),  # decomposed, as some keyboard tools send it
        "thành uy",  # marks on one word only
    ],
)
def test_a_phrase_is_found_with_or_without_tone_marks(home: Page, query: str) -> None:
    hits = search(home, query)
    assert hits, query
    assert {"Thành", "ủy"} <= {m for h in hits for m in h.marks}  # the page's own words are highlighted


@pytest.mark.parametrize("query", ["đảng viên", "dang vien", nfd("đảng viên"), "Dang Vien"])
def test_d_with_stroke_folds_to_d(home: Page, query: str) -> None:
    hits = search(home, query)
    shown = {m.lower() for h in hits for m in h.marks}
    assert {"đảng", "viên"} <= shown


def test_every_form_of_a_query_gives_the_same_results(home: Page) -> None:
    forms = ["Tỷ lệ đảng viên", "ty le dang vien", nfd("Tỷ lệ đảng viên")]
    results = [[h.href for h in search(home, q)] for q in forms]
    assert results[0] == results[1] == results[2]
    assert results[0]


@pytest.mark.parametrize("query", ["21-ĐA/TU", "21-da/tu", "21 ĐA TU", nfd("21-ĐA/TU")])
def test_a_document_number_finds_the_document(home: Page, query: str) -> None:
    doc = DS.document_by_number["21-ĐA/TU"]
    hits = search(home, query)
    assert leads_to(hits[:3], f"chuong-trinh.html#vb-{doc.slug}")  # the program page, then the document
    assert "21-ĐA/TU" in titles(hits)  # shown as written, not folded


def test_the_program_number_finds_the_program(home: Page) -> None:
    hits = search(home, "01-CTr/TU")
    assert leads_to(hits[:1], "chuong-trinh.html")


@pytest.mark.parametrize("kind", ["indicator", "unit", "topic"])
def test_names_are_found_without_tone_marks_and_shown_with_them(home: Page, kind: str) -> None:
    if kind == "indicator":
        ind = DS.indicators[0]
        name, href = f"{ind.id}. {ind.name}", f"chi-tieu/{ind.slug}.html"
    elif kind == "unit":
        unit = next(u for u in DS.units if fold(u.name) != u.name.lower())
        name, href = unit.name, f"don-vi/{unit.slug}.html"
    else:
        topic = DS.topics[-1]
        name, href = f"{topic.id}. {topic.title}", f"de-tai/{topic.slug}.html"
    words = " ".join(fold(name).replace('"', " ").split()[:6])
    hits = search(home, words)
    match = leads_to(hits, href)
    assert match, (words, titles(hits)[:5])
    assert match[0].title == name


def test_punctuation_does_not_glue_to_words(home: Page) -> None:
    # written only as "(nhandan.vn)": the brackets and the dot do not stick to the word
    assert any("nhandan" in h.marks for h in search(home, "nhandan"))


def test_search_works_from_the_file_system(page: Page, file_base: str) -> None:
    page.goto(file_base + "index.html")
    hits = search(page, "dang vien")
    assert {"đảng", "viên"} <= {m.lower() for h in hits for m in h.marks}
