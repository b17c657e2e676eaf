"""Draw charts as SVG with matplotlib, deterministically.

A chart is described by a small immutable spec (everything it shows and
nothing else), so the same spec always gives the same bytes and a spec's
hash can key a cache. Drawing only happens in `render`.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from typing import Any

from scripts.report import fmt

_COLORS = {"bar": "#1f5fa8", "line": "#1f5fa8", "target": "#b3261e", "root": "#5f6368"}


@dataclass(frozen=True)
class TrendChart:
    """Values of one unit over periods, with the target line."""

    name: str
    path: str
    title: str
    measure: str
    labels: tuple[str, ...]
    values: tuple[float | None, ...]
    target: float | None
    cumulative: bool = False

    @property
    def alt(self) -> str:
        shown = [(lab, v) for lab, v in zip(self.labels, self.values, strict=True) if v is not None]
        what = "tổng cộng dồn" if self.cumulative else "giá trị"
        parts = [
            f"Biểu đồ đường: {what} của {self.title} qua {len(self.labels)} kỳ ({self.labels[0]}–{self.labels[-1]})"
        ]
        if shown:
            lab, v = shown[-1]
            parts.append(f"kỳ gần nhất có số liệu {lab}: {fmt.quantity_text(v, self.measure)}")
        if self.target is not None:
            parts.append(f"đường chỉ tiêu: {fmt.quantity_text(self.target, self.measure)}")
        return "; ".join(parts) + "."


@dataclass(frozen=True)
class CompareChart:
    """Values of several units for one period, as horizontal bars."""

    name: str
    path: str
    title: str
    measure: str
    period: str
    labels: tuple[str, ...]
    values: tuple[float, ...]
    target: float | None
    omitted: int = 0

    @property
    def alt(self) -> str:
        parts = [f"Biểu đồ cột ngang so sánh {len(self.labels)} đơn vị, {self.title}, {self.period}"]
        if self.values:
            hi = max(range(len(self.values)), key=lambda i: self.values[i])
            lo = min(range(len(self.values)), key=lambda i: self.values[i])
            parts.append(f"cao nhất {self.labels[hi]}: {fmt.quantity_text(self.values[hi], self.measure)}")
            parts.append(f"thấp nhất {self.labels[lo]}: {fmt.quantity_text(self.values[lo], self.measure)}")
        if self.target is not None:
            parts.append(f"đường chỉ tiêu: {fmt.quantity_text(self.target, self.measure)}")
        return "; ".join(parts) + "."


Chart = TrendChart | CompareChart


def key(chart: Chart) -> str:
    """A hash of exactly what the chart shows (the build adds the code that draws it)."""
    return hashlib.sha256(repr(chart).encode()).hexdigest()[:20]


def size(chart: Chart) -> int:
    """How much a chart has to draw (points or bars), to hand out the largest drawings first."""
    return len(chart.values)


def render(chart: Chart, fmt_: str = "svg") -> bytes:
    """The chart drawn as SVG, or as PNG (150 dpi) with `fmt_="png"`; no dates or versions in either."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter

    with matplotlib.rc_context(_RC):  # type: ignore[arg-type]
        fig = _trend(plt, chart) if isinstance(chart, TrendChart) else _compare(plt, chart)
        for ax in fig.axes:
            axis = ax.xaxis if isinstance(chart, CompareChart) else ax.yaxis
            axis.set_major_formatter(FuncFormatter(lambda x, _: fmt.number(x)))
        buf = io.BytesIO()
        if fmt_ == "png":
            fig.savefig(buf, format="png", dpi=150, metadata={"Software": None}, bbox_inches="tight")
        else:
            fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
        plt.close(fig)
    return buf.getvalue()


_RC: dict[str, Any] = {
    "svg.hashsalt": "site",
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#dddddd",
    "path.simplify": False,
    "text.parse_math": False,  # a "$" in a unit name is a dollar sign, not TeX
}


def _trend(plt: Any, chart: TrendChart) -> Any:
    fig, ax = plt.subplots(figsize=(7, 3.6), dpi=100)
    xs = list(range(len(chart.labels)))
    pts = [(x, v) for x, v in zip(xs, chart.values, strict=True) if v is not None]
    if pts:
        ax.plot([p[0] for p in pts], [p[1] for p in pts], marker="o", color=_COLORS["line"], label="Giá trị")
        for x, v in pts:
            ax.annotate(fmt.number(v), (x, v), textcoords="offset points", xytext=(0, 6), ha="center", fontsize=8)
    if chart.target is not None:
        ax.axhline(chart.target, color=_COLORS["target"], linestyle="--", linewidth=1.5, label="Chỉ tiêu")
    ax.set_xticks(xs, list(chart.labels), rotation=45 if len(xs) > 8 else 0, ha="right" if len(xs) > 8 else "center")
    ax.set_ylabel(chart.measure)
    if chart.measure.strip() == "%":
        ax.set_ylim(0, 105)
    else:
        ax.set_ylim(bottom=0)
    ax.legend(loc="lower right", frameon=False)
    return fig


def _compare(plt: Any, chart: CompareChart) -> Any:
    n = len(chart.labels)
    fig, ax = plt.subplots(figsize=(7, max(2.0, 0.28 * n + 0.8)), dpi=100)
    ys = list(range(n))
    ax.barh(ys, list(chart.values), color=_COLORS["bar"], height=0.7)
    ax.set_yticks(ys, list(chart.labels))
    ax.invert_yaxis()
    if chart.target is not None:
        ax.axvline(chart.target, color=_COLORS["target"], linestyle="--", linewidth=1.5, label="Chỉ tiêu")
        ax.legend(loc="lower right", frameon=False)
    ax.set_xlabel(chart.measure)
    ax.grid(axis="y", visible=False)
    if chart.measure.strip() == "%":
        ax.set_xlim(0, 100)
    return fig
