"""Shared helpers of the channel tests."""

from __future__ import annotations

import re
from pathlib import Path

from disputedesk.analysis.pii import luhn_valid

SAMPLES = Path(__file__).parent / "samples"
_DIGITS = re.compile(rb"\d(?:[ \-]?\d){12,22}")


def sample(name: str) -> bytes:
    """The bytes of a sample mail."""
    return (SAMPLES / name).read_bytes()


def luhn_numbers_in(blob: bytes) -> list[bytes]:
    """Every Luhn-valid 13-19 digit run (spaces or dashes allowed) in a blob of bytes."""
    found = []
    for match in _DIGITS.finditer(blob):
        digits = re.sub(rb"[ \-]", b"", match.group()).decode()
        for size in range(19, 12, -1):
            for start in range(len(digits) - size + 1):
                if luhn_valid(digits[start : start + size]):
                    found.append(match.group())
                    break
            else:
                continue
            break
    return found
