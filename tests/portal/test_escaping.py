"""Everything a customer or an agent typed is shown as text, never as markup."""

from __future__ import annotations

from tests.factories import make_order
from tests.portal.conftest import Portal

XSS = "<script>alert('xss')</script><img src=x onerror=alert(1)>"
ESCAPED = "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"


def _clean(html: str) -> None:
    assert "<script" not in html
    assert "<img" not in html
    assert ESCAPED in html


def test_script_in_every_field_shown_is_escaped(portal: Portal) -> None:
    alice = portal.holder(name=f"Eve {XSS}")
    d = alice.dispute_id
    portal.api.patch(
        f"/api/v1/disputes/{d}",
        json={"subject": f"Broken {XSS}", "version": portal.dispute(d)["version"]},
    )
    portal.api.post(f"/api/v1/disputes/{d}/messages", json={"direction": "inbound", "body": XSS})
    portal.api.post(
        f"/api/v1/disputes/{d}/messages",
        json={"direction": "outbound", "body": f"Reply {XSS}", "override_reason": "test"},
    )
    make_order(
        portal.api,
        alice.customer_id,
        items=[{"sku": "X-1", "name": f"Gadget {XSS}", "quantity": 1, "unit_amount_minor": 100}],
    )
    home = portal.web.get(alice.path).text
    _clean(home)
    assert f"Broken {ESCAPED}" in home
    assert f"Eve {ESCAPED}" in home
    page = portal.web.get(f"{alice.path}/disputes/{d}").text
    _clean(page)
    assert page.count(ESCAPED) >= 4  # subject (title and heading), inbound, outbound, name
    form = portal.web.get(f"{alice.path}/disputes/new").text
    _clean(form)
    assert f"Gadget {ESCAPED}" in form


def test_what_was_typed_is_escaped_when_a_form_comes_back(portal: Portal) -> None:
    alice = portal.holder()
    refused = portal.post(
        f"{alice.path}/disputes/new",
        f"{alice.path}/disputes",
        {"subject": XSS, "description": "", "order_id": ""},
    )
    assert refused.status_code == 422
    assert "<script" not in refused.text
    assert ESCAPED in refused.text
    page = f"{alice.path}/disputes/{alice.dispute_id}"
    sent = portal.post(page, f"{page}/messages", {"body": XSS})
    assert sent.status_code == 303
    shown = portal.web.get(page).text
    _clean(shown)
