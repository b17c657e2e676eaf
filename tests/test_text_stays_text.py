"""A cell is never HTML, Markdown or a template: every text field is shown literally.

One program carries the same hostile text in every text field of every
table and in the program's own text keys; the built site is parsed as a
browser would, page by page, chart by chart, and entry by entry of the
search index.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import run_mkdocs
from programs import write_csv, write_program

HOSTILE = "<script>alert(1)</script> [x](javascript:alert(2)) {{ 7*7 }} </title><script>alert(3)</script> $x$ `c`"
INDICATORS = [
    {"id": "A1", "group": "G " + HOSTILE, "name": "N " + HOSTILE, "measure": "%", "direction": "up",
     "target": 80, "target_type": "annual"},
    {"id": "B2", "group": "G2", "name": "M " + HOSTILE, "measure": "người " + HOSTILE, "direction": "up",
     "target": 1000, "target_type": "cumulative"},
]  # fmt: skip
MARKERS = ("<script>alert(1)</script>", "[x](javascript:alert(2))", "{{ 7*7 }}", "</title><script>alert(3)</script>")


def hostile_program(folder: Path) -> Path:
    write_program(
        folder,
        code="9-CTr/" + HOSTILE,
        title="T " + HOSTILE,
        issuer="I " + HOSTILE,
        indicators=INDICATORS,
    )

    def extend(name: str, columns: dict[str, str], keep: dict[str, str] | None = None) -> None:
        rows = list(csv.reader(io.StringIO((folder / name).read_text(encoding="utf-8"))))
        header = rows[0] + list(columns)
        body = []
        for row in rows[1:]:
            cells = dict(zip(rows[0], row, strict=True))
            for column, prefix in (keep or {}).items():
                cells[column] = f"{cells[column]} {prefix}{HOSTILE}"
            body.append([cells[c] for c in rows[0]] + [f"{p} {HOSTILE}" for p in columns.values()])
        write_csv(folder / name, header, body)

    extend("units.csv", {}, {"name": ""})
    write_csv(
        folder / "indicators.csv",
        ("id", "group", "name", "measure", "direction", "target", "target_type", "target_text", "source",
         "description", "document"),
        [("A1", f"G {HOSTILE}", f"N {HOSTILE}", "%", "up", 80, "annual", f"TT {HOSTILE}", f"S {HOSTILE}",
          f"D {HOSTILE}\n\n*nhấn mạnh*\n\n- một", "5-CT/TU"),
         ("B2", "G2", f"M {HOSTILE}", f"người {HOSTILE}", "up", 1000, "cumulative", "", "", "", "")],
    )  # fmt: skip
    extend("values.csv", {"source": "VS", "note": "VN"})
    extend("topics.csv", {"chair": "C", "field": "F", "rating": "R", "source": "S"}, {"title": "", "lead_agency": ""})
    write_csv(
        folder / "documents.csv",
        ("number", "kind", "date", "title", "issuer", "field", "summary", "source"),
        [("5-CT/TU", "directive", "2021-05-01", *(f"{p} {HOSTILE}" for p in "TIFSR"))],
    )
    write_csv(
        folder / "findings.csv",
        ("kind", "order", "title", "text", "responsible"),
        [("limitation", 1, f"T {HOSTILE}", f"X {HOSTILE}\n\n*nhấn mạnh*", f"R {HOSTILE}"),
         ("direction", 1, f"T {HOSTILE}", f"X {HOSTILE}", "")],
    )  # fmt: skip
    write_csv(
        folder / "milestones.csv",
        ("date", "title", "chair", "summary", "source"),
        [("2022-01-01", *(f"{p} {HOSTILE}" for p in "TCSR"))],
    )
    return folder


class Page(HTMLParser):
    """What a browser would make of a page: its elements, attributes and text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.title = ""
        self._in: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._in:
            del self._in[len(self._in) - 1 - self._in[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        if self._in and self._in[-1] == "title":
            self.title += data
        elif not self._in or self._in[-1] not in ("script", "style"):
            self.text.append(data)

    def injected(self) -> list[str]:
        """Anything from the data that became markup: scripts, javascript: links, handlers."""
        found = []
        for tag, attrs in self.tags:
            if tag == "script" and "alert" in attrs.get("src", ""):
                found.append(f"<script src={attrs['src']}>")
            for name, value in attrs.items():
                if value.strip().lower().startswith("javascript:") or (name.startswith("on") and value):
                    found.append(f"<{tag} {name}={value}>")
        return found


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("hostile")
    site = base / "site"
    result = run_mkdocs(hostile_program(base / "data"), site)
    assert result.returncode == 0, result.stderr
    return site


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_no_page_turns_data_into_markup(hostile_site: Path) -> None:
    pages = html_pages(hostile_site)
    assert len(pages) > 20
    for path in pages:
        assert Page(path.read_text(encoding="utf-8")).injected() == [], path
        assert "alert(" not in _scripts_text(path), path


def _scripts_text(path: Path) -> str:
    """The content of every script element of a page, as the browser would run it."""
    html = path.read_text(encoding="utf-8")
    out, start = [], 0
    while (i := html.find("<script", start)) != -1:
        end = html.find("</script>", i)
        out.append(html[html.find(">", i) + 1 : end])
        start = end + 1
    return "\n".join(out)


@pytest.mark.parametrize(
    "page",
    [
        "index.html", "chuong-trinh.html", "chi-tieu/index.html", "chi-tieu/a1.html", "chi-tieu/b2.html",
        "don-vi/index.html", "don-vi/x001.html", "de-tai/index.html", "de-tai/t01.html", "danh-gia.html",
        "phuong-huong.html", "moc-thoi-gian.html", "phu-luc/index.html", "phu-luc/b2.html",
    ],
)  # fmt: skip
def test_hostile_text_is_shown_literally(hostile_site: Path, page: str) -> None:
    parsed = Page((hostile_site / page).read_text(encoding="utf-8"))
    text = " ".join(" ".join(parsed.text).split())
    for marker in MARKERS:
        assert marker in text, (page, marker)


def test_page_titles_keep_the_text_inside_the_title(hostile_site: Path) -> None:
    for page in ("chi-tieu/a1.html", "don-vi/x001.html", "de-tai/t01.html", "index.html"):
        parsed = Page((hostile_site / page).read_text(encoding="utf-8"))
        assert "</title><script>alert(3)</script>" in parsed.title, page
        assert [t for t, _ in parsed.tags].count("title") == 1


def test_chart_alt_text_and_drawings_stay_text(hostile_site: Path) -> None:
    parsed = Page((hostile_site / "chi-tieu" / "b2.html").read_text(encoding="utf-8"))
    alts = [a["alt"] for t, a in parsed.tags if t == "img" and "charts/" in a.get("src", "")]
    assert len(alts) == 2 and all(MARKERS[0] in alt for alt in alts)
    for svg in (hostile_site / "assets" / "charts").glob("*.svg"):
        tree = ET.parse(svg)
        assert [e.tag for e in tree.iter() if e.tag.endswith("script") or e.tag.endswith("foreignObject")] == []


def test_markdown_fields_keep_emphasis_but_no_links_or_html(hostile_site: Path) -> None:
    parsed = Page((hostile_site / "chi-tieu" / "a1.html").read_text(encoding="utf-8"))
    assert "em" in [t for t, _ in parsed.tags]  # *nhấn mạnh* in the description is emphasis
    hrefs = [a.get("href", "") for t, a in parsed.tags if t == "a"]
    assert hrefs and not any(h.strip().lower().startswith("javascript") for h in hrefs)
    assert MARKERS[1] in " ".join(parsed.text)  # the link syntax is shown, not followed


def test_search_entries_stay_text(hostile_site: Path) -> None:
    index = json.loads((hostile_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    shown = []
    for entry in index["docs"]:
        for field in ("title", "text"):
            fragment = Page(entry.get(field, ""))  # the search box renders these as HTML
            assert fragment.injected() == [] and "script" not in [t for t, _ in fragment.tags], entry["location"]
            shown.append(" ".join(fragment.text))
    assert sum(MARKERS[0] in s for s in shown) > 10
    assert any(MARKERS[3] in s for s in shown)
