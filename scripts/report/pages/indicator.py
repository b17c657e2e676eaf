"""An indicator's page: its result and status, its charts, its values and the comparison of units."""

from __future__ import annotations

import dataclasses
import operator
import posixpath
from collections.abc import Callable

from scripts.data.model import Dataset, Indicator, Period, Unit, Value
from scripts.report import charts, fmt, tabular
from scripts.report import status as status_mod
from scripts.report.compute import Results
from scripts.report.pages.appendix import appendix_chunks, appendix_units
from scripts.report.pages.common import (
    COMPARE_LIMIT,
    COMPARE_ROWS,
    DIRECTION_LABELS,
    VALUES_ROWS,
    Page,
    appendix_path,
    downloads,
    findings_links,
    indicator_path,
    link,
    marks_legend,
    model_table,
    safe_markdown,
    unit_path,
)
from scripts.report.pages.rounds import indicator_rounds


def indicator_page(ds: Dataset, r: Results, ind: Indicator) -> tuple[Page, list[charts.Chart]]:
    src = indicator_path(ind)
    root = ds.root
    chart_list: list[charts.Chart] = []
    body = [
        f"# {fmt.text(ind.id)}. {fmt.text(ind.name)}\n",
        model_table(tabular.indicator_summary(r, ind, root, src), src),
        downloads(src, "tom-tat"),
    ]
    meta = [f"Nhóm: {fmt.text(ind.group)}", f"Đơn vị tính: {fmt.text(ind.measure)}"]
    if ind.monitored:
        meta.append("Chỉ tiêu theo dõi, không có hướng tốt hơn hay kém hơn")
    else:
        meta.append(f"Hướng: {DIRECTION_LABELS[ind.direction]}")
    if ind.baseline is not None:
        basis = tabular.BASIS_WORDS.get(ind.baseline_status, "")
        meta.append(
            f"Giá trị xuất phát: {fmt.quantity(ind.baseline, ind.measure, r.decimals(ind))} ({ind.baseline_year}"
            + (f", {basis})" if basis else ")")
        )
    if ind.document:
        meta.append(
            "Văn bản: " + link(fmt.text(ind.document), src, "chuong-trinh.md", f"vb-{_doc_slug(ds, ind.document)}")
        )
    if ind.source:
        meta.append(f"Nguồn: {fmt.text(ind.source)}")
    body.append(" · ".join(meta) + "\n")
    if ind.description:
        body.append(safe_markdown(ind.description) + "\n")

    # trend of the root unit
    root_rows = {v.period: v for v in r.values(ind.id, root.code)}
    root_values = {p: v.value for p, v in root_rows.items()}
    periods = [p for p in ds.periods if p in root_values]
    body.append("## Diễn biến qua các kỳ\n")
    if periods:
        vals = [root_values[p] for p in periods]
        cumulative = ind.target_type == "cumulative"
        if cumulative:
            running, shown = 0.0, []
            for v in vals:
                running += v or 0.0
                shown.append(running if v is not None else None)
        else:
            shown = list(vals)
        trend = charts.TrendChart(
            name=f"{ind.slug}-dien-bien",
            path=f"assets/charts/{ind.slug}-dien-bien.svg",
            title=f"{ind.name} ({root.name})",
            measure=ind.measure,
            labels=tuple(p.short for p in periods),
            values=tuple(shown),
            target=ind.target,
            cumulative=cumulative,
            kinds=tuple(
                charts.drawn_kind(weakest_upto(root_rows, periods, p, r.kind) if cumulative else r.kind(root_rows[p]))
                for p in periods
            ),
            illustrative_program=ds.program.illustrative,
            decimals=r.decimals(ind),
        )
        chart_list.append(trend)
        body.append(figure(trend, src))
        trend_table = tabular.trend_table(r, ind, root, src)
        assert trend_table is not None  # the whole has values: the chart above draws them
        body.append(model_table(trend_table, src))
        body.append(marks_legend({r.kind(root_rows[p]) for p in periods}))
        body.append(downloads(src, "dien-bien"))
    else:
        body.append(f"_{fmt.text(root.name)} chưa có số liệu của chỉ tiêu này._\n")

    body += ["## Đánh giá qua các kỳ báo cáo\n", indicator_rounds(ds, r, ind)]

    # comparison of units, latest period that has values for them
    found = tabular.compare_pairs(r, ind)
    if found is not None:
        period, pairs = found
        body.append(f"## So sánh các đơn vị ({fmt.text(period.label)})\n")
        if ind.monitored:
            body.append(
                "_Chỉ tiêu theo dõi, không có hướng tốt hơn hay kém hơn: các đơn vị được trình bày theo thứ tự "
                "danh sách, không xếp hạng._\n"
            )
        elif not ind.ranked:
            body.append(
                "_Nhiệm vụ được thực hiện thận trọng, từng bước: các đơn vị được trình bày theo thứ tự danh sách, "
                "không xếp hạng._\n"
            )
        if len(pairs) <= COMPARE_LIMIT:
            shown_pairs = pairs
        elif ind.ranked:
            shown_pairs = pairs[: COMPARE_LIMIT // 2] + pairs[-COMPARE_LIMIT // 2 :]
        else:
            shown_pairs = pairs[:COMPARE_LIMIT]
        kinds = {u.code: k for u, k in r.kinds_at(ind, period, [u for u, _ in pairs]).items()}
        bar_target = ind.target if ind.target_type in ("annual", "end") and not ind.monitored else None
        comp = charts.CompareChart(
            name=f"{ind.slug}-so-sanh",
            path=f"assets/charts/{ind.slug}-so-sanh.svg",
            title=ind.name,
            measure=ind.measure,
            period=period.label,
            labels=tuple(u.name for u, _ in shown_pairs),
            values=tuple(v for _, v in shown_pairs),
            target=bar_target,
            omitted=len(pairs) - len(shown_pairs),
            statuses=tuple(
                ("met" if status_mod.met(v, bar_target, ind.op) else "not_met")
                if bar_target is not None and ind.is_percent
                else ""
                for _, v in shown_pairs
            ),
            kinds=tuple(charts.drawn_kind(kinds[u.code]) for u, _ in shown_pairs),
            ranked=ind.ranked,
            illustrative_program=ds.program.illustrative,
            decimals=r.decimals(ind),
        )
        chart_list.append(comp)
        body.append(figure(comp, src))
        in_table = min(len(pairs), COMPARE_ROWS)
        table_says = (
            f"bảng dưới đây có đủ {fmt.number(len(pairs))} đơn vị"
            if in_table == len(pairs)
            else f"bảng dưới đây có {fmt.number(in_table)} đơn vị; tệp tải về có đủ {fmt.number(len(pairs))} đơn vị"
        )
        if comp.omitted and ind.ranked:
            body.append(
                f"_Biểu đồ thể hiện {COMPARE_LIMIT // 2} đơn vị cao nhất và {COMPARE_LIMIT // 2} đơn vị thấp nhất; "
                f"{table_says}._\n"
            )
        elif comp.omitted:
            body.append(f"_Biểu đồ thể hiện {COMPARE_LIMIT} đơn vị đầu danh sách; {table_says}._\n")
        compare = tabular.compare_table(r, ind, src, unit_path)
        assert compare is not None  # units have values: the chart above compares them
        shown_rows = bounded_compare(compare, ind)
        body.append(model_table(shown_rows, src))
        if len(shown_rows.rows) < len(compare.rows):
            which = (
                f"{fmt.number(COMPARE_ROWS // 2)} đơn vị cao nhất và {fmt.number(COMPARE_ROWS // 2)} đơn vị thấp nhất"
                if ind.ranked
                else f"{fmt.number(COMPARE_ROWS)} đơn vị đầu danh sách"
            )
            body.append(f"_Bảng có {which}; tệp tải về (CSV, Excel) có đủ {fmt.number(len(pairs))} đơn vị._\n")
        body.append(marks_legend(set(kinds.values())))
        body.append(downloads(src, "so-sanh"))

    named = ds.findings_naming.get(ind.id, ())
    if named:
        body.append("## Nội dung báo cáo nêu chỉ tiêu này\n")
        body.append("\n".join(f"- {findings_links((f,), src)}" for f in named) + "\n")
    body.append("## Bảng số liệu đầy đủ\n")
    body.append(f"Bảng theo đơn vị × kỳ ở {link('phụ lục', src, appendix_path(ind))}.\n")
    body.append(values_table(ds, r, ind, src))
    note = values_table_note(ds, r, ind, src)
    if note:
        body.append(note)
    body.append(downloads(src, "so-lieu"))
    return Page(src, f"{ind.id}. {ind.name}", "\n".join(body), search="prose"), chart_list


def bounded_compare(model: tabular.Table, ind: Indicator) -> tabular.Table:
    """The comparison as the page shows it: every unit up to `COMPARE_ROWS`; beyond, the highest and lowest
    halves when units are ranked, else the first ones (its download has every unit)."""
    rows = model.rows
    if len(rows) <= COMPARE_ROWS:
        return model
    half = COMPARE_ROWS // 2
    return dataclasses.replace(model, rows=rows[:half] + rows[-half:] if ind.ranked else rows[:COMPARE_ROWS])


def _doc_slug(ds: Dataset, number: str) -> str:
    doc = ds.document_by_number.get(number)
    return doc.slug if doc else ""


def values_table_units(r: Results, ind: Indicator) -> tuple[Unit, ...]:
    """The units whose rows the indicator page lists: the top two levels, at most `VALUES_ROWS` rows."""
    out: list[Unit] = []
    rows = 0
    for unit, depth in r.tree:
        n = len(r.values(ind.id, unit.code))
        if depth > 1 or not n:
            continue
        if rows + n > VALUES_ROWS and out:
            break
        out.append(unit)
        rows += n
    return tuple(out)


def values_table_note(ds: Dataset, r: Results, ind: Indicator, src: str) -> str:
    """Where the rows the bounded table leaves out are."""
    shown = len(values_table_units(r, ind))
    total = len(appendix_units(r, ind))
    if shown >= total:
        return ""
    parts = len(appendix_chunks(r, ind))
    return (
        f"_Bảng trên có số liệu của {fmt.number(shown)} trong {fmt.number(total)} đơn vị. "
        f"Số liệu của mọi đơn vị ở {link('phụ lục', src, appendix_path(ind))} ({fmt.number(parts)} trang)._\n"
    )


def weakest_upto(
    rows: dict[Period, Value],
    periods: list[Period],
    upto: Period,
    kind: Callable[[Value], str] = operator.attrgetter("status"),
) -> str:
    """The kind of a running sum up to `upto`: every mark of the values summed (`kind`: of each value)."""
    return status_mod.weakest(kind(rows[p]) for p in periods if p.sort_key <= upto.sort_key)


def values_table(ds: Dataset, r: Results, ind: Indicator, src: str) -> str:
    """The indicator's values of the units the page lists (`values_table_units`); its download has every unit's."""
    model = tabular.values_table(r, ind, src, values_table_units(r, ind), unit_path)
    return '<div class="table-filter" data-columns="0,1"></div>\n\n' + model_table(model, src)


def figure(chart: charts.Chart, src: str) -> str:
    rel = posixpath.relpath(chart.path, posixpath.dirname(src))
    png = rel.removesuffix(".svg") + ".png"
    return (
        f'<figure class="chart" markdown="span">\n![{fmt.text(chart.alt)}]({rel})\n</figure>\n'
        f"Tải biểu đồ: [SVG]({rel}) · [PNG]({png})\n{{: .downloads }}\n"
    )
