"""The desk's workflow configuration: business calendar, SLA policy and escalation rules."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from disputedesk.config import get_settings
from disputedesk.workflow.calendar import BusinessCalendar, calendar_from_dict, office_hours
from disputedesk.workflow.rules import DEFAULT_RULES, EscalationRule, rules_from_dict
from disputedesk.workflow.sla import DEFAULT_POLICY, SlaPolicy, sla_policy_from_dict


@dataclass(frozen=True)
class WorkflowSetup:
    """Everything the automatic workflow needs to know about this business."""

    calendar: BusinessCalendar
    sla_policy: SlaPolicy
    rules: tuple[EscalationRule, ...]
    follow_up_business_days: int
    survey_valid_days: int


@lru_cache(maxsize=4)
def _load(
    path: Path | None, timezone: str, hours: str, follow_up_days: int, survey_days: int
) -> WorkflowSetup:
    start, _, end = hours.partition("-")
    calendar = office_hours(timezone, start=start.strip(), end=end.strip())
    policy, rules = DEFAULT_POLICY, DEFAULT_RULES
    if path is not None:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if "calendar" in data:
            calendar = calendar_from_dict(data["calendar"])
        if "sla" in data:
            policy = sla_policy_from_dict(data["sla"])
        if "escalation_rules" in data:
            rules = rules_from_dict(data["escalation_rules"])
    return WorkflowSetup(calendar, policy, rules, follow_up_days, survey_days)


def workflow_setup() -> WorkflowSetup:
    """The workflow configuration from the settings (a YAML file may override the defaults)."""
    s = get_settings()
    return _load(
        s.workflow_file,
        s.timezone,
        s.business_hours,
        s.follow_up_business_days,
        s.survey_valid_days,
    )
