"""The appendix: each indicator's figures, the research topics' results and recommendations, the documents,
the timeline, and a short note on how a status is decided and what the marks mean.

Bounded like the print view: at most `UNIT_ROWS` units per indicator and
`APPENDIX_ROWS` in all, with a line saying where the rest is.
"""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm

from scripts.data.model import Dataset, Indicator, Period
from scripts.downloads.word.findings import SAMPLE, result, sample
from scripts.downloads.word.results import legend, progress_text
from scripts.downloads.word.text import Cell, figure, paragraphs, plain
from scripts.downloads.word.writer import SMALL_PT, TEXT_MM, Column, Row, Writer, run
from scripts.report import fmt, pages, printview
from scripts.report.compute import Results
from scripts.report.status import LABELS

UNIT_ROWS = printview.PRINT_ROWS  # unit rows of one indicator in the appendix
APPENDIX_ROWS = printview.APPENDIX_ROWS  # unit rows of all indicators together

HEADING = "PHỤ LỤC"
SECTIONS = (
    "Phụ lục 1. Số liệu chi tiết theo chỉ tiêu",
    "Phụ lục 2. Kết quả nghiên cứu và kiến nghị của các đề tài khoa học",
    "Phụ lục 3. Văn bản lãnh đạo, chỉ đạo",
    "Phụ lục 4. Mốc thời gian",
    "Phụ lục 5. Cách đánh giá và ký hiệu",
)


def headings(ds: Dataset) -> list[str]:
    out = [HEADING, SECTIONS[0]]
    out += [f"{n}. {i.name}" for n, i in enumerate(ds.indicators, 1)]
    out.append(SECTIONS[1])
    out += [f"{n}. {tp.title}" for n, tp in enumerate(ds.topics, 1)]
    return out + list(SECTIONS[2:])


def part(w: Writer, r: Results) -> None:
    ds = w.ds
    head = w.heading(HEADING, 1)
    head.paragraph_format.page_break_before = True
    head.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    head.paragraph_format.first_line_indent = Mm(0)
    w.heading(SECTIONS[0], 2)
    if not ds.indicators:
        w.empty("Chưa có chỉ tiêu nào trong dữ liệu.")
    per = max(5, min(UNIT_ROWS, APPENDIX_ROWS // max(1, len(ds.indicators))))
    left = APPENDIX_ROWS
    for n, ind in enumerate(ds.indicators, 1):
        left -= indicator(w, r, ind, n, min(per, left))
    w.heading(SECTIONS[1], 2)
    topics(w)
    w.heading(SECTIONS[2], 2)
    documents(w)
    w.heading(SECTIONS[3], 2)
    timeline(w)
    w.heading(SECTIONS[4], 2)
    method(w)


def indicator(w: Writer, r: Results, ind: Indicator, n: int, limit: int) -> int:
    """An indicator's whole series and its units' latest values (at most `limit` rows); the rows it used."""
    ds = w.ds
    root = ds.root
    s = r.status(ind.id)
    w.heading(f"{n}. {ind.name}", 3)
    text = (
        f"Đơn vị tính: {ind.measure}. Mục tiêu: {plain(pages.target_text(ind, r.decimals(ind)))}. "
        f"Kết quả của {root.name}: {result(r, ind, s)}. Đánh giá: {pages.status_text(s)}."
    )
    verdict = progress_text(ind, s)
    if verdict:
        text += f" Tiến độ: {verdict.rsplit(' — ', 1)[0]}."
    w.para(text)
    series(w, r, ind)
    reported = {v.unit for v in ds.values_by_indicator.get(ind.id, ()) if v.value is not None}
    units = [(u, d) for u, d in r.tree if d > 0 and u.code in reported]
    if not units:
        return 0
    shown = units[:limit]
    w.caption(f"Số liệu mới nhất của các đơn vị, {fmt.number(len(units))} đơn vị có số liệu:")
    rows: list[Row] = []
    kinds = set()
    for unit, depth in shown:
        latest = r.latest(ind.id, unit.code)
        assert latest is not None
        kinds.add(latest.status)
        row: list[Cell] = [
            "\u2003" * (depth - 1) + unit.name,
            latest.period.short,
            figure(latest.value, ind.measure, latest.status, r.decimals(ind)),
        ]
        if ind.is_percent:
            row.append(pages.status_text(r.unit_status(ind, unit.code)))
        rows.append(row)
    cols = [Column("Đơn vị", 75), Column("Kỳ", 30, "c"), Column("Giá trị", 30, "r")]
    if ind.is_percent:
        cols.append(Column("Đánh giá", 30))
    else:
        cols[0] = Column("Đơn vị", 105)
    w.table(cols, rows)
    legend(w, kinds)
    if len(shown) < len(units):
        csv = pages.download_path(pages.appendix_path(ind), "bang") + ".csv"
        w.para(
            f"Bảng trên có số liệu của {fmt.number(len(shown))} trong {fmt.number(len(units))} đơn vị. "
            f"Số liệu của mọi đơn vị ở trang “Phụ lục {ind.id}” của trang tra cứu và trong tệp {csv}.",
            italic=True,
            size=SMALL_PT,
        )
    return len(shown)


def series(w: Writer, r: Results, ind: Indicator) -> None:
    """The whole's (root unit's) value of every period, and the running sum of a cumulative target."""
    ds = w.ds
    values = r.values(ind.id, ds.root.code)
    if not values:
        w.para(f"{ds.root.name} chưa có số liệu của chỉ tiêu này.", italic=True)
        return
    first = max(0, len(values) - UNIT_ROWS)  # the latest periods, when there are more than a table holds
    cumulative = ind.target_type == "cumulative"
    w.caption(f"Số liệu của {ds.root.name} qua các kỳ:")
    rows: list[Row] = []
    running, kinds = 0.0, set()
    by_period = {v.period: v for v in values}
    periods: list[Period] = [v.period for v in values]
    for n, v in enumerate(values):
        running += v.value or 0.0
        if n < first:
            continue
        row: list[Cell] = [v.period.label, figure(v.value, ind.measure, v.status, r.decimals(ind))]
        if v.value is not None:
            kinds.add(v.status)
        if cumulative:
            upto = pages.weakest_upto(by_period, periods, v.period)
            row.append(figure(running if v.value is not None else None, ind.measure, upto, r.decimals(ind)))
        rows.append(row)
    cols = [Column("Kỳ", 45), Column("Giá trị", 55, "r")]
    w.table([*cols, Column("Lũy kế", 55, "r")] if cumulative else cols, rows)
    legend(w, kinds)
    if first:
        shown = len(values) - first
        w.para(f"Bảng trên có {fmt.number(shown)} kỳ gần nhất trong {fmt.number(len(values))} kỳ.", italic=True)


def topics(w: Writer) -> None:
    """The topics at a glance, then each one's results and recommendations (its `topics/<id>.md`), in full."""
    ds = w.ds
    if not ds.topics:
        w.empty("Chưa có đề tài trong dữ liệu.")
        return
    rows: list[Row] = []
    for n, tp in enumerate(ds.topics, 1):
        status = pages.TOPIC_STATUS_LABELS[tp.status] + (f"; xếp loại {tp.rating}" if tp.rating else "")
        if tp.accepted_on:
            status += f"; {fmt.date(tp.accepted_on)}"
        name = tp.title + (f" ({SAMPLE})" if ds.program.illustrative and not tp.source else "")
        summary = " ".join(paragraphs(tp.result_summary)) or "Chưa có tóm tắt kết quả."
        rows.append([fmt.number(n), name, tp.lead_agency, status, summary])
    cols = (Column("TT", 10, "c"), Column("Đề tài", 45), Column("Cơ quan chủ trì", 30), Column("Tình trạng", 30))
    w.table((*cols, Column("Kết quả nghiên cứu", TEXT_MM - 115)), rows)
    for n, tp in enumerate(ds.topics, 1):
        w.heading(f"{n}. {tp.title}", 3)
        p = w.para()
        facts = [f"Cơ quan chủ trì: {tp.lead_agency}"]
        if tp.chair:
            facts.append(f"chủ nhiệm: {tp.chair}")
        facts.append(pages.TOPIC_STATUS_LABELS[tp.status].lower() + (f", xếp loại {tp.rating}" if tp.rating else ""))
        run(p, "; ".join(facts), italic=True)
        sample(w, p, tp.source)
        run(p, ".", italic=True)
        texts = paragraphs(tp.body)
        if not texts:
            w.empty("Chưa có nội dung kết quả và kiến nghị.")
        for text in texts:
            w.para(text)


def documents(w: Writer) -> None:
    ds = w.ds
    if not ds.documents:
        w.empty("Chưa có văn bản nào trong dữ liệu.")
        return
    rows: list[Row] = [
        [
            fmt.number(n),
            d.number,
            pages.DOCUMENT_KIND_LABELS[d.kind],
            fmt.date(d.date),
            d.title + (f" ({SAMPLE})" if ds.program.illustrative and not d.source else ""),
            d.issuer,
        ]
        for n, d in enumerate(ds.documents, 1)
    ]
    cols = (Column("TT", 10, "c"), Column("Số hiệu", 25), Column("Loại", 20), Column("Ngày", 25, "c"))
    w.table((*cols, Column("Trích yếu", 55), Column("Cơ quan ban hành", TEXT_MM - 135)), rows)


def timeline(w: Writer) -> None:
    """The program's dated events, in order: date, event (who chaired it, what it did), source."""
    ds = w.ds
    if not ds.milestones:
        w.empty("Chưa có mốc thời gian trong dữ liệu.")
        return
    rows: list[Row] = []
    for m in ds.milestones:
        event = m.title + (f"; chủ trì: {m.chair}" if m.chair else "") + "."
        if m.summary:
            event += f" {m.summary}"
        if m.source:
            event += f" Nguồn: {m.source}."
        rows.append([fmt.date(m.date), event])
    w.table((Column("Ngày", 28, "c"), Column("Sự kiện", TEXT_MM - 28)), rows)


def method(w: Writer) -> None:
    """How a status is decided and what the marks mean, in a few lines (the site's page "Về dữ liệu" in full)."""
    ds = w.ds
    p = ds.program
    w.para(
        f"Đánh giá của mỗi chỉ tiêu được tính cho {ds.root.name} từ số liệu trong giai đoạn {p.start}–{p.end}, "
        f"tính đến ngày {fmt.date(p.as_of)}. Chỉ tiêu hằng năm và chỉ tiêu cuối giai đoạn so sánh số liệu của kỳ "
        "gần nhất có số liệu với mục tiêu; chỉ tiêu cộng dồn so sánh tổng số liệu các kỳ trong giai đoạn."
    )
    meanings = {
        "achieved": "số liệu so sánh đạt mục tiêu theo cách chương trình nêu: không thấp hơn, trên, không cao hơn "
        "hoặc dưới mục tiêu.",
        "not_met": "mục tiêu hằng năm chưa đạt ở kỳ gần nhất có số liệu.",
        "on_track": "mục tiêu cuối giai đoạn hoặc cộng dồn chưa đạt, nhưng phần chặng đường đã đi tới mục tiêu "
        "không ít hơn phần thời gian đã qua.",
        "behind": "mục tiêu cuối giai đoạn hoặc cộng dồn chưa đạt và phần chặng đường đã đi ít hơn phần thời gian đã "
        "qua; chỉ tiêu cuối giai đoạn không có giá trị ban đầu thì chưa đạt là chậm tiến độ.",
        "no_data": "chưa có số liệu trong giai đoạn của chương trình.",
        "no_target": "chỉ tiêu không có mục tiêu bằng số.",
    }
    for code, meaning in meanings.items():
        w.para(f"- {LABELS[code]}: {meaning}")
    w.para(
        "Chặng đường đã đi của chỉ tiêu cộng dồn là tổng số liệu chia cho mục tiêu; của chỉ tiêu cuối giai đoạn là "
        "phần thay đổi từ giá trị năm gốc so với khoảng cách từ giá trị năm gốc đến mục tiêu. Thời gian đã qua tính "
        "theo ngày, đến hết kỳ của số liệu gần nhất hoặc đến ngày số liệu được tính, tùy ngày nào sớm hơn."
    )
    marks = "; ".join(f"“{short}”: số liệu {meaning}" for short, meaning in pages.MARKS.values())
    basis = ", ".join(f"“({word})”" for word in pages.BASIS_WORDS.values())
    w.para(
        f"Ký hiệu đặt sau số liệu: {marks}; số liệu không có ký hiệu là số liệu chính thức. Kết quả và đánh giá "
        f"tính từ số liệu có ký hiệu ghi kèm {basis}."
    )
    if p.illustrative:
        w.para(f"Mục ghi “{SAMPLE}” là nội dung mẫu, không ghi nguồn, không phải thông tin chính thức.")
