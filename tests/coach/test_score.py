"""The score and the context: thresholds, expectations, over-promise limits, templates."""

from __future__ import annotations

import pytest

from disputedesk.coach import DEFAULT_SEND_THRESHOLD, CoachContext, PlaybookStep, coach
from disputedesk.coach.score import FINDING_PENALTY, MISSING_PENALTY

GOOD = (
    "Hi Sam,\n\nThanks for your patience while we looked into the leaking kettle. I'm sorry it "
    "let you down, and I know how frustrating that is. I've arranged a replacement, which will be "
    "delivered by Friday, and I'll check in on Monday to make sure it's working.\n\nBest,\nNadia"
)


def test_good_reply_scores_high() -> None:
    report = coach(GOOD)
    assert report.findings == []
    assert report.score >= 85
    assert report.passes()


@pytest.mark.parametrize(
    "insert",
    [
        "You must have entered the wrong address. ",
        "As I already explained, ",
        "Obviously you should have read the manual. ",
        "Please calm down. ",
    ],
)
def test_any_blame_or_condescension_pulls_below_threshold(insert: str) -> None:
    report = coach(insert + GOOD)
    assert report.findings
    assert report.score < DEFAULT_SEND_THRESHOLD
    assert not report.passes()


def test_threshold_is_configurable() -> None:
    report = coach("Thanks for getting in touch. I've refunded the $12.")
    assert report.passes(report.score)
    assert not report.passes(report.score + 1)


def test_penalties_make_the_threshold_meaningful() -> None:
    for kind in ("blame", "condescension", "dismissiveness"):
        assert 100 - FINDING_PENALTY[kind] < DEFAULT_SEND_THRESHOLD
    assert all(p > 0 for p in MISSING_PENALTY.values())


def test_apology_expected_when_company_at_fault() -> None:
    text = "Thanks for letting us know. I've refunded the $12, which you'll see within 3 days."
    assert "apology" not in coach(text).missing
    report = coach(text, CoachContext(company_at_fault=True))
    assert "apology" in report.missing
    assert report.score < coach(text).score


def test_declining_expects_policy_and_alternative() -> None:
    text = "I understand. Thanks for asking, but we can't refund this order."
    report = coach(text, CoachContext(declining=True))
    assert {"policy_reference", "solution"} <= set(report.missing)
    assert "refusal_without_alternative" in {f.kind for f in report.findings}


def test_facts_missing_expects_a_question() -> None:
    ctx = CoachContext(facts_missing=True, step=PlaybookStep.first_response)
    asked = coach(
        "Thanks for your email, I understand how annoying that is. Which size did you "
        "order? Once I know, I'll get back to you within 2 days.",
        ctx,
    )
    assert "clarifying_question" in asked.present
    assert asked.missing == []
    not_asked = coach("Thanks for your email, I understand how annoying that is.", ctx)
    assert "clarifying_question" in not_asked.missing


def test_no_context_question_only_reply_is_not_asked_for_a_solution() -> None:
    report = coach("Thanks for the details. Could you send a photo of the damage?")
    assert "solution" not in report.missing


def test_over_promise_above_policy_limit() -> None:
    text = "I've refunded $250.00 to your card today."
    assert coach(text).findings == []
    ctx = CoachContext(allowed_max_refund_minor=12999)
    report = coach(text, ctx)
    assert [f.kind for f in report.findings] == ["over_promise"]
    assert report.findings[0].evidence == "$250.00"


def test_over_promise_remedy_not_allowed() -> None:
    ctx = CoachContext(allowed_remedies=["repair"])
    report = coach("Thanks for getting in touch. I've arranged a replacement for you.", ctx)
    assert "over_promise" in {f.kind for f in report.findings}
    assert coach("Thanks. I can book a repair for you.", ctx).findings == []


def test_template_sent_unchanged_is_canned() -> None:
    template = "Hello, thanks for contacting us. Your refund of $10 is being processed today."
    ctx = CoachContext(templates=[template])
    report = coach(template.replace("Hello", "Hello  "), ctx)
    assert "canned" in {f.kind for f in report.findings}
    personal = "Hi Joe, I've refunded the $10 for the broken lamp from order 5512 today."
    assert "canned" not in {f.kind for f in coach(personal, ctx).findings}


def test_dump_is_the_contract() -> None:
    dump = coach("You misunderstood the offer.").model_dump()
    assert set(dump) == {"score", "findings", "present", "missing"}
    assert set(dump["findings"][0]) == {"kind", "evidence", "start", "end", "suggestion"}
    assert isinstance(dump["score"], int)


@pytest.mark.parametrize("draft", ["OK.", "Noted.", "We will look into it.", "Regards, Support"])
def test_contentless_reply_does_not_pass(draft: str) -> None:
    report = coach(draft)
    assert report.findings == []
    assert not report.passes()


def test_one_missing_element_still_scores_high() -> None:
    text = (
        "I'm sorry for the wait, I know how annoying that is. I've refunded the $12 today, "
        "and I'll email you the receipt once it's processed."
    )
    report = coach(text)
    assert report.missing == ["acknowledgement"]
    assert report.score >= 85
