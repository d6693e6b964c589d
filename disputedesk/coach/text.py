"""Text preparation: an analysis copy of the draft with the same offsets, and clause helpers."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

# Drafts longer than this are analysed on their first MAX_ANALYSED_CHARS characters only.
MAX_ANALYSED_CHARS = 20_000

_MARKUP = re.compile(
    r"<(script|style)\b[^>]*>.*?</\1\s*>|<[^<>]{0,500}>|&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}"
    r"|[a-zA-Z]{2,8});",
    re.IGNORECASE | re.DOTALL,
)
_BLOCK_TAG = re.compile(r"^</?(p|br|div|li|ul|ol|h\d|tr|td|table|blockquote|hr)\b", re.IGNORECASE)
_INLINE_TAG = re.compile(r"^</?(b|i|u|em|strong|span|a|font|small|mark|code)\b", re.IGNORECASE)
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})

_CLAUSE_END = re.compile(r"[.!?;,:](?=\s|$)|\n")
_SENTENCE_END = re.compile(r"(?<![.!?])[.!?]+(?=\s|$)|\n\s*\n|\n(?=\s*[-*•]|\s*[A-Z])")


@dataclass(frozen=True)
class Prepared:
    """The analysed text and, when markup was removed, each character's span in the draft."""

    text: str
    starts: list[int] | None = None
    ends: list[int] | None = None
    offset: int = 0

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The draft span of an analysed span."""
        if self.starts is None or self.ends is None or end <= start:
            return start + self.offset, end + self.offset
        return self.starts[start], self.ends[end - 1]


def _replacement(markup: str) -> str:
    if markup.startswith("&"):
        return html.unescape(markup).translate(_QUOTES)[:1] or " "
    if markup[:7].lower() in ("<script", "<style>", "<style "):
        return " "
    if _BLOCK_TAG.match(markup):
        return "\n"
    return "" if _INLINE_TAG.match(markup) else " "


def prepare_draft(draft: str) -> Prepared:
    """The analysed copy of a draft: capped, tags removed, entities decoded, spans kept."""
    lead = len(draft) - len(draft.lstrip())
    capped = draft[lead : lead + MAX_ANALYSED_CHARS]
    if "<" not in capped and "&" not in capped:
        return Prepared(capped.translate(_QUOTES), offset=lead)
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for match in _MARKUP.finditer(capped):
        pieces.append(capped[pos : match.start()])
        starts.extend(range(lead + pos, lead + match.start()))
        ends.extend(range(lead + pos + 1, lead + match.start() + 1))
        repl = _replacement(match.group(0))
        pieces.append(repl)
        starts.extend([lead + match.start()] * len(repl))
        ends.extend([lead + match.end()] * len(repl))
        pos = match.end()
    pieces.append(capped[pos:])
    starts.extend(range(lead + pos, lead + len(capped)))
    ends.extend(range(lead + pos + 1, lead + len(capped) + 1))
    return Prepared("".join(pieces).translate(_QUOTES), starts, ends, lead)


def prepare(draft: str) -> str:
    """The analysed text of a draft (see prepare_draft)."""
    return prepare_draft(draft).text


_QUOTED = re.compile(r'"[^"\n]{1,600}"')


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of double-quoted passages (a cited clause or the customer's words)."""
    return [m.span() for m in _QUOTED.finditer(text)] if '"' in text else []


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when [start, end) lies within one of the spans."""
    return any(a <= start and end <= b for a, b in spans)


def word_span(text: str, start: int, end: int) -> tuple[int, int]:
    """A span widened to whole words at both ends and trimmed of punctuation at both ends."""
    while (
        start > 0 and (text[start - 1].isalnum() or text[start - 1] == "'") and text[start] != " "
    ):
        start -= 1
    while start < end and not (text[start].isalnum() or text[start] in "'£$€"):
        start += 1
    while 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    while end > start and text[end - 1] in " ,;:\n\t-":
        end -= 1
    return start, end


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of a text (whitespace trimmed)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    trimmed: list[tuple[int, int]] = []
    for a, b in spans:
        chunk = text[a:b]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            trimmed.append((a + lead, a + lead + len(stripped)))
    return trimmed


def sentence_at(text: str, pos: int) -> tuple[int, int]:
    """The span of the sentence that holds position pos."""
    for a, b in sentence_spans(text):
        if a <= pos < b:
            return a, b
    return pos, pos


def clause_at(text: str, start: int, end: int) -> str:
    """The clause (between , ; : . ! ? or newline) around a span."""
    left = start
    while left > 0 and not _CLAUSE_END.match(text, left - 1):
        left -= 1
    match = _CLAUSE_END.search(text, end)
    right = match.start() if match else len(text)
    return text[left:right]


def sentence_text(text: str, start: int) -> str:
    """The text of the sentence holding position start."""
    a, b = sentence_at(text, start)
    return text[a:b]


def before(text: str, start: int, width: int) -> str:
    """Up to width characters before start."""
    return text[max(0, start - width) : start]


def iter_matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """All matches of a pattern in a text."""
    return pattern.finditer(text)
