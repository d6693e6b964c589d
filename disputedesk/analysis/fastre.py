"""Compile big alternations with a first-character lookahead so `re` can skip positions fast."""

from __future__ import annotations

import re

__all__ = ["compile_alternation", "first_chars"]


def _close(s: str, start: int) -> int:
    """Index of the ')' matching the '(' at start, or -1."""
    depth = 0
    i = start
    while i < len(s):
        ch = s[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            j = s.find("]", i + 2)
            if j < 0:
                return -1
            i = j + 1
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def _split_top(s: str) -> list[str]:
    parts, depth, cur, i = [], 0, [], 0
    while i < len(s):
        ch = s[i]
        if ch == "\\":
            cur.append(s[i : i + 2])
            i += 2
            continue
        if ch == "[":
            j = s.find("]", i + 2)
            cur.append(s[i : j + 1])
            i = j + 1
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "|" and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
        i += 1
    parts.append("".join(cur))
    return parts


def first_chars(pattern: str) -> set[str] | None:
    """Lower-case letters/digits a match of pattern can start with, or None when unsure."""
    branches = _split_top(pattern)
    if len(branches) > 1:
        out_all: set[str] = set()
        for branch in branches:
            got_b = first_chars(branch)
            if got_b is None:
                return None
            out_all |= got_b
        return out_all
    s = pattern
    while True:
        if s.startswith("\\b"):
            s = s[2:]
        elif s.startswith(("(?<!", "(?<=")):  # zero-width look-behind: skip it
            close = _close(s, 0)
            if close < 0:
                return None
            s = s[close + 1 :]
        else:
            break
    if not s:
        return None
    if s.startswith(("(?:", "(?-i:")):
        close = _close(s, 0)
        if close < 0:
            return None
        inner = s[3:close] if s.startswith("(?:") else s[5:close]
        out: set[str] = set()
        for branch in _split_top(inner):
            got = first_chars(branch)
            if got is None:
                return None
            out |= got
        if close + 1 < len(s) and s[close + 1] in "?*":  # optional group: the rest may start
            rest = first_chars(s[close + 2 :])
            return None if rest is None else out | rest
        if close + 1 < len(s) and s[close + 1] == "{":
            return None
        return out
    if s.startswith("[") and not s.startswith("[^"):
        end = s.find("]", 1)
        body = s[1:end]
        if end < 0 or "\\" in body or "-" in body or (len(s) > end + 1 and s[end + 1] in "?*{"):
            return None
        return {c.lower() for c in body}
    if s.startswith("\\d"):
        return None if len(s) > 2 and s[2] in "?*{" else set("0123456789")
    if s[0].isalnum() and s[0].isascii():
        if len(s) > 1 and s[1] in "?*{":
            return None
        return {s[0].lower()}
    return None


def compile_alternation(
    patterns: tuple[str, ...] | list[str], flags: int = re.I
) -> re.Pattern[str]:
    """Join patterns with '|', adding a first-letter lookahead when every branch allows it."""
    joined = "|".join(f"(?:{p})" for p in patterns)
    chars: set[str] = set()
    for p in patterns:
        got = first_chars(p)
        if got is None:
            return re.compile(joined, flags)
        chars |= got
    cls = "".join(re.escape(c) for c in sorted(chars | {c.upper() for c in chars}))
    return re.compile(f"(?=[{cls}])(?:{joined})", flags)
