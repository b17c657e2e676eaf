"""The report as a Word document in the Party's document format (`tai-ve/bao-cao.docx`), a module per part.

The report is, in the end, a document a Party committee signs and files. It
is written in the order the report is asked for:

- `front`: the heading block (the committee, "*", the number left for staff;
  "ĐẢNG CỘNG SẢN VIỆT NAM", the place from `program.yml` and the date), the
  title, the opening paragraph;
- `results`: I. the innovations in leadership and direction first, then the
  outstanding results, the targets (with what each on-track or behind verdict
  rests on), the schemes, thematic work and topics;
- `assessment`: II. the overall assessment, strengths, limitations, causes in
  their two groups; III. the lessons;
- `directions`: IV. the directions, tasks and solutions for the next term;
- `closing`: the closing sentence and the signature block;
- `appendix`: each indicator's figures, the topics' results and
  recommendations, the documents, the timeline, the method and the marks;
- `findings`: a list of findings as every part states them; `text`: Markdown
  and the site's markup as plain text; `writer`: the page, the type, the
  header ("Lưu hành nội bộ" in the internal edition) and the kinds of block.

Figures come from `Results` and the status module, numbers and dates from
`fmt`, and every label from the dictionaries and functions the pages use
(`pages`), so the document and the site say the same. Same data, same bytes:
the document's dates come from `as_of` and zip members carry a fixed time.
"""

from __future__ import annotations

import datetime as dt

from scripts.data import editions
from scripts.data.model import Dataset
from scripts.downloads.tables import FOLDER
from scripts.downloads.word import appendix, assessment, closing, directions, front, results
from scripts.downloads.word.findings import SAMPLE
from scripts.downloads.word.text import clean, inline, long_date, number_suffix, paragraphs, plain
from scripts.downloads.word.writer import EMPTY, ILLUSTRATIVE, INTERNAL, Writer
from scripts.report.compute import Results

PATH = f"{FOLDER}/bao-cao.docx"

__all__ = [
    "EMPTY",
    "ILLUSTRATIVE",
    "INTERNAL",
    "PATH",
    "SAMPLE",
    "clean",
    "document",
    "headings",
    "inline",
    "long_date",
    "number_suffix",
    "paragraphs",
    "plain",
]


def document(ds: Dataset, r: Results | None = None, edition: str = editions.INTERNAL) -> bytes:
    """The report of `ds` as a .docx, in the Party's document format; the internal edition's says so on every page."""
    r = r or Results(ds)
    w = Writer(ds, edition)
    front.heading_block(w)
    front.title(w)
    front.opening(w)
    results.part(w, r)
    assessment.part(w, r)
    directions.part(w, r)
    closing.signature(w)
    appendix.part(w, r)
    return w.save(dt.datetime.combine(ds.program.as_of, dt.time()))


def headings(ds: Dataset) -> list[str]:
    """The section headings of the document, in order (what a reader finds in Word's navigation pane)."""
    return [
        *results.headings(ds),
        *assessment.headings(ds),
        *directions.headings(ds),
        *appendix.headings(ds),
    ]
