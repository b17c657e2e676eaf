"""The home page as a dashboard: the program at a glance, in the time a leader gives it.

What it shows, all computed from the data: the program's identity and the
status of its indicators counted; the outstanding results; every indicator
by name, in its group, with the figure its status was computed from, the
target, the status and a sparkline; the research topics as a bar by
status; the units that met the most and the fewest of the targets that
apply to each unit, on ranked indicators only; links into every part of the
report. Its size does not grow with the number of units (no unit list).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from fractions import Fraction

from scripts.data.model import Dataset, Indicator, Unit
from scripts.report import charts, fmt, tabular
from scripts.report import rounds as rounds_mod
from scripts.report.compute import Results
from scripts.report.pages import (
    BASIS_WORDS,
    FINDING_HEADINGS,
    TOPIC_STATUS_LABELS,
    accepted_count,
    finding_anchor,
    groups,
    indicator_path,
    link,
    result_text,
    status_badge,
    target_text,
    topic_path,
    unit_path,
)
from scripts.report.pages.rounds import SINCE_HEADING, since
from scripts.report.status import LABELS, ORDER, VERDICTS, weakest

SRC = "index.md"
UNITS_SHOWN = 3  # strongest and weakest units named on the home page (more when they tie)
TIES_NAMED = 5  # tied units named; more are counted ("10 đơn vị cùng đạt 2/5")


def dashboard(ds: Dataset, r: Results, timeline: rounds_mod.Timeline | None = None) -> str:
    """The Markdown of the home page below its title (`timeline`: the statuses at each round, if worked out)."""
    parts = [
        at_a_glance(ds, r),
        since_previous(ds, timeline or rounds_mod.timeline(ds, r=r)),
        highlights(ds),
        indicator_cards(ds, r),
        topics_bar(ds),
        strongest_and_weakest(ds, r),
        sections(ds),
    ]
    return "\n".join(p for p in parts if p)


def at_a_glance(ds: Dataset, r: Results) -> str:
    p = ds.program
    issuer = fmt.text(p.issuer) + (f" {fmt.text(p.term)}" if p.term else "")
    lead = (
        f"**{fmt.text(p.title)}**. Chương trình số {fmt.text(p.code)} của {issuer}, giai đoạn {p.start}–{p.end}; "
        f"số liệu tính đến {fmt.date(p.as_of)}.\n"
    )
    statuses = [r.status(i.id) for i in ds.indicators]
    chips = " ".join(
        f'<span class="status status--{code}">{fmt.number(r.summary[code])} {LABELS[code].lower()}'
        f"{tabular.count_split([st for st in statuses if st.code == code])}</span>"
        for code in ORDER
        if r.summary.get(code)
    )
    return (
        lead
        + f'\n<p class="status-strip" aria-label="Đánh giá {fmt.number(len(ds.indicators))} chỉ tiêu">'
        + f"{fmt.number(len(ds.indicators))} chỉ tiêu: {chips}</p>\n"
    )


def since_previous(ds: Dataset, timeline: rounds_mod.Timeline) -> str:
    """What moved between the previous reporting round and the latest (`scripts.report.rounds`)."""
    return f"## {SINCE_HEADING}\n\n" + since(ds, timeline, SRC)


def highlights(ds: Dataset) -> str:
    found = ds.findings_of("highlight")
    if not found:
        return ""
    items = "\n".join(f"- {link(fmt.text(f.title), SRC, 'ket-qua.md', finding_anchor(f))}" for f in found)
    return f"## {FINDING_HEADINGS['highlight']}\n\n{items}\n"


def sparkline(ds: Dataset, r: Results, ind: Indicator) -> str:
    """The whole's series of one indicator as an inline SVG ("" without values)."""
    rows = [v for v in r.values(ind.id, ds.root.code) if v.value is not None and ds.program.covers(v.period)]
    if len(rows) < 2:
        return ""
    values: list[float | None] = []
    running = 0.0
    for v in rows:
        running += v.value or 0.0
        values.append(running if ind.target_type == "cumulative" else v.value)
    first, last = rows[0].period.short, rows[-1].period.short
    places = r.decimals(ind)
    how = "lũy kế" if ind.target_type == "cumulative" else "giá trị"
    label = (
        f"Diễn biến {how} {ind.id} từ {first} đến {last}: "
        f"{fmt.quantity_text(values[0], ind.measure, places)} → {fmt.quantity_text(values[-1], ind.measure, places)}"
    )
    svg = charts.sparkline_svg(values, [v.status for v in rows], ind.target, ind.direction, label="-")
    # The drawing sits in Markdown, which would read a <title>'s text: its name is an attribute, made inert.
    return svg.replace('role="img"><title>-</title>', f'role="img" aria-label="{fmt.text(label)}">', 1)


def indicator_cards(ds: Dataset, r: Results) -> str:
    out = ["## Các chỉ tiêu\n"]
    for group, inds in groups(ds):
        out.append(f"### {fmt.text(group)}\n")
        out.append('<div class="kpi-grid" markdown>\n')
        for ind in inds:
            s = r.status(ind.id)
            out.append(
                f'<div class="kpi kpi--{s.code}" markdown>\n\n'
                f"{link(fmt.text(f'{ind.id}. {ind.name}'), SRC, indicator_path(ind))}\n{{: .kpi__name }}\n\n"
                f"**{result_text(ind, s, r.decimals(ind))}**\n{{: .kpi__result }}\n\n"
                f"Mục tiêu: {target_text(ind, r.decimals(ind))}\n{{: .kpi__target }}\n\n"
                f"{status_badge(s)} {sparkline(ds, r, ind)}\n{{: .kpi__status }}\n\n"
                "</div>\n"
            )
        out.append("</div>\n")
    return "\n".join(out)


def topics_bar(ds: Dataset) -> str:
    if not ds.topics:
        return ""
    counts = Counter(t.status for t in ds.topics)
    total = len(ds.topics)
    segments = "".join(
        f'<span class="topic-bar__part topic-bar__part--{code}" style="width: {100 * counts[code] / total:.2f}%">'
        f"{fmt.number(counts[code])}</span>"
        for code in TOPIC_STATUS_LABELS
        if counts[code]
    )
    legend = "; ".join(
        f"{label}: {fmt.number(counts[code])}" for code, label in TOPIC_STATUS_LABELS.items() if counts[code]
    )
    links = "\n".join(f"- {link(fmt.text(f'{t.id}. {t.title}'), SRC, topic_path(t))}" for t in ds.topics)
    return (
        "## Đề tài khoa học\n\n"
        f'<p class="topic-bar" role="img" aria-label="{fmt.number(total)} đề tài. {legend}">{segments}</p>\n\n'
        f"{accepted_count(ds)}. {legend}. "
        f"Kết quả từng đề tài: {link('Đề tài khoa học', SRC, 'de-tai/index.md')}.\n\n"
        f"{links}\n"
    )


@dataclass(frozen=True)
class Score:
    """A unit's targets met (or on track) of those assessed for it, and what its verdicts rest on."""

    unit: Unit
    met: int
    assessed: int
    basis: str

    @property
    def share(self) -> Fraction:
        return Fraction(self.met, self.assessed)


def unit_scores(ds: Dataset, r: Results) -> list[Score]:
    """The score of each unit one level below the whole, on ranked indicators (no monitoring one)."""
    ranked = [i for i in ds.indicators if i.ranked and i.target is not None]
    out = []
    for unit in r.compared_units():
        statuses = [r.unit_status(i, unit.code) for i in ranked if r.values(i.id, unit.code)]
        assessed = [s for s in statuses if s is not None and s.code in VERDICTS]
        if assessed:
            met = sum(1 for s in assessed if s.code in ("achieved", "on_track"))
            out.append(Score(unit, met, len(assessed), tabular.basis_of(assessed)))
    return out


def tied_groups(scores: list[Score]) -> list[list[Score]]:
    """Scores from the best share to the worst, units of the same share together (in their own order)."""
    out: dict[Fraction, list[Score]] = {}
    for sc in sorted(scores, key=lambda sc: (-sc.share, sc.unit.row)):
        out.setdefault(sc.share, []).append(sc)
    return list(out.values())


def _first_groups(groups: list[list[Score]]) -> list[list[Score]]:
    """The groups from the start that name at least `UNITS_SHOWN` units (a tie is never cut)."""
    out: list[list[Score]] = []
    for g in groups:
        if sum(map(len, out)) >= UNITS_SHOWN:
            break
        out.append(g)
    return out


def _group_lines(group: list[Score], each: bool) -> list[str]:
    """A group of tied units: each named, or how many when more than `TIES_NAMED`.

    `each`: say beside a unit (or a count) what its verdicts rest on, when some units' do on marked figures and
    others' do not.
    """
    if len(group) <= TIES_NAMED:
        return [
            f"- {link(fmt.text(sc.unit.name), SRC, unit_path(sc.unit))}: đạt {fmt.number(sc.met)}/"
            f"{fmt.number(sc.assessed)}" + (f" ({BASIS_WORDS[sc.basis]})" if each and sc.basis in BASIS_WORDS else "")
            for sc in group
        ]
    if len({sc.assessed for sc in group}) == 1:
        level = f"{fmt.number(group[0].met)}/{fmt.number(group[0].assessed)}"
    else:
        level = f"{fmt.percent(float(group[0].share))} số mục tiêu được đánh giá"
    marked = [sc for sc in group if sc.basis != "official"] if each else []
    said = (
        f", trong đó {fmt.number(len(marked))} đơn vị dựa trên {tabular.resting_on(weakest(sc.basis for sc in marked))}"
        if marked
        else ""
    )
    return [f"- {fmt.number(len(group))} đơn vị cùng đạt {level}{said}"]


def strongest_and_weakest(ds: Dataset, r: Results) -> str:
    """The units that met the most and the fewest targets; ties told, and the figures they rest on said."""
    if not ds.program.rank_units_home:
        return ""
    scores = unit_scores(ds, r)
    if len(scores) < 2 * UNITS_SHOWN:
        return ""
    groups = tied_groups(scores)
    top = _first_groups(groups)
    bottom = [g for g in _first_groups(groups[::-1]) if g not in top]
    if not bottom:  # every unit is in the strongest: no weakest to name
        return ""
    basis = weakest(sc.basis for sc in scores)
    each = basis != "official" and any(sc.basis == "official" for sc in scores)  # some marked, some not
    if basis == "official":
        resting = ""
    elif each:
        resting = f" Đánh giá của đơn vị có ghi chú trong ngoặc dựa trên {tabular.resting_on(basis)}."
    else:
        resting = f" Các đánh giá này dựa trên {tabular.resting_on(basis)}, không phải số liệu chính thức."
    return (
        "## Đơn vị\n\n"
        "Số mục tiêu đạt hoặc đúng tiến độ trên số mục tiêu được đánh giá cho từng đơn vị (chỉ tiêu tỷ lệ; "
        f"không tính các chỉ tiêu không xếp hạng đơn vị).{resting}\n\n"
        "**Đạt nhiều nhất**\n\n" + "\n".join(line for g in top for line in _group_lines(g, each)) + "\n\n"
        "**Đạt ít nhất**\n\n" + "\n".join(line for g in bottom for line in _group_lines(g, each)) + "\n\n"
        f"Mọi đơn vị: {link('Đơn vị báo cáo', SRC, 'don-vi/index.md')}.\n"
    )


def sections(ds: Dataset) -> str:
    figures = sum(1 for v in ds.values if v.value is not None)
    p = ds.program
    term = f"nhiệm kỳ {fmt.text(p.next_term)}" if p.next_term else f"giai đoạn sau {p.end}"
    items = [
        (
            "chuong-trinh.md",
            "Chương trình và đổi mới phương thức lãnh đạo",
            f"{fmt.number(len(ds.documents))} văn bản lãnh đạo, chỉ đạo",
        ),
        ("ket-qua.md", "Kết quả thực hiện", "kết quả nổi bật, từng chỉ tiêu, đề án, chuyên đề"),
        ("de-tai/index.md", "Đề tài khoa học", f"{fmt.number(len(ds.topics))} đề tài"),
        ("danh-gia.md", "Đánh giá chung", "ưu điểm, hạn chế, nguyên nhân, bài học kinh nghiệm"),
        ("phuong-huong.md", "Phương hướng, nhiệm vụ", term),
        ("phu-luc/index.md", "Phụ lục số liệu", f"{fmt.number(figures)} số liệu chi tiết theo chỉ tiêu, đơn vị, kỳ"),
        ("ban-in.md", "Bản in toàn văn", "toàn bộ báo cáo để in"),
    ]
    lines = "\n".join(f"- {link(title, SRC, path)}: {what}." for path, title, what in items)
    return f"## Nội dung báo cáo\n\n{lines}\n"
