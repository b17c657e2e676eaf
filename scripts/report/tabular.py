"""One model per table: the page shows it formatted, its downloads hold it raw.

A `Table` is columns and rows of typed cells. The page formats each cell
(`markdown`): a figure with its unit and, when it is not official, its mark;
a status as a badge; a unit as a link to its page; a period by its label.
The downloads (CSV, XLSX, `scripts.downloads.tables`) write each cell's raw
value (`raw`): the number, the unit's name, the status in words, the period's
code. A column the page leaves out (a code, the unit of measure of every row)
is `page=False`. So the page and its download agree by construction: same
rows, same order, same figures. (The one table a page bounds, the values of
an indicator at commune scale, is made by the same function for the rows
the page shows; its download has every unit's, as the appendix does.)
"""

from __future__ import annotations

import datetime as dt
import functools
import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from scripts.data.model import Document, Indicator, Period, Program, Topic, Unit, Value
from scripts.report import fmt
from scripts.report import status as status_mod
from scripts.report.compute import Results
from scripts.report.memo import Always, Memo
from scripts.report.status import LABELS, ORDER, Status

Raw = str | float | int | None  # what a download cell holds


@dataclass(frozen=True)
class Figure:
    """A number with its unit of measure and its kind (official, estimate, illustrative)."""

    value: float | None
    measure: str
    kind: str = "official"
    marked: bool = True  # the page marks an estimate or illustrative figure (False: a column says its kind)
    missing: str = "–"  # what the page shows for no figure
    period: Period | None = None  # said after it on the page: "85,2% (Quý IV/2020)"
    decimals: int | None = None  # its indicator's (`Results.decimals`); None: as few as it needs


@dataclass(frozen=True)
class Linked:
    """Text that links, on the page, to another page (a path under the docs root)."""

    text: str
    target: str
    indent: int = 0  # levels below the top of a tree of units: indented on the page


@dataclass(frozen=True)
class Links:
    """Several texts that link to their pages, separated by commas."""

    items: tuple[Linked, ...]


@dataclass(frozen=True)
class StatusOf:
    """A status: a badge on the page, its words in the downloads."""

    status: Status | None


@dataclass(frozen=True)
class When:
    """A period: on the page its label ("Quý I/2020") or, `short`, "Q1/2020"; its code in the downloads."""

    period: Period
    short: bool = False


@dataclass(frozen=True)
class Rank:
    """A rank: a Vietnamese-formatted number on the page, a number in the downloads."""

    n: int


@dataclass(frozen=True)
class Day:
    """A date: DD/MM/YYYY on the page, ISO (YYYY-MM-DD) in the downloads; none: an empty cell."""

    date: dt.date | None


@dataclass(frozen=True)
class Target:
    """An indicator's target: in words with its sign on the page, as plain text in the downloads."""

    indicator: Indicator
    decimals: int  # the indicator's (`Results.decimals`)


@dataclass(frozen=True)
class Result:
    """The figure a status was computed from, worded in one cell (`scripts.report.pages.result_text`).

    Only on the page: the downloads hold its parts in columns of their own (`result_parts`).
    """

    indicator: Indicator
    status: Status
    decimals: int  # the indicator's (`Results.decimals`)


@dataclass(frozen=True)
class Markup:
    """Markdown made by the report itself (a slot the build fills), shown as it is; never data text."""

    markdown: str


Cell = Raw | Figure | Linked | Links | StatusOf | When | Rank | Day | Target | Result | Markup


@dataclass(frozen=True)
class Column:
    title: str  # in the downloads, and on the page unless `page_title` is given
    align: str = "l"  # l or r (figures)
    page: bool = True  # shown on the page (False: in the downloads only)
    page_title: str = ""
    download: bool = True  # in the downloads (False: on the page only, e.g. a result worded in one cell)


PAGE, DOWNLOAD = "page", "download"  # a row shown only on the page, or held only in the downloads


@dataclass(frozen=True)
class Table:
    page: str  # the page that shows it, e.g. chi-tieu/ct01.md
    name: str  # its name within the page, e.g. so-sanh
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    only: tuple[str, ...] = ()  # of a summary, each row's place: "" both, `PAGE` or `DOWNLOAD` (empty: all both)

    def _rows_for(self, leave_out: str) -> tuple[tuple[Cell, ...], ...]:
        if not self.only:
            return self.rows
        return tuple(row for row, where in zip(self.rows, self.only, strict=True) if where != leave_out)

    @property
    def page_rows(self) -> tuple[tuple[Cell, ...], ...]:
        return self._rows_for(DOWNLOAD)

    @property
    def header(self) -> tuple[str, ...]:
        """The download's header."""
        return tuple(c.title for c in self.columns if c.download)

    def raw_rows(self) -> tuple[tuple[Raw, ...], ...]:
        """The download's rows."""
        kept = [n for n, c in enumerate(self.columns) if c.download]
        return tuple(tuple(raw(row[n]) for n in kept) for row in self._rows_for(PAGE))

    def shown(self) -> list[tuple[Column, int]]:
        """The page's columns, with their place in a row."""
        return [(c, n) for n, c in enumerate(self.columns) if c.page]


def raw(cell: Cell) -> Raw:
    """What a download holds for a cell."""
    if isinstance(cell, Figure):
        return cell.value
    if isinstance(cell, Linked):
        return cell.text
    if isinstance(cell, Links):
        return ", ".join(item.text for item in cell.items)
    if isinstance(cell, StatusOf):
        return status_words(cell.status)
    if isinstance(cell, When):
        return cell.period.code
    if isinstance(cell, Rank):
        return cell.n
    if isinstance(cell, Day):
        return cell.date.isoformat() if cell.date else None
    if isinstance(cell, Target):
        return html.unescape(target_markdown(cell.indicator, cell.decimals))
    if isinstance(cell, (Result, Markup)):
        raise TypeError(f"{type(cell).__name__} is shown on pages only")
    return cell


OP_SIGNS = {">=": "≥", ">": "&gt;", "<=": "≤", "<": "&lt;"}
TARGET_TYPE_LABELS = {"annual": "hằng năm", "cumulative": "cộng dồn cả giai đoạn", "end": "cuối giai đoạn"}


def target_markdown(ind: Indicator, decimals: int) -> str:
    """ "Hơn 70% (> 70%, cuối giai đoạn)": the target in the program's words, then as the status method reads it.

    `decimals`: the indicator's (`Results.decimals`).
    """
    if ind.target is None or ind.target_type is None:
        return fmt.text(ind.target_text) if ind.target_text else "Không có chỉ tiêu định lượng"
    sign = "" if ind.monitored else f"{OP_SIGNS[ind.op]} "  # a monitoring indicator's target is no bound
    numeric = f"{sign}{fmt.quantity(ind.target, ind.measure, decimals)}, {TARGET_TYPE_LABELS[ind.target_type]}"
    basis = BASIS_WORDS.get(ind.target_status, "")
    if ind.monitored:
        numeric = f"mức tham chiếu {numeric}"
    if ind.target_text:
        return f"{fmt.text(ind.target_text)} ({numeric}{'; ' + basis if basis else ''})"
    return numeric[0].upper() + numeric[1:] + (f" ({basis})" if basis else "")


def period_span(first: Period, last: Period) -> str:
    """ "2016–2020", "2019", "Q1/2019–Q2/2020": the periods a sum covers."""
    return first.short if first == last else f"{first.short}–{last.short}"


def summed_span(s: Status) -> str:
    """What a cumulative result sums: "2016–2020", or "2016 – 6/2020" when the last period is cut at `as_of`."""
    assert s.first is not None and s.period is not None
    if s.cut is None:
        return period_span(s.first, s.period)
    return f"{s.first.short} – {s.cut.month}/{s.cut.year}"


def result_parts(ind: Indicator, s: Status) -> tuple[Raw, Raw, Raw, Raw]:
    """The figure a status was computed from, in parts: (value, how it is computed, its period(s), its kind)."""
    if s.compared is None or s.period is None:
        return None, None, None, None
    if ind.target_type == "cumulative" and s.first is not None:
        return s.compared, "Lũy kế", summed_span(s), KIND_WORDS[s.kind]
    how = f"Kỳ gần nhất; đạt {s.met}/{s.counted} kỳ" if ind.target_type == "annual" and s.counted else "Kỳ gần nhất"
    return s.compared, how, s.period.code, KIND_WORDS[s.kind]


RESULT_COLUMNS = (  # the parts of a result, in the downloads
    Column("Kết quả", "r", page=False),
    Column("Cách tính", page=False),
    Column("Kỳ", page=False),
    Column("Loại số liệu", page=False),
)


# What a status rests on, in a column of its own in the downloads, where any status of the table carries a mark.
BASIS_COLUMNS = (Column("Đánh giá dựa trên số liệu", page=False),)


def status_basis(s: Status | None, split: bool) -> tuple[Cell, ...]:
    """The cell of `BASIS_COLUMNS` for `s` (none when the table has no such column)."""
    if not split:
        return ()
    return (KIND_WORDS[s.basis] if s is not None and s.code in status_mod.VERDICTS else None,)


KIND_WORDS = {  # "Loại số liệu"
    "official": "Chính thức",
    "estimate": "Ước tính",
    "illustrative": "Minh họa",
    "estimate_illustrative": "Ước tính, minh họa",
}
BASIS_WORDS = {  # how a result or status from such a figure says so
    "estimate": "ước",
    "illustrative": "minh họa",
    "estimate_illustrative": "ước, minh họa",
}


def status_words(s: Status | None) -> str:
    """A status in words, as every page, download and document says it: "Chưa đạt (ước)", "Không áp dụng"."""
    if s is None:
        return "Không áp dụng"
    basis = f" ({BASIS_WORDS[s.basis]})" if s.basis in BASIS_WORDS and s.code in status_mod.VERDICTS else ""
    return f"{LABELS[s.code]}{basis}"


def basis_of(statuses: Sequence[Status | None]) -> str:
    """The kind a count of statuses rests on: every mark of the verdicts it counts."""
    return status_mod.weakest(s.basis for s in statuses if s is not None and s.code in status_mod.VERDICTS)


def marked(statuses: Sequence[Status | None]) -> list[Status]:
    """The verdicts among `statuses` that rest on an estimate or an illustrative figure."""
    return [s for s in statuses if s is not None and s.code in status_mod.VERDICTS and s.basis != "official"]


def resting_on(kind: str) -> str:
    """ "số liệu ước tính hoặc minh họa": what figures a count or ranking of `kind` rests on."""
    marks = status_mod.MARKS_OF[kind]
    words = (("estimate", "ước tính"), ("illustrative", "minh họa"))
    return "số liệu " + " hoặc ".join(w for m, w in words if m in marks)


def count_split(statuses: Sequence[Status | None]) -> str:
    """What a count of `statuses` adds about their marks: ", trong đó 3 dựa trên số liệu minh họa", or ""."""
    found = marked(statuses)
    if not found:
        return ""
    on = resting_on(basis_of(found))
    if len(found) == len(statuses):
        return f" (dựa trên {on})"
    return f", trong đó {fmt.number(len(found))} dựa trên {on}"


# --- the indicators and their results -------------------------------------------------------------


def indicators_table(r: Results, indicators: Sequence[Indicator], indicator_page: Callable[[Indicator], str]) -> Table:
    """Every indicator with its target, result and status (the page words the result in one cell)."""
    rows = []
    statuses = [r.status(ind.id) for ind in indicators]
    split = bool(marked(statuses))
    for ind, s in zip(indicators, statuses, strict=True):
        places = r.decimals(ind)
        rows.append((
            ind.group, ind.id, Linked(f"{ind.id}. {ind.name}", indicator_page(ind)), ind.name, Target(ind, places),
            ind.target, ind.measure, Result(ind, s, places), *result_parts(ind, s), StatusOf(s),
            *status_basis(s, split),
        ))  # fmt: skip
    columns = (
        Column("Nhóm"),
        Column("Mã", page=False),
        Column("Chỉ tiêu", download=False),
        Column("Chỉ tiêu", page=False),
        Column("Mục tiêu"),
        Column("Giá trị mục tiêu", "r", page=False),
        Column("Đơn vị tính", page=False),
        Column("Kết quả", download=False),
        *RESULT_COLUMNS,
        Column("Đánh giá"),
        *BASIS_COLUMNS[:split],
    )
    return Table("chi-tieu/index.md", "chi-tieu", "Chỉ tiêu và kết quả thực hiện", columns, tuple(rows))


def unit_results_table(
    r: Results,
    indicators: Sequence[Indicator],
    unit: Unit,
    page: str,
    indicator_page: Callable[[Indicator], str],
    whole: tuple[str, Callable[[int, Indicator], tuple[Cell, Cell]]] | None = None,
) -> Table:
    """A unit's result and status of each indicator.

    `whole`: the whole's name and its two cells of each indicator (result, status), beside the unit's on the
    page only (the whole's own tables hold them).
    """
    rows = []
    statuses = [r.unit_status(ind, unit.code) for ind in indicators]
    split = bool(marked(statuses))
    for n, (ind, status) in enumerate(zip(indicators, statuses, strict=True)):
        own = r.status(ind.id, unit.code)
        row: tuple[Cell, ...] = (
            Linked(f"{ind.id}. {ind.name}", indicator_page(ind)), ind.id, ind.name, ind.measure,
            Result(ind, own, r.decimals(ind)), *result_parts(ind, own), StatusOf(status), *status_basis(status, split),
        )  # fmt: skip
        rows.append(row + (whole[1](n, ind) if whole else ()))
    columns = (
        Column("Chỉ tiêu", download=False),
        Column("Mã", page=False),
        Column("Chỉ tiêu", page=False),
        Column("Đơn vị tính", page=False),
        Column("Kết quả", "r", download=False),
        *RESULT_COLUMNS,
        Column("Đánh giá"),
        *BASIS_COLUMNS[:split],
        *(
            (Column(f"Kết quả của {whole[0]}", "r", download=False), Column("Đánh giá chung", download=False))
            if whole
            else ()
        ),
    )
    return Table(page, "ket-qua", f"{unit.name}: kết quả theo chỉ tiêu", columns, tuple(rows))


# --- an indicator's summary -----------------------------------------------------------------------


def indicator_summary(r: Results, ind: Indicator, root: Unit, page: str) -> Table:
    """The target, the whole's result and its status: worded on the page, in parts in the download."""
    s = r.status(ind.id)
    value, how, period, kind = result_parts(ind, s)
    result = f"Kết quả của {root.name}"
    rows: list[tuple[tuple[Cell, ...], str]] = [
        (("Mục tiêu", Target(ind, r.decimals(ind))), ""),
        (("Giá trị mục tiêu", ind.target), DOWNLOAD),
        (("Đơn vị tính", ind.measure), DOWNLOAD),
        ((result, Result(ind, s, r.decimals(ind))), PAGE),
        ((result, value), DOWNLOAD),
        (("Cách tính kết quả", how), DOWNLOAD),
        (("Kỳ của kết quả", period), DOWNLOAD),
        (("Loại số liệu của kết quả", kind), DOWNLOAD),
    ]
    latest = r.latest(ind.id)
    if ind.target_type == "cumulative" and latest is not None and latest.period != s.first:
        figure = Figure(latest.value, ind.measure, r.kind(latest), period=latest.period, decimals=r.decimals(ind))
        rows.append((("Số liệu kỳ gần nhất", figure), PAGE))
    if s.progress is not None and s.elapsed is not None:
        shares = f"{fmt.percent(s.progress)} / {fmt.percent(s.elapsed)}"
        rows.append((("Tiến độ / thời gian đã qua", Markup(shares)), PAGE))
        rows += [
            (("Tiến độ (tỷ lệ)", round(s.progress, RATIO_DIGITS)), DOWNLOAD),
            (("Thời gian đã qua (tỷ lệ)", round(s.elapsed, RATIO_DIGITS)), DOWNLOAD),
        ]
    if s.basis != "official" and s.code in status_mod.VERDICTS:
        rows.append((("Đánh giá dựa trên số liệu", KIND_WORDS[s.basis]), DOWNLOAD))
    rows += [(("Đánh giá", StatusOf(s)), PAGE), (("Đánh giá", LABELS[s.code]), DOWNLOAD)]
    columns = (Column("Mục", page_title="Tóm tắt"), Column("Giá trị", page_title="Kết quả"))
    cells, only = zip(*rows, strict=True)
    return Table(page, "tom-tat", f"{ind.id}. {ind.name}", columns, tuple(cells), tuple(only))


RATIO_DIGITS = 4  # a share in the downloads: 0.8636, not 0.8636363636363636


# --- facts and counts ---------------------------------------------------------------------------------

FACTS = (Column("Thông tin"), Column("Nội dung"))


def program_facts(p: Program, page: str) -> Table:
    """The program at a glance."""
    rows: list[tuple[Cell, ...]] = [
        ("Số hiệu", p.code),
        ("Tên chương trình", p.title),
        ("Cơ quan ban hành", p.issuer + (f" ({p.term})" if p.term else "")),
    ]
    if p.adopted:
        rows.append(("Ngày ban hành", Day(p.adopted)))
    rows += [("Giai đoạn", f"{p.start}–{p.end}"), ("Số liệu tính đến", Day(p.as_of))]
    return Table(page, "thong-tin", f"Chương trình {p.code}", FACTS, tuple(rows))


def topic_facts(t: Topic, page: str, illustrative: bool) -> Table:
    """A topic's facts: who leads it, when, its status and rating, and where the information comes from."""
    rows: list[tuple[tuple[Cell, ...], str]] = [(("Mã đề tài", t.id), ""), (("Cơ quan chủ trì", t.lead_agency), "")]
    rows += [((label, value), "") for label, value in (("Chủ nhiệm", t.chair), ("Lĩnh vực", t.field)) if value]
    if t.start or t.end:
        span = f"{fmt.date_text(t.start) or '…'} – {fmt.date_text(t.end) or '…'}"
        rows += [
            (("Thời gian thực hiện", span), PAGE),
            (("Thời gian thực hiện", f"{t.start or '…'} – {t.end or '…'}"), DOWNLOAD),
        ]
    rows.append((("Tình trạng", TOPIC_STATUS_LABELS[t.status]), ""))
    if t.rating:
        rows.append((("Xếp loại", t.rating), ""))
    if t.accepted_on:
        rows.append((("Ngày nghiệm thu", Day(t.accepted_on)), ""))
    if t.source or illustrative:
        rows.append(
            (("Nguồn thông tin", t.source or "Không có nguồn: nội dung mẫu, không phải thông tin chính thức"), "")
        )
    cells, only = zip(*rows, strict=True)
    return Table(page, "thong-tin", f"{t.id}. {t.title}", FACTS, tuple(cells), tuple(only))


def status_counts(
    r: Results, indicators: Sequence[Indicator], page: str, indicator_page: Callable[[Indicator], str]
) -> Table:
    """How many indicators are at each status, and which."""
    rows: list[tuple[Cell, ...]] = []
    split = bool(marked([r.status(i.id) for i in indicators]))
    for code in ORDER:
        named = [i for i in indicators if r.status(i.id).code == code]
        if named:
            links = Links(tuple(Linked(i.id, indicator_page(i)) for i in named))
            rows.append((StatusOf(Status(code)), len(named), *_marked_count(r, named, split), links))
    columns = (Column("Đánh giá"), Column("Số chỉ tiêu", "r"), *SPLIT_COLUMNS[:split], Column("Chỉ tiêu"))
    return Table(page, "danh-gia", "Số chỉ tiêu theo đánh giá", columns, tuple(rows))


# a count of statuses split by marks, where any status counted carries one
SPLIT_COLUMNS = (Column("Trong đó dựa trên số liệu ước tính hoặc minh họa", "r"),)


def _marked_count(r: Results, named: Sequence[Indicator], split: bool) -> tuple[Cell, ...]:
    """How many of the whole's statuses of `named` carry a mark, as a cell when the table has that column."""
    return (len(marked([r.status(i.id) for i in named])),) if split else ()


def topic_counts(topics: Sequence[Topic], page: str) -> Table:
    """How many topics are at each status, and in all."""
    rows: list[tuple[Cell, ...]] = [
        (label, sum(1 for t in topics if t.status == code))
        for code, label in TOPIC_STATUS_LABELS.items()
        if any(t.status == code for t in topics)
    ]
    rows.append(("Tổng số đề tài", len(topics)))
    columns = (Column("Tình trạng"), Column("Số đề tài", "r"))
    return Table(page, "tinh-trang", "Số đề tài theo tình trạng", columns, tuple(rows))


# --- the research topics -------------------------------------------------------------------------


TOPIC_STATUS_LABELS = {
    "planned": "Chưa triển khai",
    "in_progress": "Đang thực hiện",
    "accepted_base": "Đã nghiệm thu cấp cơ sở",
    "accepted_city": "Đã nghiệm thu cấp thành phố",
}
NO_SOURCE = "Nội dung mẫu, không có nguồn"  # a row without a source, in an illustrative program
TOPIC_RESULT_COLUMNS = (
    Column("Kết quả nghiên cứu", download=False),
    Column("Kết quả nghiên cứu", page=False),
    Column("Nguồn", page=False),
)


def topics_table(
    topics: Sequence[Topic],
    page: str,
    topic_page: Callable[[Topic], str],
    illustrative: bool,
    results: bool = False,
    found: Callable[[Topic], str] | None = None,
) -> Table:
    """The topics; with `results`, what each found and its source (the appendix's).

    `found`: what a topic found as the page words it (Markdown), for the page; the downloads hold the text.
    """
    rows = []
    for t in topics:
        row: tuple[Cell, ...] = (
            Linked(f"{t.id}. {t.title}", topic_page(t)), t.id, t.title, t.lead_agency, t.field,
            TOPIC_STATUS_LABELS[t.status], t.rating, Day(t.accepted_on),
        )  # fmt: skip
        if results:
            source = t.source or (NO_SOURCE if illustrative else None)
            row += (Markup(found(t)) if found else None, html.unescape(t.result_summary) or None, source)
        rows.append(row)
    columns = (
        Column("Đề tài", download=False),
        Column("Mã", page=False),
        Column("Tên đề tài", page=False),
        Column("Cơ quan chủ trì"),
        Column("Lĩnh vực"),
        Column("Tình trạng"),
        Column("Xếp loại"),
        Column("Ngày nghiệm thu"),
        *(TOPIC_RESULT_COLUMNS if results else ()),
    )
    title = "Phụ lục 2. Đề tài khoa học" if results else "Đề tài khoa học"
    return Table(page, "de-tai", title, columns, tuple(rows))


# --- the appendix's lists ------------------------------------------------------------------------


def appendix_indicators(
    indicators: Sequence[Indicator], counts: dict[str, int], page: str, appendix_page: Callable[[Indicator], str]
) -> Table:
    """Each indicator's table of the appendix, with how many figures it holds (`counts`, by indicator id)."""
    rows = tuple(
        (Linked(f"{i.id}. {i.name}", appendix_page(i)), i.id, i.name, i.measure, counts[i.id]) for i in indicators
    )
    columns = (
        Column("Chỉ tiêu", download=False),
        Column("Mã", page=False),
        Column("Chỉ tiêu", page=False),
        Column("Đơn vị tính"),
        Column("Số số liệu", "r"),
    )
    return Table(page, "chi-tieu", "Phụ lục 1. Chỉ tiêu", columns, rows)


DOCUMENT_KIND_LABELS = {
    "directive": "Chỉ thị",
    "resolution": "Nghị quyết",
    "scheme": "Đề án",
    "program": "Chương trình",
    "plan": "Kế hoạch",
    "conclusion": "Kết luận",
    "regulation": "Quy định",
    "thematic": "Chuyên đề",
    "other": "Văn bản khác",
}


def documents_table(documents: Sequence[Document], page: str) -> Table:
    rows = tuple((d.number, DOCUMENT_KIND_LABELS[d.kind], Day(d.date), d.title, d.issuer, d.field) for d in documents)
    names = ("Số hiệu", "Loại", "Ngày", "Trích yếu", "Cơ quan ban hành", "Lĩnh vực")
    return Table(page, "van-ban", "Phụ lục 3. Văn bản", tuple(Column(n) for n in names), rows)


# --- the list of units ---------------------------------------------------------------------------


def units_table(
    r: Results,
    indicators: Sequence[Indicator],
    unit_by_code: dict[str, Unit],
    unit_page: Callable[[Unit], str],
    memo: Memo | None = None,
) -> Table:
    """Every unit in the order of its tree, with how many indicators it has figures of and has met.

    `memo`: a unit's counts, made of its own values, are those an earlier build made of the same values.
    """
    memo = memo or Always()
    rows: list[tuple[Cell, ...]] = []
    for unit, depth in r.tree:
        counts = functools.partial(unit_counts, r, indicators, unit.code)
        shown, achieved, resting = memo.unit(unit.code, "counts", counts, count=False)
        parent = unit_by_code[unit.parent].name if unit.parent else None
        rows.append(
            (
                Linked(unit.name, unit_page(unit), depth),
                unit.code,
                UNIT_KINDS[unit.kind],
                parent,
                depth,
                shown,
                achieved,
                resting,
            )
        )
    split = any(row[-1] for row in rows)
    if not split:
        rows = [row[:-1] for row in rows]
    columns = (
        Column("Đơn vị"),
        Column("Mã"),
        Column("Loại"),
        Column("Trực thuộc", page=False),
        Column("Cấp", page=False),
        Column("Số chỉ tiêu có số liệu", "r"),
        Column("Số chỉ tiêu đã đạt", "r"),
        *SPLIT_COLUMNS[:split],
    )
    return Table("don-vi/index.md", "don-vi", "Đơn vị báo cáo", columns, tuple(rows))


def unit_counts(r: Results, indicators: Sequence[Indicator], unit: str) -> tuple[int, int, int]:
    """How many indicators a unit has figures of, how many of those it has met, and how many of these met
    rest on an estimate or an illustrative figure."""
    own = [r.unit_status(i, unit) for i in indicators if r.values(i.id, unit)]
    achieved = [st for st in own if st is not None and st.code == "achieved"]
    return len(own), len(achieved), len(marked(achieved))


UNIT_KINDS = {
    "province": "Tỉnh",
    "city": "Thành phố",
    "urban_district": "Quận",
    "rural_district": "Huyện",
    "town": "Thị xã",
    "commune": "Xã",
    "ward": "Phường",
    "township": "Thị trấn",
    "party_committee": "Đảng bộ",
    "agency": "Cơ quan",
    "other": "Khác",
}


# --- the tables of a unit's page ------------------------------------------------------------------


def periods_table(
    r: Results, indicators: Sequence[Indicator], unit: Unit, page: str, indicator_page: Callable[[Indicator], str]
) -> Table:
    """The unit's figure of each indicator in each period it has figures of, marked when not official."""
    used = sorted({v.period for i in indicators for v in r.values(i.id, unit.code)}, key=lambda p: p.sort_key)
    rows = []
    for ind in indicators:
        values = r.values(ind.id, unit.code)
        if not values:
            continue
        by_period, places = {v.period: v for v in values}, r.decimals(ind)
        figures = [
            Figure(by_period[p].value, ind.measure, r.kind(by_period[p]), decimals=places) if p in by_period else None
            for p in used
        ]
        rows.append((Linked(ind.id, indicator_page(ind)), ind.measure, *figures, kinds_words(r, values)))
    columns = (
        Column("Chỉ tiêu"),
        Column("Đơn vị tính", page=False),
        *[Column(p.code, "r", page_title=p.short) for p in used],
        Column("Loại số liệu", page=False),
    )
    return Table(page, "theo-ky", f"{unit.name}: số liệu theo kỳ", columns, tuple(rows))


def kinds_words(r: Results, values: Sequence[Value]) -> str:
    """The "Loại số liệu" of a row of figures: one label, or the periods of each kind that is not official."""
    found = [v for v in values if v.value is not None]
    kinds = {r.kind(v) for v in found}
    if len(kinds) <= 1:
        return KIND_WORDS[next(iter(kinds), "official")]
    parts = [KIND_WORDS["official"]] if "official" in kinds else []
    for kind in status_mod.KINDS[1:]:
        periods = [v.period.code for v in found if r.kind(v) == kind]
        if periods:
            parts.append(f"{KIND_WORDS[kind]}: {', '.join(periods)}")
    return "; ".join(parts)


# --- an indicator's appendix --------------------------------------------------------------------


def appendix_table(
    r: Results,
    ind: Indicator,
    units: Sequence[tuple[Unit, int]],
    periods: Sequence[Period],
    page: str,
    unit_page: Callable[[Unit], str],
) -> Table:
    """Units (with their depth in the tree) × periods: every figure of the indicator, with its kind."""
    rows, places = [], r.decimals(ind)
    for unit, depth in units:
        values = r.values(ind.id, unit.code)
        by_period = {v.period: v for v in values}
        figures = [
            Figure(by_period[p].value, ind.measure, r.kind(by_period[p]), decimals=places) if p in by_period else None
            for p in periods
        ]
        rows.append((Linked(unit.name, unit_page(unit), depth), unit.code, *figures, kinds_words(r, values)))
    columns = (
        Column("Đơn vị"),
        Column("Mã đơn vị", page=False),
        *[Column(p.code, "r", page_title=p.short) for p in periods],
        Column("Loại số liệu", page=False),
    )
    return Table(page, "bang", f"Phụ lục: {ind.id}. {ind.name} ({ind.measure})", columns, tuple(rows))


# --- the tables of an indicator's page ----------------------------------------------------------


def compare_pairs(r: Results, ind: Indicator) -> tuple[Period, list[tuple[Unit, float]]] | None:
    """The units compared on an indicator's page: the latest period any has a value of, in the page's order."""
    by_period: dict[Period, list[tuple[Unit, float]]] = {}
    for u in r.compared_units():
        for uv in r.values(ind.id, u.code):
            if uv.value is not None:
                by_period.setdefault(uv.period, []).append((u, uv.value))
    if not by_period:
        return None
    period = max(by_period, key=lambda p: p.sort_key)
    return period, r.compared_pairs(ind, by_period[period])


def competition_ranks(values: Sequence[float]) -> list[int]:
    """Ranks of values already in rank order; tied values share a rank ("1, 2, 2, 4")."""
    out: list[int] = []
    for n, v in enumerate(values):
        out.append(out[-1] if n and abs(v - values[n - 1]) < 1e-9 else n + 1)
    return out


def compare_table(r: Results, ind: Indicator, page: str, unit_page: Callable[[Unit], str]) -> Table | None:
    """The units compared at the latest period, ranked unless the indicator says not to (`rank_units: no`)."""
    found = compare_pairs(r, ind)
    if found is None:
        return None
    period, pairs = found
    kinds = r.kinds_at(ind, period, [u for u, _ in pairs])
    columns = [
        Column("Đơn vị"),
        Column("Mã đơn vị", page=False),
        Column(f"Giá trị ({ind.measure}, {period.code})", "r", page_title="Giá trị"),
        Column("Loại số liệu", page=False),
        Column("Đánh giá"),
    ]
    rows: list[tuple[Cell, ...]] = [
        (
            Linked(u.name, unit_page(u)),
            u.code,
            Figure(v, ind.measure, kinds[u], decimals=r.decimals(ind)),
            KIND_WORDS[kinds[u]],
            StatusOf(r.unit_status(ind, u.code)),
        )
        for u, v in pairs
    ]
    if ind.ranked:
        columns.insert(0, Column("Hạng", "r"))
        rows = [(Rank(n), *row) for n, row in zip(competition_ranks([v for _, v in pairs]), rows, strict=True)]
    return Table(page, "so-sanh", f"{ind.name}: so sánh các đơn vị", tuple(columns), tuple(rows))


def trend_table(r: Results, ind: Indicator, root: Unit, page: str) -> Table | None:
    """The whole's figure of each period, and for a cumulative target the running sum."""
    values = r.values(ind.id, root.code)
    if not values:
        return None
    cumulative = ind.target_type == "cumulative"
    rows: list[tuple[Cell, ...]] = []
    running, places = 0.0, r.decimals(ind)
    for n, v in enumerate(values):
        running += v.value or 0.0
        total = Figure(
            running if v.value is not None else None, ind.measure, weakest(r, values[: n + 1]), decimals=places
        )
        figure = Figure(v.value, ind.measure, r.kind(v), decimals=places)
        rows.append((When(v.period), figure, *([total] if cumulative else []), KIND_WORDS[r.kind(v)]))
    columns = (
        Column("Kỳ"),
        Column(f"Giá trị ({ind.measure})", "r", page_title="Giá trị"),
        *([Column(f"Lũy kế ({ind.measure})", "r", page_title="Lũy kế")] if cumulative else []),
        Column("Loại số liệu", page=False),
    )
    return Table(page, "dien-bien", f"{ind.name}: diễn biến", columns, tuple(rows))


def values_table(
    r: Results, ind: Indicator, page: str, units: Sequence[Unit], unit_page: Callable[[Unit], str]
) -> Table:
    """Every value of the indicator of each of `units` (in their order), with its kind, source and note."""
    rows = tuple(
        (
            Linked(unit.name, unit_page(unit)),
            unit.code,
            When(v.period, short=True),
            Figure(v.value, ind.measure, r.kind(v), marked=False, missing="Chưa có số liệu", decimals=r.decimals(ind)),
            ind.measure,
            KIND_WORDS[r.kind(v)],
            value_source(ind, v, r.kind(v)),
            v.note,
        )
        for unit in units
        for v in r.values(ind.id, unit.code)
    )
    columns = (
        Column("Đơn vị"),
        Column("Mã đơn vị", page=False),
        Column("Kỳ"),
        Column("Giá trị", "r"),
        Column("Đơn vị tính", page=False),
        Column("Loại số liệu"),
        Column("Nguồn"),
        Column("Ghi chú"),
    )
    return Table(page, "so-lieu", f"{ind.name}: bảng số liệu", columns, rows)


def value_source(ind: Indicator, v: Value, kind: str) -> str:
    """Where a figure comes from; an illustrative figure is never credited to the indicator's (real) source."""
    if v.source:
        return v.source
    if "illustrative" in status_mod.MARKS_OF[kind]:
        return "Số liệu minh họa (không có nguồn)"
    return ind.source


def weakest(r: Results, values: Sequence[Value]) -> str:
    """The kind of a sum: every mark of the values summed."""
    return status_mod.weakest(r.kind(v) for v in values)


def figure_text(f: Figure) -> str:
    """A figure as a page shows it in a table (the mark is the page's: `scripts.report.pages`)."""
    return f.missing if f.value is None else fmt.quantity(f.value, f.measure, f.decimals)
