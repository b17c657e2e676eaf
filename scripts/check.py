"""Check a data folder without building the site.

    python -m scripts.check [FOLDER] [--format text|json]

Exit 0 when the folder follows the data contract; exit 1 with every problem
listed (in Vietnamese, or as JSON for machines). What the data allows but a
report should not be published with (`scripts.report.cautions`) is listed as
warnings, each with its file, row and column; they do not change the exit code.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from scripts.assemble.settings import data_folder
from scripts.data.errors import DataError
from scripts.data.validate import load_dataset
from scripts.report.cautions import cautions, rows_of
from scripts.report.compute import Results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.check", description="Kiểm tra thư mục dữ liệu.")
    parser.add_argument("folder", nargs="?", help="thư mục dữ liệu (mặc định: SITE_DATA hoặc data/)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)
    folder = Path(args.folder) if args.folder else data_folder()
    try:
        ds = load_dataset(folder)
    except DataError as e:
        if args.format == "json":
            print(
                json.dumps({"ok": False, "problems": [p.as_dict() for p in e.problems]}, ensure_ascii=False, indent=2)
            )
        else:
            print(e.report(), file=sys.stderr)
        return 1
    counts = {
        "units": len(ds.units),
        "indicators": len(ds.indicators),
        "values": len(ds.values),
        "topics": len(ds.topics),
        "documents": len(ds.documents),
        "findings": len(ds.findings),
        "milestones": len(ds.milestones),
    }
    found = cautions(ds, Results(ds), rows_of(folder))
    if args.format == "json":
        shown_warnings = [c.as_dict() for c in found]
        print(json.dumps({"ok": True, "counts": counts, "warnings": shown_warnings}, ensure_ascii=False, indent=2))
    else:
        shown = ", ".join(f"{n} {k}" for k, n in counts.items())
        print(f"Dữ liệu hợp lệ: {shown}.")
        for caution in found:
            print(f"Cảnh báo: {caution}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
