"""The program's page: the program, the innovations in how it was led, its documents and their progress.

A scheme (or program, plan, thematic work) whose result says nothing yet,
while an indicator it drives has figures, shows those figures and links to
them (`reported_by_indicators`): the report never says "Chưa cập nhật" of
what its own tables show.
"""

from __future__ import annotations

from scripts.data import schema
from scripts.data.model import Dataset, Document, Indicator
from scripts.data.textutil import vi_key
from scripts.report import fmt, tabular
from scripts.report.compute import Results
from scripts.report.pages.common import (
    DOCUMENT_KIND_LABELS,
    PROGRESS_LABELS,
    Page,
    _inline,
    downloads,
    findings_links,
    indicator_path,
    link,
    model_table,
    result_text,
    sample_mark,
    status_badge,
    table,
)


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
        shown = "; ".join(indicator_figure(r, i, src) for i in drives)
        label = "Chỉ tiêu gắn với văn bản"
        if d.kind in schema.TRACKED_KINDS and not d.result and reported_by_indicators(r, d):
            label = "Kết quả đến nay, theo chỉ tiêu gắn với văn bản"
        lines.append(f"    **{label}:** {shown}")
    named = ds.findings_naming.get(d.number, ())
    if named:
        lines.append(f"    **Được nêu trong báo cáo:** {findings_links(named, src)}")
    if d.source:
        lines.append(f"    Nguồn: {fmt.text(d.source)}")
    return "\n\n".join(lines) + "\n"


def indicator_figure(r: Results, i: Indicator, src: str) -> str:
    """An indicator named in words and linked, with its result and status: "[Tỷ lệ …](…): 56,8% (2020) — Đã đạt"."""
    s = r.status(i.id)
    return f"{link(fmt.text(i.name), src, indicator_path(i))}: {result_text(i, s, r.decimals(i))} — {status_badge(s)}"


def reported_by_indicators(r: Results, d: Document) -> tuple[Indicator, ...]:
    """The indicators `d` drives that have a figure: what its result shows when its own `result` is empty."""
    return tuple(i for i in r.documents_driving(d.number) if r.status(i.id).compared is not None)


def tracked_documents(ds: Dataset, src: str, r: Results | None = None) -> str:
    """Schemes, programs, plans and thematic work with their progress and what they achieved.

    With `r`, a result left empty shows the figures of the indicators the document drives.
    """
    docs = [d for d in ds.documents if d.kind in schema.TRACKED_KINDS and d.number != ds.program.code]
    if not docs:
        return "_Chưa có đề án, chương trình, kế hoạch hay chuyên đề nào trong dữ liệu._\n"
    rows = [
        [
            link(fmt.text(d.number), src, "chuong-trinh.md", f"vb-{d.slug}"),
            DOCUMENT_KIND_LABELS[d.kind],
            fmt.text(d.title) + sample_mark(ds, d.source),
            PROGRESS_LABELS[d.progress] if d.progress else "Chưa cập nhật",
            _inline(d.result) if d.result else tracked_result(r, d, src) if r is not None else "Chưa cập nhật",
        ]
        for d in docs
    ]
    return table(["Số hiệu", "Loại", "Trích yếu", "Tiến độ", "Kết quả đến nay"], rows)


def tracked_result(r: Results, d: Document, src: str) -> str:
    """The result of a document that states none: its indicators' figures, linked, or that none is reported yet."""
    figures = reported_by_indicators(r, d)
    if not figures:
        return "Chưa cập nhật"
    return "Theo chỉ tiêu gắn với văn bản: " + "; ".join(indicator_figure(r, i, src) for i in figures)


def glance(ds: Dataset) -> str:
    return model_table(tabular.program_facts(ds.program, "chuong-trinh.md"), "chuong-trinh.md")


def topic_summary(ds: Dataset) -> str:
    return model_table(tabular.topic_counts(ds.topics, "de-tai/index.md"), "de-tai/index.md")
