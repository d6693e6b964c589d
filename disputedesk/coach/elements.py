"""Elements of a good reply, detected per LABELS.md (with its 'where the tables leave room')."""

from __future__ import annotations

import re
from collections.abc import Callable

from disputedesk.coach.element_patterns import (
    ACKNOWLEDGEMENT,
    APOLOGISE,
    DETERMINERS,
    DISMISS_CTX,
    EMPATHY,
    FOLLOW,
    FUTURE,
    GENERIC_CLAUSE,
    NEXT,
    NO_APOLOGY_BEFORE,
    NOT_APOLOGY_AFTER,
    PAST_MARK,
    POLICY,
    POLICY_FUTURE_GUARD,
    REQUEST,
    REQUEST_MORE,
    RHETORICAL,
    SOLUTION,
    SORRY,
    TIMELINE,
)
from disputedesk.coach.models import ELEMENTS, Element
from disputedesk.coach.text import before, clause_at, sentence_text


def _any(
    patterns: tuple[re.Pattern[str], ...], text: str, ok: Callable[[re.Match[str]], bool]
) -> bool:
    return any(ok(m) for p in patterns for m in p.finditer(text))


def _in_question(text: str, pos: int) -> bool:
    return sentence_text(text, pos).rstrip().endswith("?")


def has_apology(text: str) -> bool:
    """A sincere apology: not 'sorry, but', not 'sorry you feel', not a softener before a "
    "question."""
    for m in SORRY.finditer(text):
        trailing = (
            m.group(0).lower() == "sorry"
            and before(text, m.start(), 2).endswith(", ")
            and text[m.end() : m.end() + 1] in ".!"
        )
        if not trailing and not NOT_APOLOGY_AFTER.match(text, m.end()):
            return True
    return any(
        not NO_APOLOGY_BEFORE.search(before(text, m.start(), 20))
        and not re.match(r",?\s+but\b", text[m.end() : m.end() + 6])
        and not re.match(r"\s*[,:;-]\s*(?:one|a|just|quick)\b", text[m.end() : m.end() + 12], re.I)
        for m in APOLOGISE.finditer(text)
    )


def has_question(text: str) -> bool:
    """A question that asks the customer for a fact (rhetorical and generic questions excluded)."""
    start = 0
    for i, ch in enumerate(text):
        if ch in ".!\n;:":
            start = i + 1
        elif ch == "?":
            question = text[start : i + 1]
            start = i + 1
            if len(question.split()) >= 2 and not RHETORICAL.search(question):
                return True
    return bool(REQUEST.search(text) or REQUEST_MORE.search(text))


def _policy_ok(text: str, m: re.Match[str]) -> bool:
    if m.re is POLICY[5] and POLICY_FUTURE_GUARD.search(m.group(0)):
        return False
    if m.re is POLICY[8]:
        words = m.group(0).split()
        return any(w.lower() not in DETERMINERS for w in words[:-1])
    return True


def _next_ok(text: str, m: re.Match[str]) -> bool:
    if _in_question(text, m.start()):
        return False
    if GENERIC_CLAUSE.search(clause_at(text, m.start(), m.end())):
        return False
    if m.re is NEXT[3]:
        tail = text[m.start() : m.end() + 40].lower()
        if re.match(
            r"(?:please\s+)?let\s+(?:me|us)\s+know\s+(?:which|what|when|whether|how"
            r"|if\s+you(?:'d|\s+would)\s+(?:prefer|like|rather))\b",
            tail,
        ):
            return False
        if re.search(
            r"\b(?:just|simply)\s+(?:please\s+)?(?:read|follow|check|look)\b",
            text[max(0, m.start() - 8) : m.end() + 4].lower(),
        ):
            return False
    if m.re is NEXT[0]:
        left = before(text, m.start(), 20).lower()
        if re.search(r"\bno\s+(?:further|more)\s+$|\bif\s+$", left) or "due course" in clause_at(
            text, m.start(), m.end()
        ):
            return False
    return not (m.re is NEXT[3] and re.match(r"(?:please\s+)?take\s+care", m.group(0), re.I))


_PAST_FORMS = {"sent", "reset", "put", "set"}


def _solution_ok(text: str, m: re.Match[str]) -> bool:
    if RHETORICAL.search(sentence_text(text, m.start())):
        return False
    if re.search(r"\b(?:wrong|incorrect)\b", m.group(0), re.I):
        return False
    if re.search(
        r"\bnothing\s+(?:more\s+|else\s+|further\s+)?$", before(text, m.start(), 24), re.I
    ):
        return False
    if re.search(r"\b(?:could|would|might)\s+have\b", m.group(0), re.I):
        return False
    if re.search(r"\b(?:was|were)\b", m.group(0)) and re.search(
        r"\b(?:last|ago|originally|previously|initially)\b", sentence_text(text, m.start()), re.I
    ):
        return False
    if m.re is SOLUTION[0] and not m.group("modal"):
        act = m.group("act").split()[0].lower()
        return act.endswith("ed") or act in _PAST_FORMS
    return True


def _timeline_ok(text: str, m: re.Match[str]) -> bool:
    clause = clause_at(text, m.start(), m.end())
    word = m.group(0).lower()
    if m.re is TIMELINE[-1]:
        return not PAST_MARK.search(clause)
    if m.re is TIMELINE[2]:
        return bool(FUTURE.search(clause))
    if m.re is TIMELINE[0] and word.startswith(("today", "tonight", "tomorrow")):
        return True
    return bool(FUTURE.search(clause)) or not PAST_MARK.search(clause)


def _empathy_ok(text: str, m: re.Match[str]) -> bool:
    return not DISMISS_CTX.search(sentence_text(text, m.start()))


def detect_elements(text: str) -> set[Element]:
    """The elements present in an analysed text."""
    found: set[Element] = set()
    if _any(EMPATHY, text, lambda m: _empathy_ok(text, m)):
        found.add("empathy")
    if _any(ACKNOWLEDGEMENT, text, lambda m: True):
        found.add("acknowledgement")
    if has_apology(text):
        found.add("apology")
    if has_question(text):
        found.add("clarifying_question")
    if _any(SOLUTION, text, lambda m: _solution_ok(text, m)):
        found.add("solution")
    if _any(POLICY, text, lambda m: _policy_ok(text, m)):
        found.add("policy_reference")
    if _any(NEXT, text, lambda m: _next_ok(text, m)):
        found.add("next_steps")
    if _any(TIMELINE, text, lambda m: _timeline_ok(text, m)):
        found.add("timeline")
    if _any(FOLLOW, text, lambda m: not _in_question(text, m.start())):
        found.add("follow_up")
        found.add("next_steps")  # a promise to come back is also an arranged next step
    return found


def ordered(elements: set[Element]) -> list[Element]:
    """Elements in the canonical order of the contract."""
    return [e for e in ELEMENTS if e in elements]
