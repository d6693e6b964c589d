"""Marking risk evidence in a customer's words: exact spans, escaping, odd inputs."""

from __future__ import annotations

from typing import Any

import pytest

from disputedesk.web.highlight import highlight


def _risk(kind: str, text: str, evidence: str, **extra: Any) -> dict[str, Any]:
    start = text.index(evidence)
    return {
        "kind": kind,
        "evidence": evidence,
        "start": start,
        "end": start + len(evidence),
    } | extra


def test_the_exact_span_is_marked_and_the_rest_escaped() -> None:
    text = "<b>I</b> will sue & call my bank"
    out = str(highlight(text, [_risk("legal_threat", text, "sue")]))
    assert out == (
        "&lt;b&gt;I&lt;/b&gt; will "
        '<mark class="risk risk-legal_threat" title="legal threat">sue</mark> &amp; call my bank'
    )


def test_evidence_containing_markup_is_escaped_inside_the_mark() -> None:
    text = "I'll <script>sue</script>"
    out = str(highlight(text, [_risk("legal_threat", text, "<script>sue</script>")]))
    assert "<script>" not in out
    assert ">&lt;script&gt;sue&lt;/script&gt;</mark>" in out


@pytest.mark.parametrize(
    "item",
    [
        {"kind": "legal_threat", "evidence": "nothing like this", "start": 0, "end": 5},
        {"kind": '"><script>', "evidence": "sue", "start": 7, "end": 10},
        {"kind": "legal_threat", "evidence": "", "start": 0, "end": 0},
        {"kind": "legal_threat"},
    ],
)
def test_unusable_items_leave_the_text_unmarked(item: dict[str, Any]) -> None:
    assert "<mark" not in str(highlight("I will sue", [item]))


def test_wrong_offsets_fall_back_to_finding_the_words() -> None:
    text = "Card ****1111 billed twice, I will sue"
    item = {"kind": "legal_threat", "evidence": "sue", "start": 3, "end": 6}
    assert '">sue</mark>' in str(highlight(text, [item]))


def test_overlapping_spans_keep_the_first_longest() -> None:
    text = "dispute the charge with my bank"
    items = [
        _risk("chargeback_threat", text, "dispute the charge with my bank"),
        _risk("legal_threat", text, "charge"),
    ]
    out = str(highlight(text, items))
    assert out.count("<mark") == 1
    assert "risk-chargeback_threat" in out
