"""What a reply is expected to contain in a context, and the 0-100 score."""

from __future__ import annotations

from disputedesk.coach.models import (
    DEFAULT_SEND_THRESHOLD,
    CoachContext,
    Element,
    Finding,
    FindingKind,
    PlaybookStep,
)

# Points taken for the first finding of a kind; each further one of the same kind takes REPEAT more.
FINDING_PENALTY: dict[FindingKind, int] = {
    "blame": 35,
    "condescension": 35,
    "dismissiveness": 31,
    "defensiveness": 25,
    "refusal_without_alternative": 25,
    "over_promise": 20,
    "canned": 25,
}
REPEAT_PENALTY = 5
MAX_REPEAT_PENALTY = 10
# Points taken for each expected element that is missing (at most MAX_MISSING_PENALTY in all).
MISSING_PENALTY: dict[Element, int] = {
    "empathy": 8,
    "acknowledgement": 8,
    "apology": 12,
    "clarifying_question": 12,
    "solution": 15,
    "policy_reference": 12,
    "next_steps": 10,
    "timeline": 8,
    "follow_up": 8,
}
MAX_MISSING_PENALTY = 60

STEP_EXPECTS: dict[PlaybookStep, frozenset[Element]] = {
    PlaybookStep.first_response: frozenset({"acknowledgement", "empathy", "next_steps"}),
    PlaybookStep.investigating: frozenset(
        {"acknowledgement", "next_steps", "timeline", "follow_up"}
    ),
    PlaybookStep.offer: frozenset({"acknowledgement", "solution", "next_steps", "timeline"}),
    PlaybookStep.declining: frozenset(
        {"acknowledgement", "empathy", "policy_reference", "solution", "next_steps"}
    ),
    PlaybookStep.follow_up: frozenset({"acknowledgement", "follow_up", "next_steps"}),
}
DEFAULT_EXPECTS: frozenset[Element] = frozenset(
    {"acknowledgement", "empathy", "solution", "next_steps"}
)

assert all(
    p >= 100 - DEFAULT_SEND_THRESHOLD
    for k, p in FINDING_PENALTY.items()
    if k in ("blame", "condescension", "dismissiveness")
)


def expected_elements(
    context: CoachContext | None, present: set[Element], refused: bool
) -> set[Element]:
    """The elements a reply should contain in this context (inferred from the draft when none)."""
    if context is None:
        expected: set[Element] = set(DEFAULT_EXPECTS)
        if "clarifying_question" in present:
            # The next step is the customer's answer; a solution may wait for it.
            expected.discard("next_steps")
            if "solution" not in present:
                expected.discard("solution")
        if refused:
            expected.add("policy_reference")
        if present & {"next_steps", "follow_up"}:
            expected.add("timeline")
        return expected
    expected = set(STEP_EXPECTS[context.step]) if context.step else set(DEFAULT_EXPECTS)
    if context.company_at_fault:
        expected.add("apology")
    if context.declining:
        expected |= {"policy_reference", "solution"}
    if context.action_pending:
        expected |= {"timeline", "next_steps"}
    if context.facts_missing:
        expected.add("clarifying_question")
        if context.step in (None, PlaybookStep.first_response):
            expected -= {"solution"}
    return expected


def compute_score(findings: list[Finding], missing: set[Element], empty: bool) -> int:
    """100 minus finding penalties minus missing-element penalties, clamped to 0..100."""
    if empty:
        return 0
    score = 100
    counts: dict[FindingKind, int] = {}
    for finding in findings:
        counts[finding.kind] = counts.get(finding.kind, 0) + 1
    for kind, count in counts.items():
        score -= FINDING_PENALTY[kind]
        score -= min(MAX_REPEAT_PENALTY, REPEAT_PENALTY * (count - 1))
    score -= min(MAX_MISSING_PENALTY, sum(MISSING_PENALTY[e] for e in missing))
    return max(0, min(100, score))
