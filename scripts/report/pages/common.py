"""What every page shares: the `Page`, paths and links, labels, marks, status badges, tables and Markdown helpers."""

from __future__ import annotations

import functools
import html
import json
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass

from scripts.data.model import Dataset, Finding, Indicator, Topic, Unit, Value
from scripts.report import charts, fmt, tabular
from scripts.report import status as status_mod
from scripts.report.compute import Results
from scripts.report.status import ICONS, MARKS_OF, VERDICTS, Status

COMPARE_LIMIT = 40  # bars in one comparison chart; the table beside it has all


VALUES_ROWS = 500  # rows of an indicator page's values table; every value is in the appendix


COMPARE_ROWS = 200  # rows of an indicator page's comparison of units; every unit is in its download


UNITS_ROWS = 500  # units in one page of the list of units


APPENDIX_UNITS = 100  # units in one page of an indicator's appendix table


KIND_LABELS = tabular.UNIT_KINDS


TARGET_TYPE_LABELS = tabular.TARGET_TYPE_LABELS


DIRECTION_LABELS = {"up": "càng cao càng tốt", "down": "càng thấp càng tốt"}  # none (monitoring): no "Hướng"


VALUE_STATUS_LABELS = tabular.KIND_WORDS


TOPIC_STATUS_LABELS = tabular.TOPIC_STATUS_LABELS


DOCUMENT_KIND_LABELS = tabular.DOCUMENT_KIND_LABELS


PROGRESS_LABELS = {
    "planned": "Chưa triển khai",
    "in_progress": "Đang thực hiện",
    "completed": "Đã hoàn thành",
    "stopped": "Dừng thực hiện",
}


FINDING_HEADINGS = {
    "overall": "Đánh giá chung",
    "highlight": "Kết quả nổi bật",
    "strength": "Ưu điểm",
    "limitation": "Hạn chế, yếu kém",
    "cause": "Nguyên nhân",
    "lesson": "Bài học kinh nghiệm",
    "direction": "Phương hướng, nhiệm vụ",
    "solution": "Giải pháp",
}


# One finding, as named elsewhere ("Hạn chế 3"), and its anchor on its page.
FINDING_NAMES = {
    "overall": "Đánh giá chung",
    "highlight": "Kết quả nổi bật",
    "strength": "Ưu điểm",
    "limitation": "Hạn chế",
    "cause": "Nguyên nhân",
    "lesson": "Bài học",
    "direction": "Phương hướng",
    "solution": "Giải pháp",
}


FINDING_ANCHORS = {
    "overall": "danh-gia-chung",
    "highlight": "noi-bat",
    "strength": "uu-diem",
    "limitation": "han-che",
    "cause": "nguyen-nhan",
    "lesson": "bai-hoc",
    "direction": "phuong-huong",
    "solution": "giai-phap",
}


FINDING_PAGES = {
    "overall": "danh-gia.md",
    "highlight": "ket-qua.md",
    "strength": "danh-gia.md",
    "limitation": "danh-gia.md",
    "cause": "danh-gia.md",
    "lesson": "danh-gia.md",
    "direction": "phuong-huong.md",
    "solution": "phuong-huong.md",
}


ASPECT_HEADINGS = {"objective": "Nguyên nhân khách quan", "subjective": "Nguyên nhân chủ quan", "": "Nguyên nhân khác"}


# How a figure that is not official is marked where it stands: (the short mark, what it means).
MARKS = {
    "estimate": ("ước", "ước tính"),
    "illustrative": ("mh", "minh họa"),
    "estimate_illustrative": ("ước, mh", "ước tính, minh họa"),
}


BASIS_WORDS = tabular.BASIS_WORDS  # how a result or a status computed from such a figure says so


@dataclass(frozen=True)
class Page:
    path: str  # relative to the docs root, e.g. chi-tieu/ct01.md
    title: str  # plain text
    body: str  # Markdown
    search: str = ""  # what search indexes: "" all, "prose" all but the tables, "lead" the title and lead, "none"

    @property
    def markdown(self) -> str:
        title = json.dumps(page_title(self.title), ensure_ascii=False)
        if self.search == "none":  # the theme's search does not even read it
            search = "search:\n  exclude: true\n"
        else:
            search = f"search_text: {self.search}\n" if self.search else ""
        return f"---\ntitle: {title}\n{search}---\n\n{self.body.rstrip()}\n"


@dataclass(frozen=True)
class Rendered:
    pages: tuple[Page, ...]
    charts: tuple[charts.Chart, ...]


def indicator_path(ind: Indicator) -> str:
    return f"chi-tieu/{ind.slug}.md"


def unit_path(unit: Unit) -> str:
    return f"don-vi/{unit.slug}.md"


def topic_path(topic: Topic) -> str:
    return f"de-tai/{topic.slug}.md"


def appendix_path(ind: Indicator, part: int = 1) -> str:
    """Part 1 of an indicator's appendix, or a further part in the indicator's folder."""
    return f"phu-luc/{ind.slug}.md" if part == 1 else f"phu-luc/{ind.slug}/{part}.md"


def link(text: str, src: str, dest: str, anchor: str = "") -> str:
    """A Markdown link from page `src` to page `dest`; `text` is already Markdown."""
    rel = _relpath(dest, posixpath.dirname(src) or ".")
    return f"[{text}]({rel}{'#' + anchor if anchor else ''})"


@functools.lru_cache(maxsize=65536)  # pages link to the same few folders over and over
def _relpath(dest: str, start: str) -> str:
    return posixpath.relpath(dest, start)


def download_path(page: str, name: str) -> str:
    """Where the CSV of table `name` of `page` is written, without extension (see scripts.downloads.tables)."""
    return f"tai-ve/{page.removesuffix('.md')}-{name}"


def workbook_path(page: str) -> str:
    """Where the Excel workbook of `page` (one sheet per table) is written."""
    return f"tai-ve/{page.removesuffix('.md')}.xlsx"


def downloads(src: str, name: str, page: str = "") -> str:
    """Links to the CSV of the table `name` of `page` (default: `src`, the page that shows them) and its workbook."""
    here, page = posixpath.dirname(src) or ".", page or src
    rel, book = posixpath.relpath(download_path(page, name), here), posixpath.relpath(workbook_path(page), here)
    return f"Tải bảng: [CSV]({rel}.csv) · [Excel, mọi bảng của trang]({book})\n{{: .downloads }}\n"


def status_badge(s: Status | None) -> str:
    """A status as a coloured label; one computed from an estimate or illustrative figure says so."""
    if s is None:
        return f'<span class="status status--none" title="Mục tiêu áp dụng cho toàn địa bàn">{status_text(s)}</span>'
    return f'<span class="status status--{s.code}">{ICONS[s.code]} {status_text(s)}</span>'


status_text = tabular.status_words


OP_SIGNS = tabular.OP_SIGNS


target_text = tabular.target_markdown


def mark(kind: str) -> str:
    """The mark of a figure that is not official, to stand right after it ("" for an official one)."""
    if kind not in MARKS:
        return ""
    short, meaning = MARKS[kind]
    return f'&#160;<sup class="mark mark--{kind}" title="Số liệu {meaning}">{short}</sup>'


def figure_cell(value: float | None, measure: str, kind: str = "official", decimals: int | None = None) -> str:
    """A figure in a table, with its mark when it is not official; "–" when there is none.

    `decimals`: its indicator's (`Results.decimals`).
    """
    if value is None:
        return "–"
    return fmt.quantity(value, measure, decimals) + mark(kind)


def marks_legend(kinds: set[str]) -> str:
    """The line under a table that says what its marks mean ("" when it has none)."""
    marks = set().union(*(MARKS_OF.get(k, ()) for k in kinds))
    found = [k for k in ("estimate", "illustrative") if k in marks]
    if not found:
        return ""
    return "_Ghi chú: " + "; ".join(f"{MARKS[k][0]}: số liệu {MARKS[k][1]}" for k in found) + "._\n"


period_span = tabular.period_span


def result_text(ind: Indicator, s: Status, decimals: int) -> str:
    """The figure a status was computed from, worded as the contract says, with its kind.

    Cumulative: "Lũy kế 2016–2020: 12.345 người"; annual: "56,8% (2020); đạt 4/5 năm";
    end and no target: "56,8% (2020)". An estimate or illustrative figure says so: "(2020, ước)".
    `decimals`: the indicator's (`Results.decimals`).
    """
    if s.compared is None or s.period is None:
        return "Chưa có số liệu"
    figure = fmt.quantity(s.compared, ind.measure, decimals)
    basis = BASIS_WORDS.get(s.kind, "")
    if ind.target_type == "cumulative" and s.first is not None:
        return f"Lũy kế {tabular.summed_span(s)}: {figure}" + (f" ({basis})" if basis else "")
    text = f"{figure} ({s.period.short}" + (f", {basis}" if basis else "") + ")"
    if ind.target_type == "annual" and s.counted:
        unit = "năm" if s.period.months == 12 else "kỳ"
        text += f"; đạt {s.met}/{s.counted} {unit}"
        if (
            status_mod.weakest((s.kind, s.counted_kind)) != s.kind
        ):  # the periods counted carry a mark the latest has not
            text += f" ({BASIS_WORDS[s.counted_kind]})"
    return text


def value_text(v: Value | None, measure: str, decimals: int) -> str:
    return "–" if v is None else fmt.quantity(v.value, measure, decimals)


def table(header: list[str], rows: list[list[str]], align: str = "") -> str:
    """A Markdown table; cells must already be Markdown-safe."""
    if not rows:
        return "_Chưa có dữ liệu._\n"
    aligns = [
        (":" if a == "l" else "-") + "--" + (":" if a == "r" else "-")
        for a in align[: len(header)].ljust(len(header), "l")
    ]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(aligns) + "|"]
    lines += ["| " + " | ".join(c if c.strip() else " " for c in r) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def model_table(t: tabular.Table, src: str, figure: Callable[[tabular.Figure], str] | None = None) -> str:
    """A table of the model (`scripts.report.tabular`) as the page shows it: its page columns and rows, formatted.

    `figure`: how this table shows a figure, when not as every other table does (`page_cell`).
    """
    shown = t.shown()
    header = [fmt.text(c.page_title or c.title) for c, _ in shown]
    rows = [
        [
            figure(c) if figure and isinstance(c, tabular.Figure) else page_cell(c, src)
            for c in (row[n] for _, n in shown)
        ]
        for row in t.page_rows
    ]
    return table(header, rows, "".join(c.align for c, _ in shown))


def page_cell(cell: tabular.Cell, src: str) -> str:
    """One cell of the model as Markdown: data text made inert, figures in Vietnamese with their marks."""
    if cell is None:
        return "–"
    if isinstance(cell, tabular.Figure):
        if cell.value is None:
            return cell.missing
        shown = figure_cell(cell.value, cell.measure, cell.kind if cell.marked else "official", cell.decimals)
        return shown + (f" ({fmt.text(cell.period.label)})" if cell.period else "")
    if isinstance(cell, tabular.Linked):
        return "&#8195;" * cell.indent + link(fmt.text(cell.text), src, cell.target)
    if isinstance(cell, tabular.Links):
        return ", ".join(page_cell(item, src) for item in cell.items)
    if isinstance(cell, tabular.StatusOf):
        return status_badge(cell.status)
    if isinstance(cell, tabular.When):
        return cell.period.short if cell.short else cell.period.label
    if isinstance(cell, tabular.Rank):
        return fmt.number(cell.n)
    if isinstance(cell, tabular.Target):
        return target_text(cell.indicator, cell.decimals)
    if isinstance(cell, tabular.Result):
        return result_text(cell.indicator, cell.status, cell.decimals)
    if isinstance(cell, tabular.Markup):
        return cell.markdown
    if isinstance(cell, tabular.Day):
        return fmt.date(cell.date) or " "
    if isinstance(cell, (int, float)):
        return fmt.number(cell)
    return fmt.cell(cell)


def page_title(value: str) -> str:
    """Data text for a page title: HTML-escaped, no template braces."""
    return html.escape(value, quote=True).replace("{", "&#123;").replace("}", "&#125;")


def safe_markdown(text: str) -> str:
    """Staff-written Markdown from a CSV cell: emphasis and lists, no HTML, links or templates."""
    out = []
    for c in text:
        out.append(f"&#{ord(c)};" if c in "<>&{}[]()!\\`|$" else c)
    return "".join(out)


def demote_headings(markdown: str, levels: int = 1) -> str:
    """Shift ATX headings down so a page keeps a single H1."""
    out, fenced = [], False
    for line in markdown.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        if not fenced and re.match(r"^#{1,5} ", line):
            line = "#" * levels + line
        out.append(line)
    return "\n".join(out)


def sample_mark(ds: Dataset, source: str) -> str:
    """A label on a finding, topic or document of an illustrative program that gives no source."""
    if not ds.program.illustrative or source:
        return ""
    return (
        ' <span class="mark mark--sample" title="Không có nguồn: nội dung mẫu, không phải thông tin chính thức">'
        "Nội dung mẫu</span>"
    )


def _inline(markdown: str) -> str:
    """Staff Markdown from a cell, as one paragraph inside a list item."""
    return " ".join(line.strip() for line in safe_markdown(markdown).splitlines() if line.strip())


def finding_anchor(f: Finding) -> str:
    return f"{FINDING_ANCHORS[f.kind]}-{f.order}"


def findings_links(found: tuple[Finding, ...], src: str) -> str:
    """ "Hạn chế 3: title; Bài học 1: title", each linked to the finding."""
    return "; ".join(
        link(f"{FINDING_NAMES[f.kind]} {f.order}: {fmt.text(f.title)}", src, FINDING_PAGES[f.kind], finding_anchor(f))
        for f in found
    )


@dataclass(frozen=True)
class Evidence:
    """One item a finding rests on, named in words: an indicator with its figure and status, a document, a topic."""

    name: str  # plain text: the indicator's name, "Kế hoạch số 05-KH/TU: title", "Đề tài “title”"
    page: str  # the page it is on
    anchor: str = ""
    indicator: Indicator | None = None
    status: Status | None = None  # an indicator's status, whose figure and verdict are cited with it


def evidence(ds: Dataset, r: Results, f: Finding) -> list[Evidence]:
    """What finding `f` cites (`related`), in its order, each as the report names it: in words, not by its code."""
    out = []
    for item in f.related:
        if item in ds.indicator_by_id:
            i = ds.indicator_by_id[item]
            out.append(Evidence(i.name, indicator_path(i), indicator=i, status=r.status(i.id)))
        elif item in ds.document_by_number:
            d = ds.document_by_number[item]
            out.append(Evidence(document_name(d.kind, d.number, d.title), "chuong-trinh.md", f"vb-{d.slug}"))
        elif item in ds.topic_by_id:
            tp = ds.topic_by_id[item]
            out.append(Evidence(f"Đề tài “{tp.title}”", topic_path(tp)))
    return out


def document_name(kind: str, number: str, title: str) -> str:
    """ "Kế hoạch số 05-KH/TU: Kế hoạch thực hiện chương trình": how a report cites a document."""
    return f"{DOCUMENT_KIND_LABELS[kind]} số {number}: {title}"


def related_links(ds: Dataset, r: Results, f: Finding, src: str) -> list[str]:
    """The items a finding rests on, each linked and named in words; an indicator with its figure and status."""
    out = []
    for e in evidence(ds, r, f):
        shown = link(fmt.text(e.name), src, e.page, e.anchor)
        if e.indicator is not None and e.status is not None:
            shown += f": {result_text(e.indicator, e.status, r.decimals(e.indicator))}"
            if e.status.code in VERDICTS:  # a figure held against a target; no status says nothing more
                shown += f" — {status_badge(e.status)}"
        out.append(shown)
    return out
