"""The search index: Vietnamese folding installed, names and document numbers in it, size bounded."""

from __future__ import annotations

import json
import re
from pathlib import Path

from scripts.assemble import search
from scripts.data.validate import load_dataset

ROOT = Path(__file__).resolve().parent.parent


def index(site: Path) -> dict[str, object]:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


def test_every_indicator_unit_topic_and_document_is_a_title_in_the_index(built_sample: Path) -> None:
    ds = load_dataset(ROOT / "data")
    titles = {d["title"] for d in index(built_sample)["docs"]}  # type: ignore[attr-defined]
    wanted = (
        [f"{i.id}. {i.name}" for i in ds.indicators]
        + [u.name for u in ds.units]
        + [f"{t.id}. {t.title}" for t in ds.topics]
        + [d.number for d in ds.documents]
    )
    import html

    missing = [w for w in wanted if html.escape(w, quote=False) not in titles and w not in titles]
    assert missing == []


def test_the_print_view_is_not_searched_and_long_entries_are_cut(built_sample: Path) -> None:
    docs = index(built_sample)["docs"]
    assert not [d for d in docs if d["location"].startswith("ban-in")]  # type: ignore[attr-defined]
    generated = [d for d in docs if d["location"].startswith(("chi-tieu/", "don-vi/", "phu-luc/"))]  # type: ignore[attr-defined]
    assert max(len(d["text"]) for d in generated) <= search.MAX_TEXT + 2


def test_the_offline_copy_of_the_index_and_the_folding_are_in_the_site(built_sample: Path) -> None:
    assert (built_sample / "search" / "search_index.js").read_text(encoding="utf-8").startswith("var __index = ")
    lunr_vi = (built_sample / search.LUNR_VI).read_text(encoding="utf-8")
    assert lunr_vi.count(search.FOLD_SCRIPT.read_text(encoding="utf-8")) == 1


def test_the_separator_splits_punctuation_and_document_numbers(built_sample: Path) -> None:
    separator = re.compile(index(built_sample)["config"]["separator"])  # type: ignore[index]
    words = [w for w in separator.split('Thành ủy (khóa XI), "trong sạch"; 21-ĐA/TU… 1.234,5%') if w]
    assert words == ["Thành", "ủy", "khóa", "XI", "trong", "sạch", "21", "ĐA", "TU", "1", "234", "5%"]


def test_text_is_cut_at_a_word_without_breaking_a_tag_or_an_entity() -> None:
    assert search.shorten("một hai ba", 100) == "một hai ba"
    assert search.shorten("một hai ba bốn", 9) == "một hai …"
    assert search.shorten("<p>một hai</p><p>ba &amp; bốn", 24) == "<p>một hai</p><p>ba …"
    assert search.shorten("aaaa <code>bbbb", 12) == "aaaa …"


def test_page_urls_match_the_index() -> None:
    assert search.page_url("chi-tieu/ct01.md", False) == "chi-tieu/ct01.html"
    assert search.page_url("chi-tieu/index.md", True) == "chi-tieu/"
    assert search.page_url("danh-gia.md", True) == "danh-gia/"
