"""Draw charts as SVG with matplotlib, deterministically; sparklines as SVG written by hand.

A chart is described by a small immutable spec (everything it shows and
nothing else), so the same spec always gives the same bytes and a spec's
hash can key a cache. Drawing only happens in `render` (and `drawn`, which
hands the laid-out figure to tests before it is saved).

What a chart says about status comes from the caller: the comparison bars
receive each unit's status ("met", "not_met", "") already computed with the
indicator's operator, and a trend receives the kind of each point
("official", "estimate", "illustrative"). The chart only shows them: colour
and pattern for status, marker and line style for kind, a legend outside the
data, and the illustrative mark written inside the image so that it stays
with a downloaded file.

`sparkline_svg` draws the tiny line of the home page as plain SVG text: one
per indicator, so it must cost nothing and need no matplotlib.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import math
import textwrap
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from scripts.report import fmt

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# Okabe–Ito blue and orange stay apart for every kind of colour blindness and in grey;
# the not-met bars are hatched as well, so the status reads without colour.
_COLORS = {
    "met": "#0072B2",
    "not_met": "#E69F00",
    "neutral": "#A0A0A0",
    "hatch": "#6B4500",
    "line": "#0072B2",
    "illustrative": "#BBBBBB",
    "target": "#333333",
    "text": "#222222",
    "caption": "#333333",
}
_NOT_MET_HATCH = "///"

STATUSES = ("met", "not_met", "")
STATUS_LABELS = {"met": "Đạt mục tiêu", "not_met": "Chưa đạt", "": "Chưa đánh giá"}
KINDS = ("official", "estimate", "illustrative")
KIND_LABELS = {"official": "Chính thức", "estimate": "Ước tính", "illustrative": "Minh họa"}
# how a value of each kind is marked beside it where no caption covers it ("72% (ước)")
KIND_MARKS = {"official": "", "estimate": "ước", "illustrative": "minh họa"}
ILLUSTRATIVE_CAPTION = "Số liệu minh họa, không phải số liệu chính thức."

# The page shows an image at its own width (about 500 px here) or, on a phone, shrunk to the screen
# (about 360 px): the text is large enough to stay readable at 70%.
_WIDTH = 5.2  # inches
_SMALL = 10.5  # points: legend, caption, figures written on the chart (the rest is `font.size`)
_CAPTION_CHARS = 60  # a caption line wider than the figure is wrapped
_ANNOTATE_AT_MOST = 12  # more points than this: only the latest value is written on the line
_TICKS_AT_MOST = 12  # more periods than this: every k-th is named, always the latest
_FIGURE_BOX = {"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.85}


def _check_codes(field: str, codes: tuple[str, ...], allowed: tuple[str, ...], n: int) -> None:
    if codes and len(codes) != n:
        raise ValueError(f"{field}: {len(codes)} codes for {n} values")
    wrong = sorted({c for c in codes if c not in allowed})
    if wrong:
        raise ValueError(f"{field}: unknown codes {wrong}, expected one of {list(allowed)}")


def _target_text(target: float, measure: str, decimals: int | None) -> str:
    return f"Mục tiêu: {fmt.quantity_text(target, measure, decimals)}"


def _periods_text(labels: list[str]) -> str:
    return ", ".join(labels) if len(labels) <= 6 else f"{fmt.number(len(labels))} kỳ"


@dataclass(frozen=True)
class TrendChart:
    """Values of one unit over periods, with the target line.

    `kinds[i]` is the kind of `values[i]` ("official", "estimate", "illustrative"; empty: all
    official). With `illustrative_program` and any point not official, the image carries
    `ILLUSTRATIVE_CAPTION`.
    """

    name: str
    path: str
    title: str
    measure: str
    labels: tuple[str, ...]
    values: tuple[float | None, ...]
    target: float | None
    cumulative: bool = False
    kinds: tuple[str, ...] = ()
    illustrative_program: bool = False
    decimals: int | None = None  # of every figure written: the indicator's (`Results.decimals`)

    def __post_init__(self) -> None:
        if len(self.labels) != len(self.values):
            raise ValueError(f"{len(self.labels)} labels for {len(self.values)} values")
        _check_codes("kinds", self.kinds, KINDS, len(self.values))

    @property
    def point_kinds(self) -> tuple[str, ...]:
        return self.kinds or ("official",) * len(self.values)

    @property
    def shown_kinds(self) -> tuple[str, ...]:
        """The kinds of the points drawn (those with a value), in the legend's order."""
        present = {k for k, v in zip(self.point_kinds, self.values, strict=True) if v is not None}
        return tuple(k for k in KINDS if k in present)

    @property
    def caption(self) -> tuple[str, ...]:
        """The lines written under the chart, inside the image."""
        marked = self.illustrative_program and any(k != "official" for k in self.shown_kinds)
        return (ILLUSTRATIVE_CAPTION,) if marked else ()

    @property
    def alt(self) -> str:
        shown = [
            (lab, v, k) for lab, v, k in zip(self.labels, self.values, self.point_kinds, strict=True) if v is not None
        ]
        what = "tổng cộng dồn" if self.cumulative else "giá trị"
        parts = [f"Biểu đồ đường: {what} của {self.title}"]
        if len(self.labels) == 1:
            parts[0] += f" kỳ {self.labels[0]}"
        elif self.labels:
            parts[0] += f" qua {len(self.labels)} kỳ ({self.labels[0]}–{self.labels[-1]})"
        if shown:
            lab, v, k = shown[-1]
            mark = f" ({KIND_LABELS[k].lower()})" if k != "official" else ""
            parts.append(f"kỳ gần nhất có số liệu {lab}: {fmt.quantity_text(v, self.measure, self.decimals)}{mark}")
        for kind in ("estimate", "illustrative"):
            if kind == "illustrative" and self.caption:
                continue  # the caption says it for every point
            at = [lab for lab, _, k in shown if k == kind]
            if at:
                where = "mọi kỳ" if len(at) == len(shown) else f"kỳ {_periods_text(at)}"
                parts.append(f"số liệu {KIND_LABELS[kind].lower()} ở {where}")
        if self.target is not None:
            parts.append(f"đường mục tiêu: {fmt.quantity_text(self.target, self.measure, self.decimals)}")
        text = "; ".join(parts) + "."
        return " ".join([text, *self.caption])


@dataclass(frozen=True)
class CompareChart:
    """Values of several units for one period, as horizontal bars, in the order given.

    `statuses[i]` is the status of `values[i]` against the target, computed by the caller with
    the indicator's operator: "met", "not_met" or "" (no target, not assessed); empty: all "".
    `kinds[i]` is the kind of `values[i]`, as in `TrendChart`. `ranked` False (units that must
    not be ranked): the alt text names no highest or lowest unit. The chart never sorts.
    """

    name: str
    path: str
    title: str
    measure: str
    period: str
    labels: tuple[str, ...]
    values: tuple[float, ...]
    target: float | None
    omitted: int = 0
    statuses: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    ranked: bool = True
    illustrative_program: bool = False
    decimals: int | None = None  # of every figure written: the indicator's (`Results.decimals`)

    def __post_init__(self) -> None:
        if len(self.labels) != len(self.values):
            raise ValueError(f"{len(self.labels)} labels for {len(self.values)} values")
        _check_codes("statuses", self.statuses, STATUSES, len(self.values))
        _check_codes("kinds", self.kinds, KINDS, len(self.values))

    @property
    def bar_statuses(self) -> tuple[str, ...]:
        return self.statuses or ("",) * len(self.values)

    @property
    def bar_kinds(self) -> tuple[str, ...]:
        return self.kinds or ("official",) * len(self.values)

    @property
    def legend_statuses(self) -> tuple[str, ...]:
        """The statuses the legend explains: "" only beside met or not met bars."""
        present = set(self.bar_statuses)
        if present <= {""}:
            return ()
        return tuple(s for s in STATUSES if s in present)

    @property
    def caption(self) -> tuple[str, ...]:
        lines = []
        if self.illustrative_program and any(k != "official" for k in self.bar_kinds):
            lines.append(ILLUSTRATIVE_CAPTION)
        if self.omitted:
            lines.append(f"Biểu đồ lược bớt {fmt.number(self.omitted)} đơn vị; bảng số liệu có đủ các đơn vị.")
        return tuple(lines)

    def value_label(self, i: int) -> str:
        """The figure written at the end of bar `i`; a non-official one is marked unless the caption says so."""
        v = self.values[i]
        text = fmt.quantity_text(v, self.measure, self.decimals) if self.measure.strip() == "%" else self.figure(v)
        mark = KIND_MARKS[self.bar_kinds[i]]
        if mark and ILLUSTRATIVE_CAPTION not in self.caption:
            text += f" ({mark})"
        return text

    @property
    def alt(self) -> str:
        parts = [f"Biểu đồ cột ngang so sánh {len(self.labels)} đơn vị, {self.title}, {self.period}"]
        counts = [(s, self.bar_statuses.count(s)) for s in self.legend_statuses]
        words = {"met": "đạt mục tiêu", "not_met": "chưa đạt", "": "chưa đánh giá"}
        said = [f"{fmt.number(c)} đơn vị {words[s]}" for s, c in counts if c]
        if said:
            parts.append(", ".join(said))
        if not self.ranked:
            parts.append("các đơn vị theo thứ tự trong danh sách, không xếp hạng")
        elif self.values:
            parts.append(self.extreme("cao nhất", max(self.values)))
            parts.append(self.extreme("thấp nhất", min(self.values)))
        if self.target is not None:
            parts.append(f"đường mục tiêu: {fmt.quantity_text(self.target, self.measure, self.decimals)}")
        if ILLUSTRATIVE_CAPTION not in self.caption:
            for kind in ("estimate", "illustrative"):
                n = self.bar_kinds.count(kind)
                if n:
                    parts.append(f"{fmt.number(n)} đơn vị có số liệu {KIND_LABELS[kind].lower()}")
        text = "; ".join(parts) + "."
        return " ".join([text, *self.caption])

    def figure(self, v: float) -> str:
        """A figure as the chart writes it, without its unit of measure (the axis names it)."""
        return fmt.figure(v, self.decimals)

    def extreme(self, words: str, value: float) -> str:
        """ "cao nhất Xã A, Xã B: 80%": every unit at `value` named, or how many when more than `TIES_NAMED`."""
        tied = [lab for lab, v in zip(self.labels, self.values, strict=True) if abs(v - value) < 1e-9]
        figure = fmt.quantity_text(value, self.measure, self.decimals)
        if len(tied) > TIES_NAMED:
            return f"{words} {fmt.number(len(tied))} đơn vị cùng {figure}"
        return f"{words} {', '.join(tied)}: {figure}"


TIES_NAMED = 5  # tied units named in a chart's text; more are counted


def drawn_kind(kind: str) -> str:
    """The kind a point is drawn as: an illustrative estimate is drawn as illustrative (the text says both)."""
    return "illustrative" if kind == "estimate_illustrative" else kind


Chart = TrendChart | CompareChart


def key(chart: Chart) -> str:
    """A hash of exactly what the chart shows (the build adds the code that draws it)."""
    return hashlib.sha256(repr(chart).encode()).hexdigest()[:20]


def size(chart: Chart) -> int:
    """How much a chart has to draw (points or bars), to hand out the largest drawings first."""
    return len(chart.values)


def render(chart: Chart, fmt_: str = "svg") -> bytes:
    """The chart drawn as SVG, or as PNG (150 dpi) with `fmt_="png"`; no dates or versions in either."""
    buf = io.BytesIO()
    with drawn(chart, laid_out=False) as fig:  # saving places the artists
        if fmt_ == "png":
            fig.savefig(buf, format="png", dpi=150, metadata={"Software": None})
        else:
            fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    return buf.getvalue()


@contextlib.contextmanager
def drawn(chart: Chart, laid_out: bool = True) -> Iterator[Figure]:
    """The chart's figure under the fixed settings it is saved with, laid out as saved; closed on exit."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with matplotlib.rc_context(_RC):  # type: ignore[arg-type]
        fig = _trend(plt, chart) if isinstance(chart, TrendChart) else _compare(plt, chart)
        # laid out once, then kept: the figure is exactly `_WIDTH` wide, legend and caption inside it
        fig.get_layout_engine().execute(fig)
        fig.set_layout_engine("none")
        try:
            if laid_out:
                fig.draw_without_rendering()  # places every artist, so what is measured is what is saved
            yield fig
        finally:
            plt.close(fig)


_RC: dict[str, Any] = {
    "svg.hashsalt": "site",
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",
    "font.size": 12,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.axisbelow": True,
    "grid.color": "#dddddd",
    "hatch.linewidth": 1.2,
    "path.simplify": False,
    "text.parse_math": False,  # a "$" in a unit name is a dollar sign, not TeX
}


def _number_axis(axis: Any) -> None:
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda x, _: fmt.number(x)))


def _legend(fig: Any, handles: list[Any]) -> None:
    """The legend above the axes, outside the data, in as many columns as the figure's width holds."""
    if not handles:
        return
    renderer = fig.canvas.get_renderer()
    for ncols in range(len(handles), 0, -1):
        legend = fig.legend(
            handles=handles,
            loc="outside upper left",
            ncols=ncols,
            frameon=False,
            handlelength=2.2,
            columnspacing=1.4,
            fontsize=_SMALL,
        )
        if ncols == 1 or legend.get_window_extent(renderer).width <= fig.bbox.width:
            return
        legend.remove()


def _caption(fig: Any, lines: tuple[str, ...]) -> None:
    """Lines under the chart, inside the image: a downloaded file keeps them."""
    if lines:
        text = "\n".join(textwrap.fill(line, _CAPTION_CHARS) for line in lines)
        fig.supxlabel(text, x=0.015, ha="left", fontsize=_SMALL, color=_COLORS["caption"], style="italic")


_SEGMENT_STYLES: dict[str, Any] = {"official": "-", "estimate": (0, (4, 2.5)), "illustrative": (0, (1, 2))}
_MARKERS: dict[str, dict[str, Any]] = {
    "official": {"marker": "o", "markersize": 6, "markerfacecolor": _COLORS["line"]},
    "estimate": {"marker": "o", "markersize": 6.5, "markerfacecolor": "white", "markeredgewidth": 1.6},
    "illustrative": {"marker": "D", "markersize": 5.5, "markerfacecolor": _COLORS["illustrative"]},
}


def _trend(plt: Any, chart: TrendChart) -> Any:
    from matplotlib.lines import Line2D

    fig, ax = plt.subplots(figsize=(_WIDTH, 3.4), dpi=100, layout="constrained")
    n = len(chart.values)
    kinds = chart.point_kinds
    values = chart.values
    for run_kind, run in _runs(values, kinds):
        ax.plot(
            [i for i, _ in run],
            [v for _, v in run],
            color=_COLORS["line"],
            linestyle=_SEGMENT_STYLES[run_kind],
            linewidth=2,
            zorder=2,
        )
    markers = (
        dict(_MARKERS) if n <= 24 else {k: {**m, "markersize": m["markersize"] * 0.6} for k, m in _MARKERS.items()}
    )
    for kind in chart.shown_kinds:
        pts = [(i, v) for i, (v, k) in enumerate(zip(values, kinds, strict=True)) if v is not None and k == kind]
        ax.plot(
            [p[0] for p in pts],
            [p[1] for p in pts],
            linestyle="none",
            color=_COLORS["line"],
            markeredgecolor=_COLORS["line"],
            zorder=3,
            **markers[kind],
        )
    shown = [(i, v) for i, v in enumerate(values) if v is not None]
    for i, v in shown if len(shown) <= _ANNOTATE_AT_MOST else shown[-1:]:
        ax.annotate(
            fmt.figure(v, chart.decimals),
            (i, v),
            textcoords="offset points",
            xytext=(0, 7),
            ha="center",
            fontsize=_SMALL,
            bbox=_FIGURE_BOX,
            zorder=4,
        )
    handles = [
        Line2D(
            [],
            [],
            color=_COLORS["line"],
            linestyle=_SEGMENT_STYLES[k],
            linewidth=2,
            markeredgecolor=_COLORS["line"],
            label=KIND_LABELS[k],
            **_MARKERS[k],
        )
        for k in chart.shown_kinds
    ]
    if chart.target is not None:
        ax.axhline(chart.target, color=_COLORS["target"], linestyle="--", linewidth=1.3, zorder=1)
        handles.append(
            Line2D(
                [],
                [],
                color=_COLORS["target"],
                linestyle="--",
                label=_target_text(chart.target, chart.measure, chart.decimals),
            )
        )
    step = math.ceil(n / _TICKS_AT_MOST) if n else 1
    ticks = list(range(n - 1, -1, -step))[::-1]
    rotate = len(ticks) > 6
    ax.set_xticks(
        ticks, [chart.labels[i] for i in ticks], rotation=45 if rotate else 0, ha="right" if rotate else "center"
    )
    ax.set_ylabel(chart.measure)
    _number_axis(ax.yaxis)
    numbers = [v for v in values if v is not None] + ([chart.target] if chart.target is not None else [])
    if chart.measure.strip() == "%":
        ax.set_ylim(0, 105)
    elif not numbers or min(numbers) >= 0:
        ax.set_ylim(bottom=0)
    if n == 1:
        ax.set_xlim(-0.5, 0.5)
    _legend(fig, handles)
    _caption(fig, chart.caption)
    return fig


def _runs(values: Sequence[float | None], kinds: Sequence[str]) -> list[tuple[str, list[tuple[int, float]]]]:
    """The line as runs of segments drawn alike: a segment takes the kind of the point it leads to,
    and a missing value leaves a gap."""
    runs: list[tuple[str, list[tuple[int, float]]]] = []
    for i in range(1, len(values)):
        a, b = values[i - 1], values[i]
        if a is None or b is None:
            continue
        last = runs[-1] if runs else None
        if last is not None and last[0] == kinds[i] and last[1][-1][0] == i - 1:
            last[1].append((i, b))
        else:
            runs.append((kinds[i], [(i - 1, a), (i, b)]))
    return runs


def _compare(plt: Any, chart: CompareChart) -> Any:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    n = len(chart.labels)
    fig, ax = plt.subplots(figsize=(_WIDTH, max(2.0, 0.32 * n + 1.0)), dpi=100, layout="constrained")
    ys = list(range(n))
    bars = ax.barh(ys, list(chart.values), height=0.7, zorder=2)
    for bar, status in zip(bars, chart.bar_statuses, strict=True):
        _style_bar(bar, status)
    # With many bars the figures are left to the table beside the chart (each label costs a layout pass).
    for i, (y, v) in enumerate(zip(ys, chart.values, strict=True) if n <= _ANNOTATE_AT_MOST else ()):
        ax.annotate(
            chart.value_label(i),
            (v, y),
            textcoords="offset points",
            xytext=(3, 0) if v >= 0 else (-3, 0),
            ha="left" if v >= 0 else "right",
            va="center",
            fontsize=_SMALL,
            color=_COLORS["text"],
            annotation_clip=False,
            zorder=4,
        )
    ax.set_yticks(ys, list(chart.labels))
    ax.set_ylim(n - 0.4, -0.6)  # first unit on top
    handles: list[Any] = []
    for status in chart.legend_statuses:
        swatch = Patch(label=STATUS_LABELS[status])
        _style_bar(swatch, status)
        handles.append(swatch)
    if chart.target is not None:
        ax.axvline(chart.target, color=_COLORS["target"], linestyle="--", linewidth=1.5, zorder=3)
        handles.append(
            Line2D(
                [],
                [],
                color=_COLORS["target"],
                linestyle="--",
                label=_target_text(chart.target, chart.measure, chart.decimals),
            )
        )
    ax.set_xlabel(chart.measure)
    _number_axis(ax.xaxis)
    ax.grid(axis="y", visible=False)
    if chart.measure.strip() == "%":
        ax.set_xlim(0, 100)
    elif any(v < 0 for v in chart.values):
        ax.margins(x=0.15)  # room for the figures written left of negative bars
    _legend(fig, handles)
    _caption(fig, chart.caption)
    return fig


def _style_bar(patch: Any, status: str) -> None:
    if status == "met":
        patch.set(facecolor=_COLORS["met"], edgecolor=_COLORS["met"], linewidth=0.8)
    elif status == "not_met":
        patch.set(
            facecolor=_COLORS["not_met"],
            edgecolor=_COLORS["hatch"],
            hatch=_NOT_MET_HATCH,
            hatchcolor=_COLORS["hatch"],
            linewidth=0.8,
        )
    else:
        patch.set(facecolor=_COLORS["neutral"], edgecolor=_COLORS["neutral"], linewidth=0.8)


# Sparklines: a few SVG elements written as text.

_SPARK_DASH = {"official": "", "estimate": "3 2", "illustrative": "1 2"}


def _n(x: float) -> str:
    """A coordinate with at most two decimals, the same text for the same number."""
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def sparkline_svg(
    values: Sequence[float | None],
    kinds: Sequence[str],
    target: float | None,
    direction: str,
    width: int = 120,
    height: int = 28,
    label: str = "",
) -> str:
    """A tiny line chart as standalone SVG text: the line, its latest point emphasised, the target faint.

    A missing value (None) leaves a gap; a segment leading to an estimate is dashed, to an
    illustrative figure dotted, and the latest point is hollow when it is an estimate. With a
    target, the side of it that is better (`direction` "up": above, "down": below) is tinted
    faintly; "none" (a monitoring indicator) tints neither. `label` is the alt text (`<title>`);
    without one the drawing is hidden from assistive technology as decoration. No script, style
    sheet, font or link: nothing to fetch.
    """
    kinds = tuple(kinds) or ("official",) * len(values)
    _check_codes("kinds", kinds, KINDS, len(values))
    if direction not in ("up", "down", "none"):
        raise ValueError(f"direction: {direction!r}, expected 'up', 'down' or 'none'")
    if width <= 0 or height <= 0:
        raise ValueError(f"size: {width}×{height}, expected positive")
    vals = [None if v is None or math.isnan(v) else float(v) for v in values]
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" class="sparkline" '
    )
    out = [head + ('role="img">' if label else 'aria-hidden="true">')]
    if label:
        out.append(f"<title>{escape(label)}</title>")
    present = [v for v in vals if v is not None]
    if present:
        pad = 3.5
        numbers = present + ([target] if target is not None else [])
        lo, hi = min(numbers), max(numbers)
        if hi == lo:
            lo, hi = lo - 1, hi + 1

        def x(i: int) -> float:
            return width - pad if len(vals) == 1 else pad + i * (width - 2 * pad) / (len(vals) - 1)

        def y(v: float) -> float:
            return pad + (hi - v) / (hi - lo) * (height - 2 * pad)

        if target is not None:
            ty = y(target)
            top, bottom = (0.0, ty) if direction == "up" else (ty, float(height))
            if direction != "none":  # a monitoring indicator's target is a reference: no side of it is better
                out.append(
                    f'<rect x="0" y="{_n(top)}" width="{width}" height="{_n(bottom - top)}" '
                    f'fill="{_COLORS["line"]}" fill-opacity="0.07"/>'
                )
            out.append(
                f'<line x1="0" y1="{_n(ty)}" x2="{width}" y2="{_n(ty)}" stroke="{_COLORS["target"]}" '
                'stroke-opacity="0.45" stroke-width="1" stroke-dasharray="2 2"/>'
            )
        out.extend(_spark_lines(vals, kinds, x, y))
        last = max(i for i, v in enumerate(vals) if v is not None)
        lv = vals[last]
        assert lv is not None
        fill = {"official": _COLORS["line"], "estimate": "white", "illustrative": _COLORS["illustrative"]}[kinds[last]]
        out.append(
            f'<circle cx="{_n(x(last))}" cy="{_n(y(lv))}" r="2.5" fill="{fill}" '
            f'stroke="{_COLORS["line"]}" stroke-width="1.2"/>'
        )
    out.append("</svg>")
    return "".join(out)


def _spark_lines(vals: list[float | None], kinds: tuple[str, ...], x: Any, y: Any) -> list[str]:
    """One path per run of segments of the same kind; a lone point between gaps as a dot."""
    out: list[str] = []
    run: list[str] = []
    run_kind = ""

    def flush() -> None:
        if run:
            dash = _SPARK_DASH[run_kind]
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            out.append(
                f'<path d="{" ".join(run)}" fill="none" stroke="{_COLORS["line"]}" stroke-width="1.5" '
                f'stroke-linecap="round" stroke-linejoin="round"{dash_attr}/>'
            )
            run.clear()

    for i, v in enumerate(vals):
        prev = vals[i - 1] if i else None
        if v is None or prev is None:
            flush()
            after = vals[i + 1] if i + 1 < len(vals) else None
            if v is not None and after is None and i != len(vals) - 1:
                out.append(f'<circle cx="{_n(x(i))}" cy="{_n(y(v))}" r="1.5" fill="{_COLORS["line"]}"/>')
            continue
        if kinds[i] != run_kind:
            flush()
        if not run:
            run_kind = kinds[i]
            run.append(f"M{_n(x(i - 1))} {_n(y(prev))}")
        run.append(f"L{_n(x(i))} {_n(y(v))}")
    flush()
    return out
