"""Calendar configuration: YAML loading, errors that name the field, and no hidden clock."""

from __future__ import annotations

import textwrap
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import time_machine

from disputedesk.workflow.calendar import (
    DAY_MINUTES,
    BusinessCalendar,
    WorkflowConfigError,
    add_business_time,
    calendar_from_dict,
    calendar_from_yaml,
)
from disputedesk.workflow.rules import follow_up_due
from disputedesk.workflow.sla import DEFAULT_POLICY, SlaEvent, compute_sla

CALENDAR_YAML = textwrap.dedent(
    """\
    name: support-uk
    timezone: Europe/London
    hours:
      mon: 09:00-17:00
      tue: ["09:00-12:00", "13:00-17:30"]
      wed: 09:00-17:00
      thu: 09:00-17:00
      fri: 09:00-16:00
      sat: closed
    holidays:
      - 2026-12-25
      - "2026-12-28"
    """
)


def test_yaml_calendar() -> None:
    cal = calendar_from_yaml(CALENDAR_YAML)
    assert cal.name == "support-uk"
    assert cal.hours[1] == ((540, 720), (780, 1050))
    assert cal.hours[5] == cal.hours[6] == ()
    assert cal.holidays == {date(2026, 12, 25), date(2026, 12, 28)}
    assert cal.week_total == timedelta(hours=8 * 3 + 7 + 7.5)


def test_hours_default_to_24x7() -> None:
    cal = calendar_from_dict({"timezone": "Asia/Tokyo"})
    assert cal.hours == (((0, DAY_MINUTES),),) * 7


def test_adjacent_ranges_are_merged() -> None:
    cal = calendar_from_dict({"timezone": "UTC", "hours": {"mon": ["09:00-12:00", "12:00-17:00"]}})
    assert cal.hours[0] == ((540, 1020),)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"hours": "24x7"}, "timezone", "is required"),
        ({"timezone": "Mars/Olympus"}, "timezone", "unknown time zone"),
        ({"timezone": 5}, "timezone", "IANA"),
        ({"timezone": "UTC", "tz": "UTC"}, "tz", "unknown field"),
        ({"timezone": "UTC", "hours": {"monday": "09:00-17:00"}}, "hours.monday", "weekday"),
        ({"timezone": "UTC", "hours": {"mon": "9-5"}}, "hours.mon", "HH:MM-HH:MM"),
        ({"timezone": "UTC", "hours": {"mon": ["09:00-17:00", "x"]}}, "hours.mon[1]", "HH:MM"),
        ({"timezone": "UTC", "hours": {"mon": "17:00-09:00"}}, "hours.mon", "within one day"),
        ({"timezone": "UTC", "hours": {"mon": "09:00-24:30"}}, "hours.mon", "within one day"),
        (
            {"timezone": "UTC", "hours": {"tue": ["09:00-13:00", "12:00-17:00"]}},
            "hours.tue",
            "overlap",
        ),
        ({"timezone": "UTC", "hours": {"mon": 9}}, "hours.mon", "list"),
        ({"timezone": "UTC", "hours": {}}, "hours", "no working time"),
        ({"timezone": "UTC", "hours": "weekdays"}, "hours", "24x7"),
        ({"timezone": "UTC", "holidays": ["2026-13-01"]}, "holidays[0]", "YYYY-MM-DD"),
        ({"timezone": "UTC", "holidays": "2026-12-25"}, "holidays", "list"),
        ({"timezone": "UTC", "name": 3}, "name", "string"),
    ],
)
def test_calendar_errors_name_the_field(data: dict[str, Any], field: str, message: str) -> None:
    with pytest.raises(WorkflowConfigError, match=message) as caught:
        calendar_from_dict(data)
    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field}: ")


def test_yaml_datetime_holiday_is_rejected() -> None:
    with pytest.raises(WorkflowConfigError) as caught:
        calendar_from_yaml("timezone: UTC\nholidays: [2026-12-25 10:00:00]\n")
    assert caught.value.field == "holidays[0]"


def test_invalid_yaml_is_reported() -> None:
    with pytest.raises(WorkflowConfigError, match="not valid YAML"):
        calendar_from_yaml("timezone: [UTC")


def test_direct_construction_is_validated() -> None:
    with pytest.raises(WorkflowConfigError, match="needs 7 weekdays"):
        BusinessCalendar(timezone="UTC", hours=(((0, 60),),))
    with pytest.raises(WorkflowConfigError) as caught:
        BusinessCalendar(timezone="UTC", hours=(((600, 60),),) * 7)
    assert caught.value.field == "hours.mon[0]"


@pytest.mark.parametrize(
    "travel_to", [datetime(2001, 1, 1, tzinfo=UTC), datetime(2090, 6, 1, tzinfo=UTC)]
)
def test_results_do_not_depend_on_the_machine_clock(travel_to: datetime) -> None:
    cal = calendar_from_yaml(CALENDAR_YAML)
    start = datetime(2026, 12, 24, 15, tzinfo=UTC)
    expected = (
        add_business_time(cal, start, timedelta(hours=3)),
        follow_up_due(cal, start),
        compute_sla(
            calendar=cal,
            targets=DEFAULT_POLICY.targets_for("high"),
            opened_at=start,
            events=[SlaEvent("agent_response", start + timedelta(hours=1))],
            now=start + timedelta(days=2),
        ),
    )
    with time_machine.travel(travel_to, tick=False):
        again = (
            add_business_time(cal, start, timedelta(hours=3)),
            follow_up_due(cal, start),
            compute_sla(
                calendar=cal,
                targets=DEFAULT_POLICY.targets_for("high"),
                opened_at=start,
                events=[SlaEvent("agent_response", start + timedelta(hours=1))],
                now=start + timedelta(days=2),
            ),
        )
    assert again == expected
    assert expected[0] == datetime(2026, 12, 29, 10, tzinfo=UTC)
