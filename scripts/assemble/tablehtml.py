"""A page's tables turned into HTML without Python-Markdown's inline pass over every cell.

Generated pages are mostly tables of figures (`scripts.report.pages.table`), and at
a province's every commune converting their cells one by one is most of a
cold build. A cell with none of the characters that an inline pattern, an
attribute list or the serializer reacts to is its own HTML. So `render`
gives MkDocs the page with each table cut down to its other cells, one per
row of a one-column table in the same place (their links are rewritten,
checked and recorded in the same order, in the same page), and then puts
each whole table together as the tables extension prints it. A cell that
cannot depend on the page (no link, no anchor) is converted once per
process. Whenever the result is not exactly the expected shape the page is
left to `Page.render`, which sees nothing of the attempt, logs included.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

PREFIX = "tablehtml"  # heads each cut-down table; a page that contains it is left to MkDocs
EXTENSIONS = frozenset({"toc", "tables", "fenced_code", "attr_list", "md_in_html", "admonition"})  # the ones checked
ALIGN = {"use_align_attribute": True}  # the tables extension's settings in mkdocs.yml (no style attribute)
MEMO_MAX = 1 << 16  # cells kept converted in one process

PLAIN = re.compile(r"[\\`*_{}\[\]!<>&\x00-\x1f\x7f-\x9f]")  # a cell with none of these is its own HTML
UNSAFE = re.compile(r"[\\`{}\x00-\x1f\x7f-\x9f]")  # escapes and code spans (both split cells), attribute lists
PAGE_BOUND = re.compile(r"[\[:@]|id|name", re.IGNORECASE)  # links, autolinks, anchors: HTML that depends on the page
# Each "<" of the page begins a tag on one line, of an element whose content is markup, and each "&" a whole
# reference or "&" alone: Python's HTML parser reads each on its own, so what a table holds changes nothing else.
MARKUP = re.compile("[<&]")
TAG = re.compile(
    r"</?(?!(?:script|style|textarea|title|xmp|iframe|noembed|noframes|noscript|plaintext)\b)[a-z][a-z0-9]*"
    r'(?: [a-z][-a-z0-9_:.]*(?:="[^"<>\n]*")?)* ?/?>',
    re.IGNORECASE,
)
AMP = re.compile(r"&(?:#[0-9]+;|#x[0-9a-f]+;|[a-z][a-z0-9]*;|(?=[^a-z#]))", re.IGNORECASE)
CUT = re.compile(
    rf"<table>\n<thead>\n<tr>\n<th>{PREFIX}(\d+)</th>\n</tr>\n</thead>\n<tbody>\n(.*?)</tbody>\n</table>", re.DOTALL
)

_log = logging.getLogger(Page.__module__)  # where MkDocs reports links while it renders
_memo: dict[str, str] = {}  # cell Markdown → HTML, for cells that cannot depend on the page


@dataclass
class _Table:
    start: int  # first line (the header)
    end: int  # the line after the last row
    styles: list[str]  # the attribute each column's cells carry
    rows: list[list[str]]  # the cells' Markdown, header first


class _Held(logging.Filter):
    """What the render logs, held back until its result is known to be kept (the last of the logger's filters)."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def filter(self, record: logging.LogRecord) -> bool:
        self.records.append(record)
        return False


def render(page: Page, config: MkDocsConfig, files: Files) -> bool:
    """`Page.render(page, config, files)` with the same results, quicker; False if the page is left to it."""
    markdown = page.markdown
    if markdown is None or not _applies(markdown, config):
        return False
    lines = markdown.split("\n")
    tables = _tables(lines)
    if not tables:
        return False
    held: list[str] = []  # the cells Markdown converts, in page order
    pending: dict[str, int] = {}  # a page-independent cell not in the memo: converted once in the page
    plans: list[list[list[str | int]]] = []  # per table, each cell's HTML or its place in `held`
    counts: list[int] = []  # cells each table holds
    out, done = [], 0
    for n, table in enumerate(tables):
        first = len(held)
        plan: list[list[str | int]] = []
        for row in table.rows:
            cells: list[str | int] = []
            for cell in row:
                if PLAIN.search(cell) is None:
                    cells.append(cell)
                    continue
                free = PAGE_BOUND.search(cell) is None
                if free and cell in _memo:
                    cells.append(_memo[cell])
                elif free and cell in pending:
                    cells.append(pending[cell])
                else:
                    if free:
                        pending[cell] = len(held)
                    cells.append(len(held))
                    held.append(cell)
            plan.append(cells)
        plans.append(plan)
        counts.append(len(held) - first)
        out += lines[done : table.start]
        out += [f"| {PREFIX}{n} |", "|---|", *(f"| {c} |" for c in held[first:])]
        done = table.end
    out += lines[done:]

    hold = _Held()
    _log.addFilter(hold)
    try:
        page.markdown = "\n".join(out)
        Page.render(page, config, files)
    finally:
        page.markdown = markdown
        _log.removeFilter(hold)
    cut = _cut(page.content or "", counts)
    if cut is None:
        return False  # what it logged is dropped: MkDocs renders the page again and logs it then
    texts, converted = cut
    html = [texts[0]]
    for table, plan, text in zip(tables, plans, texts[1:], strict=True):
        html += [_html(table.styles, [[c if isinstance(c, str) else converted[c] for c in r] for r in plan]), text]
    page.content = "".join(html)
    for record in hold.records:
        _log.callHandlers(record)  # the logger's own filters passed it already
    if len(_memo) > MEMO_MAX:
        _memo.clear()
    _memo.update((cell, converted[k]) for cell, k in pending.items())
    return True


def _applies(markdown: str, config: MkDocsConfig) -> bool:
    """The extensions are the ones this was checked against; the page's raw HTML is simple tags and references."""
    return (
        all(isinstance(e, str) and e in EXTENSIONS for e in config["markdown_extensions"])
        and set(config["mdx_configs"]) <= {"toc", "tables"}  # and "[TOC]" in a cell is never plain
        and config["mdx_configs"].get("tables") == ALIGN  # cells aligned as `_table` writes them
        and config["mdx_configs"].get("toc", {}).get("marker", "[TOC]") in ("[TOC]", "")
        and PREFIX not in markdown
        and all((TAG if m[0] == "<" else AMP).match(markdown, m.start()) for m in MARKUP.finditer(markdown))
    )


def _tables(lines: list[str]) -> list[_Table]:
    """The tables of exactly the shape `scripts.report.pages.table` writes, each a block of its own."""
    found = []
    i = 0
    while i < len(lines):
        if not lines[i].startswith("|") or (i and lines[i - 1]):
            i += 1
            continue
        end = i
        while end < len(lines) and lines[end]:
            end += 1
        table = _table(lines, i, end)
        if table is not None:
            found.append(table)
        i = end
    return found


def _table(lines: list[str], start: int, end: int) -> _Table | None:
    """Lines `start:end` as the tables extension reads them: every row as wide as the header."""
    block = lines[start:end]
    if len(block) < 3 or any(len(x) < 2 or x[0] != "|" or x[-1] != "|" or UNSAFE.search(x) for x in block):
        return None
    rows = [x[1:-1].split("|") for x in block]
    if any(len(r) != len(rows[0]) for r in rows) or not set("".join(rows[1])) <= set(":- "):
        return None
    styles = []
    for c in rows[1]:
        c = c.strip(" ")
        align = "center" if c[:1] == c[-1:] == ":" else "left" if c[:1] == ":" else "right" if c[-1:] == ":" else ""
        styles.append(f' align="{align}"' if align else "")  # mkdocs.yml: tables' use_align_attribute
    return _Table(start, end, styles, [[c.strip(" ") for c in r] for r in (rows[0], *rows[2:])])


def _cut(content: str, counts: list[int]) -> tuple[list[str], list[str]] | None:
    """The HTML around the cut-down tables, and their cells'; None unless each is there once, as written."""
    parts = CUT.split(content)
    texts, numbers, bodies = parts[0::3], parts[1::3], parts[2::3]
    if numbers != [str(n) for n in range(len(counts))] or any(PREFIX in t for t in texts):
        return None
    converted: list[str] = []
    for body, count in zip(bodies, counts, strict=True):
        lines = body.split("\n")
        if count == 0:
            if lines != ["<tr>", "<td></td>", "</tr>", ""]:
                return None
            continue
        rows = lines[:-1]
        cells = rows[1::3]
        if lines[-1] or len(rows) != 3 * count or set(rows[0::3]) != {"<tr>"} or set(rows[2::3]) != {"</tr>"}:
            return None
        if not all(c.startswith("<td>") and c.endswith("</td>") for c in cells):
            return None
        converted += [c[4:-5] for c in cells]
    return texts, converted


def _html(styles: list[str], rows: list[list[str]]) -> str:
    """A table as the tables extension builds it and Markdown's serializer prints it."""
    out = ["<table>\n<thead>\n<tr>\n"]
    out += [f"<th{s}>{c}</th>\n" for s, c in zip(styles, rows[0], strict=True)]
    out.append("</tr>\n</thead>\n<tbody>\n")
    for row in rows[1:]:
        out.append("<tr>\n")
        out += [f"<td{s}>{c}</td>\n" for s, c in zip(styles, row, strict=True)]
        out.append("</tr>\n")
    out.append("</tbody>\n</table>")
    return "".join(out)
