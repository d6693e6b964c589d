"""Card-number detection (Luhn) and masking; applied before any other analysis."""

from __future__ import annotations

import re

__all__ = ["find_card_numbers", "luhn_valid", "mask_card_numbers"]

# A run of digits separated by single spaces or dashes, not glued to other digits.
# Leading \d first (look-behind after it) lets `re` skip non-digit positions fast.
_RUN = re.compile(r"\d(?<!\d\d)(?:[ \-]?\d){12,40}(?!\d)")
_GROUP_SPLIT = re.compile(r"[ \-]")
MASK_TEMPLATE = "[card ending {last4}]"


def luhn_valid(digits: str) -> bool:
    """Return True when the digit string passes the Luhn checksum."""
    if not digits.isdigit() or not 13 <= len(digits) <= 19:
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0 and len(set(digits)) > 1


def _candidates(run: str, offset: int) -> list[tuple[int, int]]:
    """Spans inside one digit run that hold a Luhn-valid 13-19 digit number."""
    digits = run.replace(" ", "").replace("-", "")
    if 13 <= len(digits) <= 19 and luhn_valid(digits):
        return [(offset, offset + len(run))]
    # Longer runs: try contiguous groups (e.g. a card followed by a year).
    groups: list[tuple[int, int]] = []
    pos = 0
    for part in _GROUP_SPLIT.split(run):
        groups.append((pos, pos + len(part)))
        pos += len(part) + 1
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(groups):
        hit = None
        for j in range(len(groups) - 1, i - 1, -1):
            s, e = groups[i][0], groups[j][1]
            d = run[s:e].replace(" ", "").replace("-", "")
            if 13 <= len(d) <= 19 and luhn_valid(d):
                hit = (j, s, e)
                break
        if hit is None:
            i += 1
            continue
        found.append((offset + hit[1], offset + hit[2]))
        i = hit[0] + 1
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
