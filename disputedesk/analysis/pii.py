"""Card-number detection (Luhn) and masking; applied before any other analysis."""

from __future__ import annotations

import bisect
import re

__all__ = ["find_card_numbers", "luhn_valid", "mask_card_numbers"]

# A run of digits separated by single spaces or dashes, not glued to other digits.
# Leading \d first (look-behind after it) lets `re` skip non-digit positions fast.
_RUN = re.compile(r"\d(?<!\d\d)(?:[ \-]?\d){12,40}(?!\d)")
_GROUP_SPLIT = re.compile(r"[ \-]")
MASK_TEMPLATE = "[card ending {last4}]"


_DOUBLED = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)  # Luhn: a doubled digit, its two digits summed


def luhn_valid(digits: str) -> bool:
    """Return True when the digit string passes the Luhn checksum."""
    if not digits.isdecimal() or not 13 <= len(digits) <= 19 or len(set(digits)) < 2:
        return False
    rev = digits[::-1]
    total = sum(map(int, rev[0::2])) + sum(map(_DOUBLED.__getitem__, map(int, rev[1::2])))
    return total % 10 == 0


def _candidates(run: str, offset: int) -> list[tuple[int, int]]:
    """Spans inside one digit run that hold a Luhn-valid 13-19 digit number."""
    digits = run.replace(" ", "").replace("-", "")
    if 13 <= len(digits) <= 19 and luhn_valid(digits):
        return [(offset, offset + len(run))]
    # Longer runs: try contiguous groups (e.g. a card followed by a year), longest first. Only
    # spans of 13-19 digits are tried (prefix sums of digit counts), so a run of single-digit
    # groups costs a few checks per group rather than one per pair of groups.
    groups: list[tuple[int, int]] = []
    before = [0]  # digits before each group
    pos = 0
    for part in _GROUP_SPLIT.split(run):
        groups.append((pos, pos + len(part)))
        before.append(before[-1] + len(part))
        pos += len(part) + 1
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(groups):
        hit = None
        last = min(len(groups), bisect.bisect_right(before, before[i] + 19) - 1) - 1
        for j in range(last, i - 1, -1):
            count = before[j + 1] - before[i]
            if count < 13:
                break
            if luhn_valid(digits[before[i] : before[j + 1]]):
                hit = j
                break
        if hit is None:
            i += 1
            continue
        found.append((offset + groups[i][0], offset + groups[hit][1]))
        i = hit + 1
    return found


def find_card_numbers(text: str) -> list[tuple[int, int]]:
    """Return (start, end) spans of Luhn-valid card numbers in text."""
    spans: list[tuple[int, int]] = []
    for m in _RUN.finditer(text):
        spans.extend(_candidates(m.group(0), m.start()))
    return spans


def mask_card_numbers(text: str) -> str:
    """Replace every Luhn-valid card number with "[card ending NNNN]"."""
    if not text:
        return text
    spans = find_card_numbers(text)
    if not spans:
        return text
    out: list[str] = []
    last = 0
    for s, e in spans:
        digits = text[s:e].replace(" ", "").replace("-", "")
        out.append(text[last:s])
        out.append(MASK_TEMPLATE.format(last4=digits[-4:]))
        last = e
    out.append(text[last:])
    return "".join(out)
