"""The small filters the pages print times and roles with."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from disputedesk.web.render import article, relative

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (timedelta(seconds=20), "in 1 min"),
        (timedelta(minutes=45), "in 45 min"),
        (timedelta(hours=3, minutes=5), "in 3 h 05 min"),
        (timedelta(hours=30), "in 30 h"),
        (timedelta(days=3, hours=2), "in 3 days"),
        (-timedelta(minutes=20), "overdue by 20 min"),
        (-timedelta(hours=2, minutes=5), "overdue by 2 h 05 min"),
    ],
)
def test_a_due_time_is_said_relative_to_now(delta: timedelta, text: str) -> None:
    assert relative(NOW + delta, NOW) == text


def test_no_due_time_is_a_dash() -> None:
    assert relative(None, NOW) == "—"


@pytest.mark.parametrize(
    ("word", "text"),
    [
        ("supervisor", "a supervisor"),
        ("manager", "a manager"),
        ("admin", "an admin"),
        ("agent", "an agent"),
    ],
)
def test_roles_get_their_article(word: str, text: str) -> None:
    assert article(word) == text
