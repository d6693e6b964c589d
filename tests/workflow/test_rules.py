"""Escalation rules: the default set, never lowering a level, approvals, YAML and follow-ups."""

from __future__ import annotations

import textwrap
from datetime import UTC, date, datetime
from typing import Any

import pytest

from disputedesk.workflow.calendar import WorkflowConfigError, office_hours
from disputedesk.workflow.rules import (
    DEFAULT_RULES,
    EscalationDecision,
    anger_rising,
    escalation_flags,
    evaluate_escalation,
    follow_up_due,
    rules_from_dict,
    rules_from_yaml,
)

QUIET: dict[str, Any] = {
    "risks": [],
    "anger_history": [0.2],
    "repeat_contacts": 1,
    "sla_breached": False,
    "current_level": "agent",
}


def escalate(**changes: Any) -> list[EscalationDecision]:
    return evaluate_escalation(**{**QUIET, **changes})


def summary(decisions: list[EscalationDecision]) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(d.kind, d.target_level, d.flags) for d in decisions]


@pytest.mark.parametrize(
    ("changes", "expected", "reason"),
    [
        (
            {"risks": ["manager_request"]},
            ("supervisor", ()),
            "customer asked to speak to a manager",
        ),
        ({"risks": ["legal_threat"]}, ("manager", ("legal",)), "customer threatens legal action"),
        ({"risks": ["regulator_complaint"]}, ("manager", ("legal",)), "regulator"),
        ({"risks": ["safety_issue"]}, ("manager", ("safety",)), "possible safety issue"),
        ({"sla_breached": True}, ("supervisor", ()), "an SLA target was breached"),
        ({"repeat_contacts": 3}, ("supervisor", ()), "customer has contacted us 3 times"),
        ({"anger_history": [0.2, 0.5]}, ("supervisor", ()), "anger rose over the last 2 messages"),
    ],
)
def test_default_rules(changes: dict[str, Any], expected: tuple[str, Any], reason: str) -> None:
    decisions = escalate(**changes)
    assert summary(decisions) == [("escalate", *expected)]
    assert any(reason in r for r in decisions[0].reasons)


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"repeat_contacts": 2},
        {"anger_history": [0.5, 0.5]},
        {"anger_history": [0.2, 0.6, 0.4]},
        {"anger_history": [0.9]},
        {"risks": ["public_review_threat", "abusive_language"]},
    ],
)
def test_nothing_fires_without_a_trigger(changes: dict[str, Any]) -> None:
    assert escalate(**changes) == []


def test_highest_level_wins_and_every_reason_is_kept() -> None:
    [decision] = escalate(risks=["manager_request", "legal_threat", "safety_issue"])
    assert decision.target_level == "manager"
    assert decision.flags == ("legal", "safety")
    assert decision.triggers == ("manager_request", "legal_threat", "safety_issue")
    assert len(decision.reasons) == 3


def test_never_lowers_and_nothing_at_or_above_the_target() -> None:
    assert escalate(risks=["manager_request"], current_level="supervisor") == []
    assert escalate(risks=["legal_threat"], current_level="manager") == []
    assert summary(escalate(risks=["legal_threat"], current_level="supervisor")) == [
        ("escalate", "manager", ("legal",))
    ]


def test_flags_are_available_whatever_the_level() -> None:
    assert escalation_flags(risks=["legal_threat", "safety_issue"]) == {"legal", "safety"}
    assert escalation_flags(risks=["manager_request"]) == set()


def test_offer_above_authority_asks_for_approval_at_the_needed_level() -> None:
    decisions = escalate(offer_needs="manager")
    assert summary(decisions) == [("approval", "manager", ())]
    assert decisions[0].reasons == (
        "offer is above the agent's authority: manager approval needed",
    )
    assert escalate(offer_needs=None) == []


def test_unknown_level_is_rejected() -> None:
    with pytest.raises(ValueError, match="level must be one of"):
        escalate(current_level="boss")


@pytest.mark.parametrize(
    ("history", "messages", "expected"),
    [
        ([0.1, 0.2], 2, True),
        ([0.1, 0.2, 0.1], 2, False),
        ([0.1, 0.2, 0.3], 3, True),
        ([], 2, False),
    ],
)
def test_anger_rising(history: list[float], messages: int, expected: bool) -> None:
    assert anger_rising(history, messages) is expected


RULES_YAML = textwrap.dedent(
    """\
    rules:
      - trigger: repeat_contact
        target: manager
        threshold: 5
        reason: "{count} contacts: call the customer"
      - trigger: legal_threat
        target: manager
        flag: legal
        reason: legal threat
    """
)


def test_rules_load_from_yaml_and_use_their_thresholds() -> None:
    rules = rules_from_yaml(RULES_YAML)
    assert escalate(rules=rules, repeat_contacts=4) == []
    [decision] = escalate(rules=rules, repeat_contacts=5)
    assert (decision.target_level, decision.reasons) == (
        "manager",
        ("5 contacts: call the customer",),
    )


def test_default_rules_round_trip_through_dicts() -> None:
    data = [{k: v for k, v in vars(r).items() if v is not None} for r in DEFAULT_RULES]
    assert rules_from_dict({"rules": data}) == DEFAULT_RULES


@pytest.mark.parametrize(
    ("rule", "field", "message"),
    [
        ({"trigger": "rude", "target": "manager", "reason": "x"}, "rules[0].trigger", "one of"),
        ({"trigger": "sla_breach", "target": "boss", "reason": "x"}, "rules[0].target", "one of"),
        ({"trigger": "sla_breach", "target": "manager"}, "rules[0].reason", "required"),
        (
            {"trigger": "sla_breach", "target": "manager", "reason": "{who}"},
            "rules[0].reason",
            "{who}",
        ),
        (
            {"trigger": "sla_breach", "target": "manager", "reason": "x", "flag": "pr"},
            "rules[0].flag",
            "legal, safety",
        ),
        (
            {"trigger": "repeat_contact", "target": "manager", "reason": "x", "threshold": 0},
            "rules[0].threshold",
            "positive integer",
        ),
        (
            {"trigger": "sla_breach", "target": "manager", "reason": "x", "level": 1},
            "rules[0].level",
            "unknown field",
        ),
        ("legal_threat", "rules[0]", "expected a mapping"),
    ],
)
def test_rule_errors_name_the_field(rule: Any, field: str, message: str) -> None:
    with pytest.raises(WorkflowConfigError, match=message) as caught:
        rules_from_dict({"rules": [rule]})
    assert caught.value.field == field


def test_rules_must_be_a_list() -> None:
    with pytest.raises(WorkflowConfigError) as caught:
        rules_from_yaml("rules: legal_threat")
    assert caught.value.field == "rules"


def test_follow_up_defaults_to_three_business_days() -> None:
    london = office_hours("Europe/London", holidays=frozenset({date(2026, 3, 10)}))
    resolved = datetime(2026, 3, 6, 14, tzinfo=UTC)  # Friday
    assert follow_up_due(london, resolved) == datetime(2026, 3, 12, 14, tzinfo=UTC)
    assert follow_up_due(london, resolved, business_days=1) == datetime(2026, 3, 9, 14, tzinfo=UTC)
