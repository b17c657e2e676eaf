"""The settings of a build: every environment variable the build reads, read once, checked, frozen.

    SITE_DATA          the data folder (default: data/ beside mkdocs.yml)
    SITE_CACHE         where the build keeps what the next one reuses (default: .cache/; "off": nothing)
    SITE_JOBS          how many processes draw, make downloads and convert pages (default: every core)
    SITE_PROFILE       the edition: "internal" (default) or "public"
    SITE_STATS         where the counts of a build go (default: last-build.json in the cache)
    SITE_PDF           "1": also print the print view to PDF (needs Playwright and Chromium)
    SITE_AS_OF         the site as it stood on a reporting date, YYYY-MM-DD (default: as the data stands)
    SOURCE_DATE_EPOCH  the build date, for reproducible builds (default: today)

Relative paths are taken from the folder of mkdocs.yml. A wrong value stops
the build before anything is read, with every problem named at once: its
variable, the value found, what is expected and how to fix it, in
Vietnamese with an English gloss. Any other `SITE_*` variable is an error
too (a misspelt name would otherwise be ignored without a word).
"""

from __future__ import annotations

import datetime as dt
import difflib
import importlib.util
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from scripts.data import editions
from scripts.report import printview

ROOT = Path(__file__).resolve().parent.parent.parent  # the folder of mkdocs.yml
KNOWN = ("SITE_DATA", "SITE_CACHE", "SITE_JOBS", "SITE_PROFILE", "SITE_STATS", "SITE_PDF", "SITE_AS_OF")
STATS = "last-build.json"  # in the cache, when SITE_STATS is not set


class SettingsError(ValueError):
    """One or more settings are wrong; the message lists them all."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Settings:
    data: Path  # the data folder
    cache: Path | None  # None: nothing is kept between builds
    jobs: int  # processes of the pool (1: everything in this process)
    edition: str  # editions.INTERNAL or editions.PUBLIC
    stats: Path | None  # where the counts of the build are written; None: nowhere
    pdf: bool  # print the print view to PDF too
    build_date: dt.date
    as_of: dt.date | None = None  # the site as it stood on this date (`SITE_AS_OF`); None: as the data stands


def load(env: Mapping[str, str] | None = None, base: Path = ROOT) -> Settings:
    """The settings in `env` (default: this process's environment), or `SettingsError` naming every problem."""
    env = os.environ if env is None else env
    problems: list[str] = []
    for name in sorted(n for n in env if n.startswith("SITE_") and n not in KNOWN):
        problems.append(_unknown(name))
    try:
        edition = editions.profile(env)
    except editions.ProfileError as e:
        problems.append(str(e))
        edition = editions.INTERNAL
    cache = _cache(env, base, problems)
    stats = _stats(env, base, problems)
    settings = Settings(
        data=data_folder(env, base),
        cache=cache,
        jobs=_jobs(env, problems),
        edition=edition,
        stats=stats if stats is not None or cache is None else cache / STATS,
        pdf=_pdf(env, problems),
        build_date=_build_date(env, problems),
        as_of=_as_of(env, problems),
    )
    if problems:
        raise SettingsError(problems)
    return settings


def data_folder(env: Mapping[str, str] | None = None, base: Path = ROOT) -> Path:
    """`SITE_DATA`, else `data/` beside mkdocs.yml (a missing folder is a data problem: the check names it)."""
    env = os.environ if env is None else env
    return _path(env.get("SITE_DATA") or "data", base)


def _path(value: str, base: Path) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else base / path


def _cache(env: Mapping[str, str], base: Path, problems: list[str]) -> Path | None:
    value = env.get("SITE_CACHE") or ".cache"
    if value == "off":
        return None
    path = _path(value, base)
    if path.exists() and not path.is_dir():
        problems.append(
            f'SITE_CACHE="{value}" là một tệp, không phải thư mục — cần thư mục để giữ kết quả cho lần dựng sau. '
            "Cách sửa: chọn một thư mục (sẽ được tạo nếu chưa có), hoặc SITE_CACHE=off để không giữ gì. "
            '(SITE_CACHE must name a folder, or be "off".)'
        )
    return path


def _stats(env: Mapping[str, str], base: Path, problems: list[str]) -> Path | None:
    value = env.get("SITE_STATS", "")
    if not value:
        return None
    path = _path(value, base)
    if path.is_dir():
        problems.append(
            f'SITE_STATS="{value}" là một thư mục — cần đường dẫn của một tệp để ghi số liệu của lần dựng, '
            f"ví dụ SITE_STATS={STATS}. (SITE_STATS must name a file, not a folder.)"
        )
    return path


def _jobs(env: Mapping[str, str], problems: list[str]) -> int:
    value = env.get("SITE_JOBS", "")
    if value == "":
        return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    if value.strip().isdigit() and int(value) > 0:
        return int(value)
    problems.append(
        f'SITE_JOBS="{value}" không phải là một số nguyên dương — cần số tiến trình dựng song song, '
        "ví dụ SITE_JOBS=2. Cách sửa: sửa lại số, hoặc bỏ biến này để dùng mọi lõi của máy. "
        "(SITE_JOBS must be a whole number of processes, 1 or more.)"
    )
    return 1


def _pdf(env: Mapping[str, str], problems: list[str]) -> bool:
    value = env.get("SITE_PDF", "")
    if value in ("", "0"):
        return False
    if value != "1":
        problems.append(
            f'SITE_PDF="{value}" không hợp lệ — cần 1 (in thêm bản PDF của bản in toàn văn) hoặc 0. '
            'Cách sửa: đặt SITE_PDF=1, hoặc bỏ biến này nếu không cần bản PDF. (SITE_PDF must be "1" or "0".)'
        )
        return False
    if importlib.util.find_spec("playwright") is None:
        problems.append(
            "SITE_PDF=1 cần gói playwright để in bản PDF, nhưng máy này chưa cài gói đó — gói chỉ có trong "
            "requirements-dev.txt. Cách sửa: python3 -m pip install -r requirements-dev.txt, hoặc bỏ SITE_PDF. "
            "(SITE_PDF=1 needs Playwright, which requirements-dev.txt installs.)"
        )
    if not Path(printview.CHROMIUM).is_file():
        problems.append(
            f"SITE_PDF=1 cần trình duyệt Chromium ở {printview.CHROMIUM} để in bản PDF, nhưng máy này không có. "
            "Cách sửa: apt-get install chromium, hoặc bỏ SITE_PDF. "
            f"(SITE_PDF=1 prints with the Chromium at {printview.CHROMIUM}.)"
        )
    return True


def _build_date(env: Mapping[str, str], problems: list[str]) -> dt.date:
    value = env.get("SOURCE_DATE_EPOCH", "")
    if value == "":
        return dt.date.today()
    if value.isdigit():
        return dt.datetime.fromtimestamp(int(value), dt.UTC).date()
    problems.append(
        f'SOURCE_DATE_EPOCH="{value}" không phải là số giây kể từ 01/01/1970 — ví dụ SOURCE_DATE_EPOCH=1700000000. '
        "Cách sửa: sửa lại số, hoặc bỏ biến này để lấy ngày hôm nay. "
        "(SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC.)"
    )
    return dt.date.today()


def _as_of(env: Mapping[str, str], problems: list[str]) -> dt.date | None:
    value = env.get("SITE_AS_OF", "")
    if value == "":
        return None
    try:
        return dt.date.fromisoformat(value) if len(value) == 10 and value[4] == "-" else _vietnamese_date(value)
    except ValueError:
        problems.append(
            f'SITE_AS_OF="{value}" không phải là một ngày — cần ngày của kỳ báo cáo theo dạng YYYY-MM-DD '
            "hoặc DD/MM/YYYY, ví dụ SITE_AS_OF=2019-09-30. Cách sửa: sửa lại ngày, hoặc bỏ biến này để dựng "
            "trang theo số liệu hiện có. (SITE_AS_OF must be a date, YYYY-MM-DD.)"
        )
        return None


def _vietnamese_date(value: str) -> dt.date:
    day, month, year = value.split("/")  # ValueError when it is not three parts
    if len(year) != 4:
        raise ValueError(value)
    return dt.date(int(year), int(month), int(day))


def as_of_after(as_of: dt.date, data_as_of: dt.date) -> str:
    """The problem of a `SITE_AS_OF` after the data's `as_of` (known once the data is read)."""
    given, held = as_of.strftime("%d/%m/%Y"), data_as_of.strftime("%d/%m/%Y")
    return (
        f"SITE_AS_OF={as_of.isoformat()} ({given}) muộn hơn ngày số liệu của chương trình (as_of: {held} "
        f"trong program.yml) — trang chỉ dựng được theo một ngày đã có số liệu, không muộn hơn {held}. "
        f"Cách sửa: chọn một ngày đến {held}, hoặc bỏ SITE_AS_OF để dựng trang theo số liệu hiện có. "
        "(SITE_AS_OF must not be after the data's as_of.)"
    )


def _unknown(name: str) -> str:
    close = difflib.get_close_matches(name, KNOWN, n=1)
    hint = f"Có phải là {close[0]}? " if close else ""
    return (
        f"{name} không phải là biến nào của bản dựng — các biến là: {', '.join(KNOWN)}. "
        f"{hint}Cách sửa: sửa tên biến, hoặc bỏ biến này. ({name} is not a build setting.)"
    )
