"""Conversation threads: chronology, status endings, special texts and variety."""

from __future__ import annotations

import re
from collections import Counter

from disputedesk.demo import DemoData, DemoDispute
from disputedesk.demo.catalog import format_money

REMEDY_RE = r"processed|shipped|on its way|added|booked|cancelled|credit|went through"
CARD_RE = re.compile(r"(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)")


def _luhn(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _card_numbers(text: str) -> list[str]:
    found = [re.sub(r"[ -]", "", m) for m in CARD_RE.findall(text)]
    return [f for f in found if 13 <= len(f) <= 19 and _luhn(f)]


def _spoken(d: DemoDispute) -> list[str]:
    return [m.body for m in d.messages if m.direction != "note"]


def test_thread_shape_and_chronology(demo: DemoData) -> None:
    for d in demo.disputes:
        assert 1 <= len(d.messages) <= 7
        first = d.messages[0]
        assert first.direction == "inbound"
        assert first.author == "customer"
        assert first.body == d.description
        assert first.at == d.created_at
        times = [m.at for m in d.messages]
        assert times == sorted(times)
        assert len(set(times)) == len(times)
        assert all(m.body.strip() for m in d.messages)
        assert "{" not in "".join(m.body for m in d.messages), d.subject
        assert d.subject.strip()


def test_status_matches_the_thread(demo: DemoData) -> None:
    for d in demo.disputes:
        directions = [m.direction for m in d.messages]
        last = d.messages[-1]
        if d.status == "new":
            assert set(directions) == {"inbound"}
        elif d.status == "acknowledged":
            assert "outbound" in directions
        elif d.status == "awaiting_customer":
            assert last.direction == "outbound"
            assert "?" in last.body
        elif d.status == "offer_made":
            assert last.direction == "outbound"
            assert "?" in last.body
            assert re.search(r"offer|refund|replacement|repair|credit|cancel", last.body)
        else:
            agent_replies = [m for m in d.messages[1:] if m.direction == "outbound"]
            assert agent_replies, d.subject


def test_resolutions_reflect_the_outcome(demo: DemoData) -> None:
    for d in demo.disputes:
        text = "\n".join(_spoken(d))
        if d.outcome == "withdrawn":
            assert re.search(r"close|sorted", text.lower())
        elif d.outcome == "declined":
            assert re.search(r"can't|unable|not able|isn't covered|sorry, but|with your bank", text)
        elif d.outcome == "remedied":
            assert re.search(
                r"processed|shipped|on its way|added|booked|cancelled|credit|went through", text
            )


def test_card_numbers_only_where_tagged(demo: DemoData) -> None:
    tagged = [d for d in demo.disputes if "card-number-in-text" in d.tags]
    assert len(tagged) >= 3
    for d in demo.disputes:
        inbound = "\n".join(m.body for m in d.messages if m.direction == "inbound")
        everything = "\n".join(m.body for m in d.messages) + d.subject
        if d in tagged:
            assert _card_numbers(inbound), d.description
        else:
            assert not _card_numbers(everything), d.description


def test_markup_is_tagged(demo: DemoData) -> None:
    tagged = [d for d in demo.disputes if "markup-in-text" in d.tags]
    assert len(tagged) >= 2
    for d in tagged:
        assert re.search(r"<[a-z][^>]*>", d.description)
    assert any("<script>" in d.description for d in tagged) or len(tagged) >= 2
    for d in demo.disputes:
        if d not in tagged:
            assert "<" not in d.description


def test_inbound_bodies_vary(demo: DemoData) -> None:
    inbound = [m.body for d in demo.disputes for m in d.messages if m.direction == "inbound"]
    duplicates = sum(n - 1 for n in Counter(inbound).values() if n > 1)
    assert duplicates < 0.10 * len(inbound)
    assert len({d.description for d in demo.disputes}) == 80


def test_agent_replies_vary(demo: DemoData) -> None:
    outbound = [m.body for d in demo.disputes for m in d.messages if m.direction == "outbound"]
    assert len(set(outbound)) >= 0.9 * len(outbound)


def test_threads_mention_the_real_records(demo: DemoData) -> None:
    linked = [d for d in demo.disputes if d.order_number is not None]
    mentioning = [d for d in linked if any((d.order_number or "-") in b for b in _spoken(d))]
    assert len(mentioning) >= 0.6 * len(linked)
    with_amount = [d for d in demo.disputes if d.amount_minor is not None]
    quoting = [
        d
        for d in with_amount
        if any(format_money(d.amount_minor or 0, d.currency) in b for b in _spoken(d))
    ]
    assert len(quoting) >= 0.4 * len(with_amount)
    assert re.search(r"[$€£]\d+\.\d\d", "".join(d.description for d in demo.disputes))


def test_tones_and_reply_quality_are_mixed(demo: DemoData) -> None:
    inbound = "\n".join(
        m.body for d in demo.disputes for m in d.messages if m.direction == "inbound"
    )
    outbound = "\n".join(
        m.body for d in demo.disputes for m in d.messages if m.direction == "outbound"
    )
    subjects = "\n".join(d.subject for d in demo.disputes)
    assert "!!" in inbound
    assert re.search(r"(?i)third time|3rd email", inbound + subjects)
    assert re.search(r"manager|supervisor", inbound)
    assert re.search(r"bank|chargeback", inbound)
    assert re.search(r"\b[A-Z]{4,}\b", inbound)
    assert re.search(r"review|BBB|social media", inbound)
    assert re.search(r"Thanks so much|Kind regards|Many thanks", inbound)
    assert re.search(r"not sure|Is this something I did wrong|silly question", inbound)
    assert re.search(r"I'm sorry|apologise|apologies", outbound)
    assert re.search(r"by (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)", outbound)
    assert re.search(r"section|clause", outbound)
    assert "You must have" in outbound or "As I already explained" in outbound
    assert "We value your feedback" in outbound or "not our fault" in outbound
    notes = [m for d in demo.disputes for m in d.messages if m.direction == "note"]
    assert len(notes) >= 30


def test_escalations_are_explained_in_a_note(demo: DemoData) -> None:
    names = {s.username: s.display_name for s in demo.staff}
    escalated = [d for d in demo.disputes if d.escalation_level != "none"]
    assert escalated
    for d in escalated:
        assert d.assignee is not None
        notes = " ".join(m.body for m in d.messages if m.direction == "note")
        assert names[d.assignee] in notes, d.subject
