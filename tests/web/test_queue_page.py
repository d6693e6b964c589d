"""The queue: filters, sort, counts per view, cursor pages, and htmx fragments."""

from __future__ import annotations

import re
from typing import Any

from tests.conftest import Clock, StaffMember
from tests.factories import make_customer, make_dispute
from tests.web.conftest import Desk

_ROW_LINK = re.compile(r'<a href="/desk/disputes/(\d+)">')


def _ids(html: str) -> list[int]:
    return [int(i) for i in _ROW_LINK.findall(html)]


def _count(html: str, label: str) -> int:
    match = re.search(re.escape(label) + r' <span class="count">(\d+)</span>', html)
    assert match, f"no count for {label}"
    return int(match.group(1))


def _assign(desk: Desk, dispute: dict[str, Any], user_id: int) -> None:
    response = desk.api.post(
        f"/api/v1/disputes/{dispute['id']}/assignment",
        json={"assignee_id": user_id, "version": dispute["version"]},
    )
    assert response.status_code == 200, response.text


def _arrange(desk: Desk, staff: dict[str, StaffMember], clock: Clock) -> dict[str, Any]:
    customer = make_customer(desk.api, name="Mara Quill")
    mine = make_dispute(desk.api, customer["id"], subject="Kettle leaks", priority="high")
    clock.advance(minutes=5)
    theirs = make_dispute(desk.api, customer["id"], subject="Toaster burns", category="warranty")
    clock.advance(minutes=5)
    loose = make_dispute(desk.api, subject="Parcel never came", priority="urgent")
    clock.advance(minutes=5)
    done = make_dispute(desk.api, subject="Old refund")
    _assign(desk, mine, staff["agent"].id)
    _assign(desk, theirs, staff["supervisor"].id)
    desk.api.post(
        f"/api/v1/disputes/{loose['id']}/escalation",
        json={"level": "supervisor", "reason": "asked for a manager", "version": 1},
    )
    desk.api.post(
        f"/api/v1/disputes/{done['id']}/transitions",
        json={"to": "resolved", "version": 1, "outcome": "explained", "root_cause": "other"},
    )
    return {"mine": mine, "theirs": theirs, "loose": loose, "done": done}


def test_queue_lists_open_disputes_with_customer_badges_and_counts(
    desk: Desk, staff: dict[str, StaffMember], clock: Clock
) -> None:
    d = _arrange(desk, staff, clock)
    page = desk.client.get("/desk")
    assert page.status_code == 200
    ids = _ids(page.text)
    assert set(ids) == {d["mine"]["id"], d["theirs"]["id"], d["loose"]["id"]}
    assert "Mara Quill" in page.text
    assert 'class="badge priority priority-urgent"' in page.text
    assert "escalated: supervisor" in page.text
    assert _count(page.text, "Mine") == 1
    assert _count(page.text, "Unassigned") == 1
    assert _count(page.text, "Escalated") == 1
    assert _count(page.text, "All open") == 3


def test_filters_work_as_plain_get_links(
    desk: Desk, staff: dict[str, StaffMember], clock: Clock
) -> None:
    d = _arrange(desk, staff, clock)
    assert _ids(desk.client.get("/desk?assignee=me").text) == [d["mine"]["id"]]
    assert _ids(desk.client.get("/desk?assignee=unassigned").text) == [d["loose"]["id"]]
    assert _ids(desk.client.get("/desk?priority=urgent").text) == [d["loose"]["id"]]
    assert _ids(desk.client.get("/desk?category=warranty").text) == [d["theirs"]["id"]]
    assert _ids(desk.client.get("/desk?status=resolved").text) == [d["done"]["id"]]
    assert _ids(desk.client.get("/desk?q=toaster").text) == [d["theirs"]["id"]]
    assert _ids(desk.client.get("/desk?escalation=escalated").text) == [d["loose"]["id"]]
    assert len(_ids(desk.client.get("/desk?status=any").text)) == 4


def test_sort_orders_the_rows(desk: Desk, staff: dict[str, StaffMember], clock: Clock) -> None:
    d = _arrange(desk, staff, clock)
    oldest = _ids(desk.client.get("/desk?sort=created").text)
    assert oldest == [d["mine"]["id"], d["theirs"]["id"], d["loose"]["id"]]
    newest = _ids(desk.client.get("/desk?sort=-created").text)
    assert newest == list(reversed(oldest))
    by_priority = _ids(desk.client.get("/desk?sort=-priority").text)
    assert by_priority[0] == d["loose"]["id"]


def test_htmx_filter_request_gets_only_the_results_fragment(
    desk: Desk, staff: dict[str, StaffMember], clock: Clock
) -> None:
    d = _arrange(desk, staff, clock)
    response = desk.client.get(
        "/desk?priority=high",
        headers={"HX-Request": "true", "HX-Target": "queue-results"},
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="queue-results"')
    assert "<html" not in response.text
    assert _ids(response.text) == [d["mine"]["id"]]


def test_next_page_follows_the_cursor_and_keeps_the_filters(
    desk: Desk, clock: Clock, staff: dict[str, StaffMember]
) -> None:
    customer = make_customer(desk.api)
    made = []
    for n in range(27):
        made.append(make_dispute(desk.api, customer["id"], subject=f"Case {n}")["id"])
        clock.advance(minutes=1)
    first = desk.client.get("/desk?sort=created")
    assert _ids(first.text) == made[:25]
    match = re.search(r'href="(/desk\?[^"]*cursor=[^"]+)"[^>]*rel="next"', first.text)
    assert match, "no next page link"
    url = match.group(1).replace("&amp;", "&")
    assert "sort=created" in url
    second = desk.client.get(url)
    assert _ids(second.text) == made[25:]
    assert 'rel="next"' not in second.text
    assert "First page" in second.text


def test_a_broken_cursor_shows_the_first_page_with_a_note(desk: Desk) -> None:
    make_dispute(desk.api)
    page = desk.client.get("/desk?cursor=not-a-cursor")
    assert page.status_code == 200
    assert "out of date" in page.text
    assert len(_ids(page.text)) == 1


def test_unknown_filter_values_fall_back_to_defaults(desk: Desk) -> None:
    make_dispute(desk.api)
    page = desk.client.get("/desk?status=bogus&priority=<b>&sort=drop")
    assert page.status_code == 200
    assert len(_ids(page.text)) == 1
    assert "<b>" not in page.text
