"""The list of units and each unit's page: its own results against the targets."""

from __future__ import annotations

import dataclasses

from scripts.data.model import Dataset, Indicator, Unit
from scripts.report import fmt, tabular
from scripts.report.compute import Results
from scripts.report.memo import Memo
from scripts.report.pages.common import (
    KIND_LABELS,
    UNITS_ROWS,
    Page,
    downloads,
    indicator_path,
    link,
    marks_legend,
    model_table,
    table,
    unit_path,
)


def units_index_path(part: int = 1) -> str:
    return "don-vi/index.md" if part == 1 else f"don-vi/trang/{part}.md"  # no unit page is in a folder


def units_index(ds: Dataset, r: Results, reuse: Memo | None = None) -> list[Page]:
    """Every unit in the order of its tree, `UNITS_ROWS` to a page: no page grows with the number of units."""
    model = tabular.units_table(r, ds.indicators, ds.unit_by_code, unit_path, reuse)
    parts = max(1, -(-len(model.rows) // UNITS_ROWS))
    out = []
    for part in range(1, parts + 1):
        src = units_index_path(part)
        shown = dataclasses.replace(model, rows=model.rows[(part - 1) * UNITS_ROWS : part * UNITS_ROWS])
        body = [
            "# Đơn vị báo cáo" + (f" (trang {part}/{parts})" if parts > 1 else "") + "\n",
            f"{fmt.number(len(ds.units))} đơn vị. Mỗi đơn vị có một trang với số liệu và đánh giá của đơn vị, "
            f"đặt cạnh kết quả của {fmt.text(ds.root.name)}.\n",
        ]
        if parts > 1:
            start, end = (part - 1) * UNITS_ROWS + 1, min(part * UNITS_ROWS, len(model.rows))
            body.append(f"Trang này có các đơn vị thứ {fmt.number(start)} đến {fmt.number(end)} theo danh sách.\n")
            pager = [str(n) if n == part else link(str(n), src, units_index_path(n)) for n in range(1, parts + 1)]
            body.append("Trang: " + " · ".join(pager) + "\n")
        body += [
            '<div class="table-filter" data-columns="2"></div>\n',
            model_table(shown, src),
            downloads(src, "don-vi", units_index_path()),  # one download has every unit
        ]
        title = "Đơn vị báo cáo" + (f" (trang {part}/{parts})" if part > 1 else "")
        out.append(Page(src, title, "\n".join(body)))
    return out


def whole_slot(index: int, part: str) -> str:
    """Where a unit page shows the whole's result (`part` "r") or status ("s") of the `index`-th indicator.

    The build fills it in as the page is written (`scripts.report.whole`), so that what a unit page keeps
    between builds does not depend on the whole's figures.
    """
    return f"{fmt.SLOT}{index}{part}{fmt.SLOT}"


def unit_page(ds: Dataset, r: Results, unit: Unit, whole_slots: bool = False) -> Page:
    """A unit's page; with `whole_slots`, the whole's figures are slots the build fills (see `whole_slot`)."""
    src = unit_path(unit)
    root = ds.root
    is_root = unit.code == root.code
    parent = ds.unit_by_code.get(unit.parent) if unit.parent else None
    body = [f"# {fmt.text(unit.name)}\n"]
    facts = [f"Mã: {fmt.text(unit.code)}", f"Loại: {KIND_LABELS[unit.kind]}"]
    if parent:
        facts.append("Trực thuộc: " + link(fmt.text(parent.name), src, unit_path(parent)))
    kids = ds.children[unit.code]
    if kids:
        facts.append(f"Số đơn vị trực thuộc: {fmt.number(len(kids))}")
    body.append(" · ".join(facts) + "\n")
    body.append("## Kết quả theo chỉ tiêu\n")

    def whole(n: int, ind: Indicator) -> tuple[tabular.Cell, tabular.Cell]:
        if whole_slots:
            return tabular.Markup(whole_slot(n, "r")), tabular.Markup(whole_slot(n, "s"))
        return tabular.Result(ind, r.status(ind.id), r.decimals(ind)), tabular.StatusOf(r.status(ind.id))

    beside = None if is_root else (root.name, whole)
    body.append(model_table(tabular.unit_results_table(r, ds.indicators, unit, src, indicator_path, beside), src))
    body.append(downloads(src, "ket-qua"))
    body.append(
        "Mục tiêu của từng chỉ tiêu ở trang chỉ tiêu; cách đánh giá ở "
        + link("Về dữ liệu", src, "du-lieu.md", "phuong-phap-danh-gia")
        + ".\n"
    )
    body.append("## Số liệu theo kỳ\n")
    by_period = tabular.periods_table(r, ds.indicators, unit, src, indicator_path)
    kinds = {r.kind(v) for i in ds.indicators for v in r.values(i.id, unit.code) if v.value is not None}
    body.append(model_table(by_period, src) if by_period.rows else table(["Chỉ tiêu"], []))
    body.append(marks_legend(kinds))
    body.append(downloads(src, "theo-ky"))
    if kids:
        body.append("## Đơn vị trực thuộc\n")
        body.append(
            "\n".join(f"- {link(fmt.text(k.name), src, unit_path(k))}" for k in sorted(kids, key=lambda u: u.row))
            + "\n"
        )
    return Page(src, unit.name, "\n".join(body), search="lead")
