"""The dispute lifecycle state machine (pure)."""

from __future__ import annotations

import pytest

from disputedesk.disputes.lifecycle import (
    STATUSES,
    IllegalTransition,
    allowed_transitions,
    check_transition,
    is_reopen,
    path_to,
)

LEGAL = [
    ("new", "acknowledged"),
    ("acknowledged", "investigating"),
    ("investigating", "awaiting_customer"),
    ("awaiting_customer", "investigating"),
    ("investigating", "offer_made"),
    ("offer_made", "resolved"),
    ("resolved", "closed"),
    ("resolved", "investigating"),
    ("closed", "investigating"),
]
ILLEGAL = [
    ("new", "closed"),
    ("new", "offer_made"),
    ("closed", "resolved"),
    ("resolved", "offer_made"),
    ("awaiting_customer", "closed"),
    ("closed", "closed"),
]


@pytest.mark.parametrize(("current", "target"), LEGAL)
def test_the_documented_path_is_allowed(current: str, target: str) -> None:
    check_transition(current, target)


@pytest.mark.parametrize(("current", "target"), ILLEGAL)
def test_illegal_moves_name_the_current_state_and_the_allowed_ones(
    current: str, target: str
) -> None:
    with pytest.raises(IllegalTransition) as info:
        check_transition(current, target)
    message = str(info.value)
    assert f"'{current}'" in message
    for allowed in allowed_transitions(current):
        assert allowed in message


def test_reopen_is_only_from_a_finished_dispute() -> None:
    assert is_reopen("resolved", "investigating")
    assert is_reopen("closed", "investigating")
    assert not is_reopen("awaiting_customer", "investigating")


@pytest.mark.parametrize("target", STATUSES[1:])
def test_every_status_is_reachable_from_new(target: str) -> None:
    path = path_to("new", target)
    assert path[-1] == target
    current = "new"
    for step in path:
        check_transition(current, step)
        current = step
