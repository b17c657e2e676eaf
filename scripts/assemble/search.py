"""Search that fits Vietnamese, and an index that stays small at any size.

The theme's search (lunr in a worker) matches words exactly as typed, so
`tinh uy` never finds "Tỉnh ủy" and decomposed input finds nothing. After
the search plugin has written its index, `finish` (which also rewrites the
offline plugin's inlined copy if that was written first):

- appends the diacritic folding in `search_fold.js` to the theme's
  `lunr.vi.min.js`, which the search worker loads for `lang: vi`;
- caps the text of each entry from a generated page, so the index grows with
  the number of pages, not with the size of their tables (names of
  indicators, units and topics are page titles and stay whole);
- adds one entry per document, titled with its number, linking to the
  document on the program page, and ranked above passing mentions;
- drops entries of pages that repeat others (the print view).

Before that, `leave_out` keeps the tables of figures of unit, indicator and
appendix pages out of the index (they would make it grow with every value
and take most of the indexing time; a reader searches for a unit or an
indicator by name). Such a page says in its front matter what search should
read: `search_text: lead` (the text before the first second-level heading,
tables left out: the title and the opening facts) or `search_text: prose`
(everything but the tables). What search leaves out is marked
`data-search-exclude`, which the theme's search plugin skips and then
removes, so the page itself is written as it was.

Punctuation is handled by the search plugin's `separator` in mkdocs.yml.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from scripts.data.model import Dataset

FOLD_SCRIPT = Path(__file__).with_name("search_fold.js")
LUNR_VI = Path("assets/javascripts/lunr/min/lunr.vi.min.js")
INDEX = Path("search/search_index.json")
MAX_TEXT = 2000  # characters of text kept per entry of a generated page
PROGRAM_PAGE = "chuong-trinh.md"
DOCUMENT_BOOST = 10  # a document number is what people type to find a document: put it before passing mentions

Entry = dict[str, Any]
EXCLUDED = ' data-search-exclude="true"'  # the search plugin removes it: a value is needed for that
_TABLE = re.compile(r"<table\b")
_SECTION = re.compile(r"<(h[2-6])\b")


def leave_out(content: str, mode: object) -> str:
    """The HTML of a page with what search leaves out (`search_text`: lead, prose) marked for the search plugin."""
    if mode not in ("lead", "prose"):
        return content
    if mode == "lead":
        content = _SECTION.sub(lambda m: f"<{m[1]}{EXCLUDED}", content)
    return _TABLE.sub(f"<table{EXCLUDED}", content)


def page_url(path: str, directory_urls: bool) -> str:
    """The URL the search index uses for a page at `path` (relative to the docs root)."""
    stem = path.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def shorten(text: str, limit: int = MAX_TEXT) -> str:
    """`text` cut at a word boundary within `limit` characters, with no tag or entity cut in half."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    cut = cut[: cut.rfind(" ")] if " " in cut else cut
    cut = re.sub(r"<[^>]*$|&#?\w*$", "", cut)
    return cut.rstrip() + " …"


def document_entries(ds: Dataset, directory_urls: bool) -> list[Entry]:
    url = page_url(PROGRAM_PAGE, directory_urls)
    entries = []
    for d in ds.documents:
        text = " ".join(part for part in (d.title, d.summary, d.issuer, d.field) if part)
        entries.append(
            {
                "location": f"{url}#vb-{d.slug}",
                "title": html.escape(d.number, quote=False),
                "text": f"<p>{html.escape(text, quote=False)}</p>",
                "boost": DOCUMENT_BOOST,
            }
        )
    return entries


def rewrite(index: dict[str, Any], generated: set[str], dropped: set[str], extra: Iterable[Entry]) -> dict[str, Any]:
    """The index with capped entries for generated pages, `dropped` pages removed and `extra` added.

    `generated` and `dropped` are page URLs as the index writes them (without anchors).
    """
    docs = []
    for entry in index["docs"]:
        page = entry["location"].partition("#")[0]
        if page in dropped:
            continue
        if page in generated:
            entry = {**entry, "text": shorten(entry["text"])}
        docs.append(entry)
    return {**index, "docs": docs + list(extra)}


def patch_lunr(site_dir: Path) -> None:
    """Append the folding to the theme's Vietnamese lunr plugin (once)."""
    path = site_dir / LUNR_VI
    fold = FOLD_SCRIPT.read_text(encoding="utf-8")
    current = path.read_text(encoding="utf-8")
    if fold not in current:
        path.write_text(current.rstrip("\n") + "\n" + fold, encoding="utf-8")


def finish(site_dir: Path, ds: Dataset, pages: Iterable[str], dropped: Iterable[str], directory_urls: bool) -> int:
    """Rewrite the built site's search index and patch its search language; the index's size in bytes."""
    path = site_dir / INDEX
    index = json.loads(path.read_text(encoding="utf-8"))
    generated = {page_url(p, directory_urls) for p in pages if p.endswith(".md")}
    drop = {page_url(p, directory_urls) for p in dropped}
    data = json.dumps(
        rewrite(index, generated, drop, document_entries(ds, directory_urls)),
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8")
    path.write_bytes(data)
    offline = path.with_suffix(".js")
    if offline.exists():  # the offline plugin's copy for file://, if it was written first
        offline.write_bytes(b"var __index = " + data)
    patch_lunr(site_dir)
    return len(data)
