"""Problems found in a data folder, as data.

Every check in the pipeline reports a `Problem` instead of raising at the
first defect; the stage collects them and raises one `DataError` with the
whole list, so the person fixing the spreadsheet sees everything at once.
The wording of each kind of problem lives in `scripts.data.messages`, so the
editors' guide and the checker can never disagree.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from scripts.data.messages import MESSAGES


@dataclass(frozen=True)
class Problem:
    """One defect in the input, located as a spreadsheet user would find it."""

    code: str
    file: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    params: dict[str, str] = field(default_factory=dict)
    cell: str | None = None

    @property
    def expected(self) -> str:
        return MESSAGES[self.code].expected.format(**self.params)

    @property
    def problem(self) -> str:
        return MESSAGES[self.code].problem.format(**self.params)

    @property
    def hint(self) -> str:
        return MESSAGES[self.code].hint.format(**self.params)

    @property
    def location(self) -> str:
        parts = [self.file]
        if self.cell:
            parts.append(f"ô {self.cell}")
        elif self.row is not None:
            parts.append(f"dòng {self.row}")
        if self.column:
            parts.append(f"{'khóa' if self.file.endswith('.yml') else 'cột'} {self.column}")
        return ", ".join(parts)

    def __str__(self) -> str:
        found = f'"{self.value}" ' if self.value is not None else ""
        return f"{self.location}: {found}{self.problem} — cần {self.expected}. Cách sửa: {self.hint}"

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(problem=self.problem, expected=self.expected, hint=self.hint, message=str(self))
        return data


class DataError(Exception):
    """The data folder does not follow the contract; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=_order)
        super().__init__(self.report())

    def report(self) -> str:
        lines = [f"Dữ liệu có {len(self.problems)} lỗi, trang chưa được dựng lại:"]
        lines += [f"  {n}. {p}" for n, p in enumerate(self.problems, 1)]
        return "\n".join(lines)


def _order(p: Problem) -> tuple[str, int, str, str]:
    return (p.file, p.row if p.row is not None else -1, p.column or "", p.code)
