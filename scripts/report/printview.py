"""One page with the whole report, in the report's order, for printing; and its PDF.

Leaders print the report. The print view puts the generated pages one after
another in the order of a written report (program, results, research topics,
assessment, directions, appendix), with their headings moved one level down
under a single title, their relative links rewritten for the new place, and
a page break before each part (site.css). Search leaves it out, since every
word is already on another page.

`write_pdf` prints the built page to A4 with headless Chromium; the build
does it when `SITE_PDF=1`.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from scripts.data import editions
from scripts.data.model import Dataset
from scripts.report import fmt
from scripts.report.pages import Page, Rendered, demote_headings

PATH = "ban-in.md"
PDF = "tai-ve/ban-in.pdf"
# What the banner of every page says of an illustrative program (overrides/main.html says the same).
ILLUSTRATIVE = (
    'số liệu có dấu "mh" hoặc ghi "minh họa" là số liệu giả định, có dấu "ước" là số ước tính; '
    "chỉ số liệu không có dấu nào là số liệu chính thức."
)
WORD = "tai-ve/bao-cao.docx"  # written by scripts.downloads.word
CHROMIUM = "/usr/bin/chromium"
# The header of every page of the internal edition's PDF (Chromium's header template: inline style only).
INTERNAL_HEADER = (
    '<div style="font-size:8px;width:100%;text-align:right;margin-right:14mm;font-weight:bold">'
    f"{editions.NOTICE.upper()}</div>"
)

# The parts of the report; each lists exact page paths, or a folder ("chi-tieu/") for its pages other than index.md.
PARTS: tuple[tuple[str, ...], ...] = (
    ("chuong-trinh.md",),  # the program and the innovations in how it was led
    ("ket-qua.md", "chi-tieu/"),  # results: outstanding results, each target, schemes; each indicator
    ("de-tai/index.md", "de-tai/"),  # research topics
    ("danh-gia.md",),  # assessment
    ("phuong-huong.md",),  # directions
    ("phu-luc/index.md", "phu-luc/"),  # appendix
)
PRINT_ROWS = 60  # rows of a table on paper; the rest stays on the page and in its download
APPENDIX_ROWS = 600  # rows of all the indicators' appendix tables on paper together, shared among them
INDICATOR_ROWS = 1200  # rows of each table of the indicators' pages on paper, shared among the indicators

# Sections left out of the print view because the appendix prints the same figures (units × periods).
REPEATED_SECTIONS = ("Bảng số liệu đầy đủ",)
_LINK = re.compile(r"\]\(([^)\s#]*)(#[^)\s]*)?\)")


def ordered(pages: tuple[Page, ...]) -> list[list[Page]]:
    """The pages of each part, in the report's order (pages in a folder keep the site's order)."""
    return [[p for w in part for p in pages if _in(p.path, w)] for part in PARTS]


def wanted(path: str) -> bool:
    """Whether the print view shows the page at `path` (a build holds only those until the print view is made)."""
    return any(_in(path, w) for part in PARTS for w in part)


def _in(path: str, w: str) -> bool:
    """Whether the page at `path` is the part's entry `w`: a page, or a folder's pages (`chi-tieu/`).

    A folder's index is not among its pages, nor are pages in its sub-folders (the further pages of a split
    appendix), as the first page's table is cut for paper anyway.
    """
    if w.endswith("/"):
        return path.startswith(w) and path != w + "index.md" and "/" not in path[len(w) :]
    return path == w


def without_sections(markdown: str, titles: tuple[str, ...] = REPEATED_SECTIONS) -> str:
    """`markdown` without its level-2 sections whose heading is one of `titles`."""
    out, skipping = [], False
    for line in markdown.splitlines():
        if line.startswith("## "):
            skipping = line[3:].strip() in titles
        elif line.startswith("# "):
            skipping = False
        if not skipping:
            out.append(line)
    return "\n".join(out)


def shorten_tables(markdown: str, src: str, limit: int = PRINT_ROWS, lists: bool = False) -> str:
    """Tables of more than `limit` rows cut to their first rows, with a line that says where the rest is;
    with `lists`, lists of more than `limit` items too (an appendix's notes and sources of its figures).

    So the print view grows with the number of pages, not with units × periods (the appendix of a
    commune-level program would otherwise run to thousands of sheets).
    """
    out: list[str] = []
    rows = items = 0
    for line in [*markdown.splitlines(), ""]:
        if line.startswith("|"):
            rows += 1
            if rows <= limit + 2:  # header and separator lines, then `limit` rows
                out.append(line)
            continue
        if lists and line.startswith("- "):
            items += 1
            if items <= limit:
                out.append(line)
            continue
        if rows > limit + 2:
            rest = rows - limit - 2
            out += [
                "",
                f"_… và {rest} dòng nữa: bảng đầy đủ ở [trang web]({posixpath.basename(src)}) và trong tệp tải về._",
            ]
        if items > limit:
            out += ["", f"_… và {items - limit} ghi chú nữa: đầy đủ ở [trang web]({posixpath.basename(src)})._"]
        rows = items = 0
        out.append(line)
    return "\n".join(out[:-1])


def relink(markdown: str, src: str, dest: str = PATH) -> str:
    """Relative Markdown links and images of a page at `src`, rewritten for a page at `dest`."""

    def move(m: re.Match[str]) -> str:
        target, anchor = m.group(1), m.group(2) or ""
        if not target or "://" in target or target.startswith(("/", "mailto:")):
            return m.group(0)
        full = posixpath.normpath(posixpath.join(posixpath.dirname(src), target))
        return f"]({posixpath.relpath(full, posixpath.dirname(dest) or '.')}{anchor})"

    return _LINK.sub(move, markdown)


def page(ds: Dataset, rendered: Rendered, pdf: bool = False) -> Page:
    p = ds.program
    body = [f"# Báo cáo kết quả thực hiện Chương trình {fmt.text(p.code)}\n"]
    body.append(
        f"{fmt.text(p.title)}. {fmt.text(p.issuer)}, giai đoạn {p.start}–{p.end}; "
        f"số liệu tính đến {fmt.date(p.as_of)}.\n"
    )
    if p.illustrative:
        body.append(f'<p class="notice notice--illustrative"><strong>Số liệu minh họa:</strong> {ILLUSTRATIVE}</p>\n')
    if pdf:
        body.append(f'<p class="print-hide">Bản PDF khổ A4: <a href="{PDF}">ban-in.pdf</a>.</p>\n')
    body.append(f"[Tải báo cáo (Word)]({WORD}), theo thể thức văn bản của Đảng.\n{{: .print-hide }}\n")
    for n, part in enumerate(ordered(rendered.pages)):
        if n:
            body.append('<div class="print-break"></div>\n')
        for pg in part:
            appendix = pg.path.startswith("phu-luc/") and pg.path != "phu-luc/index.md"
            indicator = pg.path.startswith("chi-tieu/") and pg.path != "chi-tieu/index.md"
            shared = APPENDIX_ROWS if appendix else INDICATOR_ROWS if indicator else 0
            limit = max(5, min(PRINT_ROWS, shared // max(1, len(ds.indicators)))) if shared else PRINT_ROWS
            text = shorten_tables(demote_headings(without_sections(pg.body)), pg.path, limit, lists=appendix)
            body.append(relink(text, pg.path) + "\n")
    return Page(PATH, f"Bản in: {p.code}", "\n".join(body), search="none")  # it repeats the pages search finds


def write_pdf(site_dir: Path, out: Path | None = None, executable: str = CHROMIUM, internal: bool = False) -> Path:
    """Print the built print view to `out` (default: `tai-ve/ban-in.pdf` in the site), A4, numbered pages.

    `internal`: the internal edition's PDF, "Lưu hành nội bộ" at the top of every page (`INTERNAL_HEADER`).
    """
    from playwright.sync_api import sync_playwright

    html = site_dir / PATH.replace(".md", ".html")
    out = out or site_dir / PDF
    out.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=executable, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        try:
            view = browser.new_page()
            view.goto(html.resolve().as_uri(), wait_until="load")
            view.pdf(
                path=str(out),
                format="A4",
                print_background=True,
                margin={"top": "15mm", "bottom": "18mm", "left": "14mm", "right": "14mm"},
                display_header_footer=True,
                header_template=INTERNAL_HEADER if internal else "<span></span>",
                footer_template='<div style="font-size:8px;width:100%;text-align:center">'
                '<span class="pageNumber"></span>/<span class="totalPages"></span></div>',
            )
        finally:
            browser.close()
    return out
