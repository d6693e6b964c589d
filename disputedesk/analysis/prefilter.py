"""Required literal factors of a regex: cheap substring checks that rule a pattern out.

`required_factors(pattern)` returns a set of lower-case strings such that every match of the
pattern contains at least one of them (or None when no such set is known). A text whose
lower-cased form contains none of them cannot match, so the pattern need not run. This is the
prefilter idea of RE2 and Hyperscan, on Python's own regex parser; anything it does not
understand yields None, which only means "always run the pattern".
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from typing import Any

from .fastre import compile_alternation

_p: Any
_c: Any
try:  # the parser behind `re` (public as sre_parse before 3.11)
    _p = importlib.import_module("re._parser")
    _c = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover - other interpreters: no prefilter, patterns always run
    _p = _c = None

__all__ = ["Alternation", "GatedAlternation", "Prefilter", "required_factors"]

_MAX_EXACT = 64  # the largest set of exact strings we expand (cross products grow fast)
_MAX_CLASS = 8  # a character class with at most this many literal chars counts as exact
_SELECTIVE = 4  # factors this long are rare enough; among such sets, fewer strings check faster
# Words in almost every message make poor factors; when choosing between factor sets they count
# as one character long.
_COMMON = frozenset(
    (
        *("a", "an", "and", "are", "as", "at", "be", "but", "by", "do", "for", "go", "i", "in"),
        *("is", "it", "me", "my", "no", "not", "now", "of", "on", "or", "our", "please", "so"),
        *("that", "the", "this", "to", "u", "up", "we", "with", "you", "your"),
    )
)

Info = tuple[set[str] | None, set[str] | None]  # (exact strings or None, required factors)


def _cross(a: set[str], b: set[str]) -> set[str] | None:
    if len(a) * len(b) > _MAX_EXACT:
        return None
    return {x + y for x in a for y in b}


def _better(a: set[str] | None, b: set[str] | None) -> set[str] | None:
    """The more selective of two factor sets: longer shortest string, then fewer strings."""
    if a is None:
        return b
    if b is None:
        return a
    ka = (min(1 if x in _COMMON else min(len(x), _SELECTIVE) for x in a), -len(a))
    kb = (min(1 if x in _COMMON else min(len(x), _SELECTIVE) for x in b), -len(b))
    return a if ka >= kb else b


def _factors(info: Info) -> set[str] | None:
    """What a node guarantees: its exact strings when none is empty, else its factors."""
    exact, req = info
    if exact is not None and "" not in exact:
        return _better(exact, req)
    return req


def _class(items: list[tuple[Any, Any]]) -> set[str] | None:
    chars: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            chars.add(chr(av).lower())
        elif op is _c.RANGE and av[1] - av[0] < _MAX_CLASS:
            chars.update(chr(x).lower() for x in range(av[0], av[1] + 1))
        else:
            return None
    return chars if len(chars) <= _MAX_CLASS else None


def _node(op: Any, av: Any) -> Info:
    if op is _c.LITERAL:
        return {chr(av).lower()}, None
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return {""}, None  # zero width
    if op is _c.IN:
        return _class(av), None
    if op is _c.SUBPATTERN:
        return _seq(av[-1])
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _seq(av)
    if op is _c.BRANCH:
        infos = [_seq(alt) for alt in av[1]]
        exact: set[str] | None = set()
        for e, _ in infos:
            exact = None if e is None or exact is None else exact | e
        if exact is not None and len(exact) > _MAX_EXACT:
            exact = None
        req: set[str] | None = set()
        for info in infos:
            got = _factors(info)
            req = None if got is None or req is None else req | got
        return exact, req
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        lo, hi, body = av
        inner = _seq(body)
        if lo == 0:
            e = inner[0]
            return ({""} | e if hi == 1 and e is not None else None), None
        return None, _factors(inner)
    return None, None  # ANY, CATEGORY, NOT_LITERAL, GROUPREF, ...: nothing known


def _seq(items: Any) -> Info:
    run: set[str] | None = {""}
    whole: set[str] | None = {""}
    best: set[str] | None = None
    for op, av in items:
        exact, req = _node(op, av)
        if exact is not None and len(exact) > 1 and run is not None and "" not in run:
            best = _better(best, run)  # the run so far, before it branches, is a candidate too
        if exact is not None and run is not None:
            grown = _cross(run, exact)
            if grown is not None:
                run = grown
                whole = None if whole is None else _cross(whole, exact)
                continue
        if run is not None and "" not in run:
            best = _better(best, run)
        best = _better(best, _factors((exact, req)))
        run = exact if exact is not None else {""}
        whole = None
    if run is not None and "" not in run:
        best = _better(best, run)
    return whole, best


def required_factors(pattern: str, flags: int = re.I) -> frozenset[str] | None:
    """Lower-case strings one of which every match of pattern contains, or None if unknown."""
    if _p is None:
        return None
    try:
        got = _factors(_seq(_p.parse(pattern, flags)))
    except Exception:  # an unparsable corner only disables the prefilter
        return None
    if not got or "" in got:
        return None
    # A factor that contains another is implied by it: keep the shortest ones.
    return frozenset(f for f in got if not any(g != f and g in f for g in got))


class Prefilter:
    """Which branches of an alternation can match a text, from their required factors."""

    def __init__(self, patterns: tuple[str, ...] | list[str], flags: int = re.I) -> None:
        self.factors = [required_factors(p, flags) for p in patterns]
        self.always = frozenset(i for i, f in enumerate(self.factors) if f is None)
        every: set[str] = set()
        for f in self.factors:
            every |= f or frozenset()
        self._checks = tuple(sorted(every))  # each distinct factor is looked for once

    def active(self, low: str) -> frozenset[int]:
        """Indices of the branches that may match the lower-cased text low."""
        present = {f for f in self._checks if f in low}
        if not present:
            return self.always
        return self.always | frozenset(
            i for i, f in enumerate(self.factors) if f is not None and not f.isdisjoint(present)
        )


class Alternation:
    """The matches of an alternation, computed from only those branches that can match.

    Branches are tried in their order at each position, exactly as `re` tries `A|B|C`, so when
    the left-out branches cannot match anywhere in the text the matches are the same.
    """

    def __init__(self, branches: list[re.Pattern[str]], full: re.Pattern[str]) -> None:
        self.branches = branches
        self.full = full

    def match(self, text: str, pos: int) -> re.Match[str] | None:
        """The alternation's match starting exactly at pos."""
        for b in self.branches:
            m = b.match(text, pos)
            if m is not None:
                return m
        return None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Non-overlapping matches, leftmost first, the earlier branch winning a tie."""
        if len(self.branches) == 1:
            yield from self.branches[0].finditer(text)
            return
        nxt = [b.search(text) for b in self.branches]
        pos = 0
        while True:
            best: re.Match[str] | None = None
            for m in nxt:
                if m is not None and (best is None or m.start() < best.start()):
                    best = m
            if best is None:
                return
            if best.end() == best.start():  # empty matches follow subtler rules: let re do it
                yield from (m for m in self.full.finditer(text) if m.start() >= pos)
                return
            yield best
            pos = best.end()
            nxt = [
                m if m is None or m.start() >= pos else b.search(text, pos)
                for b, m in zip(self.branches, nxt, strict=True)
            ]


class GatedAlternation:
    """An alternation of patterns that scans a text only with the branches that can match it."""

    def __init__(self, patterns: tuple[str, ...] | list[str], flags: int = re.I) -> None:
        self.full = compile_alternation(patterns, flags)
        self.prefilter = Prefilter(patterns, flags)
        # Separate scans with tight first-letter look-aheads beat one scan of a big alternation.
        self.branches = [compile_alternation([p], flags) for p in patterns]

    def matcher(self, low: str) -> Alternation | None:
        """Matcher for the text whose lower-cased form is low; None when nothing can match."""
        active = self.prefilter.active(low)
        if not active:
            return None
        return Alternation([b for i, b in enumerate(self.branches) if i in active], self.full)
