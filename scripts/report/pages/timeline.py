"""The timeline: the program's dated events."""

from __future__ import annotations

from scripts.data.model import Dataset
from scripts.report import fmt
from scripts.report.pages.common import Page


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
