"""What changed between two snapshots of the figures."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from typing import Any, TypeVar, cast

import pytest
from programs import write_program

from scripts.data.model import Dataset
from scripts.data.validate import load_dataset
from scripts.report import changes
from scripts.report.changes import Report, compare
from scripts.report.compute import Results
from scripts.report.memo import Always

T = TypeVar("T")


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


# --- the snapshot, made indicator by indicator ---------------------------------------------------------------


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    return load_dataset(write_program(tmp_path_factory.mktemp("changes") / "data", communes=3))


def with_value(ds: Dataset, n: int, value: float | None) -> Dataset:
    values = list(ds.values)
    values[n] = dataclasses.replace(values[n], value=value)
    return dataclasses.replace(ds, values=tuple(values))


def whole(ds: Dataset, r: Results) -> dict[str, Any]:
    """The snapshot with every value in it, made the plain way."""
    parts = changes.fragments(ds, Always())
    values: dict[str, dict[str, dict[str, float | None]]] = {}
    for v in ds.values:
        values.setdefault(v.indicator, {}).setdefault(v.unit, {})[v.period.code] = v.value
    return {**changes.snapshot(ds, r, parts), "values": values}


def test_the_snapshot_spliced_from_its_parts_is_the_json_of_the_whole(dataset: Dataset) -> None:
    r = Results(dataset)
    parts = changes.fragments(dataset, Always())
    current = changes.snapshot(dataset, r, parts)
    full = json.dumps(whole(dataset, r), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert changes.encoded(current, parts) == full.encode("utf-8")


@pytest.mark.parametrize("digests", [True, False], ids=["with digests", "written without digests"])
def test_comparing_only_the_indicators_whose_digest_differs_gives_the_whole_comparison(
    dataset: Dataset, digests: bool
) -> None:
    before = whole(dataset, Results(dataset))
    if not digests:
        del before["digests"]
    n = next(i for i, v in enumerate(dataset.values) if v.unit == "X002")
    for edited in (dataset, with_value(dataset, n, 4321.0), with_value(dataset, 0, None)):
        r = Results(edited)
        parts = changes.fragments(edited, Always())
        narrowed = changes.narrowed(before, changes.snapshot(edited, r, parts), parts)
        assert compare(*narrowed) == compare(before, whole(edited, r))


def test_a_rebuild_makes_again_only_the_snapshot_parts_of_edited_indicators(dataset: Dataset) -> None:
    made: list[str] = []

    class Kept(Always):
        def __init__(self) -> None:
            self.kept: dict[tuple[str, str], Any] = {}

        def indicator(self, indicator: str, kind: str, make: Callable[[], T], count: bool = True) -> T:
            values = tuple(v for v in ds.values if v.indicator == indicator)
            key = (kind, repr(values))
            if key not in self.kept:
                made.append(indicator)
                self.kept[key] = make()
            return cast(T, self.kept[key])

    memo, ds = Kept(), dataset
    changes.files(ds, Results(ds), None, memo)
    assert made == list(dict.fromkeys(v.indicator for v in ds.values))
    made.clear()
    ds = with_value(dataset, 0, 4321.0)
    changes.files(ds, Results(ds), None, memo)
    assert made == [dataset.values[0].indicator]
