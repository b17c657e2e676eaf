"""Reporting rounds: which values a round counts, each round's statuses, what moved, the site as of a round."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import pytest
from conftest import run_mkdocs
from programs import write_csv, write_program

from scripts.assemble import pipeline, settings
from scripts.cache import pagekeys
from scripts.cache.store import Store
from scripts.data.errors import DataError
from scripts.data.model import Dataset, Indicator, Period, Round, Value
from scripts.data.validate import load_dataset
from scripts.report import rounds
from scripts.report.compute import Results
from scripts.report.pages import rounds as rounds_pages

D = dt.date

INDICATORS = [
    # annual: met in 2021, not met in 2022 → slips
    {"id": "S1", "group": "Nhóm", "name": "Tỷ lệ S", "measure": "%", "direction": "up",
     "target": 80, "target_type": "annual"},
    # end: from 50 (2020) to 90 by 2025; behind at the first round, on track at the second → improves
    {"id": "E2", "group": "Nhóm", "name": "Tỷ lệ E", "measure": "%", "direction": "up",
     "target": 90, "target_type": "end", "baseline": 50, "baseline_year": 2020},
    # annual: not met, then met → met since
    {"id": "M3", "group": "Nhóm", "name": "Tỷ lệ M", "measure": "%", "direction": "up",
     "target": 80, "target_type": "annual"},
    # no figure at the first round
    {"id": "N4", "group": "Nhóm", "name": "Tỷ lệ N", "measure": "%", "direction": "up",
     "target": 80, "target_type": "annual"},
]  # fmt: skip
ROUNDS = "rounds:\n  - date: 2022-12-31\n    name: Tổng kết năm 2022\n"
ROUNDS_TWO = "rounds:\n  - 2021-12-31\n  - date: 2022-12-31\n    name: Tổng kết năm 2022\n"
VALUES = [
    # indicator, unit, period, value, reported
    ("S1", "BL", "2021", 85, ""),
    ("S1", "BL", "2022", 60, "2023-02-01"),  # known only after the first round
    ("E2", "BL", "2021", 52, ""),
    ("E2", "BL", "2022", 75, "2023-01-20"),
    ("M3", "BL", "2021", 70, ""),
    ("M3", "BL", "2022", 85, "2023-03-01"),
    ("N4", "BL", "2023-Q1", 90, ""),
]


def program(
    folder: Path, values: Sequence[Sequence[object]] = VALUES, extra: str = ROUNDS, as_of: str = "2023-06-30"
) -> Path:
    write_program(
        folder, start=2021, end=2025, as_of=as_of, communes=1, indicators=INDICATORS, values=[], illustrative=False
    )
    write_csv(folder / "values.csv", ("indicator", "unit", "period", "value", "reported"), values)
    yml = folder / "program.yml"
    yml.write_text(yml.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return folder


def value(period: str, reported: dt.date | None = None) -> Value:
    found = Period.parse(period)
    assert found is not None
    return Value("S1", "BL", found, 1.0, reported=reported)


# --- the rounds of program.yml ---------------------------------------------------------


def test_without_rounds_each_year_ends_a_round_up_to_as_of(tmp_path: Path) -> None:
    ds = load_dataset(program(tmp_path, extra=""))
    assert ds.program.rounds == (Round(D(2021, 12, 31)), Round(D(2022, 12, 31)), Round(D(2023, 6, 30)))


def test_given_rounds_keep_their_names_and_end_at_as_of(tmp_path: Path) -> None:
    ds = load_dataset(program(tmp_path, extra="rounds:\n  - 2022-06-30\n" + ROUNDS.removeprefix("rounds:\n")))
    assert ds.program.rounds == (
        Round(D(2022, 6, 30)),
        Round(D(2022, 12, 31), "Tổng kết năm 2022"),
        Round(D(2023, 6, 30)),
    )


def test_a_round_after_as_of_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(DataError) as e:
        load_dataset(program(tmp_path / "data", extra="rounds:\n  - 2023-09-30\n"))
    assert [str(p) for p in e.value.problems] == [
        'data/program.yml, dòng 13, khóa rounds: "30/09/2023" kỳ báo cáo sau ngày chốt số liệu 30/06/2023 — cần '
        "mọi ngày trong rounds không muộn hơn as_of. Cách sửa: xóa kỳ này khỏi rounds, hoặc dời as_of khi đã có "
        "số liệu đến ngày đó"
    ]


# --- which values a round counts -------------------------------------------------------


def test_a_value_with_reported_counts_from_that_date_on() -> None:
    reported = value("2022", reported=D(2023, 2, 1))
    assert not rounds.known(reported, D(2023, 1, 31))
    assert rounds.known(reported, D(2023, 2, 1))


def test_an_annual_figure_does_not_count_before_its_year_ends_unless_reported() -> None:
    assert not rounds.known(value("2019"), D(2019, 9, 30))
    assert rounds.known(value("2019"), D(2019, 12, 31))
    assert rounds.known(value("2019", reported=D(2019, 9, 25)), D(2019, 9, 30))


def test_at_the_last_round_a_figure_counts_once_its_period_has_begun() -> None:
    assert rounds.known(value("2020"), D(2020, 6, 30), last=True)
    assert not rounds.known(value("2020"), D(2020, 6, 30))
    assert not rounds.known(value("2021"), D(2020, 6, 30), last=True)


def test_the_dataset_as_it_stood_leaves_out_what_came_after(tmp_path: Path) -> None:
    ds = load_dataset(program(tmp_path))
    then = rounds.stood(ds, D(2022, 12, 31))
    assert then.program.as_of == D(2022, 12, 31)
    assert then.program.rounds == (Round(D(2022, 12, 31), "Tổng kết năm 2022"),)  # given rounds: no others
    assert [(v.indicator, v.period.code) for v in then.values] == [("S1", "2021"), ("E2", "2021"), ("M3", "2021")]
    assert then.fingerprint != ds.fingerprint


def test_a_revised_figure_shows_its_revised_value_at_every_round(tmp_path: Path) -> None:
    revised = [("S1", "BL", "2021", 78, "2022-01-15"), *VALUES[1:]]  # 85 when reported, 78 now
    ds = load_dataset(program(tmp_path, revised))
    first = rounds.timeline(ds).cells("S1")[0]
    assert first is not None and (first.code, first.compared) == ("not_met", 78.0)


# --- each round's statuses, what moved -----------------------------------------------------


def test_each_round_has_the_status_of_the_figures_known_then(tmp_path: Path) -> None:
    t = rounds.timeline(load_dataset(program(tmp_path)))
    codes = {i: tuple(s.code if s else None for s in cells.statuses) for i, cells in t.by_indicator.items()}
    assert codes == {
        "S1": ("achieved", "not_met"),
        "E2": ("behind", "on_track"),
        "M3": ("not_met", "achieved"),
        "N4": (None, "achieved"),
    }


def test_what_moved_names_each_indicator_once_by_how_it_moved(tmp_path: Path) -> None:
    ds = load_dataset(program(tmp_path))
    found = rounds.moves(ds, rounds.timeline(ds))
    assert [(m.indicator.id, m.kind) for m in found] == [
        ("N4", "new"),
        ("M3", "met"),
        ("E2", "improved"),
        ("S1", "slipped"),
    ]
    assert rounds_pages.since(ds, rounds.timeline(ds), "ket-qua.md") == (
        "Kỳ này: 30/06/2023; kỳ trước: Tổng kết năm 2022 (31/12/2022).\n\n"
        "- Có số liệu lần đầu (kỳ trước chưa có số liệu): [N4&#46; Tỷ lệ N](chi-tieu/n4.md) "
        '(<span class="status status--achieved">✔ Đã đạt</span>).\n'
        "- Đã đạt chỉ tiêu kể từ kỳ trước: [M3&#46; Tỷ lệ M](chi-tieu/m3.md) "
        '(<span class="status status--not_met">✘ Chưa đạt</span> → '
        '<span class="status status--achieved">✔ Đã đạt</span>).\n'
        "- Đánh giá tốt lên: [E2&#46; Tỷ lệ E](chi-tieu/e2.md) "
        '(<span class="status status--behind">⚠ Chậm tiến độ</span> → '
        '<span class="status status--on_track">➚ Đúng tiến độ</span>).\n'
        "- Đánh giá giảm: [S1&#46; Tỷ lệ S](chi-tieu/s1.md) "
        '(<span class="status status--achieved">✔ Đã đạt</span> → '
        '<span class="status status--not_met">✘ Chưa đạt</span>).\n'
    )


def test_figures_of_past_periods_reported_after_the_previous_round_are_told(tmp_path: Path) -> None:
    late = [("S1", "BL", "2021", 85, ""), ("S1", "BL", "2022", 90, ""), ("S1", "BL", "2021-Q4", 88, "2023-04-02")]
    ds = load_dataset(program(tmp_path, late))
    [move] = rounds.moves(ds, rounds.timeline(ds))
    assert (move.indicator.id, move.kind, [p.code for p in move.periods]) == ("S1", "late", ["2021-Q4"])
    assert "- Có số liệu của kỳ đã qua được báo cáo sau kỳ trước (bổ sung hoặc điều chỉnh): " in rounds_pages.since(
        ds, rounds.timeline(ds), "ket-qua.md"
    )


def test_a_single_round_has_nothing_to_compare_with(tmp_path: Path) -> None:
    ds = load_dataset(program(tmp_path, extra="", as_of="2021-10-01"))
    assert rounds_pages.since(ds, rounds.timeline(ds), "index.md") == (
        "Chương trình mới có một kỳ báo cáo, 01/10/2021: chưa có kỳ trước để so sánh.\n"
    )


def test_the_previous_status_is_the_one_of_the_round_before_the_latest(tmp_path: Path) -> None:
    t = rounds.timeline(load_dataset(program(tmp_path)))
    before = rounds.previous_status(t, "E2")
    assert before is not None and before.code == "behind"
    assert rounds.previous_status(t, "N4") is None


def test_an_edit_of_one_value_works_out_again_the_rounds_of_that_indicator_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[str] = []
    real = rounds.statuses

    def counted(ds: Dataset, ind: Indicator, r: Results | None = None) -> rounds.Rounds:
        made.append(ind.id)
        return real(ds, ind, r)

    monkeypatch.setattr(rounds, "statuses", counted)
    store = Store(tmp_path / "cache")

    def timeline(ds: Dataset) -> rounds.Timeline:
        return rounds.timeline(ds, pagekeys.Reuse(store, ds, Results(ds), "internal").prepare())

    ds = load_dataset(program(tmp_path / "data"))
    first = timeline(ds)
    assert made == ["S1", "E2", "M3", "N4"]
    made.clear()
    edited = tuple(
        dataclasses.replace(v, value=95.0) if v.indicator == "E2" and v.period.year == 2022 else v for v in ds.values
    )
    second = timeline(dataclasses.replace(ds, values=edited))
    assert made == ["E2"]
    assert second.cells("S1") == first.cells("S1") and second.cells("E2") != first.cells("E2")


# --- the site as it stood on a reporting date ---------------------------------------------


def test_site_as_of_is_a_date() -> None:
    with pytest.raises(settings.SettingsError) as e:
        settings.load({"SITE_AS_OF": "quý 3"}, Path("/du-an"))
    assert e.value.problems == [
        'SITE_AS_OF="quý 3" không phải là một ngày — cần ngày của kỳ báo cáo theo dạng YYYY-MM-DD hoặc DD/MM/YYYY, '
        "ví dụ SITE_AS_OF=2019-09-30. Cách sửa: sửa lại ngày, hoặc bỏ biến này để dựng trang theo số liệu hiện có. "
        "(SITE_AS_OF must be a date, YYYY-MM-DD.)"
    ]
    assert settings.load({"SITE_AS_OF": "30/09/2019"}, Path("/du-an")).as_of == D(2019, 9, 30)


def test_site_as_of_after_the_data_is_an_error_naming_the_setting(tmp_path: Path) -> None:
    with pytest.raises(settings.SettingsError) as e:
        pipeline.generate(program(tmp_path), as_of=D(2023, 7, 1))
    assert e.value.problems == [
        "SITE_AS_OF=2023-07-01 (01/07/2023) muộn hơn ngày số liệu của chương trình (as_of: 30/06/2023 trong "
        "program.yml) — trang chỉ dựng được theo một ngày đã có số liệu, không muộn hơn 30/06/2023. Cách sửa: chọn "
        "một ngày đến 30/06/2023, hoặc bỏ SITE_AS_OF để dựng trang theo số liệu hiện có. "
        "(SITE_AS_OF must not be after the data's as_of.)"
    ]


def test_a_site_as_of_a_round_knows_it_is_one(tmp_path: Path) -> None:
    folder = program(tmp_path)
    assert pipeline.generate(folder, as_of=D(2022, 12, 31)).as_of_is_round
    assert not pipeline.generate(folder, as_of=D(2022, 11, 30)).as_of_is_round


def files_of(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_site_as_of_a_past_round_does_not_depend_on_later_values(tmp_path: Path) -> None:
    env = {"SITE_AS_OF": "2022-12-31", "SITE_CACHE": str(tmp_path / "cache")}
    data = program(tmp_path / "data", extra=ROUNDS_TWO)
    first = run_mkdocs(data, tmp_path / "first", env=env)
    assert first.returncode == 0, first.stderr
    later = [v if v[:3] != ("E2", "BL", "2022") else ("E2", "BL", "2022", 99, "2023-01-20") for v in VALUES]
    program(tmp_path / "data", later, extra=ROUNDS_TWO)
    second = run_mkdocs(data, tmp_path / "second", env=env)
    assert second.returncode == 0, second.stderr
    assert files_of(tmp_path / "first") == files_of(tmp_path / "second")
    home = (tmp_path / "first" / "index.html").read_text(encoding="utf-8")
    assert "<strong>Số liệu tính đến 31/12/2022 (bản theo kỳ báo cáo).</strong>\n" in home
    assert "Kỳ này: Tổng kết năm 2022 (31/12/2022); kỳ trước: 31/12/2021." in home
