"""Keep the tables of figures out of the search index.

Unit pages, the indicator pages and the pages of the appendix are mostly
tables of numbers. Indexed whole, they would make the search index grow with
every value (it must stay small enough to load offline) and take most of
the indexing time; a reader searches for a unit or an indicator by name.
Such pages say in their front matter what search should read:
`search_text: lead` (the text up to the first second-level heading, tables
left out: the title and the opening facts) or `search_text: prose` (everything but the
tables). The search plugin is shown that part, and the page is given back
whole before it is written.
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.pages import Page

_TABLE = re.compile(r"<table\b.*?</table>", re.DOTALL)
_FULL: dict[int, str] = {}  # id(page) → its whole content while the search plugin reads a part


def searchable(content: str, mode: str) -> str:
    """The part of a page's HTML that search indexes."""
    if mode == "lead":
        end = content.find("<h2")
        content = content if end < 0 else content[:end]
    if mode in ("lead", "prose"):
        return _TABLE.sub("", content)
    return content


@event_priority(10)  # before the search plugin (priority 0) indexes the page
def _show_part(context: dict[str, Any], page: Page, **_: Any) -> dict[str, Any]:
    mode = page.meta.get("search_text")
    if mode and page.content is not None:
        _FULL[id(page)] = page.content
        page.content = searchable(page.content, str(mode))
    return context


@event_priority(-10)  # after it
def _restore(context: dict[str, Any], page: Page, **_: Any) -> dict[str, Any]:
    full = _FULL.pop(id(page), None)
    if full is not None:
        page.content = full
    return context


on_page_context = CombinedEvent(_show_part, _restore)
