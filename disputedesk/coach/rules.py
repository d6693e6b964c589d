"""A small rule engine: phrase families as regular expressions with guards and rewrites."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from disputedesk.coach.models import Finding, FindingKind
from disputedesk.coach.text import inside, quoted_spans, word_span

Guard = Callable[[str, re.Match[str]], bool]
Suggest = Callable[[re.Match[str]], str]

_FLAGS = re.IGNORECASE | re.ASCII


def rx(pattern: str, flags: int = _FLAGS) -> re.Pattern[str]:
    """Compile a verbose-free pattern case-insensitively.

    ASCII matching (for \\w, \\b, \\s) keeps case-insensitive scanning about twice as fast; the
    phrase families are English words, so nothing is lost.
    """
    return re.compile(pattern, flags)


def alt(*words: str) -> str:
    """A non-capturing alternation of words or sub-patterns."""
    return "(?:" + "|".join(words) + ")"


def words(spec: str) -> str:
    """An alternation of the space-separated sub-patterns in spec."""
    return alt(*spec.split())


NEG_BEFORE = rx(r"(?:\bnot|n't|\bno|\bnever|\bnone)\W+(?:\w+\W+){0,2}$")


@dataclass(frozen=True)
class Rule:
    """One phrase family: a pattern, the kinds it signals, a rewrite and an optional guard."""

    kinds: tuple[FindingKind, ...]
    pattern: re.Pattern[str]
    suggestion: str | Suggest
    guard: Guard | None = None
    group: str | None = None

    def suggest(self, match: re.Match[str]) -> str:
        """The rewrite for one match."""
        if isinstance(self.suggestion, str):
            return self.suggestion
        return self.suggestion(match)


def run_rules(rules: Iterable[Rule], text: str, draft: str) -> list[Finding]:
    """Apply rules to the analysed text; evidence is cut from the original draft."""
    found: list[Finding] = []
    quoted = quoted_spans(text)
    for rule in rules:
        for match in rule.pattern.finditer(text):
            if rule.guard is not None and not rule.guard(text, match):
                continue
            if quoted and inside(quoted, match.start(), match.end()):
                continue
            start, end = match.span(rule.group or 0)
            start, end = word_span(text, start, end)
            if end <= start:
                continue
            for kind in rule.kinds:
                found.append(
                    Finding(
                        kind=kind,
                        evidence=draft[start:end],
                        start=start,
                        end=end,
                        suggestion=rule.suggest(match),
                    )
                )
    return found


def dedupe(findings: list[Finding]) -> list[Finding]:
    """Drop findings of the same kind that overlap an earlier, longer one; sort by position."""
    ordered = sorted(findings, key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[Finding] = []
    for finding in ordered:
        clash = any(
            k.kind == finding.kind and k.start < finding.end and finding.start < k.end for k in kept
        )
        if not clash:
            kept.append(finding)
    return kept
