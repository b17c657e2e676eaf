"""Render the dataset into Markdown pages and chart specs.

Pages made here come from data and are never rendered as Jinja; every piece
of data text goes through `fmt.text`. Links are relative `.md` links so
MkDocs checks them. The hand-written pages in `docs/` reach the same
fragments through `scripts.report.macros`.
"""

from __future__ import annotations

import dataclasses
import functools
import html
import json
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass

from scripts.data import schema
from scripts.data.messages import MESSAGES
from scripts.data.model import Dataset, Document, Finding, Indicator, Period, Topic, Unit, Value
from scripts.data.textutil import vi_key
from scripts.report import charts, fmt, tabular
from scripts.report import status as status_mod
from scripts.report.compute import Results
from scripts.report.memo import Always, Memo
from scripts.report.status import ICONS, LABELS, ORDER, Status

COMPARE_LIMIT = 40  # bars in one comparison chart; the table beside it has all
VALUES_ROWS = 500  # rows of an indicator page's values table; every value is in the appendix
COMPARE_ROWS = 200  # rows of an indicator page's comparison of units; every unit is in its download
UNITS_ROWS = 500  # units in one page of the list of units
APPENDIX_UNITS = 100  # units in one page of an indicator's appendix table

KIND_LABELS = tabular.UNIT_KINDS
TARGET_TYPE_LABELS = tabular.TARGET_TYPE_LABELS
DIRECTION_LABELS = {"up": "càng cao càng tốt", "down": "càng thấp càng tốt"}
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
    "highlight": "Kết quả nổi bật",
    "strength": "Ưu điểm",
    "limitation": "Hạn chế, yếu kém",
    "cause": "Nguyên nhân",
    "lesson": "Bài học kinh nghiệm",
    "direction": "Phương hướng, nhiệm vụ",
}
# One finding, as named elsewhere ("Hạn chế 3"), and its anchor on its page.
FINDING_NAMES = {
    "highlight": "Kết quả nổi bật",
    "strength": "Ưu điểm",
    "limitation": "Hạn chế",
    "cause": "Nguyên nhân",
    "lesson": "Bài học",
    "direction": "Phương hướng",
}
FINDING_ANCHORS = {
    "highlight": "noi-bat",
    "strength": "uu-diem",
    "limitation": "han-che",
    "cause": "nguyen-nhan",
    "lesson": "bai-hoc",
    "direction": "phuong-huong",
}
FINDING_PAGES = {
    "highlight": "ket-qua.md",
    "strength": "danh-gia.md",
    "limitation": "danh-gia.md",
    "cause": "danh-gia.md",
    "lesson": "danh-gia.md",
    "direction": "phuong-huong.md",
}
ASPECT_HEADINGS = {"objective": "Nguyên nhân khách quan", "subjective": "Nguyên nhân chủ quan", "": "Nguyên nhân khác"}
# How a figure that is not official is marked where it stands: (the short mark, what it means).
MARKS = {"estimate": ("ước", "ước tính"), "illustrative": ("mh", "minh họa")}
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


# --- paths and shared fragments ---------------------------------------------


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


def figure_cell(value: float | None, measure: str, kind: str = "official") -> str:
    """A figure in a table, with its mark when it is not official; "–" when there is none."""
    if value is None:
        return "–"
    return fmt.quantity(value, measure) + mark(kind)


def marks_legend(kinds: set[str]) -> str:
    """The line under a table that says what its marks mean ("" when it has none)."""
    found = [k for k in MARKS if k in kinds]
    if not found:
        return ""
    return "_Ghi chú: " + "; ".join(f"{MARKS[k][0]}: số liệu {MARKS[k][1]}" for k in found) + "._\n"


period_span = tabular.period_span


def result_text(ind: Indicator, s: Status) -> str:
    """The figure a status was computed from, worded as the contract says, with its kind.

    Cumulative: "Lũy kế 2016–2020: 12.345 người"; annual: "56,8% (2020); đạt 4/5 năm";
    end and no target: "56,8% (2020)". An estimate or illustrative figure says so: "(2020, ước)".
    """
    if s.compared is None or s.period is None:
        return "Chưa có số liệu"
    figure = fmt.quantity(s.compared, ind.measure)
    basis = BASIS_WORDS.get(s.basis, "")
    if ind.target_type == "cumulative" and s.first is not None:
        return f"Lũy kế {period_span(s.first, s.period)}: {figure}" + (f" ({basis})" if basis else "")
    text = f"{figure} ({s.period.short}" + (f", {basis}" if basis else "") + ")"
    if ind.target_type == "annual" and s.counted:
        unit = "năm" if s.period.months == 12 else "kỳ"
        text += f"; đạt {s.met}/{s.counted} {unit}"
    return text


def value_text(v: Value | None, measure: str) -> str:
    return "–" if v is None else fmt.quantity(v.value, measure)


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
        shown = figure_cell(cell.value, cell.measure, cell.kind if cell.marked else "official")
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
        return target_text(cell.indicator)
    if isinstance(cell, tabular.Result):
        return result_text(cell.indicator, cell.status)
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


# --- the site ----------------------------------------------------------------


def indicator_pages(ds: Dataset, r: Results, reuse: Memo | None = None) -> list[tuple[Page, list[charts.Chart]]]:
    """The page of each indicator with its charts: what a build needs first, to start drawing.

    `reuse`: pages an earlier build made of the same data are read back (a `Memo`).
    """
    reuse = reuse or Always()
    return [reuse.indicator(ind.id, "page", functools.partial(indicator_page, ds, r, ind)) for ind in ds.indicators]


def render(
    ds: Dataset,
    results: Results | None = None,
    indicators: list[tuple[Page, list[charts.Chart]]] | None = None,
    reuse: Memo | None = None,
    whole_slots: bool = False,
) -> Rendered:
    """Every page made from the data; `indicators` are the indicator pages if made already.

    `whole_slots`: unit pages hold slots for the whole's figures, which the build fills (`scripts.report.whole`).
    """
    r = results or Results(ds)
    reuse = reuse or Always()
    indicators = indicator_pages(ds, r, reuse) if indicators is None else indicators
    pages: list[Page] = [
        program_page(ds, r),
        results_page(ds, r),
        indicators_index(ds, r),
        *units_index(ds, r, reuse),
        topics_index(ds),
        assessment_page(ds, r),
        directions_page(ds, r),
        milestones_page(ds),
        appendix_index(ds, r),
    ]
    all_charts: list[charts.Chart] = []
    for ind, (page, ind_charts) in zip(ds.indicators, indicators, strict=True):
        pages.append(page)
        all_charts += ind_charts
        pages += reuse.indicator(ind.id, "appendix", functools.partial(appendix_pages, ds, r, ind))
    pages += [reuse.unit(u.code, "page", functools.partial(unit_page, ds, r, u, whole_slots)) for u, _ in r.tree]
    pages += [topic_page(ds, t) for t in ds.topics]
    return Rendered(tuple(pages), tuple(all_charts))


def program_page(ds: Dataset, r: Results) -> Page:
    """The program and the innovations in how it was led: what was done, and the evidence of its effect."""
    p = ds.program
    src = "chuong-trinh.md"
    body = [f"# Chương trình {fmt.text(p.code)}\n", glance(ds), downloads(src, "thong-tin")]
    if p.summary:
        body += ["## Tóm tắt\n", p.summary, ""]
    body.append("## Đổi mới phương thức lãnh đạo, chỉ đạo\n")
    if p.innovations:
        body += [p.innovations, ""]
    body.append(
        "Mỗi văn bản dưới đây ghi việc đã làm và căn cứ cho thấy hiệu quả: tiến độ và kết quả của văn bản, "
        "các chỉ tiêu gắn với văn bản (kết quả, đánh giá) và nội dung báo cáo nêu văn bản.\n"
    )
    body.append("### Văn bản lãnh đạo, chỉ đạo đã ban hành\n")
    if not ds.documents:
        body.append("_Chưa có văn bản nào trong dữ liệu._\n")
    fields = sorted({d.field for d in ds.documents}, key=lambda f: (f == "", vi_key(f)))
    for field in fields:
        body.append(f"#### {fmt.text(field) if field else 'Lĩnh vực khác'}\n")
        body += [document_entry(ds, r, d, src) for d in ds.documents if d.field == field]
    return Page(src, f"Chương trình {p.code}", "\n".join(body))


def sample_mark(ds: Dataset, source: str) -> str:
    """A label on a finding, topic or document of an illustrative program that gives no source."""
    if not ds.program.illustrative or source:
        return ""
    return (
        ' <span class="mark mark--sample" title="Không có nguồn: nội dung mẫu, không phải thông tin chính thức">'
        "Nội dung mẫu</span>"
    )


def document_entry(ds: Dataset, r: Results, d: Document, src: str) -> str:
    """One document: what it is, its progress and result, the indicators it drives and the findings that name it."""
    lines = [
        f'- <span id="vb-{d.slug}"></span>**{fmt.text(d.number)}** '
        f"({DOCUMENT_KIND_LABELS[d.kind]}, {fmt.date(d.date)}): {fmt.text(d.title)}"
        + (f". Cơ quan ban hành: {fmt.text(d.issuer)}" if d.issuer else "")
        + sample_mark(ds, d.source)
    ]
    if d.summary:
        lines.append(f"    {fmt.text(d.summary)}")
    if d.progress:
        lines.append(f"    **Tiến độ:** {PROGRESS_LABELS[d.progress]}")
    if d.result:
        lines.append(f"    **Kết quả:** {_inline(d.result)}")
    drives = r.documents_driving(d.number)
    if drives:
        shown = "; ".join(
            f"{link(fmt.text(f'{i.id} {i.name}'), src, indicator_path(i))}: "
            f"{result_text(i, r.status(i.id))}, {status_badge(r.status(i.id))}"
            for i in drives
        )
        lines.append(f"    **Chỉ tiêu gắn với văn bản:** {shown}")
    named = ds.findings_naming.get(d.number, ())
    if named:
        lines.append(f"    **Được nêu trong báo cáo:** {findings_links(named, src)}")
    if d.source:
        lines.append(f"    Nguồn: {fmt.text(d.source)}")
    return "\n\n".join(lines) + "\n"


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


def related_links(ds: Dataset, r: Results, f: Finding, src: str) -> str:
    """The items a finding rests on, linked, each indicator with its result and status."""
    out = []
    for item in f.related:
        if item in ds.indicator_by_id:
            i = ds.indicator_by_id[item]
            s = r.status(i.id)
            out.append(
                f"{link(fmt.text(f'{i.id} {i.name}'), src, indicator_path(i))} ({result_text(i, s)}; {status_badge(s)})"
            )
        elif item in ds.document_by_number:
            d = ds.document_by_number[item]
            out.append(
                link(
                    fmt.text(f"{d.number} ({DOCUMENT_KIND_LABELS[d.kind].lower()})"),
                    src,
                    "chuong-trinh.md",
                    f"vb-{d.slug}",
                )
            )
        elif item in ds.topic_by_id:
            tp = ds.topic_by_id[item]
            out.append(link(fmt.text(f"Đề tài {tp.id}"), src, topic_path(tp)))
    return "; ".join(out)


def results_page(ds: Dataset, r: Results) -> Page:
    """Part I of the report: outstanding results, each target's result, schemes and topics."""
    src = "ket-qua.md"
    body = [
        "# Kết quả thực hiện Chương trình\n",
        f"## {FINDING_HEADINGS['highlight']}\n",
        findings_section(ds, r, "highlight", src, level=3),
        "## Kết quả thực hiện các chỉ tiêu\n",
        status_sentence(ds, r) + f" Cách đánh giá: {link('phương pháp', src, 'du-lieu.md', 'phuong-phap-danh-gia')}.\n",
    ]
    for group, inds in groups(ds):
        body.append(f"### {fmt.text(group)}\n")
        body.append(results_table(ds, r, inds, src))
    body.append(f"Bảng đầy đủ có bộ lọc: {link('Chỉ tiêu', src, 'chi-tieu/index.md')}.\n")
    body.append("## Tình hình thực hiện các đề án, chương trình, chuyên đề\n")
    body.append(tracked_documents(ds, src))
    body.append("## Đề tài khoa học\n")
    accepted = sum(1 for tp in ds.topics if tp.status.startswith("accepted"))
    body.append(
        f"{fmt.number(accepted)}/{fmt.number(len(ds.topics))} đề tài đã được nghiệm thu. "
        f"Kết quả từng đề tài: {link('Đề tài khoa học', src, 'de-tai/index.md')}.\n"
    )
    body.append(topic_summary(ds))
    return Page(src, "Kết quả thực hiện", "\n".join(body))


def groups(ds: Dataset) -> list[tuple[str, list[Indicator]]]:
    """The indicators by their group, groups in the order they first appear."""
    out: dict[str, list[Indicator]] = {}
    for ind in ds.indicators:
        out.setdefault(ind.group, []).append(ind)
    return list(out.items())


def status_sentence(ds: Dataset, r: Results) -> str:
    """ "13 chỉ tiêu, đánh giá cho Thành phố Hà Nội đến 30/06/2020: 4 đã đạt, …"."""
    parts = [f"{fmt.number(r.summary[c])} {LABELS[c].lower()}" for c in ORDER if r.summary.get(c)]
    return (
        f"{fmt.number(len(ds.indicators))} chỉ tiêu, đánh giá cho {fmt.text(ds.root.name)} "
        f"theo số liệu đến {fmt.date(ds.program.as_of)}: " + ", ".join(parts) + "."
    )


def results_table(ds: Dataset, r: Results, inds: list[Indicator], src: str) -> str:
    rows = [
        [
            link(fmt.text(f"{i.id}. {i.name}"), src, indicator_path(i)),
            target_text(i),
            result_text(i, r.status(i.id)),
            status_badge(r.status(i.id)),
        ]
        for i in inds
    ]
    return table(["Chỉ tiêu", "Mục tiêu", "Kết quả", "Đánh giá"], rows)


def tracked_documents(ds: Dataset, src: str) -> str:
    """Schemes, programs, plans and thematic work with their progress and what they achieved."""
    docs = [d for d in ds.documents if d.kind in schema.TRACKED_KINDS and d.number != ds.program.code]
    if not docs:
        return "_Chưa có đề án, chương trình, kế hoạch hay chuyên đề nào trong dữ liệu._\n"
    rows = [
        [
            link(fmt.text(d.number), src, "chuong-trinh.md", f"vb-{d.slug}"),
            DOCUMENT_KIND_LABELS[d.kind],
            fmt.text(d.title) + sample_mark(ds, d.source),
            PROGRESS_LABELS[d.progress] if d.progress else "Chưa cập nhật",
            _inline(d.result) if d.result else "Chưa cập nhật",
        ]
        for d in docs
    ]
    return table(["Số hiệu", "Loại", "Trích yếu", "Tiến độ", "Kết quả đến nay"], rows)


def glance(ds: Dataset) -> str:
    return model_table(tabular.program_facts(ds.program, "chuong-trinh.md"), "chuong-trinh.md")


def status_summary(ds: Dataset, r: Results, src: str) -> str:
    return model_table(tabular.status_counts(r, ds.indicators, src, indicator_path), src)


def topic_summary(ds: Dataset) -> str:
    return model_table(tabular.topic_counts(ds.topics, "de-tai/index.md"), "de-tai/index.md")


def indicators_table(ds: Dataset, r: Results, src: str) -> str:
    return model_table(tabular.indicators_table(r, ds.indicators, indicator_path), src)


def indicators_index(ds: Dataset, r: Results) -> Page:
    src = "chi-tieu/index.md"
    body = [
        "# Chỉ tiêu và kết quả thực hiện\n",
        f"Đánh giá tính cho {fmt.text(ds.root.name)}, theo "
        f"{link('phương pháp', src, 'du-lieu.md', 'phuong-phap-danh-gia')}.\n",
        status_summary(ds, r, src),
        downloads(src, "danh-gia"),
        "## Toàn bộ chỉ tiêu\n",
        '<div class="table-filter" data-columns="0,4"></div>\n',
        indicators_table(ds, r, src),
        downloads(src, "chi-tieu"),
    ]
    return Page(src, "Chỉ tiêu", "\n".join(body))


def indicator_page(ds: Dataset, r: Results, ind: Indicator) -> tuple[Page, list[charts.Chart]]:
    src = indicator_path(ind)
    root = ds.root
    chart_list: list[charts.Chart] = []
    body = [
        f"# {fmt.text(ind.id)}. {fmt.text(ind.name)}\n",
        model_table(tabular.indicator_summary(r, ind, root, src), src),
        downloads(src, "tom-tat"),
    ]
    meta = [
        f"Nhóm: {fmt.text(ind.group)}",
        f"Đơn vị tính: {fmt.text(ind.measure)}",
        f"Hướng: {DIRECTION_LABELS[ind.direction]}",
    ]
    if ind.baseline is not None:
        meta.append(f"Giá trị xuất phát: {fmt.quantity(ind.baseline, ind.measure)} ({ind.baseline_year})")
    if ind.document:
        meta.append(
            "Văn bản: " + link(fmt.text(ind.document), src, "chuong-trinh.md", f"vb-{_doc_slug(ds, ind.document)}")
        )
    if ind.source:
        meta.append(f"Nguồn: {fmt.text(ind.source)}")
    body.append(" · ".join(meta) + "\n")
    if ind.description:
        body.append(safe_markdown(ind.description) + "\n")

    # trend of the root unit
    root_rows = {v.period: v for v in r.values(ind.id, root.code)}
    root_values = {p: v.value for p, v in root_rows.items()}
    periods = [p for p in ds.periods if p in root_values]
    body.append("## Diễn biến qua các kỳ\n")
    if periods:
        vals = [root_values[p] for p in periods]
        cumulative = ind.target_type == "cumulative"
        if cumulative:
            running, shown = 0.0, []
            for v in vals:
                running += v or 0.0
                shown.append(running if v is not None else None)
        else:
            shown = list(vals)
        trend = charts.TrendChart(
            name=f"{ind.slug}-dien-bien",
            path=f"assets/charts/{ind.slug}-dien-bien.svg",
            title=f"{ind.name} ({root.name})",
            measure=ind.measure,
            labels=tuple(p.short for p in periods),
            values=tuple(shown),
            target=ind.target,
            cumulative=cumulative,
            kinds=tuple(weakest_upto(root_rows, periods, p) if cumulative else root_rows[p].status for p in periods),
            illustrative_program=ds.program.illustrative,
        )
        chart_list.append(trend)
        body.append(figure(trend, src))
        trend_table = tabular.trend_table(r, ind, root, src)
        assert trend_table is not None  # the whole has values: the chart above draws them
        body.append(model_table(trend_table, src))
        body.append(marks_legend({root_rows[p].status for p in periods}))
        body.append(downloads(src, "dien-bien"))
    else:
        body.append(f"_{fmt.text(root.name)} chưa có số liệu của chỉ tiêu này._\n")

    # comparison of units, latest period that has values for them
    found = tabular.compare_pairs(r, ind)
    if found is not None:
        period, pairs = found
        body.append(f"## So sánh các đơn vị ({fmt.text(period.label)})\n")
        if not ind.ranked:
            body.append(
                "_Nhiệm vụ được thực hiện thận trọng, từng bước: các đơn vị được trình bày theo thứ tự danh sách, "
                "không xếp hạng._\n"
            )
        if len(pairs) <= COMPARE_LIMIT:
            shown_pairs = pairs
        elif ind.ranked:
            shown_pairs = pairs[: COMPARE_LIMIT // 2] + pairs[-COMPARE_LIMIT // 2 :]
        else:
            shown_pairs = pairs[:COMPARE_LIMIT]
        kinds = {u.code: k for u, k in r.kinds_at(ind, period, [u for u, _ in pairs]).items()}
        bar_target = ind.target if ind.target_type in ("annual", "end") else None
        comp = charts.CompareChart(
            name=f"{ind.slug}-so-sanh",
            path=f"assets/charts/{ind.slug}-so-sanh.svg",
            title=ind.name,
            measure=ind.measure,
            period=period.label,
            labels=tuple(u.name for u, _ in shown_pairs),
            values=tuple(v for _, v in shown_pairs),
            target=bar_target,
            omitted=len(pairs) - len(shown_pairs),
            statuses=tuple(
                ("met" if status_mod.met(v, bar_target, ind.op) else "not_met")
                if bar_target is not None and ind.is_percent
                else ""
                for _, v in shown_pairs
            ),
            kinds=tuple(kinds[u.code] for u, _ in shown_pairs),
            ranked=ind.ranked,
            illustrative_program=ds.program.illustrative,
        )
        chart_list.append(comp)
        body.append(figure(comp, src))
        in_table = min(len(pairs), COMPARE_ROWS)
        table_says = (
            f"bảng dưới đây có đủ {fmt.number(len(pairs))} đơn vị"
            if in_table == len(pairs)
            else f"bảng dưới đây có {fmt.number(in_table)} đơn vị; tệp tải về có đủ {fmt.number(len(pairs))} đơn vị"
        )
        if comp.omitted and ind.ranked:
            body.append(
                f"_Biểu đồ thể hiện {COMPARE_LIMIT // 2} đơn vị cao nhất và {COMPARE_LIMIT // 2} đơn vị thấp nhất; "
                f"{table_says}._\n"
            )
        elif comp.omitted:
            body.append(f"_Biểu đồ thể hiện {COMPARE_LIMIT} đơn vị đầu danh sách; {table_says}._\n")
        compare = tabular.compare_table(r, ind, src, unit_path)
        assert compare is not None  # units have values: the chart above compares them
        shown_rows = bounded_compare(compare, ind)
        body.append(model_table(shown_rows, src))
        if len(shown_rows.rows) < len(compare.rows):
            which = (
                f"{fmt.number(COMPARE_ROWS // 2)} đơn vị cao nhất và {fmt.number(COMPARE_ROWS // 2)} đơn vị thấp nhất"
                if ind.ranked
                else f"{fmt.number(COMPARE_ROWS)} đơn vị đầu danh sách"
            )
            body.append(f"_Bảng có {which}; tệp tải về (CSV, Excel) có đủ {fmt.number(len(pairs))} đơn vị._\n")
        body.append(marks_legend(set(kinds.values())))
        body.append(downloads(src, "so-sanh"))

    named = ds.findings_naming.get(ind.id, ())
    if named:
        body.append("## Nội dung báo cáo nêu chỉ tiêu này\n")
        body.append("\n".join(f"- {findings_links((f,), src)}" for f in named) + "\n")
    body.append("## Bảng số liệu đầy đủ\n")
    body.append(f"Bảng theo đơn vị × kỳ ở {link('phụ lục', src, appendix_path(ind))}.\n")
    body.append(values_table(ds, r, ind, src))
    note = values_table_note(ds, r, ind, src)
    if note:
        body.append(note)
    body.append(downloads(src, "so-lieu"))
    return Page(src, f"{ind.id}. {ind.name}", "\n".join(body), search="prose"), chart_list


def bounded_compare(model: tabular.Table, ind: Indicator) -> tabular.Table:
    """The comparison as the page shows it: every unit up to `COMPARE_ROWS`; beyond, the highest and lowest
    halves when units are ranked, else the first ones (its download has every unit)."""
    rows = model.rows
    if len(rows) <= COMPARE_ROWS:
        return model
    half = COMPARE_ROWS // 2
    return dataclasses.replace(model, rows=rows[:half] + rows[-half:] if ind.ranked else rows[:COMPARE_ROWS])


def _doc_slug(ds: Dataset, number: str) -> str:
    doc = ds.document_by_number.get(number)
    return doc.slug if doc else ""


def values_table_units(r: Results, ind: Indicator) -> tuple[Unit, ...]:
    """The units whose rows the indicator page lists: the top two levels, at most `VALUES_ROWS` rows."""
    out: list[Unit] = []
    rows = 0
    for unit, depth in r.tree:
        n = len(r.values(ind.id, unit.code))
        if depth > 1 or not n:
            continue
        if rows + n > VALUES_ROWS and out:
            break
        out.append(unit)
        rows += n
    return tuple(out)


def values_table_note(ds: Dataset, r: Results, ind: Indicator, src: str) -> str:
    """Where the rows the bounded table leaves out are."""
    shown = len(values_table_units(r, ind))
    total = len(appendix_units(r, ind))
    if shown >= total:
        return ""
    parts = len(appendix_chunks(r, ind))
    return (
        f"_Bảng trên có số liệu của {fmt.number(shown)} trong {fmt.number(total)} đơn vị. "
        f"Số liệu của mọi đơn vị ở {link('phụ lục', src, appendix_path(ind))} ({fmt.number(parts)} trang)._\n"
    )


def weakest_upto(rows: dict[Period, Value], periods: list[Period], upto: Period) -> str:
    """The kind of a running sum up to `upto`: the least sure of the values summed."""
    return status_mod.weakest(rows[p].status for p in periods if p.sort_key <= upto.sort_key)


def values_table(ds: Dataset, r: Results, ind: Indicator, src: str) -> str:
    """The indicator's values of the units the page lists (`values_table_units`); its download has every unit's."""
    model = tabular.values_table(r, ind, src, values_table_units(r, ind), unit_path)
    return '<div class="table-filter" data-columns="0,1"></div>\n\n' + model_table(model, src)


def figure(chart: charts.Chart, src: str) -> str:
    rel = posixpath.relpath(chart.path, posixpath.dirname(src))
    png = rel.removesuffix(".svg") + ".png"
    return (
        f'<figure class="chart" markdown="span">\n![{fmt.text(chart.alt)}]({rel})\n</figure>\n'
        f"Tải biểu đồ: [SVG]({rel}) · [PNG]({png})\n{{: .downloads }}\n"
    )


def units_index_path(part: int = 1) -> str:
    return "don-vi/index.md" if part == 1 else f"don-vi/trang/{part}.md"  # no unit page is in a folder


def units_index(ds: Dataset, r: Results, reuse: Memo | None = None) -> list[Page]:
    """Every unit in the order of its tree, `UNITS_ROWS` to a page: no page grows with the number of units."""
    model = tabular.units_table(r, ds.indicators, ds.unit_by_code, unit_path, reuse)
    parts = max(1, -(-len(model.rows) // UNITS_ROWS))
    out = []
    for part in range(1, parts + 1):
        src = units_index_path(part)
        shown = dataclasses.replace(model, rows=model.rows[(part - 1) * UNITS_ROWS : part * UNITS_ROWS])
        body = [
            "# Đơn vị báo cáo" + (f" (trang {part}/{parts})" if parts > 1 else "") + "\n",
            f"{fmt.number(len(ds.units))} đơn vị. Mỗi đơn vị có một trang với số liệu và đánh giá của đơn vị, "
            f"đặt cạnh kết quả của {fmt.text(ds.root.name)}.\n",
        ]
        if parts > 1:
            start, end = (part - 1) * UNITS_ROWS + 1, min(part * UNITS_ROWS, len(model.rows))
            body.append(f"Trang này có các đơn vị thứ {fmt.number(start)} đến {fmt.number(end)} theo danh sách.\n")
            pager = [str(n) if n == part else link(str(n), src, units_index_path(n)) for n in range(1, parts + 1)]
            body.append("Trang: " + " · ".join(pager) + "\n")
        body += [
            '<div class="table-filter" data-columns="2"></div>\n',
            model_table(shown, src),
            downloads(src, "don-vi", units_index_path()),  # one download has every unit
        ]
        title = "Đơn vị báo cáo" + (f" (trang {part}/{parts})" if part > 1 else "")
        out.append(Page(src, title, "\n".join(body)))
    return out


def whole_slot(index: int, part: str) -> str:
    """Where a unit page shows the whole's result (`part` "r") or status ("s") of the `index`-th indicator.

    The build fills it in as the page is written (`scripts.report.whole`), so that what a unit page keeps
    between builds does not depend on the whole's figures.
    """
    return f"{fmt.SLOT}{index}{part}{fmt.SLOT}"


def unit_page(ds: Dataset, r: Results, unit: Unit, whole_slots: bool = False) -> Page:
    """A unit's page; with `whole_slots`, the whole's figures are slots the build fills (see `whole_slot`)."""
    src = unit_path(unit)
    root = ds.root
    is_root = unit.code == root.code
    parent = ds.unit_by_code.get(unit.parent) if unit.parent else None
    body = [f"# {fmt.text(unit.name)}\n"]
    facts = [f"Mã: {fmt.text(unit.code)}", f"Loại: {KIND_LABELS[unit.kind]}"]
    if parent:
        facts.append("Trực thuộc: " + link(fmt.text(parent.name), src, unit_path(parent)))
    kids = ds.children[unit.code]
    if kids:
        facts.append(f"Số đơn vị trực thuộc: {fmt.number(len(kids))}")
    body.append(" · ".join(facts) + "\n")
    body.append("## Kết quả theo chỉ tiêu\n")

    def whole(n: int, ind: Indicator) -> tuple[tabular.Cell, tabular.Cell]:
        if whole_slots:
            return tabular.Markup(whole_slot(n, "r")), tabular.Markup(whole_slot(n, "s"))
        return tabular.Result(ind, r.status(ind.id)), tabular.StatusOf(r.status(ind.id))

    beside = None if is_root else (root.name, whole)
    body.append(model_table(tabular.unit_results_table(r, ds.indicators, unit, src, indicator_path, beside), src))
    body.append(downloads(src, "ket-qua"))
    body.append(
        "Mục tiêu của từng chỉ tiêu ở trang chỉ tiêu; cách đánh giá ở "
        + link("Về dữ liệu", src, "du-lieu.md", "phuong-phap-danh-gia")
        + ".\n"
    )
    body.append("## Số liệu theo kỳ\n")
    by_period = tabular.periods_table(r, ds.indicators, unit, src, indicator_path)
    kinds = {v.status for i in ds.indicators for v in r.values(i.id, unit.code) if v.value is not None}
    body.append(model_table(by_period, src) if by_period.rows else table(["Chỉ tiêu"], []))
    body.append(marks_legend(kinds))
    body.append(downloads(src, "theo-ky"))
    if kids:
        body.append("## Đơn vị trực thuộc\n")
        body.append(
            "\n".join(f"- {link(fmt.text(k.name), src, unit_path(k))}" for k in sorted(kids, key=lambda u: u.row))
            + "\n"
        )
    return Page(src, unit.name, "\n".join(body), search="lead")


def topic_result(ds: Dataset, t: Topic) -> str:
    """What a topic found, in one paragraph, marked as sample text when it has no source."""
    return (_inline(t.result_summary) or "Chưa có tóm tắt kết quả") + sample_mark(ds, t.source)


def topics_table(ds: Dataset, src: str, results: bool = False) -> str:
    """The topics as a table; with `results`, what each found (the appendix carries the topics' results)."""
    found = functools.partial(topic_result, ds)
    model = tabular.topics_table(ds.topics, src, topic_path, ds.program.illustrative, results, found)
    return model_table(model, src)


def topics_index(ds: Dataset) -> Page:
    """The topics as cards (title, lead agency, status, rating, what it found), filterable, readable without script."""
    src = "de-tai/index.md"
    body = [
        "# Đề tài khoa học\n",
        f"{fmt.number(len(ds.topics))} đề tài. Mỗi thẻ tóm tắt kết quả nghiên cứu và kiến nghị của đề tài; "
        "lọc theo tình trạng, lĩnh vực hoặc cơ quan chủ trì.\n",
        topic_summary(ds),
        downloads(src, "tinh-trang"),
        "## Các đề tài\n",
        '<div class="card-filter" data-attrs="status:Tình trạng,field:Lĩnh vực,lead:Cơ quan chủ trì"></div>\n',
        topic_cards(ds, src),
        "## Bảng tổng hợp\n",
        '<div class="table-filter" data-columns="1,2,3"></div>\n',
        topics_table(ds, src),
        downloads(src, "de-tai"),
    ]
    return Page(src, "Đề tài khoa học", "\n".join(body))


def topic_cards(ds: Dataset, src: str) -> str:
    """One card per topic; `data-*` attributes let the page's filter hide cards, and print shows them all."""
    if not ds.topics:
        return "_Chưa có đề tài trong dữ liệu._\n"
    cards = []
    for tp in ds.topics:
        facts = [f"Cơ quan chủ trì: {fmt.text(tp.lead_agency)}"]
        if tp.field:
            facts.append(f"Lĩnh vực: {fmt.text(tp.field)}")
        if tp.rating:
            facts.append(f"Xếp loại: {fmt.text(tp.rating)}")
        summary = tp.result_summary
        attrs = " ".join(
            f'data-{k}="{html.escape(v, quote=True)}"'
            for k, v in (("status", TOPIC_STATUS_LABELS[tp.status]), ("field", tp.field), ("lead", tp.lead_agency))
        )
        cards.append(
            f'<article class="topic-card" {attrs} markdown>\n\n'
            f"### {link(fmt.text(f'{tp.id}. {tp.title}'), src, topic_path(tp))}\n\n"
            f'<span class="topic-card__status topic-card__status--{tp.status}">{TOPIC_STATUS_LABELS[tp.status]}</span>'
            f"{sample_mark(ds, tp.source)}\n\n"
            + " · ".join(facts)
            + "\n\n"
            + (f"{_inline(summary)}\n\n" if summary else "_Chưa có tóm tắt kết quả._\n\n")
            + "</article>\n"
        )
    return '<div class="topic-cards" markdown>\n\n' + "\n".join(cards) + "\n</div>\n"


def topic_page(ds: Dataset, t: Topic) -> Page:
    facts = tabular.topic_facts(t, topic_path(t), ds.program.illustrative)
    body = [
        f"# {fmt.text(t.id)}. {fmt.text(t.title)}\n",
        model_table(facts, topic_path(t)),
        downloads(topic_path(t), "thong-tin"),
    ]
    if t.summary:
        body += ["## Tóm tắt kết quả\n", safe_markdown(t.summary) + "\n"]
    body += ["## Nội dung đề tài\n", demote_headings(t.body)]
    named = ds.findings_naming.get(t.id, ())
    if named:
        body += [
            "\n## Nội dung báo cáo nêu đề tài này\n",
            "\n".join(f"- {findings_links((f,), topic_path(t))}" for f in named) + "\n",
        ]
    return Page(topic_path(t), f"{t.id}. {t.title}", "\n".join(body))


def findings_section(
    ds: Dataset, r: Results, kind: str, src: str, level: int = 3, items: tuple[Finding, ...] | None = None
) -> str:
    """The findings of one kind (or `items`), each with its anchor, text, responsible body, evidence and source."""
    found = ds.findings_of(kind) if items is None else items
    if not found:
        return "_Chưa có nội dung trong dữ liệu._\n"
    out = []
    for f in found:
        out.append(f"{'#' * level} {f.order}. {fmt.text(f.title)} {{ #{finding_anchor(f)} }}\n")
        if f.text:
            out.append(safe_markdown(f.text) + "\n")
        if f.responsible:
            out.append(f"**Cơ quan, tổ chức chịu trách nhiệm:** {fmt.text(f.responsible)}\n")
        elif f.kind == "limitation":
            out.append("**Cơ quan, tổ chức chịu trách nhiệm:** _chưa xác định_\n")
        evidence = related_links(ds, r, f, src)
        if evidence:
            out.append(f"**Căn cứ:** {evidence}\n")
        if f.source:
            out.append(f"<small>Nguồn: {fmt.text(f.source)}</small>\n")
        elif ds.program.illustrative:
            out.append(sample_mark(ds, f.source).strip() + "\n")
    return "\n".join(out)


def assessment_page(ds: Dataset, r: Results) -> Page:
    """Parts II and III of the report: strengths, limitations, causes by aspect; lessons."""
    src = "danh-gia.md"
    body = ["# Đánh giá chung\n"]
    for kind in ("strength", "limitation"):
        body.append(f"## {FINDING_HEADINGS[kind]} ({fmt.number(len(ds.findings_of(kind)))})\n")
        body.append(findings_section(ds, r, kind, src))
    causes = ds.findings_of("cause")
    body.append(f"## {FINDING_HEADINGS['cause']} ({fmt.number(len(causes))})\n")
    if not causes:
        body.append("_Chưa có nội dung trong dữ liệu._\n")
    for aspect, heading in ASPECT_HEADINGS.items():
        items = tuple(f for f in causes if f.aspect == aspect)
        if items and (aspect or len(items) < len(causes)):
            body.append(f"### {heading}\n")
            body.append(findings_section(ds, r, "cause", src, level=4, items=items))
        elif items:
            body.append(findings_section(ds, r, "cause", src, items=items))
    body.append(f"## {FINDING_HEADINGS['lesson']} ({fmt.number(len(ds.findings_of('lesson')))})\n")
    body.append(findings_section(ds, r, "lesson", src))
    return Page(src, "Đánh giá chung", "\n".join(body))


def directions_page(ds: Dataset, r: Results) -> Page:
    p = ds.program
    src = "phuong-huong.md"
    body = [
        f"# Phương hướng, nhiệm vụ giai đoạn tiếp theo (sau {p.end})\n",
        findings_section(ds, r, "direction", src, level=2),
    ]
    return Page(src, "Phương hướng, nhiệm vụ", "\n".join(body))


def milestones_page(ds: Dataset) -> Page:
    body = ["# Mốc thời gian\n"]
    if not ds.milestones:
        body.append("_Chưa có mốc thời gian trong dữ liệu._\n")
    body.append('<ol class="timeline" markdown>\n')
    for m in ds.milestones:
        line = f'<li markdown><time datetime="{m.date.isoformat()}">{fmt.date(m.date)}</time> **{fmt.text(m.title)}**'
        if m.chair:
            line += f" — chủ trì: {fmt.text(m.chair)}"
        if m.summary:
            line += f". {fmt.text(m.summary)}"
        if m.source:
            line += f" <small>(Nguồn: {fmt.text(m.source)})</small>"
        body.append(line + "</li>\n")
    body.append("</ol>\n")
    return Page("moc-thoi-gian.md", "Mốc thời gian", "\n".join(body))


def appendix_index(ds: Dataset, r: Results) -> Page:
    src = "phu-luc/index.md"
    indicators = tabular.appendix_indicators(ds.indicators, figures_count(ds), src, appendix_path)
    body = [
        "# Phụ lục số liệu\n",
        f"Toàn bộ dữ liệu trong một tệp: {link('du-lieu.zip', src, 'tai-ve/du-lieu.zip')} "
        "(gói dữ liệu theo chuẩn Frictionless: mỗi bảng một tệp CSV, mô tả các cột trong tệp datapackage.json).\n",
        "## Phụ lục 1. Số liệu chi tiết theo chỉ tiêu\n",
        "Mỗi bảng: các đơn vị (hàng) × các kỳ (cột).\n",
        model_table(indicators, src),
        downloads(src, "chi-tieu"),
        "## Phụ lục 2. Kết quả các đề tài khoa học\n",
        topics_table(ds, src, results=True),
        downloads(src, "de-tai"),
        "## Phụ lục 3. Văn bản\n",
        model_table(tabular.documents_table(ds.documents, src), src),
        downloads(src, "van-ban"),
    ]
    return Page(src, "Phụ lục", "\n".join(body))


def figures_count(ds: Dataset) -> dict[str, int]:
    """How many figures (values that are not empty) each indicator has, by id."""
    return {i.id: sum(1 for v in ds.values_by_indicator[i.id] if v.value is not None) for i in ds.indicators}


def appendix_periods(ds: Dataset, ind: Indicator) -> list[Period]:
    """The periods the indicator has values of, in order: the columns of its appendix."""
    used = {v.period for v in ds.values_by_indicator.get(ind.id, ())}
    return [p for p in ds.periods if p in used]


def appendix_units(r: Results, ind: Indicator) -> tuple[tuple[Unit, int], ...]:
    """Units with values of the indicator, in tree order, with their depth."""
    return tuple((u, d) for u, d in r.tree if r.values(ind.id, u.code))


def appendix_chunks(r: Results, ind: Indicator) -> list[tuple[tuple[Unit, int], ...]]:
    """The indicator's appendix table cut into pages of `APPENDIX_UNITS` units."""
    units = appendix_units(r, ind)
    return [units[n : n + APPENDIX_UNITS] for n in range(0, len(units), APPENDIX_UNITS)]


def appendix_pages(ds: Dataset, r: Results, ind: Indicator) -> list[Page]:
    """An indicator's appendix: units × periods, one page per `APPENDIX_UNITS` units."""
    chunks = appendix_chunks(r, ind) or [()]
    periods = appendix_periods(ds, ind)
    usual = "official"  # every figure that is not official is marked where it stands
    return [appendix_page(ds, r, ind, n, len(chunks), chunk, periods, usual) for n, chunk in enumerate(chunks, 1)]


def appendix_page(
    ds: Dataset,
    r: Results,
    ind: Indicator,
    part: int,
    parts: int,
    units: tuple[tuple[Unit, int], ...],
    periods: list[Period],
    usual: str,
) -> Page:
    src = appendix_path(ind, part)
    marks = {k: str(n) for n, k in enumerate((k for k in VALUE_STATUS_LABELS if k != usual), 1)}
    notes, marked = [], set()
    for unit, _ in units:
        for v in r.values(ind.id, unit.code):
            if v.status != usual:
                marked.add(v.status)
            if v.note or v.source:
                notes.append(f"- {fmt.text(unit.name)}, {v.period.short}: " + _value_note(v))

    def numbered(f: tabular.Figure) -> str:
        """Marks by number, the table being dense: "85,2%<sup>1</sup>"."""
        return fmt.quantity(f.value, f.measure) + (f"<sup>{marks[f.kind]}</sup>" if f.kind != usual else "")

    model = tabular.appendix_table(r, ind, units, periods, src, unit_path)
    title = f"Phụ lục: {fmt.text(ind.id)}. {fmt.text(ind.name)}"
    body = [
        f"# {title}" + (f" (trang {part}/{parts})" if parts > 1 else "") + "\n",
        f"Đơn vị tính: {fmt.text(ind.measure)}. Mục tiêu: {target_text(ind)}. "
        f"Xem {link('trang chỉ tiêu', src, indicator_path(ind))}.\n",
    ]
    if parts > 1:
        body.append(appendix_pager(ind, part, parts, src))
    legend = f"Loại số liệu: {VALUE_STATUS_LABELS[usual].lower()}"
    legend += "".join(f"; <sup>{marks[k]}</sup> {VALUE_STATUS_LABELS[k].lower()}" for k in marks if k in marked)
    body += [legend + ".\n", model_table(model, src, numbered)]
    body.append(downloads(src, "bang", appendix_path(ind)))  # one download has every unit
    if notes:
        body += ["## Ghi chú và nguồn\n", "\n".join(notes) + "\n"]
    heading = f"Phụ lục {ind.id}" + (f" (trang {part}/{parts})" if parts > 1 else "")
    return Page(src, heading, "\n".join(body), search="lead")


def _value_note(v: Value) -> str:
    parts = [fmt.text(v.note)] if v.note else []
    if v.source:
        parts.append(f"Nguồn: {fmt.text(v.source)}")
    return ". ".join(parts)


def appendix_pager(ind: Indicator, part: int, parts: int, src: str) -> str:
    links = [str(n) if n == part else link(str(n), src, appendix_path(ind, n)) for n in range(1, parts + 1)]
    return "Trang: " + " · ".join(links) + "\n"


# --- fragments for the hand-written pages ------------------------------------


def indicator_line(ind: Indicator, r: Results, src: str) -> str:
    latest = r.latest(ind.id)
    shown = value_text(latest, ind.measure) + (f" ({latest.period.short})" if latest else "")
    name = link(fmt.text(f"{ind.id}. {ind.name}"), src, indicator_path(ind))
    return f"{name}: {shown}, {status_badge(r.status(ind.id))}"


def topic_line(t: Topic, src: str) -> str:
    return f"{link(fmt.text(f'{t.id}. {t.title}'), src, topic_path(t))} ({TOPIC_STATUS_LABELS[t.status]})"


def document_line(d: Document, src: str) -> str:
    number = link(fmt.text(d.number), src, "chuong-trinh.md", f"vb-{d.slug}")
    return f"{number} ({DOCUMENT_KIND_LABELS[d.kind]}, {fmt.date(d.date)}): {fmt.text(d.title)}"


def data_dictionary() -> str:
    out = []
    for t in (schema.PROGRAM, *schema.TABLES):
        name = "program.yml" if t is schema.PROGRAM else f"{t.name}.csv"
        need = "bắt buộc" if t.required else "không bắt buộc"
        out.append(f"### {name}\n\n{t.description} ({need}).\n")
        rows = [
            [
                f"`{c.name}`",
                "có" if c.required else "",
                schema.KIND_LABELS[c.kind],
                fmt.text(c.description + (f" ({', '.join(c.choices)})" if c.choices else "")),
            ]
            for c in t.columns
        ]
        out.append(table(["Cột", "Bắt buộc", "Kiểu", "Ý nghĩa"], rows))
    return "\n".join(out)


def status_legend() -> str:
    meanings = {
        "no_target": "Chỉ tiêu không có giá trị mục tiêu bằng số.",
        "no_data": "Đơn vị gốc chưa có số liệu nào trong giai đoạn của chương trình.",
        "achieved": "Đã đạt mục tiêu (chỉ tiêu tăng: giá trị ≥ mục tiêu; chỉ tiêu giảm: giá trị ≤ mục tiêu).",
        "not_met": "Chỉ tiêu hằng năm chưa đạt ở kỳ gần nhất có số liệu.",
        "on_track": "Chỉ tiêu cuối kỳ hoặc cộng dồn chưa đạt nhưng tiến độ đạt được ≥ thời gian đã qua.",
        "behind": "Chỉ tiêu cuối kỳ hoặc cộng dồn chưa đạt và tiến độ đạt được < thời gian đã qua.",
    }
    rows = [[f"`{code}`", status_badge(Status(code)), meanings[code]] for code in ORDER]
    return table(["Mã", "Nhãn", "Khi nào"], rows)


def message_catalogue() -> str:
    def plain(template: str) -> str:
        return fmt.text(re.sub(r"\{[^}]*\}", "…", template))

    rows = [[f"`{code}`", plain(m.problem), fmt.text(m.example), plain(m.hint)] for code, m in MESSAGES.items()]
    return table(["Mã lỗi", "Lỗi", "Ví dụ", "Cách sửa"], rows)
