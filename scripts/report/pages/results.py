"""The results page and the list of indicators: each target against its result, grouped as the program groups them."""

from __future__ import annotations

from scripts.data.model import Dataset, Indicator
from scripts.report import fmt, tabular
from scripts.report import rounds as rounds_mod
from scripts.report.compute import Results
from scripts.report.pages.assessment import findings_section
from scripts.report.pages.common import (
    FINDING_HEADINGS,
    Page,
    downloads,
    indicator_path,
    link,
    model_table,
    result_text,
    status_badge,
    table,
    target_text,
)
from scripts.report.pages.program import topic_summary, tracked_documents
from scripts.report.pages.rounds import SINCE_HEADING, matrix, since
from scripts.report.pages.topics import accepted_count
from scripts.report.status import LABELS, ORDER


def results_page(ds: Dataset, r: Results, timeline: rounds_mod.Timeline | None = None) -> Page:
    """Part I of the report: outstanding results, each target's result, schemes and topics.

    `timeline`: the statuses at each reporting round (worked out here when not given).
    """
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
    body += rounds_sections(ds, timeline or rounds_mod.timeline(ds, r=r), src)
    body.append("## Tình hình thực hiện các đề án, chương trình, chuyên đề\n")
    body.append(tracked_documents(ds, src, r))
    body.append("## Đề tài khoa học\n")
    body.append(f"{accepted_count(ds)}. Kết quả từng đề tài: {link('Đề tài khoa học', src, 'de-tai/index.md')}.\n")
    body.append(topic_summary(ds))
    return Page(src, "Kết quả thực hiện", "\n".join(body))


def rounds_sections(ds: Dataset, timeline: rounds_mod.Timeline, src: str) -> list[str]:
    """The results over time: what moved since the previous round, and every round's statuses."""
    return [
        f"## {SINCE_HEADING}\n",
        since(ds, timeline, src),
        "## Đánh giá qua các kỳ báo cáo\n",
        matrix(ds, timeline, src),
    ]


def groups(ds: Dataset) -> list[tuple[str, list[Indicator]]]:
    """The indicators by their group, groups in the order they first appear."""
    out: dict[str, list[Indicator]] = {}
    for ind in ds.indicators:
        out.setdefault(ind.group, []).append(ind)
    return list(out.items())


def status_sentence(ds: Dataset, r: Results) -> str:
    """ "13 chỉ tiêu, đánh giá cho Thành phố Hà Nội đến 30/06/2020: 4 đã đạt, …"."""
    statuses = [r.status(i.id) for i in ds.indicators]
    parts = [
        f"{fmt.number(r.summary[c])} {LABELS[c].lower()}" + tabular.count_split([s for s in statuses if s.code == c])
        for c in ORDER
        if r.summary.get(c)
    ]
    split = any(", trong đó" in part for part in parts)  # a split count: the parts apart by semicolons
    return (
        f"{fmt.number(len(ds.indicators))} chỉ tiêu, đánh giá cho {fmt.text(ds.root.name)} "
        f"theo số liệu đến {fmt.date(ds.program.as_of)}: " + ("; " if split else ", ").join(parts) + "."
    )


def results_table(ds: Dataset, r: Results, inds: list[Indicator], src: str) -> str:
    rows = [
        [
            link(fmt.text(f"{i.id}. {i.name}"), src, indicator_path(i)),
            target_text(i, r.decimals(i)),
            result_text(i, r.status(i.id), r.decimals(i)),
            status_badge(r.status(i.id)),
        ]
        for i in inds
    ]
    return table(["Chỉ tiêu", "Mục tiêu", "Kết quả", "Đánh giá"], rows)


def status_summary(ds: Dataset, r: Results, src: str) -> str:
    return model_table(tabular.status_counts(r, ds.indicators, src, indicator_path), src)


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
