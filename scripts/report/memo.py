"""How a build may keep what the report makes: the report asks, the build decides.

Pages of an indicator, its appendix and a unit are made through a `Memo`:
`indicator(id, kind, make)` and `unit(code, kind, make)` return what `make()`
returns, or what an earlier build made of the same data. The report never
knows whether anything is kept (`scripts.cache.pagekeys` keeps them).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

T = TypeVar("T")


class Memo(Protocol):
    """`count`: what is made is a page (the build counts pages made and reused), not a part of one."""

    def indicator(self, indicator: str, kind: str, make: Callable[[], T], count: bool = True) -> T: ...

    def unit(self, unit: str, kind: str, make: Callable[[], T], count: bool = True) -> T: ...


class Always:
    """The memo that keeps nothing: everything is made."""

    def indicator(self, indicator: str, kind: str, make: Callable[[], T], count: bool = True) -> T:
        return make()

    def unit(self, unit: str, kind: str, make: Callable[[], T], count: bool = True) -> T:
        return make()
