"""The appendix: every figure of every indicator, a table per indicator, in parts when long."""

from __future__ import annotations

from scripts.data.model import Dataset, Indicator, Period, Unit, Value
from scripts.report import fmt, tabular
from scripts.report.compute import Results
from scripts.report.pages.common import (
    APPENDIX_UNITS,
    VALUE_STATUS_LABELS,
    Page,
    appendix_path,
    downloads,
    indicator_path,
    link,
    marks_legend,
    model_table,
    target_text,
    unit_path,
)
from scripts.report.pages.topics import topics_table


def appendix_index(ds: Dataset, r: Results) -> Page:
    src = "phu-luc/index.md"
    indicators = tabular.appendix_indicators(ds.indicators, figures_count(ds), src, appendix_path)
    body = [
        "# Phụ lục số liệu\n",
        f"Toàn bộ dữ liệu trong một tệp: {link('du-lieu.zip', src, 'tai-ve/du-lieu.zip')} "
        "(gói dữ liệu theo chuẩn Frictionless: mỗi bảng một tệp CSV, mô tả các cột trong tệp datapackage.json).\n",
        "## Phụ lục 1. Số liệu chi tiết theo chỉ tiêu\n",
        "Mỗi bảng: các đơn vị (hàng) × các kỳ (cột).\n",
        model_table(indicators, src),
        downloads(src, "chi-tieu"),
        "## Phụ lục 2. Kết quả các đề tài khoa học\n",
        topics_table(ds, src, results=True),
        downloads(src, "de-tai"),
        "## Phụ lục 3. Văn bản\n",
        model_table(tabular.documents_table(ds.documents, src), src),
        downloads(src, "van-ban"),
    ]
    return Page(src, "Phụ lục", "\n".join(body))


def figures_count(ds: Dataset) -> dict[str, int]:
    """How many figures (values that are not empty) each indicator has, by id."""
    return {i.id: sum(1 for v in ds.values_by_indicator[i.id] if v.value is not None) for i in ds.indicators}


def appendix_periods(ds: Dataset, ind: Indicator) -> list[Period]:
    """The periods the indicator has values of, in order: the columns of its appendix."""
    used = {v.period for v in ds.values_by_indicator.get(ind.id, ())}
    return [p for p in ds.periods if p in used]


def appendix_units(r: Results, ind: Indicator) -> tuple[tuple[Unit, int], ...]:
    """Units with values of the indicator, in tree order, with their depth."""
    return tuple((u, d) for u, d in r.tree if r.values(ind.id, u.code))


def appendix_chunks(r: Results, ind: Indicator) -> list[tuple[tuple[Unit, int], ...]]:
    """The indicator's appendix table cut into pages of `APPENDIX_UNITS` units."""
    units = appendix_units(r, ind)
    return [units[n : n + APPENDIX_UNITS] for n in range(0, len(units), APPENDIX_UNITS)]


def appendix_pages(ds: Dataset, r: Results, ind: Indicator) -> list[Page]:
    """An indicator's appendix: units × periods, one page per `APPENDIX_UNITS` units."""
    chunks = appendix_chunks(r, ind) or [()]
    periods = appendix_periods(ds, ind)
    usual = "official"  # every figure that is not official is marked where it stands
    return [appendix_page(ds, r, ind, n, len(chunks), chunk, periods, usual) for n, chunk in enumerate(chunks, 1)]


def appendix_page(
    ds: Dataset,
    r: Results,
    ind: Indicator,
    part: int,
    parts: int,
    units: tuple[tuple[Unit, int], ...],
    periods: list[Period],
    usual: str,
) -> Page:
    src = appendix_path(ind, part)
    notes, marked = [], set()
    for unit, _ in units:
        for v in r.values(ind.id, unit.code):
            if r.kind(v) != usual:
                marked.add(r.kind(v))
            if v.note or v.source or v.reported:
                notes.append(f"- {fmt.text(unit.name)}, {v.period.short}: " + _value_note(v))

    model = tabular.appendix_table(r, ind, units, periods, src, unit_path)
    title = f"Phụ lục: {fmt.text(ind.id)}. {fmt.text(ind.name)}"
    body = [
        f"# {title}" + (f" (trang {part}/{parts})" if parts > 1 else "") + "\n",
        f"Đơn vị tính: {fmt.text(ind.measure)}. Mục tiêu: {target_text(ind, r.decimals(ind))}. "
        f"Xem {link('trang chỉ tiêu', src, indicator_path(ind))}.\n",
    ]
    if parts > 1:
        body.append(appendix_pager(ind, part, parts, src))
    # The same marks as every other page, in words: a digit after a figure ("52,6%²") reads as a power.
    legend = f"Số liệu không có dấu là số liệu {VALUE_STATUS_LABELS[usual].lower()}.\n"
    body += [legend, model_table(model, src), marks_legend(marked)]
    body.append(downloads(src, "bang", appendix_path(ind)))  # one download has every unit
    if notes:
        body += ["## Ghi chú và nguồn\n", "\n".join(notes) + "\n"]
    heading = f"Phụ lục {ind.id}" + (f" (trang {part}/{parts})" if parts > 1 else "")
    return Page(src, heading, "\n".join(body), search="lead")


def _value_note(v: Value) -> str:
    parts = [fmt.text(v.note)] if v.note else []
    if v.source:
        parts.append(f"Nguồn: {fmt.text(v.source)}")
    if v.reported:
        parts.append(f"Báo cáo ngày {fmt.date(v.reported)}")
    return ". ".join(parts)


def appendix_pager(ind: Indicator, part: int, parts: int, src: str) -> str:
    links = [str(n) if n == part else link(str(n), src, appendix_path(ind, n)) for n in range(1, parts + 1)]
    return "Trang: " + " · ".join(links) + "\n"
