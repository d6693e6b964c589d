"""Risk detection with exact evidence spans and clause-scope filtering."""

from __future__ import annotations

import re
from typing import Literal

from . import risk_patterns as rp
from . import risk_triggers as rt
from .fastre import compile_alternation
from .prefilter import Alternation, GatedAlternation
from .schemas import Risk, RiskKind
from .scope import TextScope

__all__ = ["MAX_PER_KIND", "detect_risks"]

ScopeMode = Literal["intent", "request", "contact", "abuse", "fact"]

_RULES: tuple[tuple[RiskKind, ScopeMode, tuple[str, ...]], ...] = (
    ("legal_threat", "intent", rp.LEGAL),
    ("chargeback_threat", "intent", rp.CHARGEBACK),
    ("public_review_threat", "intent", rp.PUBLIC),
    ("regulator_complaint", "intent", rp.REGULATOR_P),
    ("cancellation_threat", "intent", rp.CANCELLATION),
    ("manager_request", "request", rp.MANAGER),
    ("abusive_language", "abuse", rp.ABUSE),
    ("safety_issue", "fact", rp.SAFETY),
    ("repeat_contact", "contact", rp.REPEAT),
)
_COMPILED: tuple[tuple[RiskKind, ScopeMode, re.Pattern[str]], ...] = tuple(
    (kind, mode, compile_alternation(pats)) for kind, mode, pats in _RULES
)
_GATED = {kind: GatedAlternation(pats) for kind, _, pats in _RULES}
_PAST_CANCEL = re.compile(r"cancel+ed\b", re.I)
_NOW = re.compile(r"\b(?:just|now|today|hereby|have\s+now|this\s+morning)\b", re.I)
_WORD_START = re.compile(r"\b\w")
_TOKENS = re.compile(r"[a-z0-9]+")
# One digit before the suffix is enough to know an ordinal is there ("\d+" would retry every
# digit of a long number).
_ORDINAL_TOKEN = re.compile(r"\d(?:st|nd|rd|th)\b", re.I)
# Stems are plain lower-case strings: a substring test per stem is cheaper than a regex scan.
_STEM_WORDS = {k: tuple(v.split("|")) for k, v in rt.STEM_TRIGGERS.items()}
assert all(re.fullmatch(r"[a-z&]+", w) for ws in _STEM_WORDS.values() for w in ws)
_KINDS_OF_TOKEN: dict[str, set[str]] = {}
for _kind, _words in rt.TRIGGERS.items():
    for _word in _words:
        _KINDS_OF_TOKEN.setdefault(_word, set()).add(_kind)
_TRIGGER_TOKENS = frozenset(_KINDS_OF_TOKEN)
MAX_PER_KIND = 20  # risks reported per kind: the first ones in the text
USE_TRIGGERS = True  # tests switch this off to check the triggers never hide a match


def _tighten(pattern: re.Pattern[str] | Alternation, text: str, s: int, e: int) -> int:
    """Move the start right to the last word where the same pattern still ends at e."""
    best = s
    if e - s > 25:
        for w in _WORD_START.finditer(text, s + 1, e):
            m = pattern.match(text, w.start())
            if m is not None and m.end() >= e:
                best = w.start()
    return best


def _allowed(mode: ScopeMode, scope: TextScope, s: int, e: int, text: str) -> bool:
    if mode in ("fact", "abuse"):
        return not scope.adjacent_negation(s)
    sc = scope.scope(s, e)
    if mode == "request" and sc.pre_hypothetical_only:
        return not (sc.negated or sc.third_party)
    if sc.negated or sc.hypothetical or sc.third_party:
        return False
    return not (mode == "intent" and sc.question)


def text_tokens(text: str) -> set[str]:
    """Lower-case alphanumeric tokens of text (shared by the trigger checks)."""
    return set(_TOKENS.findall(text.lower()))


def detect_risks(text: str, tokens: set[str] | None = None) -> list[Risk]:
    """Find risk flags in text; evidence is the exact matched substring."""
    if not text.strip():
        return []
    low = text.lower()
    if tokens is None:
        tokens = set(_TOKENS.findall(low)) if USE_TRIGGERS else set()
    else:
        tokens = set(tokens)
    if USE_TRIGGERS and _ORDINAL_TOKEN.search(text):
        tokens.add("second")
    triggered: set[str] = set()
    if USE_TRIGGERS:
        for word in tokens & _TRIGGER_TOKENS:
            triggered |= _KINDS_OF_TOKEN[word]
        for kind, stems in _STEM_WORDS.items():
            if kind not in triggered and any(w in low for w in stems):
                triggered.add(kind)
    scope: TextScope | None = None
    found: list[Risk] = []
    for kind, mode, pattern in _COMPILED:
        if USE_TRIGGERS:
            if kind not in triggered:
                continue
            also = rt.TRIGGERS_ALSO.get(kind)
            if also is not None and also.isdisjoint(tokens):
                continue
            # Branches none of whose required words occur cannot match: leave them out.
            gated = _GATED[kind].matcher(low)
            if gated is None:
                continue
            matcher: re.Pattern[str] | Alternation = gated
        else:
            matcher = pattern
        kept = 0
        for m in matcher.finditer(text):
            if kept == MAX_PER_KIND:
                break  # enough evidence; a text repeating a phrase thousands of times stays cheap
            s, e = m.start(), m.end()
            while e > s and text[e - 1].isspace():
                e -= 1
            if e <= s:
                continue
            s = _tighten(matcher, text, s, e)
            if kind == "cancellation_threat" and _PAST_CANCEL.match(text, s):
                tail = text[max(0, s - 20) : min(len(text), e + 20)]
                if not _NOW.search(tail):
                    continue  # a cancellation told as background
            if scope is None:
                scope = TextScope(text)
            if not _allowed(mode, scope, s, e, text):
                continue
            found.append(Risk(kind=kind, evidence=text[s:e], start=s, end=e))
            kept += 1
    found.sort(key=lambda r: (r.start, r.kind))
    return found
