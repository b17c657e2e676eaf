"""Numbers, dates and data text as the site shows them."""

from __future__ import annotations

import datetime as dt

import markdown
import pytest

from scripts.data.textutil import fold, parse_date, parse_number, slugify
from scripts.report import fmt


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        # integers group thousands with dots
        (0, "0"),
        (12000, "12.000"),
        (1234567, "1.234.567"),
        # decimals use a comma, no trailing zeros
        (1234.5, "1.234,5"),
        (85.25, "85,25"),
        (85.2, "85,2"),
        (50.0, "50"),
        # negatives and rounding
        (-1234.5, "-1.234,5"),
        (-0.001, "0"),
        (2.005, "2"),
        (None, "–"),
    ],
)
def test_numbers_the_vietnamese_way(value: float | None, shown: str) -> None:
    assert fmt.number(value) == shown


def test_quantities_and_percentages() -> None:
    assert fmt.quantity(85.2, "%") == "85,2%"
    assert fmt.quantity(12345, "người") == "12.345 người"
    assert fmt.percent(0.8434) == "84,3%"


def test_dates_show_day_month_year() -> None:
    assert fmt.date(dt.date(2019, 10, 14)) == "14/10/2019"
    assert fmt.date_text("2019-10-01") == "01/10/2019"
    assert fmt.date_text("2018") == "2018"


@pytest.mark.parametrize(
    ("typed", "number_format", "value"),
    [
        # en
        ("1234.5", "en", 1234.5),
        ("85", "en", 85.0),
        ("85,2", "en", None),
        ("1,234", "en", None),
        ("n/a", "en", None),
        # vi
        ("1.234,5", "vi", 1234.5),
        ("85,2%", "vi", 85.2),
        ("1.234", "vi", 1234.0),
        ("85.2", "vi", None),
        # spreadsheet numbers pass through
        (12.5, "vi", 12.5),
    ],
)
def test_parse_number(typed: object, number_format: str, value: float | None) -> None:
    assert parse_number(typed, number_format) == value


@pytest.mark.parametrize(
    ("typed", "date"),
    [
        ("2019-10-14", dt.date(2019, 10, 14)),
        ("14/10/2019", dt.date(2019, 10, 14)),
        ("31/02/2019", None),
        ("2019", None),
    ],
)
def test_parse_date(typed: str, date: dt.date | None) -> None:
    assert parse_date(typed) == date


def test_fold_and_slug() -> None:
    assert fold("Tỉnh ủy Đảng") == "tinh uy dang"
    assert slugify("21-ĐA/TU") == "21-da-tu"


@pytest.mark.parametrize(
    "cell",
    ["<script>alert(1)</script>", "[x](javascript:alert(1))", "{{ 7*7 }}", "**đậm** _nghiêng_", "# tiêu đề", "a | b"],
)
def test_data_text_renders_literally(cell: str) -> None:
    html = markdown.markdown(f"| c |\n|---|\n| {fmt.cell(cell)} |", extensions=["tables"])
    assert "<script" not in html and "<a " not in html and "<strong>" not in html
    assert "{{" not in fmt.text(cell)
    import html as html_mod

    assert html_mod.unescape(html.split("<td>")[1].split("</td>")[0]) == cell
