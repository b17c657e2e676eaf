"""The edit staff make most, the whole's latest figure, redoes a bounded number of pages at any size.

Every unit page shows the whole's result and status beside the unit's. They
are slots filled as each page is written (`scripts.report.whole`), so what
a unit page keeps between builds depends on the unit's values alone: an
edit of the whole's figure renders that indicator's page and appendix and
the whole's own page, whatever the number of units; the unit pages a reader
gets still show the new figure.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from programs import write_program

from scripts.assemble import pipeline
from scripts.cache.store import Store
from scripts.data.validate import load_dataset
from scripts.report import whole
from scripts.report.compute import Results
from scripts.report.fmt import SLOT


def edit_whole(folder: Path, old: str, new: str) -> None:
    """Change the whole's (BL) latest value of A1."""
    values = folder / "values.csv"
    text = values.read_text(encoding="utf-8")
    assert old in text
    values.write_text(text.replace(old, new, 1), encoding="utf-8")


def rebuild_after_whole_edit(tmp_path: Path, communes: int) -> tuple[int, int]:
    """(pages and download sets rendered by the rebuild, unit pages of the program)."""
    folder = write_program(tmp_path / f"data{communes}", communes=communes)
    store = Store(tmp_path / f"cache{communes}")
    pipeline.generate(folder, store)
    edit_whole(folder, "A1,BL,2022-Q1,80", "A1,BL,2022-Q1,79")
    again = pipeline.generate(folder, Store(tmp_path / f"cache{communes}"))
    return again.pages_made, communes + 1


@pytest.mark.parametrize("communes", [3, 12])
def test_the_whole_edit_renders_the_indicator_and_the_whole_not_the_units(tmp_path: Path, communes: int) -> None:
    made, _ = rebuild_after_whole_edit(tmp_path, communes)
    # A1's page, its appendix and the whole's unit page, each with its downloads: nothing that grows with the units
    assert made == 6


def test_a_unit_page_still_shows_the_whole_figure_of_this_build(tmp_path: Path) -> None:
    folder = write_program(tmp_path / "data", communes=3)
    pipeline.generate(folder, Store(tmp_path / "cache"))
    edit_whole(folder, "A1,BL,2022-Q1,80", "A1,BL,2022-Q1,79")
    again = pipeline.generate(folder, Store(tmp_path / "cache"))
    page = again.files["don-vi/x001.md"].decode("utf-8")
    assert SLOT in page  # the page kept between builds holds the slots…
    filled = whole.fill(page, again.whole)  # …which the hook fills as the page is written
    assert SLOT not in filled
    assert "79% (Q1/2022, minh họa); đạt 0/5 kỳ" in filled  # the edited figure (80% was needed: not met in any quarter)


def test_data_text_can_never_open_a_slot() -> None:
    from scripts.report import fmt

    assert SLOT not in fmt.text(f"{SLOT}0r{SLOT}")


def test_the_slots_are_filled_with_the_figures_the_pages_show(tmp_path: Path) -> None:
    ds = load_dataset(write_program(tmp_path / "data", communes=2))
    figures = whole.figures(ds, Results(ds))
    assert set(figures) == {f"{n}{part}" for n in range(len(ds.indicators)) for part in "rs"}
    assert whole.fill(f"a {SLOT}1r{SLOT} b", figures) == f"a {figures['1r']} b"
