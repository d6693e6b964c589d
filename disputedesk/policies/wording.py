"""Words a customer can read: money, remedy names, lists."""

from __future__ import annotations

from collections.abc import Sequence

from disputedesk.policies.schema import Clause, RemedyKind

_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "AUD": "A$", "CAD": "C$", "NZD": "NZ$"}
_ZERO_DECIMAL = {"JPY", "KRW", "VND", "CLP", "ISK", "HUF", "TWD", "UGX", "XAF", "XOF"}
_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")

# Plural nouns for rule sentences ("we offer {subject} within 30 days of delivery").
SUBJECTS: dict[RemedyKind, str] = {
    RemedyKind.REFUND_FULL: "full refunds",
    RemedyKind.REFUND_PARTIAL: "partial refunds",
    RemedyKind.REPLACEMENT: "replacements",
    RemedyKind.REPAIR: "repairs",
    RemedyKind.STORE_CREDIT: "store credit",
    RemedyKind.GOODWILL_CREDIT: "goodwill credits",
    RemedyKind.EXPLANATION: "explanations",
}

# One grant of a remedy ("you have received {a full refund} once in the last 90 days").
SINGULAR: dict[RemedyKind, str] = {
    RemedyKind.REFUND_FULL: "a full refund",
    RemedyKind.REFUND_PARTIAL: "a partial refund",
    RemedyKind.REPLACEMENT: "a replacement",
    RemedyKind.REPAIR: "a repair",
    RemedyKind.STORE_CREDIT: "store credit",
    RemedyKind.GOODWILL_CREDIT: "a goodwill credit",
    RemedyKind.EXPLANATION: "an explanation",
}


def format_money(amount_minor: int, currency: str) -> str:
    """Render minor units for a customer: $12.50, €3.00, 1500 JPY."""
    if currency in _ZERO_DECIMAL:
        return f"{amount_minor:,} {currency}"
    major, minor = divmod(abs(amount_minor), 100)
    sign = "-" if amount_minor < 0 else ""
    number = f"{major:,}.{minor:02d}"
    symbol = _SYMBOLS.get(currency)
    return f"{sign}{symbol}{number}" if symbol else f"{sign}{number} {currency}"


def subject(clause: Clause) -> str:
    """What the clause grants, as a plural noun for rule sentences."""
    return clause.subject or SUBJECTS[clause.remedy]


def count_word(count: int) -> str:
    """one, two, ... ten, then digits."""
    return _NUMBERS[count] if 0 <= count < len(_NUMBERS) else str(count)


def times(count: int) -> str:
    """once, twice, 3 times."""
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def days(count: int) -> str:
    """1 day, 2 days."""
    return "1 day" if count == 1 else f"{count} days"


def humanize(word: str) -> str:
    """product_defect -> product defect."""
    return word.replace("_", " ").replace("-", " ")


def join_or(words: Sequence[str]) -> str:
    """a, b or c."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} or {words[-1]}"


def offer_phrase(remedy: RemedyKind, max_amount_minor: int, currency: str) -> str:
    """How an allowed remedy is offered: "a partial refund of up to $25.00"."""
    money = format_money(max_amount_minor, currency)
    return {
        RemedyKind.REFUND_FULL: f"a full refund of {money}",
        RemedyKind.REFUND_PARTIAL: f"a partial refund of up to {money}",
        RemedyKind.REPLACEMENT: "a replacement",
        RemedyKind.REPAIR: "a free repair",
        RemedyKind.STORE_CREDIT: f"store credit of up to {money}",
        RemedyKind.GOODWILL_CREDIT: f"a goodwill credit of up to {money}",
        RemedyKind.EXPLANATION: "a full explanation of how we reached this decision",
    }[remedy]


def default_boundary(remedy: RemedyKind) -> str:
    """The polite refusal used when a clause does not write its own."""
    return (
        "I understand why you're asking, and I wish I could say yes, but our policy "
        f"doesn't allow {SINGULAR[remedy]} in this case."
    )
