"""Every portal form shows a refused value's message next to its field, and keeps what was typed."""

from __future__ import annotations

import pytest

from tests.portal.conftest import Portal
from tests.web.form_checks import error_next_to


def test_filing_with_several_empty_fields_names_each_of_them(portal: Portal) -> None:
    alice = portal.holder()
    before = portal.api.get(f"/api/v1/customers/{alice.customer_id}/disputes").json()
    refused = portal.post(
        f"{alice.path}/disputes/new",
        f"{alice.path}/disputes",
        {"subject": " ", "description": "", "desired_outcome": "refund"},
    )
    assert refused.status_code == 422
    assert error_next_to(refused.text, "subject").startswith("Say in a few words")
    assert error_next_to(refused.text, "description").startswith("Tell us what happened")
    assert 'id="order_id-error"' not in refused.text
    assert '<option value="refund" selected>' in refused.text  # what was chosen is kept
    after = portal.api.get(f"/api/v1/customers/{alice.customer_id}/disputes").json()
    assert after == before


@pytest.mark.parametrize(
    ("form", "field"),
    [
        ({"order_id": "not-a-number"}, "order_id"),
        ({"desired_outcome": "a pony"}, "desired_outcome"),
    ],
)
def test_filing_with_a_bad_choice_says_so_next_to_it(
    portal: Portal, form: dict[str, str], field: str
) -> None:
    alice = portal.holder()
    refused = portal.post(
        f"{alice.path}/disputes/new",
        f"{alice.path}/disputes",
        {"subject": "Broken lid", "description": "The lid snapped.", **form},
    )
    assert refused.status_code == 422
    error_next_to(refused.text, field)
    assert 'value="Broken lid"' in refused.text


def test_an_empty_reply_is_explained_next_to_the_box(portal: Portal) -> None:
    alice = portal.holder()
    page = f"{alice.path}/disputes/{alice.dispute_id}"
    refused = portal.post(page, f"{page}/messages", {"body": ""})
    assert refused.status_code == 422
    assert error_next_to(refused.text, "reply-body").startswith("Write your message first")


def test_a_note_too_long_for_an_offer_is_explained_under_the_note(portal: Portal) -> None:
    alice = portal.holder()
    offer = portal.offer(alice.dispute_id)
    page = f"{alice.path}/disputes/{alice.dispute_id}"
    note = "Thanks. " * 700  # the box stops at 5,000 characters; a hand-made post does not
    refused = portal.post(
        page, f"{page}/offers/{offer['id']}", {"decision": "accept", "note": note}
    )
    assert refused.status_code == 422
    assert "5,000" in error_next_to(refused.text, f"offer-{offer['id']}-note")
    assert note.strip() in refused.text  # kept, to shorten
    assert portal.dispute(alice.dispute_id)["status"] == "offer_made"
