"""The coach beside the reply editor: the live report fragment and the drafted reply."""

from __future__ import annotations

import html
import re
from typing import Any

from markupsafe import escape

from tests.factories import make_customer, make_dispute, make_order
from tests.web.conftest import Desk
from tests.web.test_dispute_page import GOOD_REPLY, WEAK_REPLY

HX = {"HX-Request": "true", "HX-Target": "coach-report"}


def _dispute(desk: Desk) -> dict[str, Any]:
    customer = make_customer(desk.api, name="Rosa Lindqvist")
    order = make_order(desk.api, customer["id"])
    return make_dispute(
        desk.api, customer_id=customer["id"], order_id=order["id"], desired_outcome="replacement"
    )


def _coach(desk: Desk, dispute_id: int, body: str) -> str:
    response = desk.client.post(
        f"/desk/disputes/{dispute_id}/coach",
        data={"body": body},
        headers={**HX, "X-CSRF-Token": desk.csrf},
    )
    assert response.status_code == 200, response.text
    return response.text


def test_the_editor_asks_the_coach_as_the_agent_types(desk: Desk) -> None:
    dispute = _dispute(desk)
    page = desk.client.get(f"/desk/disputes/{dispute['id']}").text
    textarea = re.search(r'<textarea id="reply-body"[^>]*>', page, re.S)
    assert textarea, "no reply editor"
    tag = textarea.group(0)
    assert f'hx-post="/desk/disputes/{dispute["id"]}/coach"' in tag
    assert 'hx-trigger="keyup changed delay:400ms"' in tag
    assert 'hx-target="#coach-report"' in tag
    assert 'id="coach-report"' in page
    assert "As you type, the coach scores your reply" in page


def test_a_weak_draft_fails_with_each_finding_its_evidence_and_suggestion(desk: Desk) -> None:
    dispute = _dispute(desk)
    fragment = _coach(desk, dispute["id"], WEAK_REPLY)
    report = desk.api.post(
        "/api/v1/coach", json={"draft": WEAK_REPLY, "dispute_id": dispute["id"]}
    ).json()
    assert report["score"] < 70
    assert f"<strong>{report['score']}</strong>/100" in fragment
    assert "coach-fail" in fragment
    assert "Below the send threshold of 70" in fragment
    assert "<html" not in fragment, "the fragment must not be a whole page"
    assert report["findings"], "the coach found nothing in a blaming reply"
    for finding in report["findings"]:
        assert f"finding-{finding['kind']}" in fragment
        assert str(escape(finding["evidence"])) in fragment
        assert str(escape(finding["suggestion"])) in fragment
    missing = re.search(r'<ul class="elements missing">(.*?)</ul>', fragment, re.S)
    assert missing
    for element in report["missing"]:
        assert f"<li>{element.replace('_', ' ')}</li>" in missing.group(1)


def test_a_good_draft_passes_and_lists_what_it_has(desk: Desk) -> None:
    dispute = _dispute(desk)
    fragment = _coach(desk, dispute["id"], GOOD_REPLY)
    assert "coach-pass" in fragment
    assert "Ready to send" in fragment
    present = re.search(r'<ul class="elements present">(.*?)</ul>', fragment, re.S)
    assert present
    assert "empathy" in present.group(1)


def test_the_verdict_follows_the_configured_threshold(desk: Desk) -> None:
    dispute = _dispute(desk)
    desk.client.app.state.settings.coach_send_threshold = 0  # type: ignore[attr-defined]
    assert "Ready to send" in _coach(desk, dispute["id"], WEAK_REPLY)
    desk.client.app.state.settings.coach_send_threshold = 100  # type: ignore[attr-defined]
    assert "Below the send threshold of 100" in _coach(desk, dispute["id"], GOOD_REPLY)


def test_an_empty_draft_shows_the_hint(desk: Desk) -> None:
    dispute = _dispute(desk)
    fragment = _coach(desk, dispute["id"], "   ")
    assert "As you type, the coach scores your reply" in fragment
    assert "coach-verdict" not in fragment


def test_coaching_needs_the_csrf_token(desk: Desk) -> None:
    dispute = _dispute(desk)
    response = desk.client.post(
        f"/desk/disputes/{dispute['id']}/coach", data={"body": WEAK_REPLY}, headers=HX
    )
    assert response.status_code == 403


def test_evidence_in_the_report_is_escaped(desk: Desk) -> None:
    dispute = _dispute(desk)
    fragment = _coach(
        desk, dispute["id"], "<script>alert(1)</script> You should have read the instructions."
    )
    assert "<script>" not in fragment
    assert "should have read the instructions" in fragment


def test_draft_a_reply_fills_the_editor_with_its_report(desk: Desk) -> None:
    dispute = _dispute(desk)
    expected = desk.api.post(
        f"/api/v1/disputes/{dispute['id']}/draft", json={"tone": "formal"}
    ).json()
    response = desk.post(
        f"/desk/disputes/{dispute['id']}/draft",
        {"tone": "formal"},
    )
    assert response.status_code == 200
    html_text = response.text
    editor = re.search(r'<textarea id="reply-body"[^>]*>(.*?)</textarea>', html_text, re.S)
    assert editor
    assert html.unescape(editor.group(1)) == expected["text"]
    assert f"<strong>{expected['report']['score']}</strong>/100" in html_text
    assert expected["step"].replace("_", " ") in html_text
    assert '<option value="formal" selected>' in html_text
    # Drafting writes nothing: no message was sent.
    assert len(desk.api.get(f"/api/v1/disputes/{dispute['id']}").json()["messages"]) == 1


def test_draft_over_htmx_returns_only_the_editor_and_coach(desk: Desk) -> None:
    dispute = _dispute(desk)
    response = desk.client.post(
        f"/desk/disputes/{dispute['id']}/draft",
        data={"tone": "warm", "csrf_token": desk.csrf},
        headers={"HX-Request": "true", "HX-Target": "reply-workspace"},
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="reply-workspace"')
    assert 'id="coach-verdict"' in response.text
    editor = re.search(r'<textarea id="reply-body"[^>]*>(.*?)</textarea>', response.text, re.S)
    assert editor
    assert editor.group(1).strip()


def test_an_unknown_tone_is_refused_next_to_the_select(desk: Desk) -> None:
    dispute = _dispute(desk)
    response = desk.post(f"/desk/disputes/{dispute['id']}/draft", {"tone": "sarcastic"})
    assert response.status_code == 422
    assert re.search(r'id="draft-tone-error">[^<]+</p>', response.text)


def test_a_held_back_reply_shows_the_coach_report_and_the_override(desk: Desk) -> None:
    dispute = _dispute(desk)
    held = desk.post(
        f"/desk/disputes/{dispute['id']}/messages", {"direction": "outbound", "body": WEAK_REPLY}
    )
    assert held.status_code == 422
    assert 'id="reply-override"' in held.text
    assert "coach-fail" in held.text
    assert "finding-blame" in held.text
