"""Pages read back from an earlier build are the pages a fresh render gives, and only changed data renders again."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from programs import write_program

from scripts.cache import pagekeys
from scripts.cache.pagekeys import Lineage, Reuse
from scripts.cache.store import Store
from scripts.data.model import Dataset, Value
from scripts.data.validate import load_dataset
from scripts.report import pages
from scripts.report.compute import Results

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    return load_dataset(write_program(tmp_path_factory.mktemp("pagekeys") / "data", communes=4))


def render(ds: Dataset, folder: Path | None) -> tuple[pages.Rendered, Reuse]:
    r = Results(ds)
    reuse = Reuse(Store(folder), ds, r, "internal")
    return pages.render(ds, r, reuse=reuse, whole_slots=True), reuse


def with_value(ds: Dataset, n: int, value: float | None) -> Dataset:
    values = list(ds.values)
    values[n] = dataclasses.replace(values[n], value=value)
    return dataclasses.replace(ds, values=tuple(values))


def test_a_commune_s_value_renders_its_indicator_s_pages_and_the_commune_s_page_again(
    dataset: Dataset, tmp_path: Path
) -> None:
    first, reuse = render(dataset, tmp_path)
    assert (reuse.made, reuse.reused) == (2 * 2 + 5, 0)
    n = next(i for i, v in enumerate(dataset.values) if v.unit == "X002" and v.indicator == "B2")
    edited = with_value(dataset, n, 4321.0)
    again, reuse = render(edited, tmp_path)
    assert (reuse.made, reuse.reused) == (3, 2 * 2 + 5 - 3)
    assert again == pages.render(edited, whole_slots=True)
    assert again != first


def test_a_root_value_renders_the_root_s_pages_not_every_unit_s(dataset: Dataset, tmp_path: Path) -> None:
    render(dataset, tmp_path)
    n = next(i for i, v in enumerate(dataset.values) if v.unit == dataset.root.code and v.indicator == "A1")
    _, reuse = render(with_value(dataset, n, 12.0), tmp_path)
    # A1's page and appendix, and the root's own page: the other unit pages show the root's figures in slots
    # filled as each page is written (scripts.report.whole); a whole figure leaves A1's decimals as they were
    assert reuse.made == 2 + 1


def test_a_revalidated_dataset_works_out_again_only_the_digests_of_the_pairs_it_touched(
    dataset: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    digested: list[object] = []
    digest = pagekeys._digest

    def counted(values: tuple[Value, ...]) -> bytes:
        digested.append(values)
        return digest(values)

    monkeypatch.setattr(pagekeys, "_digest", counted)
    store = Store(tmp_path)
    r = Results(dataset)
    pages.render(dataset, r, reuse=Reuse(store, dataset, r, "internal", Lineage("before")), whole_slots=True)
    assert len(digested) == len(r.by_indicator_unit)  # the first build works out every pair's
    n = next(i for i, v in enumerate(dataset.values) if v.unit == "X002" and v.indicator == "B2")
    edited = with_value(dataset, n, 4321.0)
    r = Results(edited)
    reuse = Reuse(store, edited, r, "internal", Lineage("after", "before", frozenset({("B2", "X002")})))
    digested.clear()
    assert pages.render(edited, r, reuse=reuse, whole_slots=True) == pages.render(edited, whole_slots=True)
    assert len(digested) == 1 and reuse.made == 3
    r = Results(edited)
    digested.clear()
    reuse = Reuse(store, edited, r, "internal", Lineage("after"))  # the same dataset again: read back
    pages.render(edited, r, reuse=reuse, whole_slots=True)
    assert digested == [] and reuse.made == 0


EDITS = st.sampled_from(["value", "no value", "remove", "rename unit", "as of", "indicator name"])


@SETTINGS
@given(edits=st.lists(st.tuples(EDITS, st.integers(0, 10_000), st.floats(0, 100, allow_nan=False)), max_size=4))
def test_whatever_changes_pages_read_back_are_those_a_fresh_render_gives(
    dataset: Dataset, tmp_path_factory: pytest.TempPathFactory, edits: list[tuple[str, int, float]]
) -> None:
    folder = tmp_path_factory.mktemp("kept")
    render(dataset, folder)
    ds = dataset
    for edit, at, number in edits:
        n = at % len(ds.values)
        if edit == "value":
            ds = with_value(ds, n, round(number, 1))
        elif edit == "no value":
            ds = with_value(ds, n, None)
        elif edit == "remove":
            ds = dataclasses.replace(ds, values=ds.values[:n] + ds.values[n + 1 :])
        elif edit == "rename unit":
            units = list(ds.units)
            units[at % len(units)] = dataclasses.replace(units[at % len(units)], name=f"Đơn vị {number}")
            ds = dataclasses.replace(ds, units=tuple(units))
        elif edit == "as of":
            ds = dataclasses.replace(ds, program=dataclasses.replace(ds.program, as_of=ds.program.as_of.replace(day=2)))
        elif edit == "indicator name":
            inds = list(ds.indicators)
            inds[at % len(inds)] = dataclasses.replace(inds[at % len(inds)], name=f"Chỉ tiêu {number}")
            ds = dataclasses.replace(ds, indicators=tuple(inds))
        assert render(ds, folder)[0] == pages.render(ds, whole_slots=True)
