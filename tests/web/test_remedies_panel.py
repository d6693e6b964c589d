"""The remedies panel: what the policy allows, making offers, and the customer's answer."""

from __future__ import annotations

import re
from typing import Any

import pytest
from markupsafe import escape

from disputedesk.web.offer_pages import minor_units
from tests.factories import make_customer, make_dispute, make_order
from tests.web.conftest import Desk


def _dispute(desk: Desk) -> dict[str, Any]:
    customer = make_customer(desk.api)
    order = make_order(desk.api, customer["id"])
    return make_dispute(
        desk.api,
        customer_id=customer["id"],
        order_id=order["id"],
        category="product_defect",
        desired_outcome="replacement",
    )


def _remedies(desk: Desk, dispute_id: int) -> dict[str, Any]:
    data: dict[str, Any] = desk.api.get(f"/api/v1/disputes/{dispute_id}/remedies").json()
    return data


def _offers(desk: Desk, dispute_id: int) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = desk.api.get(f"/api/v1/disputes/{dispute_id}/offers").json()
    return data


def _section(page: str, element_id: str) -> str:
    """One remedy's item: from its id to the next remedy (or the end of the list)."""
    start = page.index(f'id="{element_id}"')
    ends = [page.find(mark, start + 1) for mark in ('<li class="remedy ', "Offers on this dispute")]
    return page[start : min(e for e in ends if e > 0)]


@pytest.mark.parametrize(
    ("typed", "minor"),
    [("", None), ("25", 2500), ("25.5", 2550), ("25.50", 2550), ("0.07", 7), ("12,99", 1299)],
)
def test_typed_amounts_become_minor_units(typed: str, minor: int | None) -> None:
    assert minor_units(typed) == minor


@pytest.mark.parametrize("typed", ["-5", "1.234", "ten", "1e3", "25.5.5", "１２"])
def test_amounts_that_are_not_money_are_refused(typed: str) -> None:
    with pytest.raises(ValueError, match="such as 25"):
        minor_units(typed)


def test_each_remedy_shows_why_the_clause_the_maximum_and_the_role(desk: Desk) -> None:
    dispute = _dispute(desk)
    answer = _remedies(desk, dispute["id"])
    page = desk.client.get(f"/desk/disputes/{dispute['id']}").text
    for decision in answer["decisions"]:
        block = _section(page, f"remedy-{decision['remedy']}")
        assert ("allowed" if decision["allowed"] else "not allowed") in block
        for reason in decision["reasons"]:
            assert str(escape(reason)) in block
        clause = decision["clause"]
        assert clause["id"] in block
        assert str(escape(clause["title"])) in block
        assert str(escape(clause["text"])) in block
        if decision["allowed"] and decision["remedy"] != "explanation":
            cents = decision["max_amount_minor"]
            assert f"up to USD {cents // 100:,}.{cents % 100:02d}" in block
        if decision["allowed"] and decision["required_role"]:
            role = decision["required_role"]
            a = "an" if role in ("agent", "admin") else "a"
            assert f"Needs {a} <strong>{role}</strong> for the full amount" in block


def test_the_offer_form_lists_only_allowed_remedies(desk: Desk) -> None:
    dispute = _dispute(desk)
    answer = _remedies(desk, dispute["id"])
    page = desk.client.get(f"/desk/disputes/{dispute['id']}").text
    select = re.search(r'<select id="offer-remedy" name="remedy"[^>]*>(.*?)</select>', page, re.S)
    assert select
    offered = set(re.findall(r'<option value="([a-z_]+)"', select.group(1)))
    allowed = {d["remedy"] for d in answer["decisions"] if d["allowed"]}
    assert offered == allowed
    assert "replacement" not in offered  # refused by the 14-day clause for this order


def test_an_offer_within_the_agents_authority_is_made(desk: Desk) -> None:
    dispute = _dispute(desk)
    response = desk.post(
        f"/desk/disputes/{dispute['id']}/offers",
        {"remedy": "refund_partial", "amount": "40", "policy_version": "1"},
    )
    assert response.status_code == 303, response.text
    assert response.headers["location"].endswith("?done=offer")
    [offer] = _offers(desk, dispute["id"])
    assert (offer["remedy"], offer["amount_minor"], offer["status"]) == (
        "refund_partial",
        4000,
        "offered",
    )
    page = desk.client.get(response.headers["location"]).text
    assert "The offer was recorded" in page
    assert f'id="answer-{offer["id"]}-accept"' in page
    assert f'id="answer-{offer["id"]}-decline"' in page


def test_an_offer_above_the_agents_authority_waits_for_the_named_approver(desk: Desk) -> None:
    dispute = _dispute(desk)
    response = desk.post(
        f"/desk/disputes/{dispute['id']}/offers",
        {"remedy": "refund_full", "amount": "129.99"},
        htmx=True,
    )
    assert response.status_code == 200
    assert "it now waits for approval by a supervisor" in response.text
    [offer] = _offers(desk, dispute["id"])
    assert (offer["status"], offer["approver_role"]) == ("pending_approval", "supervisor")
    assert "Waiting for a supervisor to approve it." in response.text
    assert f'id="answer-{offer["id"]}-accept"' not in response.text


def test_a_refused_offer_names_the_clause_next_to_the_field(desk: Desk) -> None:
    dispute = _dispute(desk)
    response = desk.post(
        f"/desk/disputes/{dispute['id']}/offers",
        {"remedy": "goodwill_credit", "amount": "1000"},
    )
    assert response.status_code == 422
    error = re.search(r'id="offer-amount-error">([^<]+)</p>', response.text)
    assert error
    assert "goodwill-credit" in error.group(1)
    assert 'value="1000"' in response.text
    assert _offers(desk, dispute["id"]) == []


def test_a_remedy_the_policy_refuses_is_refused_next_to_the_remedy(desk: Desk) -> None:
    dispute = _dispute(desk)
    response = desk.post(
        f"/desk/disputes/{dispute['id']}/offers", {"remedy": "replacement", "amount": "10"}
    )
    assert response.status_code == 422
    error = re.search(r'id="offer-remedy-error">([^<]+)</p>', response.text)
    assert error
    assert "dead-on-arrival-replacement" in error.group(1)


@pytest.mark.parametrize(
    ("form", "field"),
    [
        ({"remedy": "refund_partial", "amount": "forty"}, "amount"),
        ({"remedy": "teleport", "amount": "5"}, "remedy"),
    ],
)
def test_a_malformed_offer_is_explained_next_to_its_field(
    desk: Desk, form: dict[str, str], field: str
) -> None:
    dispute = _dispute(desk)
    response = desk.post(f"/desk/disputes/{dispute['id']}/offers", form)
    assert response.status_code == 422
    assert re.search(rf'id="offer-{field}-error">[^<]+</p>', response.text)
    assert 'aria-invalid="true"' in response.text
    assert _offers(desk, dispute["id"]) == []


def test_an_offer_on_a_changed_policy_version_is_refused(desk: Desk) -> None:
    dispute = _dispute(desk)
    response = desk.post(
        f"/desk/disputes/{dispute['id']}/offers",
        {"remedy": "refund_partial", "amount": "10", "policy_version": "0-old"},
    )
    assert response.status_code == 409
    assert re.search(r'id="offer-general"[^>]*>[^<]*no longer in force', response.text)


@pytest.mark.parametrize(("accept", "status"), [("yes", "accepted"), ("no", "declined")])
def test_the_customers_answer_is_recorded(desk: Desk, accept: str, status: str) -> None:
    dispute = _dispute(desk)
    desk.post(
        f"/desk/disputes/{dispute['id']}/offers", {"remedy": "refund_partial", "amount": "40"}
    )
    [offer] = _offers(desk, dispute["id"])
    url = f"/desk/disputes/{dispute['id']}/offers/{offer['id']}/answer"
    response = desk.post(url, {"accept": accept, "note": "Said <b>fine</b> on the phone"})
    assert response.status_code == 303
    assert response.headers["location"].endswith(f"?done={status}")
    [after] = _offers(desk, dispute["id"])
    assert after["status"] == status
    page = desk.client.get(response.headers["location"]).text
    assert "Said &lt;b&gt;fine&lt;/b&gt; on the phone" in page
    again = desk.post(url, {"accept": accept})
    assert again.status_code == 409
    assert "only an open offer can be answered" in again.text


def test_an_offer_cannot_be_answered_through_another_dispute(desk: Desk) -> None:
    first, second = _dispute(desk), _dispute(desk)
    desk.post(f"/desk/disputes/{first['id']}/offers", {"remedy": "refund_partial", "amount": "40"})
    [offer] = _offers(desk, first["id"])
    response = desk.post(
        f"/desk/disputes/{second['id']}/offers/{offer['id']}/answer", {"accept": "yes"}
    )
    assert response.status_code == 404
    assert f"is not an offer on dispute {second['id']}" in response.text
    assert _offers(desk, first["id"])[0]["status"] == "offered"


def test_an_answer_must_be_yes_or_no(desk: Desk) -> None:
    dispute = _dispute(desk)
    desk.post(
        f"/desk/disputes/{dispute['id']}/offers", {"remedy": "refund_partial", "amount": "40"}
    )
    [offer] = _offers(desk, dispute["id"])
    response = desk.post(
        f"/desk/disputes/{dispute['id']}/offers/{offer['id']}/answer", {"accept": "maybe"}
    )
    assert response.status_code == 422
    assert re.search(rf'id="answer-{offer["id"]}-accept-error">[^<]+</p>', response.text)
    assert _offers(desk, dispute["id"])[0]["status"] == "offered"


def test_offer_forms_need_the_csrf_token(desk: Desk) -> None:
    dispute = _dispute(desk)
    response = desk.client.post(
        f"/desk/disputes/{dispute['id']}/offers",
        data={"remedy": "refund_partial", "amount": "40"},
        follow_redirects=False,
    )
    assert response.status_code == 403
    assert _offers(desk, dispute["id"]) == []
