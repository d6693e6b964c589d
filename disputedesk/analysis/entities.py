"""Regex entity extraction: order ids, amounts, dates, emails, phones, card numbers."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from .schemas import Entity, EntityKind

__all__ = ["extract_entities", "parse_amount"]

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DAYS = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_ORD = r"\d{1,2}(?:st|nd|rd|th)?"

# The local part is at most 64 characters (RFC 5321), which also bounds the work per start
# position in a long run of "a.a.a.a..." that has no "@".
_EMAIL = re.compile(r"\b[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b", re.I)
_CARD = re.compile(
    r"\[card ending \d{4}\]|\bcard (?:number )?ending (?:in )?\d{4}\b|(?:\*{4}[ -]?){3}\d{4}", re.I
)
_DATE = re.compile(
    rf"\b(?:\d{{4}}-\d{{1,2}}-\d{{1,2}}"
    rf"|\d{{1,2}}[/.]\d{{1,2}}[/.](?:\d{{4}}|\d{{2}})"
    rf"|(?:{_DAYS},?\s+)?{_ORD}(?:\s+of)?\s+{_MONTHS}\b\.?(?:,?\s+\d{{4}})?"
    rf"|{_MONTHS}\.?\s+{_ORD}\b(?:,?\s+\d{{4}})?"
    rf"|(?:last|next|this|on)\s+{_DAYS}"
    rf"|{_MONTHS}\s+\d{{4}}"
    rf"|(?:yesterday|today|tomorrow))\b",
    re.I,
)
_CUR_SYM = r"(?:US\$|A\$|C\$|NZ\$|HK\$|\$|£|€|¥|₹)"
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_CUR_CODE = (
    r"(?:USD|EUR|GBP|CAD|AUD|NZD|CHF|JPY|INR|SEK|NOK|DKK|PLN|"
    r"dollars?|euros?|pounds?|quid|bucks)"
)
_AMOUNT = re.compile(
    rf"(?:{_CUR_SYM}\s?(?:{_NUM})(?:\s?(?:k|m|bn)\b)?"
    rf"|\b(?:{_CUR_CODE})\s?(?:{_NUM})\b"
    rf"|\b(?:{_NUM})\s?(?:{_CUR_CODE}\b|€|£))",
    re.I,
)
_ORDER = re.compile(
    r"#\s?[A-Z0-9][A-Z0-9-]{2,}\b"
    r"|\b(?:order|booking|ref(?:erence)?|invoice|case|ticket|reservation|confirmation)"
    r"(?:\s+(?:no\.?|number|num|id|ref))?[\s:]*(#?\s?[A-Z]*\d[A-Z0-9-]{2,})\b"
    r"|\b(?:[A-Z]{2,5}-?\d[\dA-Z]*(?:-[\dA-Z]+)*|\d{3,}-[A-Z]{2,4})\b",
    re.I,
)
_ORDER_CODE_CASE = re.compile(r"[A-Z]{2,5}-?\d|\d{3,}-[A-Z]{2,4}")
_PHONE = re.compile(
    r"(?<![\w+])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,5}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,5}){1,4}(?![\w])"
    r"|(?<![\w+])\+\d{9,15}\b|\b0\d{9,10}\b"
)

_SYMBOL_CCY = {
    "$": "USD",
    "US$": "USD",
    "A$": "AUD",
    "C$": "CAD",
    "NZ$": "NZD",
    "HK$": "HKD",
    "£": "GBP",
    "€": "EUR",
    "¥": "JPY",
    "₹": "INR",
}
_WORD_CCY = {
    "dollar": "USD",
    "dollars": "USD",
    "buck": "USD",
    "bucks": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "quid": "GBP",
}
_ZERO_DECIMAL = {"JPY"}
_MULT = {"k": 1000, "m": 1_000_000, "bn": 1_000_000_000}


def parse_amount(text: str) -> dict[str, str | int] | None:
    """Parse an amount string into {"minor_units": int, "currency": str}."""
    t = text.strip()
    currency = ""
    for sym in sorted(_SYMBOL_CCY, key=len, reverse=True):
        if sym in t:
            currency = _SYMBOL_CCY[sym]
            t = t.replace(sym, " ")
            break
    words = re.findall(r"[A-Za-z]+", t)
    mult = 1
    for w in words:
        lw = w.lower()
        if lw in _MULT:
            mult = _MULT[lw]
        elif not currency:
            currency = _WORD_CCY.get(lw, w.upper() if len(w) == 3 else "")
    num = re.search(_NUM, t)
    if num is None:
        return None
    raw = num.group(0)
    if re.fullmatch(r"\d+,\d{1,2}", raw):  # European decimal comma
        raw = raw.replace(",", ".")
    try:
        value = Decimal(raw.replace(",", "")) * mult
    except InvalidOperation:
        return None
    exp = 0 if currency in _ZERO_DECIMAL else 2
    return {"minor_units": int(value * (10**exp)), "currency": currency or "XXX"}


_ANY_DIGIT = re.compile(r"\d")


def _digits(s: str) -> int:
    return sum(ch.isdigit() for ch in s)


def _split(words: str) -> list[str]:
    """Split a space-separated word list."""
    return words.split()


_DATE_WORDS = frozenset(
    _split(
        "jan january feb february mar march apr april may jun june jul july aug august sep sept "
        "september oct october nov november dec december monday tuesday wednesday thursday friday "
        "saturday sunday yesterday today tomorrow"
    )
)
_LETTERS = re.compile(r"[a-z]+")


def extract_entities(text: str, tokens: set[str] | None = None) -> list[Entity]:
    """Find entities in (already masked) text; overlapping matches go to the first kind."""
    taken: list[tuple[int, int]] = []
    out: list[Entity] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    def add(kind: EntityKind, s: int, e: int, value: dict[str, str | int] | None = None) -> None:
        taken.append((s, e))
        out.append(Entity(kind=kind, text=text[s:e], start=s, end=e, value=value))

    has_digit = _ANY_DIGIT.search(text) is not None
    if has_digit or "*" in text:
        for m in _CARD.finditer(text):
            add("card_number", m.start(), m.end())
    if "@" in text:
        for m in _EMAIL.finditer(text):
            if free(m.start(), m.end()):
                add("email", m.start(), m.end())
    if not has_digit:
        words = tokens if tokens is not None else set(_LETTERS.findall(text.lower()))
        if not _DATE_WORDS.isdisjoint(words):
            for m in _DATE.finditer(text):
                add("date", m.start(), m.end())
        out.sort(key=lambda en: en.start)
        return out
    for m in _AMOUNT.finditer(text):
        if free(m.start(), m.end()):
            add("amount", m.start(), m.end(), parse_amount(m.group(0)))
    for m in _DATE.finditer(text):
        if free(m.start(), m.end()):
            add("date", m.start(), m.end())
    for m in _ORDER.finditer(text):
        s, e = (m.start(1), m.end(1)) if m.group(1) else (m.start(), m.end())
        tok = text[s:e]
        if m.group(1) is None and not tok.startswith("#") and not _ORDER_CODE_CASE.search(tok):
            continue  # bare codes must be upper case (KD-44190), not words like "covid-19"
        if _digits(tok) >= 2 and free(s, e):
            add("order_id", s, e)
    for m in _PHONE.finditer(text):
        n = _digits(m.group(0))
        if 9 <= n <= 15 and free(m.start(), m.end()):
            add("phone", m.start(), m.end())
    out.sort(key=lambda en: en.start)
    return out
