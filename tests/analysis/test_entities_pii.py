"""Entities, card masking (Luhn) and bad input."""

from __future__ import annotations

import pytest

from disputedesk.analysis import analyze, mask_card_numbers
from disputedesk.analysis.entities import parse_amount
from disputedesk.analysis.pii import luhn_valid

ENTITY_CASES: list[tuple[str, str, str]] = [
    ("Where is order #48213?", "order_id", "#48213"),
    ("I placed order 48213 last week", "order_id", "48213"),
    ("Reference ORD-2024-0042 please", "order_id", "ORD-2024-0042"),
    ("You charged me $129.99", "amount", "$129.99"),
    ("It cost 45 EUR", "amount", "45 EUR"),
    ("Refund the £20 please", "amount", "£20"),
    ("The total was 1,200.50 USD", "amount", "1,200.50 USD"),
    ("It was due on March 3rd", "date", "March 3rd"),
    ("Delivered 2024-05-01", "date", "2024-05-01"),
    ("Paid on 03/04/2025", "date", "03/04/2025"),
    ("It happened last Friday", "date", "last Friday"),
    ("Email me at jo.smith+desk@example.co.uk", "email", "jo.smith+desk@example.co.uk"),
    ("Call me on +44 20 7946 0958", "phone", "+44 20 7946 0958"),
    ("My number is 555-123-4567", "phone", "555-123-4567"),
]


@pytest.mark.parametrize(("text", "kind", "value"), ENTITY_CASES)
def test_entity_found(text: str, kind: str, value: str) -> None:
    a = analyze(text)
    found = [(e.kind, e.text) for e in a.entities]
    assert (kind, value) in found, found
    for e in a.entities:
        assert a.pii_masked_text[e.start : e.end] == e.text


@pytest.mark.parametrize(
    ("text", "minor", "currency"),
    [
        ("$129.99", 12999, "USD"),
        ("45 EUR", 4500, "EUR"),
        ("£20", 2000, "GBP"),
        ("1,200.50 USD", 120050, "USD"),
        ("€9,99", 999, "EUR"),
    ],
)
def test_amount_value(text: str, minor: int, currency: str) -> None:
    assert parse_amount(text) == {"minor_units": minor, "currency": currency}
    ent = next(e for e in analyze(f"It cost {text}.").entities if e.kind == "amount")
    assert ent.minor_units == minor
    assert ent.currency == currency
    assert "value" not in ent.model_dump()


CARD_CASES: list[tuple[str, str]] = [
    ("card 4242 4242 4242 4242 was used", "card [card ending 4242] was used"),
    ("card 4111-1111-1111-1111.", "card [card ending 1111]."),
    ("number 4012888888881881 thanks", "number [card ending 1881] thanks"),
    ("amex 378282246310005", "amex [card ending 0005]"),
    ("order 1234 5678 9012 3456 is late", "order 1234 5678 9012 3456 is late"),  # not Luhn
    ("call 0207 946 0958 now", "call 0207 946 0958 now"),
    ("order 48213", "order 48213"),
    (
        "two cards 5555555555554444 and 4242424242424242",
        "two cards [card ending 4444] and [card ending 4242]",
    ),
]


@pytest.mark.parametrize(("text", "masked"), CARD_CASES)
def test_card_masking(text: str, masked: str) -> None:
    assert mask_card_numbers(text) == masked
    a = analyze(text)
    assert a.pii_masked_text == masked
    assert "4242 4242 4242 4242" not in a.model_dump_json()


def test_card_is_masked_before_entities_and_reported_as_card() -> None:
    a = analyze("Charge on 4242 4242 4242 4242 for $10")
    kinds = {e.kind for e in a.entities}
    assert "card_number" in kinds
    assert "phone" not in kinds


def test_luhn() -> None:
    assert luhn_valid("4242424242424242")
    assert not luhn_valid("4242424242424241")
    assert not luhn_valid("0000000000000")


BAD_INPUTS = [
    "",
    "   \n\t ",
    "\x00\x01\x02\xff garbage \ufffd\ufffd",
    "😡😡😡🔥",
    "Das Paket ist nicht angekommen und ich bin sehr verärgert.",
    "我的订单还没有到",
    "a" * 10,
    "!!!!!!!!!!!!????",
    "4242" * 1000,
    "lone surrogate \udcff from a bad decode",
    "line one\r\nline two\ttabbed",
]


@pytest.mark.parametrize("text", BAD_INPUTS)
def test_bad_input_does_not_crash(text: str) -> None:
    a = analyze(text)
    d = a.model_dump()
    assert set(d) == {
        "sentiment",
        "anger",
        "emotions",
        "risks",
        "category",
        "entities",
        "pii_masked_text",
    }
    assert -1 <= a.sentiment <= 1
    assert 0 <= a.category.confidence <= 1


def test_empty_text_is_neutral_other() -> None:
    a = analyze("")
    assert a.sentiment == 0.0
    assert a.anger == 0.0
    assert a.category.label == "other"
    assert a.risks == []


def test_huge_text_masks_cards_everywhere() -> None:
    filler = "The parcel is late and nobody answers. " * 27_000  # ~1 MB
    text = "start 4242 4242 4242 4242 " + filler + " end 4111 1111 1111 1111"
    a = analyze(text)
    assert "4111 1111 1111 1111" not in a.pii_masked_text
    assert a.pii_masked_text.endswith("end [card ending 1111]")
    assert len(a.pii_masked_text) < len(text)
