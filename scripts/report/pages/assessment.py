"""The assessment (overall, strengths, limitations, causes, lessons) and the directions and solutions for the next term.

It reads as a Party report: "Đánh giá chung" opens with the overall
assessment (findings of kind `overall`) before the lists; causes come in
their two groups, objective and subjective, each numbered from 1, the groups
in the order their first cause has in `order`; the directions are headed for
the term the program names (`next_term`), with the solutions under them. The
Word edition (`scripts.downloads.word`) takes its groups and headings from here.
"""

from __future__ import annotations

from collections.abc import Sequence

from scripts.data.model import Dataset, Finding, Program
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

_LIST_START = ("- ", "* ", "+ ", "#", "|", ">")


def cause_groups(causes: Sequence[Finding]) -> list[tuple[str, tuple[Finding, ...]]]:
    """The causes by aspect, each group in `order` and the groups in the order their first cause has.

    Causes without an aspect form a group of their own ("Nguyên nhân khác");
    when every cause is without one, that single group has no heading ("").
    """
    groups: dict[str, list[Finding]] = {}
    for f in sorted(causes, key=lambda f: f.order):
        groups.setdefault(f.aspect, []).append(f)
    if list(groups) == [""]:
        return [("", tuple(groups[""]))]
    return [(ASPECT_HEADINGS[aspect], tuple(items)) for aspect, items in groups.items()]


def directions_heading(p: Program, solutions: bool = False) -> str:
    """ "Phương hướng, nhiệm vụ, giải pháp nhiệm kỳ 2020–2025"; without `next_term`, the period after the program's."""
    if p.next_term:
        return f"Phương hướng, nhiệm vụ, giải pháp nhiệm kỳ {p.next_term}"
    return f"Phương hướng, nhiệm vụ{', giải pháp' if solutions else ''} giai đoạn tiếp theo (sau {p.end})"


def overall_text(f: Finding) -> tuple[str, str]:
    """An overall assessment as (lead, body): its title run in before its text, or the title alone."""
    title = f.title.strip()
    if not f.text.strip():
        return "", title
    lead = title if title.endswith((".", ":", "!", "?")) else title + "."
    return lead, f.text.strip()


def overall_section(ds: Dataset, src: str) -> str:
    """The overall assessment's paragraphs, each with its anchor and, below, its source."""
    out = []
    for f in ds.findings_of("overall"):
        lead, body = overall_text(f)
        anchor = f'<span id="{finding_anchor(f)}"></span>'
        if not lead:
            out.append(f"{anchor}{safe_markdown(body)}\n")
        elif body.lstrip().startswith(_LIST_START):
            out.append(f"{anchor}**{fmt.text(lead)}**\n\n{safe_markdown(body)}\n")
        else:
            out.append(f"{anchor}**{fmt.text(lead)}** {safe_markdown(body)}\n")
        if f.source:
            out.append(f"<small>Nguồn: {fmt.text(f.source)}</small>\n")
        elif ds.program.illustrative:
            out.append(sample_mark(ds, f.source).strip() + "\n")
    return "\n".join(out)


def findings_section(
    ds: Dataset,
    r: Results,
    kind: str,
    src: str,
    level: int = 3,
    items: tuple[Finding, ...] | None = None,
    numbered: bool = False,
) -> str:
    """The findings of one kind (or `items`), each with its anchor, text, responsible body, evidence and source.

    Each is numbered by its `order`, or, `numbered`, from 1 in the order given (the causes of a group).
    """
    found = ds.findings_of(kind) if items is None else items
    if not found:
        return "_Chưa có nội dung trong dữ liệu._\n"
    out = []
    for n, f in enumerate(found, 1):
        number = n if numbered else f.order
        out.append(f"{'#' * level} {number}. {fmt.text(f.title)} {{ #{finding_anchor(f)} }}\n")
        if f.text:
            out.append(safe_markdown(f.text) + "\n")
        if f.responsible:
            out.append(f"**Cơ quan, tổ chức chịu trách nhiệm:** {fmt.text(f.responsible)}\n")
        elif f.kind == "limitation":
            out.append("**Cơ quan, tổ chức chịu trách nhiệm:** _chưa xác định_\n")
        evidence = related_links(ds, r, f, src)
        if len(evidence) == 1:
            out.append(f"**Căn cứ:** {evidence[0]}\n")
        elif evidence:
            out.append("**Căn cứ:**\n\n" + "\n".join(f"- {e}" for e in evidence) + "\n")
        if f.source:
            out.append(f"<small>Nguồn: {fmt.text(f.source)}</small>\n")
        elif ds.program.illustrative:
            out.append(sample_mark(ds, f.source).strip() + "\n")
    return "\n".join(out)


def assessment_page(ds: Dataset, r: Results) -> Page:
    """Parts II and III of the report: the overall assessment, strengths, limitations, causes by group; lessons."""
    src = "danh-gia.md"
    body = ["# Đánh giá chung\n"]
    if ds.findings_of("overall"):
        body.append(overall_section(ds, src))
    for kind in ("strength", "limitation"):
        body.append(f"## {FINDING_HEADINGS[kind]} ({fmt.number(len(ds.findings_of(kind)))})\n")
        body.append(findings_section(ds, r, kind, src))
    causes = ds.findings_of("cause")
    body.append(f"## {FINDING_HEADINGS['cause']} ({fmt.number(len(causes))})\n")
    if not causes:
        body.append("_Chưa có nội dung trong dữ liệu._\n")
    for heading, items in cause_groups(causes):
        if heading:
            body.append(f"### {heading}\n")
            body.append(findings_section(ds, r, "cause", src, level=4, items=items, numbered=True))
        else:
            body.append(findings_section(ds, r, "cause", src, items=items))
    body.append(f"## {FINDING_HEADINGS['lesson']} ({fmt.number(len(ds.findings_of('lesson')))})\n")
    body.append(findings_section(ds, r, "lesson", src))
    return Page(src, "Đánh giá chung", "\n".join(body))


def directions_page(ds: Dataset, r: Results) -> Page:
    """Part IV: the directions and tasks for the next term, and the solutions (giải pháp) when there are any."""
    src = "phuong-huong.md"
    solutions = ds.findings_of("solution")
    body = [f"# {directions_heading(ds.program, bool(solutions))}\n"]
    if solutions:
        body += [
            f"## {FINDING_HEADINGS['direction']}\n",
            findings_section(ds, r, "direction", src),
            f"## {FINDING_HEADINGS['solution']}\n",
            findings_section(ds, r, "solution", src),
        ]
    else:
        body.append(findings_section(ds, r, "direction", src, level=2))
    return Page(src, "Phương hướng, nhiệm vụ", "\n".join(body))
