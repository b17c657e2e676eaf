"""Part I, the results, in the order the report is asked for: the innovations in leadership and direction first,
then the outstanding results, the targets, and the schemes, thematic work and research topics.

Every indicator is named in words, never by its code; every on-track or
behind verdict is followed by the figures it rests on (the share of the way
to the target, the share of the time elapsed).
"""

from __future__ import annotations

from collections.abc import Iterable

from scripts.data import schema
from scripts.data.model import Dataset, Finding, Indicator
from scripts.data.model import Document as Doc
from scripts.data.textutil import vi_key
from scripts.downloads.word.findings import SAMPLE, findings, result, sample
from scripts.downloads.word.text import inline, paragraphs, plain
from scripts.downloads.word.writer import TEXT_MM, Column, Group, Row, Writer, run
from scripts.report import fmt, pages, rounds
from scripts.report.compute import Results
from scripts.report.pages.rounds import since
from scripts.report.status import Status

PART = "I. KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH"
SECTIONS = (
    "1. Đổi mới phương thức lãnh đạo, chỉ đạo",
    "2. " + pages.FINDING_HEADINGS["highlight"],
    "3. Kết quả thực hiện các chỉ tiêu",
    "4. Tình hình thực hiện các đề án, chương trình, chuyên đề và đề tài khoa học",
)
VERDICTS = "Căn cứ đánh giá tiến độ"
NO_FIGURE = "Chưa có số liệu"  # the "Kỳ trước" cell of an indicator that had no figure at the previous round


def headings(ds: Dataset) -> list[str]:
    return [PART, *SECTIONS]


def part(w: Writer, r: Results) -> None:
    ds = w.ds
    w.heading(PART, 1)
    w.heading(SECTIONS[0], 2)
    w.markdown(ds.program.innovations)
    documents(w, r)

    w.heading(SECTIONS[1], 2)
    findings(w, r, ds.findings_of("highlight"), prefix="2.")

    w.heading(SECTIONS[2], 2)
    targets(w, r)

    w.heading(SECTIONS[3], 2)
    tracked(w, r)
    topics(w)


def targets(w: Writer, r: Results) -> None:
    """The table of indicators (name, target, result, status), what its marks mean, and what each verdict rests on."""
    ds = w.ds
    if not ds.indicators:
        w.empty("Chưa có chỉ tiêu nào trong dữ liệu.")
        return
    w.caption(plain(pages.status_sentence(ds, r)), italic=False)
    t = rounds.timeline(ds, r=r)
    rows: list[Row] = []
    for group, inds in pages.groups(ds):
        rows.append(Group(group))
        for i in inds:
            s = r.status(i.id)
            row = [i.name, plain(pages.target_text(i, r.decimals(i))), result(r, i, s), pages.status_text(s)]
            if t.previous is not None:
                before = rounds.previous_status(t, i.id)
                row.append(NO_FIGURE if before is None else pages.status_text(before))
            rows.append(row)
    cols: tuple[Column, ...]
    if t.previous is None:
        cols = (Column("Chỉ tiêu", 55), Column("Mục tiêu", 40), Column("Kết quả", 40), Column("Đánh giá", 30))
    else:
        previous = Column(f"Kỳ trước ({fmt.date(t.previous.date)})", 27)
        cols = (Column("Chỉ tiêu", 47), Column("Mục tiêu", 33), Column("Kết quả", 33), Column("Đánh giá", 25), previous)
    w.table(cols, rows)
    if t.previous is not None:  # what moved since the previous round, in the site's sentences
        for line in since(ds, t, "").splitlines():
            if line.strip():
                w.para(plain(line.strip().removeprefix("- ")))
    legend(w, {r.status(i.id).basis for i in ds.indicators})
    verdicts = [(i, r.status(i.id)) for i in ds.indicators if progress_text(i, r.status(i.id))]
    if verdicts:
        w.caption(f"{VERDICTS}:", italic=True)
        for i, s in verdicts:
            w.para(f"- {i.name}: {progress_text(i, s)}.")
    w.para("Cách đánh giá và ý nghĩa các ký hiệu được nêu ở phụ lục cuối báo cáo.", italic=True)


def progress_text(i: Indicator, s: Status) -> str:
    """What an on-track or behind verdict rests on, in words ("" for any other status).

    "lũy kế bằng 60,1% mục tiêu khi thời gian đã qua 80% giai đoạn — Chậm tiến độ".
    """
    if s.code not in ("on_track", "behind"):
        return ""
    verdict = pages.status_text(s)
    if s.progress is None or s.elapsed is None:
        return f"chưa đạt mục tiêu cuối giai đoạn và không có giá trị ban đầu để tính tiến độ — {verdict}"
    if i.target_type == "cumulative":
        done = f"lũy kế bằng {fmt.percent(s.progress)} mục tiêu"
    else:
        start = f"giá trị năm {i.baseline_year}" if i.baseline_year is not None else "giá trị ban đầu"
        done = f"đi được {fmt.percent(s.progress)} chặng đường từ {start} đến mục tiêu"
    return f"{done} khi thời gian đã qua {fmt.percent(s.elapsed)} — {verdict}"


def legend(w: Writer, kinds: Iterable[str]) -> None:
    """The line under a table that says what its marks mean (none when it has none)."""
    text = plain(pages.marks_legend(set(kinds)).strip().strip("_"))
    if text:
        w.para(inline(text), italic=True, size=12)


def documents(w: Writer, r: Results) -> None:
    """Each leadership document: what it is, its progress and result, the indicators it drives."""
    ds = w.ds
    if not ds.documents:
        w.empty("Chưa có văn bản nào trong dữ liệu.")
        return
    w.para("Văn bản lãnh đạo, chỉ đạo đã ban hành:", bold=True).paragraph_format.keep_with_next = True
    fields = sorted({d.field for d in ds.documents}, key=lambda f: (f == "", vi_key(f)))
    for field in fields:
        if len(fields) > 1 or field:
            w.para(
                f"Lĩnh vực: {field}" if field else "Lĩnh vực khác", italic=True
            ).paragraph_format.keep_with_next = True
        for d in (d for d in ds.documents if d.field == field):
            document_entry(w, r, d)


def document_entry(w: Writer, r: Results, d: Doc) -> None:
    ds = w.ds
    p = w.para()
    run(p, f"- {d.number}", bold=True)
    run(p, f", {pages.DOCUMENT_KIND_LABELS[d.kind].lower()} ngày {fmt.date(d.date)}: {d.title}")
    if d.issuer:
        run(p, f". Cơ quan ban hành: {d.issuer}")
    sample(w, p, d.source)
    if d.summary:
        w.para(d.summary)
    if d.progress:
        w.labelled("Tiến độ", pages.PROGRESS_LABELS[d.progress])
    if d.result:
        w.markdown(d.result, lead="Kết quả: ")
    drives = r.documents_driving(d.number)
    if drives:
        label = "Chỉ tiêu gắn với văn bản"
        if d.kind in schema.TRACKED_KINDS and not d.result and pages.reported_by_indicators(r, d):
            label = "Kết quả đến nay, theo chỉ tiêu gắn với văn bản"
        w.para(f"{label}:", italic=True).paragraph_format.keep_with_next = True
        for i in drives:
            w.para(f"- {indicator_figure(r, i)}")
    named = ds.findings_naming.get(d.number, ())
    if named:
        w.labelled("Được nêu trong báo cáo", "; ".join(finding_name(f) for f in named))
    if d.source:
        w.labelled("Nguồn", d.source, size=12)


def indicator_figure(r: Results, i: Indicator) -> str:
    """ "Tỷ lệ A: 82,5% (Q1/2022); đạt 1/5 kỳ — Đã đạt": an indicator in words, its result and status."""
    s = r.status(i.id)
    return f"{i.name}: {result(r, i, s)} — {pages.status_text(s)}"


def finding_name(f: Finding) -> str:
    return f"{pages.FINDING_NAMES[f.kind]} {f.order}: {f.title}"


def tracked(w: Writer, r: Results) -> None:
    """Schemes, programs, plans and thematic work with their progress and what they achieved.

    A result left empty shows the figures of the indicators the document drives, when they have any.
    """
    ds = w.ds
    docs = [d for d in ds.documents if d.kind in schema.TRACKED_KINDS and d.number != ds.program.code]
    if not docs:
        w.empty("Chưa có đề án, chương trình, kế hoạch hay chuyên đề nào trong dữ liệu.")
        return
    w.caption("Các đề án, chương trình, kế hoạch, chuyên đề:", italic=False, bold=True)
    rows: list[Row] = []
    for d in docs:
        if d.result:
            done = " ".join(paragraphs(d.result))
        else:
            figures = pages.reported_by_indicators(r, d)
            done = (
                "Theo chỉ tiêu gắn với văn bản: " + "; ".join(indicator_figure(r, i) for i in figures)
                if figures
                else "Chưa cập nhật"
            )
        rows.append(
            [
                d.number,
                pages.DOCUMENT_KIND_LABELS[d.kind],
                d.title + (f" ({SAMPLE})" if ds.program.illustrative and not d.source else ""),
                pages.PROGRESS_LABELS[d.progress] if d.progress else "Chưa cập nhật",
                done,
            ]
        )
    cols = (Column("Số hiệu", 25), Column("Loại", 20), Column("Trích yếu", 45), Column("Tiến độ", 25))
    w.table((*cols, Column("Kết quả đến nay", TEXT_MM - 115)), rows)


def topics(w: Writer) -> None:
    """The research topics: how many were accepted, and each one's status; their results are in the appendix."""
    ds = w.ds
    accepted = sum(1 for tp in ds.topics if tp.status.startswith("accepted"))
    p = w.para()
    run(p, "Đề tài khoa học: ", bold=True)
    if not ds.topics:
        run(p, "chưa có đề tài trong dữ liệu.")
        return
    run(p, f"{fmt.number(accepted)}/{fmt.number(len(ds.topics))} đề tài đã được nghiệm thu.")
    for tp in ds.topics:
        p = w.para()
        run(p, f"- {tp.title}", bold=True)
        facts = [f"cơ quan chủ trì: {tp.lead_agency}", pages.TOPIC_STATUS_LABELS[tp.status].lower()]
        if tp.rating:
            facts.append(f"xếp loại {tp.rating}")
        if tp.accepted_on:
            facts.append(f"nghiệm thu ngày {fmt.date(tp.accepted_on)}")
        run(p, "; " + "; ".join(facts))
        sample(w, p, tp.source)
        run(p, ".")
