"""The program over time on the pages: the statuses at each round, and what moved since the previous one.

The results page shows a matrix (an indicator a row, a round a column);
each indicator's page its status at each round with the figure compared and
the progress and time elapsed where they decide it; the results page and the
home page say in sentences what moved between the previous round and the
latest. What is worked out is `scripts.report.rounds`'.
"""

from __future__ import annotations

from scripts.data.model import Dataset, Indicator, Round
from scripts.report import fmt
from scripts.report import rounds as rounds_mod
from scripts.report.compute import Results
from scripts.report.pages.common import indicator_path, link, result_text, status_badge, table
from scripts.report.status import Status

SINCE_HEADING = "So với kỳ trước"
MOVE_LEADS = {
    "new": "Có số liệu lần đầu (kỳ trước chưa có số liệu)",
    "met": "Đã đạt chỉ tiêu kể từ kỳ trước",
    "improved": "Đánh giá tốt lên",
    "slipped": "Đánh giá giảm",
    "late": "Có số liệu của kỳ đã qua được báo cáo sau kỳ trước (bổ sung hoặc điều chỉnh)",
}


def round_label(rnd: Round) -> str:
    """ "Giao ban quý III/2019 (30/09/2019)", or the date alone for a round without a name."""
    return f"{fmt.text(rnd.name)} ({fmt.date(rnd.date)})" if rnd.name else fmt.date(rnd.date)


def cell(s: Status | None) -> str:
    """A status in a round's cell; empty when no figure was known then."""
    return "" if s is None else status_badge(s)


def matrix(ds: Dataset, t: rounds_mod.Timeline, src: str) -> str:
    """The status of every indicator at every round, for the results page."""
    header = ["Chỉ tiêu", *(round_label(rnd) for rnd in t.rounds)]
    rows = [
        [link(fmt.text(f"{i.id}. {i.name}"), src, indicator_path(i)), *(cell(s) for s in t.cells(i.id))]
        for i in ds.indicators
    ]
    return (
        f"Đánh giá từng chỉ tiêu ở mỗi kỳ báo cáo, cho {fmt.text(ds.root.name)}: mỗi kỳ tính với số liệu đã có "
        "đến ngày của kỳ đó; ô trống là kỳ đó chưa có số liệu.\n\n"
        f'<div class="rounds-matrix" markdown>\n\n{table(header, rows)}\n</div>\n'
    )


def indicator_rounds(ds: Dataset, r: Results, ind: Indicator) -> str:
    """An indicator's status at each round: the figure compared, and progress against time where they decide it."""
    cells = rounds_mod.statuses(ds, ind, r).statuses
    decided = any(s is not None and s.progress is not None for s in cells)
    header = ["Kỳ báo cáo", "Kết quả", *(["Tiến độ / thời gian"] if decided else []), "Đánh giá"]
    rows = []
    for rnd, s in zip(ds.program.rounds, cells, strict=True):
        if s is None:
            rows.append([round_label(rnd), "Chưa có số liệu", *([""] if decided else []), ""])
            continue
        pace = f"{fmt.percent(s.progress)} / {fmt.percent(s.elapsed)}" if s.progress is not None else ""
        rows.append(
            [round_label(rnd), result_text(ind, s, r.decimals(ind)), *([pace] if decided else []), status_badge(s)]
        )
    note = (
        " Tiến độ / thời gian: phần chặng đường đến mục tiêu đã đi được so với phần thời gian đã trôi qua."
        if decided
        else ""
    )
    return f"Mỗi kỳ tính với số liệu đã có đến ngày của kỳ đó.{note}\n\n" + table(header, rows)


def since(ds: Dataset, t: rounds_mod.Timeline, src: str) -> str:
    """What moved between the previous round and the latest, in sentences that name each indicator once."""
    prev = t.previous
    if prev is None:
        return f"Chương trình mới có một kỳ báo cáo, {round_label(t.rounds[-1])}: chưa có kỳ trước để so sánh.\n"
    found = rounds_mod.moves(ds, t)
    lead = f"Kỳ này: {round_label(t.rounds[-1])}; kỳ trước: {round_label(prev)}."
    if not found:
        return f"{lead} Không chỉ tiêu nào thay đổi đánh giá.\n"
    lines = [lead + "\n"]
    for kind in rounds_mod.MOVES:
        items = [_move(m, src) for m in found if m.kind == kind]
        if items:
            lines.append(f"- {MOVE_LEADS[kind]}: " + "; ".join(items) + ".")
    unchanged = len(ds.indicators) - len(found)
    if unchanged:
        lines.append(f"\n{fmt.number(unchanged)} chỉ tiêu còn lại giữ nguyên đánh giá hoặc chưa có số liệu.")
    return "\n".join(lines) + "\n"


def _move(m: rounds_mod.Move, src: str) -> str:
    ind = m.indicator
    name = link(fmt.text(f"{ind.id}. {ind.name}"), src, indicator_path(ind))
    if m.kind == "late":
        return f"{name} ({', '.join(fmt.text(p.label) for p in m.periods)})"
    after = status_badge(m.after) if m.after is not None else ""
    if m.before is None:
        return f"{name} ({after})"
    return f"{name} ({status_badge(m.before)} → {after})"
