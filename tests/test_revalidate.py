"""A rebuild validates only the lines of values.csv it has not seen, and gets what a full validation gets.

`revalidate` either gives exactly the dataset `load_dataset` gives, or
declines (None) and the build validates everything: it never passes data
that a full validation rejects, and never reports a problem itself.
"""

from __future__ import annotations

import dataclasses
import pickle
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from programs import write_program

from scripts.cache import datacache, revalidate
from scripts.cache.store import Store
from scripts.data.errors import DataError
from scripts.data.model import Value
from scripts.data.validate import check, load_dataset

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def program(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_program(tmp_path_factory.mktemp("revalidate") / "data", communes=5)


def known_of(folder: Path) -> revalidate.Known:
    known = revalidate.known(folder, check(folder), datacache.context(folder))
    assert known is not None
    return known


def copy_of(program: Path, where: Path) -> Path:
    if where.exists():
        shutil.rmtree(where)
    return Path(shutil.copytree(program, where))


def lines_of(folder: Path) -> list[str]:
    return (folder / "values.csv").read_text(encoding="utf-8").split("\n")


def write_lines(folder: Path, lines: list[str]) -> None:
    (folder / "values.csv").write_text("\n".join(lines), encoding="utf-8")


def test_an_edited_value_is_the_only_line_validated_again(program: Path, tmp_path: Path) -> None:
    data = copy_of(program, tmp_path / "data")
    known, ordered = known_of(data), load_dataset(data).values
    lines = lines_of(data)
    indicator, unit, period, _ = lines[7].split(",")
    lines[7] = f"{indicator},{unit},{period},71.5"
    write_lines(data, lines)
    again = revalidate.revalidate(data, known, datacache.context(data), ordered)
    assert again is not None
    dataset, _, validated = again
    assert validated == 1
    assert dataset == load_dataset(data)
    assert dataset.fingerprint == load_dataset(data).fingerprint
    assert [v.value for v in dataset.values if (v.indicator, v.unit, v.period.code) == (indicator, unit, period)] == [
        71.5
    ]


def test_a_value_edited_where_it_stands_takes_the_place_of_the_old_without_sorting_again(
    program: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = copy_of(program, tmp_path / "data")
    known, ordered = known_of(data), load_dataset(data).values
    lines = lines_of(data)
    lines[7] = ",".join([*lines[7].split(",")[:3], "71.5"])
    lines[9] = ",".join([*lines[9].split(",")[:3], "12"])
    write_lines(data, lines)
    monkeypatch.setattr(revalidate, "sorted_values", lambda *args: pytest.fail("sorted again"))
    again = revalidate.revalidate(data, known, datacache.context(data), ordered)
    assert again is not None and again[2] == 2
    assert again[0] == load_dataset(data)
    changed = [n for n, (v, w) in enumerate(zip(again[0].values, ordered, strict=True)) if v is not w]
    assert len(changed) == 2  # every other value is the very object of the dataset before


def test_added_removed_and_reordered_lines_give_the_full_validation_s_dataset(program: Path, tmp_path: Path) -> None:
    data = copy_of(program, tmp_path / "data")
    known = known_of(data)
    lines = lines_of(data)
    body = [line for line in lines[1:] if line]
    kept = body[5:][::-1]  # five rows removed, the rest upside down
    write_lines(data, [lines[0], *kept, "A1,X001,2022-Q2,88", ""])
    again = revalidate.revalidate(data, known, datacache.context(data))
    assert again is not None
    assert again[0] == load_dataset(data)
    assert again[2] == 1


def test_a_change_to_any_other_file_means_a_full_validation(program: Path, tmp_path: Path) -> None:
    data = copy_of(program, tmp_path / "data")
    known = known_of(data)
    units = data / "units.csv"
    units.write_text(units.read_text(encoding="utf-8").replace("Xã Số 1", "Xã Số Một"), encoding="utf-8")
    assert revalidate.revalidate(data, known, datacache.context(data)) is None


def test_a_quoted_cell_over_two_lines_means_a_full_validation(program: Path, tmp_path: Path) -> None:
    data = copy_of(program, tmp_path / "data")
    lines = lines_of(data)
    lines[0] += ",note"
    lines[1:] = [f"{line}," if line else line for line in lines[1:]]
    lines[3] = lines[3] + '"Ghi chú\ntrên hai dòng"'
    write_lines(data, lines)
    assert revalidate.known(data, check(data), datacache.context(data)) is None


EDITS = st.sampled_from(
    [
        "value",  # another number
        "bad value",  # not a number
        "percent out of range",
        "duplicate",  # a line twice: a duplicate key
        "delete",
        "unknown unit",
        "blank",
        "reorder",
        "header",
        "another period",  # the line stands where it was, with another key
        "copied over",  # a line written over another: a duplicate key where the lines stand
        "emptied",  # a line left empty where it stands
    ]
)


@SETTINGS
@given(edits=st.lists(st.tuples(EDITS, st.integers(1, 10_000)), min_size=1, max_size=4))
def test_revalidation_agrees_with_full_validation_whatever_the_edit(
    program: Path, tmp_path: Path, edits: list[tuple[str, int]]
) -> None:
    data = copy_of(program, tmp_path / "data")
    known, ordered = known_of(data), load_dataset(data).values
    lines = lines_of(data)
    for edit, at in edits:
        n = 1 + at % (len(lines) - 2)  # a data line
        cells = lines[n].split(",")
        if edit == "value" and len(cells) == 4:
            lines[n] = ",".join([*cells[:3], str(at % 97 + 0.5)])
        elif edit == "bad value" and len(cells) == 4:
            lines[n] = ",".join([*cells[:3], "không có"])
        elif edit == "percent out of range" and len(cells) == 4 and cells[0] == "A1":
            lines[n] = ",".join([*cells[:3], "140"])
        elif edit == "duplicate":
            lines.insert(n, lines[n])
        elif edit == "delete":
            del lines[n]
        elif edit == "unknown unit" and len(cells) == 4:
            lines[n] = ",".join([cells[0], "ZZ9", *cells[2:]])
        elif edit == "blank":
            lines.insert(n, ",,,")
        elif edit == "reorder":
            lines[n], lines[n + 1] = lines[n + 1], lines[n]
        elif edit == "header":
            lines[0] = "indicator,unit,period,value,status"
        elif edit == "another period" and len(cells) == 4:
            lines[n] = ",".join([*cells[:2], f"20{20 + at % 5}-Q{1 + at % 4}", cells[3]])
        elif edit == "copied over":
            lines[n] = lines[1 + (n + at) % (len(lines) - 2)]
        elif edit == "emptied":
            lines[n] = ""
    write_lines(data, lines)
    again = revalidate.revalidate(data, known, datacache.context(data), ordered)
    try:
        full = load_dataset(data)
    except DataError:
        assert again is None
        return
    if again is not None:
        assert again[0] == full
        assert again[0].fingerprint == full.fingerprint


def test_a_build_keeps_what_the_next_one_reuses_and_counts_what_it_validated(program: Path, tmp_path: Path) -> None:
    data, store = copy_of(program, tmp_path / "data"), Store(tmp_path / "cache")
    first, keep = datacache.load(data, store)
    assert keep is not None
    assert keep.rows_checked == len(first.values)
    datacache.save(keep, store)
    assert datacache.load(data, store) == (first, None)  # unchanged: taken as it was kept
    lines = lines_of(data)
    lines[2] = ",".join([*lines[2].split(",")[:3], "12"])
    write_lines(data, lines)
    second, keep = datacache.load(data, store)
    assert keep is not None and keep.rows_checked == 1
    assert second == load_dataset(data)
    indicator, unit = lines[2].split(",")[:2]
    assert (keep.since, keep.touched) == (first.fingerprint, {(indicator, unit)})  # the pairs worked out again
    datacache.save(keep, store)
    write_lines(data, lines[:5] + lines[6:])
    _, keep = datacache.load(data, store)
    assert keep is not None and (keep.since, keep.touched) == ("", frozenset())  # a line taken out: every pair


def test_after_an_edit_of_another_file_the_kept_dataset_is_not_even_read(
    program: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A unit renamed or a target changed: the kept dataset cannot serve, so it is not unpickled (memory)."""
    data, store = copy_of(program, tmp_path / "data"), Store(tmp_path / "cache")
    _, keep = datacache.load(data, store)
    assert keep is not None
    datacache.save(keep, store)
    read: list[str] = []
    real = datacache._read

    def recorded(s: Store, key: str, use: bool = True) -> datacache.Kept | None:
        read.append(key)
        return real(s, key, use)

    monkeypatch.setattr(datacache, "_read", recorded)
    units = data / "units.csv"
    units.write_text(units.read_text(encoding="utf-8").replace("Xã", "Xã mới", 1), encoding="utf-8")
    dataset, keep = datacache.load(data, store)
    assert keep is not None and keep.rows_checked == len(dataset.values)  # validated in full
    assert read == [datacache.key(data)]  # only the entry of this very folder was looked for, and is not there


def test_the_kept_dataset_reads_back_equal_with_its_lines_the_same_objects(program: Path) -> None:
    checked = check(program)
    known = revalidate.known(program, checked, "context")
    assert known is not None and None in known.values  # an empty line
    stray = dataclasses.replace(checked.dataset.values[0], note="a value no longer in the dataset")
    known = dataclasses.replace(known, values=(*known.values, stray))
    back = pickle.loads(pickle.dumps(datacache.Kept(checked.dataset, known), protocol=pickle.HIGHEST_PROTOCOL))
    assert back.dataset == checked.dataset and back.dataset.fingerprint == checked.dataset.fingerprint
    assert back.known is not None and back.known.values == known.values and back.known.text == known.text
    assert all(type(v) is Value for v in back.dataset.values)  # made as a plain twin, then a `Value` (`values_of`)
    with pytest.raises(dataclasses.FrozenInstanceError):
        back.dataset.values[0].value = 0.0
    in_dataset = {id(v) for v in back.dataset.values}
    assert all(id(v) in in_dataset for v in back.known.values[:-1] if v is not None)  # one object, as validated
