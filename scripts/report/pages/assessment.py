"""The assessment (strengths, limitations, causes, lessons) and the directions for the next term."""

from __future__ import annotations

from scripts.data.model import Dataset, Finding
from scripts.report import fmt
from scripts.report.compute import Results
from scripts.report.pages.common import (
    ASPECT_HEADINGS,
    FINDING_HEADINGS,
    Page,
    finding_anchor,
    related_links,
    safe_markdown,
    sample_mark,
)


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
