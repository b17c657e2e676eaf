"""Key the big pages by the data they show, and reuse what an earlier build made of the same data.

Most pages of a large program are an indicator's (its page and its appendix)
or a unit's. What such a page shows is known from its kind:

- an indicator's page and appendix pages, and its statuses at each reporting round: every value of that
  indicator;
- a unit's page: every value of that unit (the whole's beside them are slots filled as it is written), and the
  decimals of every indicator (`Results.decimals`), which the other units' values decide too;
- all of them: what the dataset holds besides its values (program, units,
  indicators, documents...), the list of periods, the edition, and the code
  that renders pages.

`Reuse.page` hashes exactly those inputs; a page whose key was made before
is read back instead of rendered again, so a one-value edit renders the
pages of one indicator and one unit. The other pages (home, indexes, print
view) are small or show everything, and are rendered every time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, TypeVar

from scripts.cache import code
from scripts.cache.store import Store
from scripts.data.model import Dataset, Value
from scripts.report.compute import Results

T = TypeVar("T")
KIND = "pages"


@dataclass(frozen=True)
class Lineage:
    """Which validated dataset a build shows, and the one it was revalidated from, if it was.

    The digests of the values of each (indicator, unit) pair are kept with
    the fingerprint of the dataset: a build of the same dataset reads them
    back, and a build revalidated from one works out again only the pairs
    whose values may have changed (`touched`).
    """

    fingerprint: str  # of the validated dataset (`Dataset.fingerprint`), before any edition leaves rows out
    previous: str = ""  # the fingerprint of the dataset it was revalidated from ("": none)
    touched: frozenset[tuple[str, str]] = frozenset()  # the pairs whose values may differ from the previous's


@dataclass
class Reuse:
    """Pages made before, by key, in `store` (with no folder: nothing is kept, everything is rendered)."""

    store: Store
    ds: Dataset
    r: Results
    edition: str = ""
    lineage: Lineage | None = None  # None: the digests of the pairs are worked out, not kept
    made: int = 0  # pages rendered by this build
    reused: int = 0  # pages read back

    def indicator(self, indicator: str, kind: str, make: Callable[[], T], count: bool = True) -> T:
        """What an indicator's page or appendix shows: the indicator's values, and nothing else of the values.

        `count`: a page (counted in `made` and `reused`), not a part of a file.
        """
        return self._page(f"{kind}\0indicator\0{indicator}", self._by_indicator.get(indicator, b""), make, count)

    def unit(self, unit: str, kind: str, make: Callable[[], T], count: bool = True) -> T:
        """What a unit's page and its downloads show: its own values, with each indicator's decimals.

        The whole's figures beside them are slots filled as the page is written
        (`scripts.report.whole`), so an edit of the whole renders no other unit's page. The decimals an
        indicator is shown with depend on every unit's values of it, but change only when an edit gives it a
        figure with more decimals than any had, or takes away the last that had them.
        """
        return self._page(f"{kind}\0unit\0{unit}", self._by_unit.get(unit, b"") + self._decimals, make, count)

    def prepare(self) -> Reuse:
        """Work out the keys' parts now (before workers are forked, so they have them); none if nothing is kept."""
        if self.store.folder is not None:
            for part in (self._shared, self._by_indicator, self._by_unit, self._decimals):
                assert part is not None
        return self

    def keep_indicator(self, indicator: str, kind: str) -> None:
        """Keep what `indicator` made of the same values: the file it was a part of was kept whole.

        It is read (not unpickled) so that a damaged entry is not kept but made again.
        """
        if self.store.folder is not None:
            self.store.get(KIND, self._key(f"{kind}\0indicator\0{indicator}", self._by_indicator.get(indicator, b"")))

    def _key(self, name: str, shows: bytes) -> str:
        h = hashlib.sha256(self._shared)
        h.update(f"\0{name}\0".encode())
        h.update(shows)
        return h.hexdigest()[:32]

    def _page(self, name: str, shows: bytes, make: Callable[[], T], count: bool = True) -> T:
        if self.store.folder is None:
            self.made += count
            return make()
        key = self._key(name, shows)
        kept: T | None = self.store.load(KIND, key)
        if kept is not None:
            self.reused += count
            return kept
        made = make()
        self.made += count
        self.store.dump(KIND, key, made)
        return made

    @cached_property
    def _shared(self) -> bytes:
        """What every keyed page shows besides values: the rest of the dataset, the periods, edition and code."""
        ds = self.ds
        h = hashlib.sha256(f"{code.digest().hex()}\0{self.edition}\0".encode())
        meta = (ds.program, ds.units, ds.indicators, ds.topics, ds.documents, ds.findings, ds.milestones, ds.periods)
        h.update(repr(meta).encode("utf-8", errors="surrogatepass"))
        h.update(code.digest())  # any change to the code renders every page again
        return h.digest()

    @cached_property
    def _decimals(self) -> bytes:
        """The decimals of every indicator's figures, which every unit's page shows its figures with."""
        return repr(sorted(self.r.decimals_by_indicator.items())).encode()

    @cached_property
    def _pairs(self) -> dict[tuple[str, str], bytes]:
        """A digest of the values of each indicator for each unit: kept under the dataset's fingerprint,
        or worked out from those of the dataset it was revalidated from for the pairs it touched."""
        lineage = self.lineage
        if lineage is None or self.store.folder is None:
            return {key: _digest(values) for key, values in self.r.by_indicator_unit.items()}
        kept = self.store.load(KIND, self._pairs_key(lineage.fingerprint))
        if isinstance(kept, dict):
            return kept
        before = self.store.load(KIND, self._pairs_key(lineage.previous), use=False) if lineage.previous else None
        by_pair = self.r.by_indicator_unit
        if isinstance(before, dict):
            pairs = {key: digest for key, digest in before.items() if key not in lineage.touched}
            pairs.update((key, _digest(by_pair[key])) for key in lineage.touched if key in by_pair)
        else:
            pairs = {key: _digest(values) for key, values in by_pair.items()}
        self.store.dump(KIND, self._pairs_key(lineage.fingerprint), pairs)
        return pairs

    def _pairs_key(self, fingerprint: str) -> str:
        h = hashlib.sha256(f"{code.digest().hex()}\0{self.edition}\0pairs\0{fingerprint}".encode())
        return h.hexdigest()[:32]

    @cached_property
    def _by_indicator(self) -> dict[str, bytes]:
        return _combine((ind, f"{unit}\0".encode() + d) for (ind, unit), d in self._pairs.items())

    @cached_property
    def _by_unit(self) -> dict[str, bytes]:
        return _combine((unit, f"{ind}\0".encode() + d) for (ind, unit), d in self._pairs.items())


def _digest(values: tuple[Value, ...]) -> bytes:
    text = "".join(
        f"{v.period.year}-{v.period.months}-{v.period.index}\x1f{v.value!r}\x1f{v.status}\x1f{v.source}\x1f{v.note}"
        f"\x1f{v.reported}\x1e"  # decides the reporting rounds a value counts at (scripts.report.rounds)
        for v in values
    )
    return hashlib.blake2b(text.encode("utf-8", errors="surrogatepass"), digest_size=16).digest()


def _combine(parts: Any) -> dict[str, bytes]:
    """One digest per owner of the (owner, part) pairs, parts in order."""
    grouped: dict[str, list[bytes]] = {}
    for owner, part in sorted(parts):
        grouped.setdefault(owner, []).append(part)
    return {owner: hashlib.blake2b(b"".join(ps), digest_size=16).digest() for owner, ps in grouped.items()}
