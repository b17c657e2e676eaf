"""Charts: status and kind of figures visible without colour, legends off the data, the truth mark inside
the image, the same bytes for the same spec, and sparklines written by hand.

matplotlib writes each text of an SVG as a comment before the glyphs it draws as paths
(`<!-- Đạt mục tiêu -->`), so the text a chart shows can be read from its SVG.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from scripts.report import charts

SVG = "{http://www.w3.org/2000/svg}"
UNITS = ("Xã Số 1", "Phường Hai", "Thị trấn Ba", "Xã Bốn")


def compare(**changes: object) -> charts.CompareChart:
    fields: dict[str, object] = {
        "name": "a1-so-sanh",
        "path": "assets/charts/a1-so-sanh.svg",
        "title": "Tỷ lệ A",
        "measure": "%",
        "period": "2020",
        "labels": UNITS,
        "values": (92.5, 64.0, 70.0, 41.25),
        "target": 70.0,
        "statuses": ("met", "not_met", "met", "not_met"),
    }
    fields.update(changes)
    return charts.CompareChart(**fields)  # type: ignore[arg-type]


def trend(**changes: object) -> charts.TrendChart:
    fields: dict[str, object] = {
        "name": "a1-dien-bien",
        "path": "assets/charts/a1-dien-bien.svg",
        "title": "Tỷ lệ A (Tỉnh Bạch Liên)",
        "measure": "%",
        "labels": ("2016", "2017", "2018", "2019", "2020"),
        "values": (62.0, 71.5, 88.0, 97.0, 100.0),
        "target": 80.0,
    }
    fields.update(changes)
    return charts.TrendChart(**fields)  # type: ignore[arg-type]


def texts(svg: bytes) -> list[str]:
    """The texts drawn in a matplotlib SVG, in drawing order."""
    return re.findall(r"<!-- (.*?) -->", svg.decode())


def xs(line: Any) -> tuple[float, ...]:
    """The x data of a drawn line."""
    return tuple(float(x) for x in line.get_xdata())


def hatched_fills(svg: bytes) -> int:
    """How many shapes are filled with a hatch pattern."""
    ids = re.findall(r'<pattern id="([^"]+)"', svg.decode())
    return sum(svg.decode().count(f"url(#{i})") for i in ids)


# comparison bars


def test_compare_legend_says_what_each_colour_means_and_labels_the_target() -> None:
    shown = texts(charts.render(compare()))
    assert {"Đạt mục tiêu", "Chưa đạt", "Mục tiêu: 70%"} <= set(shown)
    assert "Chưa đánh giá" not in shown


def test_not_met_bars_are_hatched_so_status_reads_without_colour() -> None:
    # two not-met bars and the legend's swatch for "Chưa đạt"
    assert hatched_fills(charts.render(compare())) == 3
    assert hatched_fills(charts.render(compare(statuses=("met",) * 4))) == 0


def test_each_bar_ends_with_its_value_in_vietnamese_format() -> None:
    shown = texts(charts.render(compare(measure="người", values=(1234.5, 980.0, 12.0, 0.25), target=None)))
    assert {"1.234,5", "980", "12", "0,25"} <= set(shown)


def test_compare_draws_units_in_the_order_given_never_sorted() -> None:
    unranked = compare(values=(10.0, 90.0, 30.0, 70.0), ranked=False)
    shown = [t for t in texts(charts.render(unranked)) if t in UNITS]
    assert shown == list(UNITS)


def test_compare_without_statuses_draws_as_before_with_no_status_legend() -> None:
    chart = compare(statuses=())
    shown = texts(charts.render(chart))
    assert "Đạt mục tiêu" not in shown and "Chưa đạt" not in shown
    assert "Mục tiêu: 70%" in shown
    assert hatched_fills(charts.render(chart)) == 0


def test_unassessed_bars_are_explained_only_beside_met_or_not_met_ones() -> None:
    assert "Chưa đánh giá" in texts(charts.render(compare(statuses=("met", "", "met", "not_met"))))
    assert compare(statuses=("", "", "", ""), target=None).legend_statuses == ()


def test_compare_alt_counts_units_by_status() -> None:
    alt = compare().alt
    assert "2 đơn vị đạt mục tiêu, 2 đơn vị chưa đạt" in alt
    assert "cao nhất Xã Số 1: 92,5%" in alt and "thấp nhất Xã Bốn: 41,25%" in alt
    assert "đường mục tiêu: 70%" in alt


def test_alt_of_units_that_must_not_be_ranked_names_no_highest_or_lowest() -> None:
    alt = compare(ranked=False).alt
    assert "cao nhất" not in alt and "thấp nhất" not in alt
    assert "không xếp hạng" in alt


def test_an_estimated_bar_is_marked_beside_its_value() -> None:
    chart = compare(kinds=("official", "estimate", "official", "official"))
    assert "64% (ước)" in texts(charts.render(chart))
    assert "1 đơn vị có số liệu ước tính" in chart.alt


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"statuses": ("met",)}, "statuses: 1 codes for 4 values"),  # one status for four bars
        ({"statuses": ("achieved", "met", "met", "met")}, "unknown codes ['achieved']"),  # a status.py code
        ({"kinds": ("official",) * 3}, "kinds: 3 codes for 4 values"),
        ({"labels": UNITS[:3]}, "3 labels for 4 values"),
    ],
)
def test_a_spec_that_does_not_match_its_bars_is_refused(changes: dict[str, object], problem: str) -> None:
    with pytest.raises(ValueError, match=re.escape(problem)):
        compare(**changes)


# trends


def test_trend_legend_names_only_the_kinds_present() -> None:
    shown = texts(charts.render(trend(kinds=("official",) * 4 + ("estimate",))))
    assert {"Chính thức", "Ước tính", "Mục tiêu: 80%"} <= set(shown)
    assert "Minh họa" not in shown
    official = texts(charts.render(trend()))
    assert "Chính thức" in official and "Ước tính" not in official and "Minh họa" not in official


def test_estimate_points_are_hollow_and_illustrative_ones_another_marker() -> None:
    with charts.drawn(trend(kinds=("official", "official", "illustrative", "illustrative", "estimate"))) as fig:
        ax = fig.axes[0]
        markers = {
            (line.get_marker(), line.get_markerfacecolor())
            for line in ax.lines
            if xs(line) and line.get_linestyle() == "None"
        }
    assert ("o", "white") in markers  # estimate: hollow
    assert any(m == "D" for m, _ in markers)  # illustrative: a diamond


def test_segment_leading_to_an_estimate_is_dashed() -> None:
    with charts.drawn(trend(kinds=("official",) * 4 + ("estimate",), target=None)) as fig:
        segments = {xs(line): line.get_linestyle() for line in fig.axes[0].lines if line.get_linestyle() != "None"}
    assert segments == {(0, 1, 2, 3): "-", (3, 4): "--"}


def test_a_missing_value_leaves_a_gap_in_the_line() -> None:
    with charts.drawn(trend(values=(62.0, 71.5, None, 97.0, 100.0), target=None)) as fig:
        drawn = {xs(line) for line in fig.axes[0].lines if line.get_linestyle() != "None"}
    assert drawn == {(0, 1), (3, 4)}


@pytest.mark.parametrize(
    ("illustrative_program", "kinds", "captioned"),
    [
        (True, ("official",) * 4 + ("illustrative",), True),
        (True, ("official",) * 4 + ("estimate",), True),
        (True, (), False),  # every figure official
        (False, ("illustrative",) * 5, False),  # the legend says "Minh họa"; the program is not illustrative
        (False, (), False),
    ],
)
def test_the_illustrative_caption_is_in_the_image_exactly_when_it_shows_non_official_figures(
    illustrative_program: bool, kinds: tuple[str, ...], captioned: bool
) -> None:
    for chart in (
        trend(kinds=kinds, illustrative_program=illustrative_program),
        compare(
            values=(1.0, 2.0, 3.0, 4.0, 5.0),
            labels=(*UNITS, "X"),
            statuses=(),
            kinds=kinds,
            illustrative_program=illustrative_program,
        )
        if kinds
        else compare(illustrative_program=illustrative_program),
    ):
        svg = charts.render(chart)
        assert (charts.ILLUSTRATIVE_CAPTION in texts(svg)) is captioned, chart
        assert (charts.ILLUSTRATIVE_CAPTION in chart.alt) is captioned


def test_a_caption_covers_illustrative_bars_so_they_are_not_marked_one_by_one() -> None:
    chart = compare(kinds=("illustrative",) * 4, illustrative_program=True)
    shown = texts(charts.render(chart))
    assert "92,5%" in shown and not any("(minh họa)" in t for t in shown)


def test_bars_left_out_are_said_inside_the_image_within_its_width() -> None:
    chart = compare(omitted=12, kinds=("illustrative",) * 4, illustrative_program=True)
    assert chart.caption[-1] == "Biểu đồ lược bớt 12 đơn vị; bảng số liệu có đủ các đơn vị."
    with charts.drawn(chart) as fig:
        (caption,) = [t for t in fig.findobj(Text) if t.get_text().startswith(charts.ILLUSTRATIVE_CAPTION)]
        box = caption.get_window_extent()
        assert "lược bớt 12 đơn vị" in caption.get_text()
        assert fig.bbox.x0 <= box.x0 and box.x1 <= fig.bbox.x1 and box.y0 >= fig.bbox.y0


@pytest.mark.parametrize(
    "chart",
    [
        trend(kinds=("official", "official", "estimate", "illustrative", "estimate"), illustrative_program=True),
        compare(kinds=("official", "estimate", "official", "official")),
    ],
    ids=["trend", "compare"],
)
def test_two_draws_give_the_same_bytes(chart: charts.Chart) -> None:
    assert charts.render(chart) == charts.render(chart)
    assert charts.render(chart, "png") == charts.render(chart, "png")


def test_a_new_field_changes_the_cache_key() -> None:
    assert charts.key(compare()) != charts.key(compare(statuses=("met",) * 4))
    assert charts.key(trend()) != charts.key(trend(kinds=("estimate",) * 5))


def _data_boxes(fig: Figure) -> list[Bbox]:
    """Display boxes of what the chart shows: points, bars, the figures written on it, the axes' area."""
    ax = fig.axes[0]
    boxes: list[Bbox] = [Bbox(ax.bbox.get_points())]
    for line in ax.lines:
        for x, y in ax.transData.transform(line.get_xydata()):
            boxes.append(Bbox.from_bounds(x, y, 0, 0))
    boxes += [p.get_window_extent() for p in ax.patches]
    boxes += [t.get_window_extent() for t in ax.texts]
    return boxes


@pytest.mark.parametrize(
    "chart",
    [
        # the last point at the top right, where a legend placed inside would cover it
        trend(kinds=("official",) * 4 + ("estimate",)),
        trend(values=(100.0, 90.0, 5.0, 2.0, 0.0), kinds=("illustrative",) * 5, illustrative_program=True),
        trend(
            measure="người",
            labels=tuple(f"Q{q}/{y}" for y in range(2016, 2021) for q in range(1, 5)),
            values=tuple(100.0 * i for i in range(20)),
            target=1500.0,
        ),
        compare(values=(100.0, 99.0, 98.0, 97.0), statuses=("met", "met", "met", "not_met")),
    ],
    ids=["trend-high-end", "trend-falling", "trend-quarters", "compare-full-bars"],
)
def test_the_legend_never_covers_the_data(chart: charts.Chart) -> None:
    with charts.drawn(chart) as fig:
        (legend,) = fig.legends
        box = legend.get_window_extent()
        hits = [b for b in _data_boxes(fig) if box.overlaps(b) or box.contains(b.x0, b.y0)]
        captions = fig.findobj(lambda a: isinstance(a, Text) and a.get_text() == charts.ILLUSTRATIVE_CAPTION)
        assert len(captions) == len(chart.caption)
        for caption in captions:
            hits += [b for b in _data_boxes(fig) if caption.get_window_extent().overlaps(b)]
    assert hits == []


# sparklines


def spark(**changes: object) -> str:
    args: dict[str, object] = {
        "values": (50.0, 55.0, 61.5, 70.0),
        "kinds": (),
        "target": 65.0,
        "direction": "up",
        "label": "Tỷ lệ A: 70% năm 2020",
    }
    args.update(changes)
    return charts.sparkline_svg(**args)  # type: ignore[arg-type]


def test_sparkline_is_valid_svg_with_its_alt_text_as_title() -> None:
    root = ET.fromstring(spark(label='Tỷ lệ <A> & "B"'))
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert (root.get("width"), root.get("height"), root.get("viewBox")) == ("120", "28", "0 0 120 28")
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == 'Tỷ lệ <A> & "B"'


def test_sparkline_without_alt_text_is_hidden_as_decoration() -> None:
    root = ET.fromstring(spark(label=""))
    assert root.get("aria-hidden") == "true" and root.get("role") is None and root.find(f"{SVG}title") is None


def test_sparkline_same_input_same_bytes() -> None:
    assert spark() == spark()
    assert spark() != spark(values=(50.0, 55.0, 61.5, 70.5))


def test_sparkline_refers_to_nothing_outside_itself() -> None:
    text = spark(kinds=("official", "estimate", "illustrative", "estimate"))
    root = ET.fromstring(text)
    tags = {e.tag.removeprefix(SVG) for e in root.iter()}
    assert tags <= {"svg", "title", "rect", "line", "path", "circle"}
    assert "href" not in text and "url(" not in text and "@import" not in text


def test_sparkline_none_leaves_a_gap() -> None:
    root = ET.fromstring(spark(values=(50.0, 55.0, None, 61.5, 70.0)))
    paths = [p.get("d", "") for p in root.iter(f"{SVG}path")]
    assert len(paths) == 2 and all(d.count("M") == 1 for d in paths)
    assert "M3.5 " in paths[0] and paths[1].startswith("M")


def test_sparkline_lone_point_between_gaps_is_a_dot_and_all_missing_is_empty() -> None:
    root = ET.fromstring(spark(values=(None, 55.0, None, 61.5, 70.0)))
    assert len(list(root.iter(f"{SVG}circle"))) == 2  # the lone point, the latest point
    empty = ET.fromstring(spark(values=(None, None), target=None))
    assert [e.tag.removeprefix(SVG) for e in empty.iter()] == ["svg", "title"]


def test_sparkline_target_is_a_faint_line_only_when_given() -> None:
    assert len(list(ET.fromstring(spark()).iter(f"{SVG}line"))) == 1
    assert list(ET.fromstring(spark(target=None)).iter(f"{SVG}line")) == []


def test_sparkline_better_side_of_the_target_follows_the_direction() -> None:
    up = ET.fromstring(spark(direction="up")).find(f"{SVG}rect")
    down = ET.fromstring(spark(direction="down")).find(f"{SVG}rect")
    assert up is not None and down is not None
    assert float(up.get("y", "")) == 0  # above the target
    assert float(down.get("y", "")) + float(down.get("height", "")) == 28  # below it


def test_sparkline_marks_an_estimated_latest_point_hollow_and_its_segment_dashed() -> None:
    root = ET.fromstring(spark(kinds=("official", "official", "official", "estimate")))
    last = list(root.iter(f"{SVG}circle"))[-1]
    assert last.get("fill") == "white"
    dashed = [p for p in root.iter(f"{SVG}path") if p.get("stroke-dasharray")]
    assert len(dashed) == 1 and dashed[0].get("d", "").count("L") == 1


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"kinds": ("official",)}, "kinds: 1 codes for 4 values"),
        ({"direction": "higher"}, "direction: 'higher'"),
        ({"width": 0}, "size: 0×28"),
    ],
)
def test_sparkline_refuses_arguments_that_do_not_fit(changes: dict[str, object], problem: str) -> None:
    with pytest.raises(ValueError, match=re.escape(problem)):
        spark(**changes)
