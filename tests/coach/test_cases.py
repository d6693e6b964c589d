"""Table-driven tests on our own labelled replies (tests/coach/cases.py)."""

from __future__ import annotations

import pytest

from disputedesk.coach import coach
from tests.coach.cases import CASES


def _id(case: tuple[str, set[str], set[str]]) -> str:
    return case[0][:40].replace("\n", " ")


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_labelled_case(case: tuple[str, set[str], set[str]]) -> None:
    text, findings, present = case
    report = coach(text)
    assert {f.kind for f in report.findings} == findings
    assert set(report.present) == present


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_evidence_is_exact_substring(case: tuple[str, set[str], set[str]]) -> None:
    text = case[0]
    for finding in coach(text).findings:
        assert text[finding.start : finding.end] == finding.evidence
        assert finding.evidence.strip()
        assert finding.suggestion


def test_cases_cover_every_finding_and_element() -> None:
    kinds = set().union(*(c[1] for c in CASES))
    elements = set().union(*(c[2] for c in CASES))
    assert len(CASES) >= 80
    assert kinds == {
        "blame",
        "condescension",
        "defensiveness",
        "dismissiveness",
        "refusal_without_alternative",
        "over_promise",
        "canned",
    }
    assert len(elements) == 9
