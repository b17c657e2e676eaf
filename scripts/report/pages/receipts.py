"""The internal page "Tình hình báo cáo": for each period with returns, which units sent theirs, when, and which not.

Made from receipts.csv (written by `python -m scripts.collect`), in the
internal edition only: the public edition's dataset has no receipts, and
the page is not made without them.
"""

from __future__ import annotations

import itertools

from scripts.data.model import Dataset
from scripts.report import fmt
from scripts.report.pages.common import Page, link, table, unit_path

PATH = "tinh-hinh-bao-cao.md"
TITLE = "Tình hình báo cáo"


def receipts_page(ds: Dataset) -> Page | None:
    """The page, latest period first; None when no return has been collected."""
    if not ds.receipts:
        return None
    expected = ds.reporting_units
    body = [
        f"# {TITLE}\n",
        "Biểu mẫu báo cáo các đơn vị đã gửi về và đã được thu vào dữ liệu (tệp receipts.csv), "
        f"theo từng kỳ. Đơn vị phải báo cáo: {fmt.number(len(expected))} đơn vị có số liệu. "
        "Trang này chỉ có ở bản nội bộ.\n",
    ]
    by_period = itertools.groupby(ds.receipts, key=lambda r: r.period)
    for period, group in sorted(((p, list(g)) for p, g in by_period), key=lambda x: x[0].sort_key, reverse=True):
        returned = {r.unit for r in group}
        missing = [u for u in expected if u.code not in returned]
        body.append(f"## {period.label}\n")
        sent = sum(1 for u in expected if u.code in returned)
        body.append(
            f"Đã gửi: {fmt.number(sent)}/{fmt.number(len(expected))} đơn vị. "
            f"Chưa gửi: {fmt.number(len(missing))} đơn vị.\n"
        )
        rows = []
        for r in sorted(group, key=lambda r: (r.received, r.unit, r.file)):
            unit = ds.unit_by_code.get(r.unit)
            name = link(fmt.text(unit.name), PATH, unit_path(unit)) if unit else fmt.text(r.unit)
            rows.append(
                [
                    name,
                    r.received.strftime("%d/%m/%Y %H:%M"),
                    fmt.text(r.file),
                    fmt.number(r.added),
                    fmt.number(r.revised),
                ]
            )
        body.append(table(["Đơn vị", "Nhận lúc", "Tệp", "Số liệu thêm", "Số liệu sửa"], rows, "lllrr"))
        if missing:
            names = ", ".join(link(fmt.text(u.name), PATH, unit_path(u)) for u in missing)
            body.append(f"**Chưa gửi:** {names}.\n")
    return Page(PATH, TITLE, "\n".join(body), search="none")
