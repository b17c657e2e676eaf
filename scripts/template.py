"""Write the Excel templates for data entry, one per table, filled with the folder's current rows.

    python -m scripts.template [--data FOLDER] OUT

Each `OUT/<table>.xlsx` can be edited and saved into the data folder in
place of `<table>.csv` (see `scripts.downloads.templates`). Exit 0 when every
template is written; exit 1, saying why, when a file of the data folder
cannot be read or OUT is the data folder itself.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scripts.assemble.settings import data_folder
from scripts.data.errors import DataError
from scripts.downloads import templates


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.template", description="Tạo sổ Excel mẫu nhập liệu cho từng bảng dữ liệu."
    )
    parser.add_argument("out", help="thư mục ghi các tệp mẫu <bảng>.xlsx")
    parser.add_argument("--data", help="thư mục dữ liệu (mặc định: SITE_DATA hoặc data/)")
    args = parser.parse_args(argv)
    folder = Path(args.data) if args.data else data_folder()
    out = Path(args.out)
    if out.resolve() == folder.resolve():
        print(
            f"Thư mục ghi mẫu {out} chính là thư mục dữ liệu: mỗi bảng sẽ có cả tệp .csv và .xlsx. "
            "Cách sửa: chọn một thư mục khác, rồi chép từng tệp mẫu đã sửa vào thư mục dữ liệu thay cho tệp .csv.",
            file=sys.stderr,
        )
        return 1
    try:
        written = templates.write(folder, out)
    except DataError as e:
        lines = [f"Chưa tạo được mẫu nhập liệu: thư mục dữ liệu có {len(e.problems)} lỗi khi đọc tệp."]
        lines += [f"  {n}. {p}" for n, p in enumerate(e.problems, 1)]
        print("\n".join(lines), file=sys.stderr)
        return 1
    except ValueError as e:
        print(f"Chưa tạo được mẫu: {e}", file=sys.stderr)
        return 1
    print(f"Đã ghi {len(written)} tệp mẫu vào {out}: {', '.join(p.name for p in written)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
