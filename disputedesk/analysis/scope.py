"""Clause scope rules: is a matched act negated, hypothetical, a question or someone else's?"""

from __future__ import annotations

import bisect
import re

__all__ = ["Scope", "TextScope"]

_SENT_BREAK = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\n+|(?<=[.!?])(?=[A-Z])")
_CLAUSE_BREAK = re.compile(
    r"[,;:()\u2013\u2014]|\s-\s"
    r"|\b(?:but|though|although|because|whereas|however|so that|and then)\b",
    re.I,
)
_SUBJECT = re.compile(r"\b(?:I|we)(?:['’](?:m|ll|ve|d|re))?(?=\W|$)|\b(?:im|ive|ill)\b", re.I)
_STRIP = re.compile(
    r"\bcan['’]?t wait to\b|\bnot (?:only|just)\b|\bno (?:matter|later than|doubt)\b"
    r"|\b(?:could|would|can|will) you\b|\b(?:would|['’]d) (?:like|love|appreciate|prefer)\b"
    r"|\bno-?one else\b",
    re.I,
)
_NEG = re.compile(
    r"\b(?:not|never|no|nobody|without|neither|nor|hardly|wont|dont|cant|cannot|didnt|doesnt|"
    r"wouldnt|shouldnt|couldnt|isnt|arent|wasnt|werent|havent|hasnt)\b|n['’]t\b",
    re.I,
)
_HYP = re.compile(
    r"\b(?:would|could|might|may|should|was (?:going|about|thinking|planning|tempted)|"
    r"were (?:going|about)|thought (?:about|of)|consider(?:ed|ing)?|thinking (?:about|of)|"
    r"wonder\w*|wish|if|whether|unless|in case|maybe|perhaps|supposed to)\b"
    r"|['’]d\b(?! (?:have to|be forced|be taking|be (?:happy|glad)))",
    re.I,
)
_PRE_HYP = re.compile(
    r"\b(?:if|whether|when|in case|unless|should|would|could|can|do|does|did|shall|might|may|"
    r"what happens if|how (?:do|can|would))\s*$",
    re.I,
)
_THIRD = re.compile(
    r"\b(\w+)\s+(?:said|says|suggested|suggests|recommended|recommends|advised|advises|"
    r"told me|tells me|reckons|thinks|keeps telling me|mentioned)\b"
    r"|\b(?:heard|read|know) (?:that|about|of)\b|\bapparently\b",
    re.I,
)


_WINDOW = 400


class Scope:
    """Flags describing the grammatical scope of one match."""

    __slots__ = ("hypothetical", "negated", "pre_hypothetical_only", "question", "third_party")

    def __init__(
        self,
        negated: bool,
        hypothetical: bool,
        question: bool,
        third_party: bool,
        pre_hypothetical_only: bool = False,
    ) -> None:
        self.pre_hypothetical_only = pre_hypothetical_only
        self.negated = negated
        self.hypothetical = hypothetical
        self.question = question
        self.third_party = third_party


class TextScope:
    """Sentence index over one text, answering scope questions about spans."""

    def __init__(self, text: str) -> None:
        self.text = text
        starts = [0]
        for m in _SENT_BREAK.finditer(text):
            starts.append(m.end())
        self.starts = starts

    def sentence(self, pos: int) -> tuple[int, int]:
        """Return the (start, end) of the sentence holding pos."""
        i = bisect.bisect_right(self.starts, pos) - 1
        end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
        return self.starts[i], end

    def scope(self, start: int, end: int) -> Scope:
        """Work out negation/hypothesis/question/third-party for the span start..end."""
        s0, s1 = self.sentence(start)
        # A clause is read back at most _WINDOW characters, and the question mark looked for
        # at the sentence's end only: a text with no full stops stays linear, not quadratic.
        sentence_prefix = self.text[max(s0, start - _WINDOW) : start]
        tail = self.text[max(s0, s1 - _WINDOW) : s1]
        question = tail.rstrip().rstrip("\"'”’)").endswith("?")
        cstart = 0
        for m in _CLAUSE_BREAK.finditer(sentence_prefix):
            cstart = m.end()
        clause = _STRIP.sub(" ", sentence_prefix[cstart:])
        subj = None
        for m in _SUBJECT.finditer(clause):
            subj = m
        if subj is None:
            window, pre = clause, ""
        else:
            window, pre = clause[subj.start() :], clause[: subj.start()]
        negated = _NEG.search(window) is not None
        in_window = _HYP.search(window) is not None
        before = _PRE_HYP.search(pre) is not None
        hypothetical = in_window or before
        third = False
        for m in _THIRD.finditer(sentence_prefix):
            who = (m.group(1) or "").lower()
            third = who not in ("i", "we")
        return Scope(negated, hypothetical, question, third, before and not in_window)

    def adjacent_negation(self, start: int) -> bool:
        """True when the word just before start is a negator ("no smoke", "not dangerous")."""
        before = self.text[max(0, start - 12) : start].lower().split()
        return bool(before) and before[-1] in ("no", "not", "isn't", "isnt", "wasn't", "never")
