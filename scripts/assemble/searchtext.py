"""Keep the tables of figures out of the search index.

Unit pages, the indicator pages and the pages of the appendix are mostly
tables of numbers. Indexed whole, they would make the search index grow with
every value (it must stay small enough to load offline) and take most of
the indexing time; a reader searches for a unit or an indicator by name.
Material's search plugin parses the whole HTML of every page, which at
commune scale is most of a rebuild's time even where tables are marked
`data-search-exclude`; so it is shown only the part it indexes.
Such pages say in their front matter what search should read:
`search_text: lead` (the text up to the first second-level heading, tables
left out: the title and the opening facts) or `search_text: prose` (everything but the
tables). The search plugin is shown that part, and the page is given back
whole before it is written.
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.plugins import event_priority
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
def show_part(context: dict[str, Any], page: Page, **_: Any) -> dict[str, Any]:
    mode = page.meta.get("search_text")
    if mode and page.content is not None:
        _FULL[id(page)] = page.content
        page.content = searchable(page.content, str(mode))
    return context


@event_priority(-10)  # after it
def restore(context: dict[str, Any], page: Page, **_: Any) -> dict[str, Any]:
    full = _FULL.pop(id(page), None)
    if full is not None:  # as the search plugin leaves a page it read: its marks taken out
        page.content = full.replace(' data-search-exclude="true"', "")
    return context
