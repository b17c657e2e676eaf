"""Write the forms of a reporting round: one workbook per unit, to fill in and send back.

    python -m scripts.forms [--data FOLDER] --period 2020-Q2 [--units CODE,...] [--due DATE] [--to TEXT] OUT

Each `OUT/<unit code>.xlsx` asks one unit for its figures of the period
(see `scripts.returns.form`); by default every unit but the whole that has
figures gets one. Exit 0 when every form is written; exit 1, saying why,
when the data folder, the period or a unit code is wrong.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scripts.assemble.settings import data_folder
from scripts.data.errors import DataError
from scripts.data.model import Period
from scripts.data.textutil import parse_date
from scripts.data.validate import load_dataset
from scripts.returns import form


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.forms", description="Tạo biểu mẫu báo cáo số liệu gửi các đơn vị, mỗi đơn vị một tệp."
    )
    parser.add_argument("out", help="thư mục ghi các biểu mẫu <mã đơn vị>.xlsx")
    parser.add_argument("--data", help="thư mục dữ liệu (mặc định: SITE_DATA hoặc data/)")
    parser.add_argument("--period", required=True, help="kỳ báo cáo: 2020, 2020-Q2 hoặc 2020-06")
    parser.add_argument("--units", help="mã các đơn vị, cách nhau bằng dấu phẩy (mặc định: mọi đơn vị có số liệu)")
    parser.add_argument("--due", help="hạn gửi, ví dụ 2020-07-10 hoặc 10/07/2020")
    parser.add_argument("--to", default="", help="nơi nhận biểu mẫu (mặc định: contact trong program.yml)")
    args = parser.parse_args(argv)
    folder = Path(args.data) if args.data else data_folder()
    try:
        ds = load_dataset(folder)
    except DataError as e:
        print(f"Chưa tạo được biểu mẫu: {e.report()}", file=sys.stderr)
        return 1
    errors = []
    period = Period.parse(args.period.strip())
    if period is None or not ds.program.covers(period):
        errors.append(
            f'--period "{args.period}": cần một kỳ của chương trình ({ds.program.start}–{ds.program.end}), '
            "viết 2020, 2020-Q2 hoặc 2020-06"
        )
    due = parse_date(args.due) if args.due else None
    if args.due and due is None:
        errors.append(f'--due "{args.due}": cần một ngày, ví dụ 2020-07-10 hoặc 10/07/2020')
    units = list(form.default_units(ds))
    if args.units:
        codes = [c.strip() for c in args.units.split(",") if c.strip()]
        unknown = [c for c in codes if c not in ds.unit_by_code]
        if unknown:
            errors.append(f"--units: không có đơn vị {', '.join(unknown)} trong units.csv")
        units = [ds.unit_by_code[c] for c in codes if c in ds.unit_by_code]
    if errors or period is None:
        print("Chưa tạo được biểu mẫu:\n" + "\n".join(f"  - {e}" for e in errors), file=sys.stderr)
        return 1
    values = form.by_unit(ds)
    empty = [u.code for u in units if not values.get(u.code)]
    if empty:
        print(
            f"Chưa tạo được biểu mẫu: đơn vị {', '.join(empty)} chưa có chỉ tiêu nào trong values.csv.", file=sys.stderr
        )
        return 1
    written = form.write(ds, period, units, Path(args.out), due, args.to)
    print(f"Đã ghi {len(written)} biểu mẫu {period.label} vào {args.out}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
