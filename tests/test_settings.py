"""The build's settings: read once from the environment, checked, every wrong value named with how to fix it."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import pytest
from conftest import SAMPLE, run_mkdocs

from scripts.assemble import settings
from scripts.assemble.settings import Settings, SettingsError

BASE = Path("/srv/trang")


def test_unset_everything_is_the_default() -> None:
    s = settings.load({}, BASE)
    assert (s.data, s.cache, s.edition, s.pdf) == (BASE / "data", BASE / ".cache", "internal", False)
    assert s.stats == BASE / ".cache" / "last-build.json"
    assert s.jobs >= 1
    assert s.build_date == dt.date.today()


def test_every_setting_is_read_once_into_a_frozen_object() -> None:
    env = {
        "SITE_DATA": "du-lieu/2025",
        "SITE_CACHE": "/tmp/bo-nho",
        "SITE_JOBS": "3",
        "SITE_PROFILE": "public",
        "SITE_STATS": "dem.json",
        "SOURCE_DATE_EPOCH": "1700000000",
    }
    s = settings.load(env, BASE)
    assert s == Settings(
        data=BASE / "du-lieu/2025",
        cache=Path("/tmp/bo-nho"),
        jobs=3,
        edition="public",
        stats=BASE / "dem.json",
        pdf=False,
        build_date=dt.date(2023, 11, 14),
    )
    with pytest.raises(AttributeError):
        s.jobs = 1  # type: ignore[misc]


def test_no_cache_means_no_counts_file_unless_asked_for() -> None:
    assert settings.load({"SITE_CACHE": "off"}, BASE).cache is None
    assert settings.load({"SITE_CACHE": "off"}, BASE).stats is None
    assert settings.load({"SITE_CACHE": "off", "SITE_STATS": "/tmp/s.json"}, BASE).stats == Path("/tmp/s.json")


@pytest.mark.parametrize(
    ("env", "message"),
    [
        # a number of processes that is not one
        (
            {"SITE_JOBS": "abc"},
            'SITE_JOBS="abc" không phải là một số nguyên dương — cần số tiến trình dựng song song, ví dụ SITE_JOBS=2. '
            "Cách sửa: sửa lại số, hoặc bỏ biến này để dùng mọi lõi của máy. "
            "(SITE_JOBS must be a whole number of processes, 1 or more.)",
        ),
        ({"SITE_JOBS": "0"}, 'SITE_JOBS="0" không phải là một số nguyên dương'),
        ({"SITE_JOBS": "-2"}, 'SITE_JOBS="-2" không phải là một số nguyên dương'),
        # yes or no, said otherwise
        ({"SITE_PDF": "yes"}, 'SITE_PDF="yes" không hợp lệ — cần 1 (in thêm bản PDF của bản in toàn văn) hoặc 0.'),
        # an edition that does not exist: the message editions.profile has always given
        ({"SITE_PROFILE": "xyz"}, 'SITE_PROFILE="xyz" không phải là bản nào của trang — cần một trong:'),
        # a date that is not a number of seconds
        ({"SOURCE_DATE_EPOCH": "2023-11-14"}, 'SOURCE_DATE_EPOCH="2023-11-14" không phải là số giây kể từ 01/01/1970'),
        # a misspelt name, which would otherwise be ignored
        (
            {"SITE_JOB": "2"},
            "SITE_JOB không phải là biến nào của bản dựng — các biến là: SITE_DATA, SITE_CACHE, SITE_JOBS, "
            "SITE_PROFILE, SITE_STATS, SITE_PDF, SITE_AS_OF. Có phải là SITE_JOBS? Cách sửa: sửa tên biến, "
            "hoặc bỏ biến này. (SITE_JOB is not a build setting.)",
        ),
    ],
)
def test_a_wrong_value_is_named_with_how_to_fix_it(env: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError) as raised:
        settings.load(env, BASE)
    [problem] = raised.value.problems
    assert problem.startswith(message)
    assert problem.endswith(".)") or "SITE_PROFILE" in env  # an English gloss at the end (the edition's: as it was)


def test_a_cache_or_counts_path_of_the_wrong_kind_is_named(tmp_path: Path) -> None:
    (tmp_path / "tep").write_text("")
    with pytest.raises(SettingsError) as raised:
        settings.load({"SITE_CACHE": "tep", "SITE_STATS": "."}, tmp_path)
    assert [p.split(" — ")[0] for p in raised.value.problems] == [
        'SITE_CACHE="tep" là một tệp, không phải thư mục',
        'SITE_STATS="." là một thư mục',
    ]


def test_every_problem_is_named_at_once() -> None:
    with pytest.raises(SettingsError) as raised:
        settings.load({"SITE_JOBS": "x", "SITE_PDF": "2", "SITE_PROFILE": "xyz"}, BASE)
    assert [p.split("=")[0] for p in raised.value.problems] == ["SITE_PROFILE", "SITE_JOBS", "SITE_PDF"]


def test_a_pdf_without_playwright_is_refused_before_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None if name == "playwright" else real(name))
    with pytest.raises(SettingsError) as raised:
        settings.load({"SITE_PDF": "1"}, BASE)
    assert raised.value.problems[0].startswith(
        "SITE_PDF=1 cần gói playwright để in bản PDF, nhưng máy này chưa cài gói đó — gói chỉ có trong "
        "requirements-dev.txt. Cách sửa: python3 -m pip install -r requirements-dev.txt, hoặc bỏ SITE_PDF."
    )


def test_the_build_stops_on_a_wrong_setting_without_a_traceback(tmp_path: Path) -> None:
    done = run_mkdocs(SAMPLE, tmp_path / "site", env={"SITE_JOBS": "abc"})
    assert done.returncode == 1
    assert 'SITE_JOBS="abc" không phải là một số nguyên dương' in done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert not (tmp_path / "site").exists()
