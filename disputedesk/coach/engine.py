"""The coach: a draft (and optionally the dispute's context) -> CoachReport."""

from __future__ import annotations

from disputedesk.coach.canned import canned
from disputedesk.coach.elements import detect_elements, ordered
from disputedesk.coach.findings import TONE_RULES
from disputedesk.coach.models import CoachContext, CoachReport, Element, Finding
from disputedesk.coach.rules import dedupe, run_rules
from disputedesk.coach.score import compute_score, expected_elements
from disputedesk.coach.substance import over_promises, refusals, says_no
from disputedesk.coach.text import Prepared, prepare, prepare_draft

_KIND_ORDER = {
    k: i
    for i, k in enumerate(
        (
            "blame",
            "condescension",
            "defensiveness",
            "dismissiveness",
            "refusal_without_alternative",
            "over_promise",
            "canned",
        )
    )
}


def analyse(draft: str, context: CoachContext | None = None) -> tuple[list[Finding], set[Element]]:
    """Findings (with spans in the draft) and present elements of a draft, without scoring."""
    prepared = prepare_draft(draft)
    text = prepared.text
    if not text.strip():
        return [], set()
    present = detect_elements(text)
    findings = run_rules(TONE_RULES, text, text)
    findings += refusals(text, text, present)
    findings += over_promises(text, text, context)
    templates = context.templates if context else []
    findings += canned(text, text, present, len(findings), templates)
    findings = [_to_draft(f, draft, prepared) for f in dedupe(findings)]
    findings.sort(key=lambda f: (f.start, _KIND_ORDER[f.kind]))
    return findings, present


def _to_draft(finding: Finding, draft: str, prepared: Prepared) -> Finding:
    start, end = prepared.span(finding.start, finding.end)
    return finding.model_copy(update={"start": start, "end": end, "evidence": draft[start:end]})


def coach(draft: str, context: CoachContext | None = None) -> CoachReport:
    """Coach a reply draft: findings with evidence, elements present and missing, a 0-100 score."""
    findings, present = analyse(draft, context)
    text = prepare(draft)
    if not text.strip():
        expected: set[Element] = expected_elements(context, set(), refused=False)
        return CoachReport(score=0, findings=[], present=[], missing=ordered(expected))
    refused = any(f.kind == "refusal_without_alternative" for f in findings) or says_no(text)
    expected = expected_elements(context, present, refused)
    missing = expected - present
    score = compute_score(findings, missing, empty=False)
    return CoachReport(
        score=score, findings=findings, present=ordered(present), missing=ordered(missing)
    )
