"""SLA policies: the default table, category overrides, YAML loading and its errors."""

from __future__ import annotations

import itertools
import textwrap
from datetime import timedelta

import pytest

from disputedesk.workflow.calendar import WorkflowConfigError
from disputedesk.workflow.sla import (
    DEFAULT_POLICY,
    SlaTargets,
    parse_duration,
    sla_policy_from_dict,
    sla_policy_from_yaml,
)

H = timedelta(hours=1)


@pytest.mark.parametrize(
    ("priority", "expected"),
    [
        ("urgent", SlaTargets(H, 2 * H, 8 * H)),
        ("high", SlaTargets(4 * H, 8 * H, 24 * H)),
        ("normal", SlaTargets(8 * H, 16 * H, 40 * H)),
        ("low", SlaTargets(24 * H, 48 * H, 80 * H)),
    ],
)
def test_default_table(priority: str, expected: SlaTargets) -> None:
    assert DEFAULT_POLICY.targets_for(priority, "billing") == expected  # type: ignore[arg-type]


def test_default_targets_tighten_with_priority() -> None:
    order = [DEFAULT_POLICY.targets_for(p) for p in ("low", "normal", "high", "urgent")]
    for looser, tighter in itertools.pairwise(order):
        for name in ("first_response", "next_response", "resolution"):
            assert getattr(tighter, name) < getattr(looser, name)


POLICY_YAML = textwrap.dedent(
    """\
    priorities:
      urgent: {first_response: 30m}
    categories:
      chargeback:
        high: {resolution: 4h, next_response: none}
    """
)


def test_yaml_policy_overrides_fall_back_field_by_field() -> None:
    policy = sla_policy_from_yaml(POLICY_YAML)
    assert policy.targets_for("urgent") == SlaTargets(timedelta(minutes=30), 2 * H, 8 * H)
    assert policy.targets_for("high", "chargeback") == SlaTargets(4 * H, None, 4 * H)
    assert policy.targets_for("high", "delivery") == SlaTargets(4 * H, 8 * H, 24 * H)
    assert policy.targets_for("low", "chargeback") == DEFAULT_POLICY.targets_for("low")


@pytest.mark.parametrize(
    ("text", "value"),
    [("4h", 4 * H), ("30m", timedelta(minutes=30)), ("1h 30m", 90 * timedelta(minutes=1))],
)
def test_parse_duration(text: str, value: timedelta) -> None:
    assert parse_duration(text, "x") == value


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"priorities": {"asap": {}}}, "priorities.asap", "unknown priority"),
        ({"priorities": {"high": {"first_reply": "1h"}}}, "priorities.high.first_reply", "unknown"),
        ({"priorities": {"high": {"resolution": "2 days"}}}, "priorities.high.resolution", "4h"),
        ({"priorities": {"high": {"resolution": 8}}}, "priorities.high.resolution", "4h"),
        ({"priorities": {"high": {"resolution": "0h"}}}, "priorities.high.resolution", "positive"),
        ({"categories": {"billing": ["urgent"]}}, "categories.billing", "mapping"),
        ({"categories": {"billing": {"vip": {}}}}, "categories.billing.vip", "unknown priority"),
        ({"prioritys": {}}, "prioritys", "unknown field"),
    ],
)
def test_policy_errors_name_the_field(data: dict[str, object], field: str, message: str) -> None:
    with pytest.raises(WorkflowConfigError, match=message) as caught:
        sla_policy_from_dict(data)
    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field}: ")


def test_invalid_yaml_is_reported() -> None:
    with pytest.raises(WorkflowConfigError, match="not valid YAML"):
        sla_policy_from_yaml("priorities: [")
