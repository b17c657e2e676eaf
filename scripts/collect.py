"""Collect the units' returned forms into the data folder.

    python -m scripts.collect [--data FOLDER] [--period 2020-Q2,...] [--dry-run] [--all-or-nothing] RETURNS

Every `.xlsx` under RETURNS (subfolders too) is identified, checked, merged
into values.csv and recorded in receipts.csv (see `scripts.returns.collect`).
Prints a summary in Vietnamese. Exit 0 when everything it was given was
taken (or had been collected before); 1 otherwise.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from scripts.assemble.settings import data_folder
from scripts.data.errors import DataError
from scripts.data.model import Period
from scripts.data.textutil import parse_datetime
from scripts.returns import collect


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.collect", description="Thu biểu mẫu các đơn vị gửi về vào thư mục dữ liệu."
    )
    parser.add_argument("returns", help="thư mục chứa các tệp biểu mẫu đơn vị gửi về (kể cả thư mục con)")
    parser.add_argument("--data", help="thư mục dữ liệu (mặc định: SITE_DATA hoặc data/)")
    parser.add_argument("--period", help="kỳ đang thu, ví dụ 2020-Q2 (nhiều kỳ: cách nhau bằng dấu phẩy)")
    parser.add_argument("--dry-run", action="store_true", help="chỉ in những gì sẽ thay đổi, không ghi gì")
    parser.add_argument("--all-or-nothing", action="store_true", help="có tệp lỗi thì không nhận tệp nào")
    parser.add_argument("--at", help="ngày giờ thu ghi vào receipts.csv (mặc định: bây giờ), ví dụ 2020-07-10 15:30")
    args = parser.parse_args(argv)
    folder = Path(args.data) if args.data else data_folder()
    returns = Path(args.returns)
    errors = []
    if not returns.is_dir():
        errors.append(f"{returns}: không có thư mục này")
    periods = []
    for text in (args.period or "").split(","):
        if text.strip():
            period = Period.parse(text.strip())
            if period is None:
                errors.append(f'--period "{text.strip()}": cần một kỳ, viết 2020, 2020-Q2 hoặc 2020-06')
            else:
                periods.append(period)
    at = parse_datetime(args.at) if args.at else dt.datetime.now().replace(microsecond=0)
    if at is None:
        errors.append(f'--at "{args.at}": cần ngày giờ, ví dụ 2020-07-10 15:30')
    if errors or at is None:
        print("Chưa thu được biểu mẫu:\n" + "\n".join(f"  - {e}" for e in errors), file=sys.stderr)
        return 1
    try:
        out = collect.collect(folder, returns, at, periods, args.dry_run, args.all_or_nothing)
    except DataError as e:
        print(f"Chưa thu được biểu mẫu, không ghi gì. {e.report()}", file=sys.stderr)
        return 1
    print(collect.summary(out, returns, folder))
    return 0 if out.ok else 1


if __name__ == "__main__":
    sys.exit(main())
