"""Hostile and unusual input: a clear result (or a clear error), never a crash or a hang.

Inputs that used to make a pattern backtrack over and over (quadratic work) are here too; they
now finish in milliseconds, so a regression shows up as this file hanging. Timings themselves
are measured by bench/analysis_adversarial.py, not asserted here.
"""

from __future__ import annotations

import pytest

from disputedesk.analysis import Analysis, analyze
from disputedesk.analysis.risks import MAX_PER_KIND


def _well_formed(a: Analysis) -> None:
    assert -1.0 <= a.sentiment <= 1.0
    assert 0.0 <= a.anger <= 1.0
    assert 0.0 <= a.category.confidence <= 1.0
    for r in a.risks:
        assert a.pii_masked_text[r.start : r.end] == r.evidence
    for e in a.entities:
        assert a.pii_masked_text[e.start : e.end] == e.text


@pytest.mark.parametrize("text", ["", " ", "   \n\t  \r\n", "\u00a0\u2003"])
def test_empty_or_blank_text_is_a_neutral_other(text: str) -> None:
    a = analyze(text)
    assert (a.sentiment, a.anger, a.risks, a.entities) == (0.0, 0.0, [], [])
    assert a.category.label == "other"
    assert a.category.confidence == 0.0


def test_control_characters_are_blanked_and_the_words_still_read() -> None:
    a = analyze("\x00\x07I want to speak to a manager\x1b[0m\x7f now!\x00")
    assert not any(ch in a.pii_masked_text for ch in "\x00\x07\x1b\x7f")
    assert "manager_request" in a.risk_kinds
    _well_formed(a)


def test_binary_garbage_reads_as_nothing_in_particular() -> None:
    garbage = bytes(range(256)).decode("latin-1") * 40
    a = analyze(garbage)
    _well_formed(a)
    assert a.risks == []
    assert "\x00" not in a.pii_masked_text


def test_bytes_are_read_as_utf8_and_other_types_are_refused() -> None:
    a = analyze("Where is my refund? 😡".encode())
    assert a.pii_masked_text == "Where is my refund? 😡"
    assert analyze(b"\xff\xfe order #48213").entities[0].text == "#48213"
    with pytest.raises(TypeError, match="reads text"):
        analyze(12345)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="reads text"):
        analyze(None)  # type: ignore[arg-type]


def test_emoji_only_messages_carry_their_feeling() -> None:
    assert analyze("😡😡😡").sentiment_label == "negative"
    assert analyze("😊😊").sentiment > 0.0
    a = analyze("🔥" * 5000)
    _well_formed(a)
    assert a.risks == []


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("No he recibido mi pedido #48213 y quiero un reembolso de 59,90 €.", "#48213"),
        ("我的订单 #48213 还没有到，我要退款。", "#48213"),
        ("لم أستلم طلبي #48213 وأريد استرداد أموالي", "#48213"),
        ("Mein Paket ist nicht angekommen, Bestellung #48213.", "#48213"),
    ],
)
def test_other_languages_give_a_result_and_their_order_numbers(text: str, entity: str) -> None:
    a = analyze(text)
    _well_formed(a)
    assert entity in {e.text for e in a.entities}
    assert a.risks == []  # no English threat words, so no invented threats


def test_a_one_megabyte_message_is_read_with_its_threat_and_its_card_masked() -> None:
    text = "I will take you to court. " + "The parcel never came. " * 45_000 + "4242424242424242"
    assert len(text) > 1_000_000
    a = analyze(text)
    _well_formed(a)
    assert "legal_threat" in a.risk_kinds
    assert a.pii_masked_text.endswith("[card ending 4242]")


@pytest.mark.parametrize(
    "text",
    [
        "a" * 100_000,
        "1" * 100_000,  # a digit run: once retried from every digit by the ordinal check
        "1 " * 50_000,
        "!" * 100_000,
        "A" * 100_000,
        "a." * 50_000 + "@x",  # an e-mail local part that never ends: once quadratic
        "x@" + "a." * 50_000,
        "I'll drag " + "a" * 100_000,  # an ambiguous word split: once quadratic
        "it burned " + " " * 100_000 + "hand",  # ambiguous whitespace: once quadratic
        "you are " * 12_000,
        "the third email " * 6_000,
        "why is " * 14_000,
        "order" + " " * 100_000 + "x",
        "#1" + "-1" * 50_000,
        "'" + "a" * 100_000 + "'",
        "\x00" * 100_000,
    ],
    ids=lambda t: repr(t[:14]),
)
def test_hostile_repetitions_finish_with_a_clear_result(text: str) -> None:
    a = analyze(text)
    _well_formed(a)
    assert len(a.pii_masked_text) == len(text)  # nothing here is a card number


def test_a_phrase_repeated_thousands_of_times_reports_its_first_occurrences() -> None:
    a = analyze("This is the third email I send. " * 3_000)
    found = [r for r in a.risks if r.kind == "repeat_contact"]
    assert len(found) == MAX_PER_KIND
    assert found[0].start < found[-1].start < 32 * MAX_PER_KIND
