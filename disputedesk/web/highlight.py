"""Mark the evidence of each risk in a customer's words, escaping every piece of their text."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

_KIND = re.compile(r"^[a-z][a-z_]{0,40}$")


@dataclass(frozen=True)
class Span:
    """A stretch of the text [start, end) flagged as `kind`."""

    start: int
    end: int
    kind: str


def locate(text: str, item: Mapping[str, Any]) -> Span | None:
    """Where an item's evidence sits in `text`: its offsets if they match, else its first match."""
    kind = str(item.get("kind", ""))
    evidence = item.get("evidence") or item.get("text")
    start, end = item.get("start"), item.get("end")
    if not _KIND.match(kind) or not isinstance(evidence, str) or not evidence:
        return None
    if (
        isinstance(start, int)
        and isinstance(end, int)
        and 0 <= start < end <= len(text)
        and text[start:end] == evidence
    ):
        return Span(start, end, kind)
    # The stored text may have been masked after analysis; fall back to the words themselves.
    found = text.find(evidence)
    if found < 0:
        return None
    return Span(found, found + len(evidence), kind)


def _non_overlapping(spans: Iterable[Span]) -> list[Span]:
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    return kept


def label(kind: str) -> str:
    """A risk or category name for people: 'legal_threat' -> 'legal threat'."""
    return kind.replace("_", " ")


def highlight(text: str, items: Iterable[Mapping[str, Any]]) -> Markup:
    """The text, escaped, with <mark> around each located evidence span."""
    spans = _non_overlapping(s for s in (locate(text, i) for i in items) if s is not None)
    parts: list[str] = []
    pos = 0
    for span in spans:
        parts.append(escape(text[pos : span.start]))
        parts.append(
            Markup('<mark class="risk risk-{kind}" title="{title}">{words}</mark>').format(
                kind=span.kind, title=label(span.kind), words=text[span.start : span.end]
            )
        )
        pos = span.end
    parts.append(escape(text[pos:]))
    return Markup("").join(parts)
