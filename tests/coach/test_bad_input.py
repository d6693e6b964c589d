"""Bad input: empty, whitespace, very long and HTML drafts never crash and report sensibly."""

from __future__ import annotations

import pytest

from disputedesk.coach import CoachContext, PlaybookStep, coach
from disputedesk.coach.text import MAX_ANALYSED_CHARS


@pytest.mark.parametrize("draft", ["", "   ", "\n\n\t", "<p></p>", "<br/>&nbsp;"])
def test_empty_drafts_score_zero_with_everything_expected_missing(draft: str) -> None:
    report = coach(draft)
    assert report.score == 0
    assert report.findings == []
    assert report.present == []
    assert set(report.missing) >= {"acknowledgement", "solution", "next_steps"}


def test_empty_draft_with_context_lists_the_context_expectations() -> None:
    ctx = CoachContext(step=PlaybookStep.declining, company_at_fault=True)
    report = coach("", ctx)
    assert {"policy_reference", "solution", "apology", "empathy"} <= set(report.missing)


def test_very_long_draft_is_bounded_and_offsets_exact() -> None:
    good = "Thanks for your patience. I've refunded the $20 today. "
    bad = "As I already explained, you misunderstood the terms. "
    draft = good * 2000 + bad + good * 2000
    assert len(draft) > 200_000
    report = coach(draft)
    for finding in report.findings:
        assert draft[finding.start : finding.end] == finding.evidence
        assert finding.end <= MAX_ANALYSED_CHARS
    assert "solution" in report.present


def test_blame_early_in_a_long_draft_is_found() -> None:
    draft = "You misunderstood our policy. " + "We are looking into it. " * 10_000
    report = coach(draft)
    assert "blame" in {f.kind for f in report.findings}
    assert not report.passes()


def test_html_draft_offsets_point_into_the_original() -> None:
    draft = (
        "<div><p>Hi Ana,</p><p>The manual <b>clearly</b> says to charge it first, and "
        "<i>you&#39;ve misread</i> the warranty.</p></div>"
    )
    report = coach(draft)
    kinds = {f.kind for f in report.findings}
    assert {"blame", "condescension"} <= kinds
    for finding in report.findings:
        assert draft[finding.start : finding.end] == finding.evidence
    blame = next(f for f in report.findings if f.kind == "blame")
    assert blame.evidence.startswith("you&#39;ve misread")


def test_html_entities_and_tags_do_not_hide_elements() -> None:
    draft = (
        "<p>I&rsquo;m so sorry your order arrived late.</p><p>I&#39;ve refunded &pound;4.99.</p>"
    )
    report = coach(draft)
    assert {"apology", "solution"} <= set(report.present)


def test_script_content_is_ignored() -> None:
    draft = "<script>var x = 'calm down';</script><p>Thanks for your email.</p>"
    report = coach(draft)
    assert report.findings == []
    assert "acknowledgement" in report.present


def test_curly_quotes_and_non_ascii() -> None:
    draft = "You\u2019ve misunderstood the offer \u2014 it\u2019s \u20ac45.00 \U0001f600"
    report = coach(draft)
    finding = next(f for f in report.findings if f.kind == "blame")
    assert draft[finding.start : finding.end] == finding.evidence
    assert "\u2019" in finding.evidence


def test_leading_whitespace_does_not_use_up_the_analysed_prefix() -> None:
    draft = " " * 250_000 + "You misunderstood the offer."
    report = coach(draft)
    finding = next(f for f in report.findings if f.kind == "blame")
    assert draft[finding.start : finding.end] == finding.evidence
    assert finding.start == 250_000
