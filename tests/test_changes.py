"""What changed between two snapshots of the figures."""

from __future__ import annotations

from typing import Any

from scripts.report.changes import Report, compare


def snap(values: dict[str, dict[str, dict[str, float | None]]], statuses: dict[str, str]) -> dict[str, Any]:
    return {
        "format": 1,
        "as_of": "2023-10-01",
        "indicators": {k: {"name": f"Chỉ tiêu {k}", "measure": "%", "status": s} for k, s in statuses.items()},
        "units": {"BL": "Tỉnh", "X1": "Xã 1", "X2": "Xã 2"},
        "values": values,
    }


OLD = snap({"A": {"BL": {"2021": 50.0, "2022": 60.0}, "X1": {"2021": 40.0}}}, {"A": "behind"})


def test_without_a_previous_snapshot_the_report_says_it_is_the_first() -> None:
    assert compare(None, OLD) == Report(True, None, (), ())


def test_values_added_changed_and_removed_are_listed_in_data_order() -> None:
    new = snap({"A": {"BL": {"2021": 50.0, "2022": 65.0, "2023": 70.0}, "X2": {"2021": 1.0}}}, {"A": "on_track"})
    report = compare(OLD, new)
    assert report.statuses == ({"indicator": "A", "indicator_name": "Chỉ tiêu A", "old": "behind", "new": "on_track"},)
    assert [(v["kind"], v["unit"], v["period"], v["old"], v["new"]) for v in report.values] == [
        ("changed", "BL", "2022", 60.0, 65.0),
        ("added", "BL", "2023", None, 70.0),
        ("added", "X2", "2021", None, 1.0),
        ("removed", "X1", "2021", 40.0, None),
    ]
    assert report.since == "2023-10-01"


def test_an_emptied_value_is_removed_and_an_unchanged_one_is_not_listed() -> None:
    new = snap({"A": {"BL": {"2021": 50.0, "2022": None}, "X1": {"2021": 40.0}}}, {"A": "behind"})
    assert [(v["kind"], v["period"]) for v in compare(OLD, new).values] == [("removed", "2022")]


def test_the_same_figures_carry_the_previous_report_forward() -> None:
    previous = dict(OLD, internal=False, changes={"first": False, "since": "2023-07-01", "statuses": [], "values": []})
    assert compare(previous, OLD) == Report(False, "2023-07-01", (), ())
