"""Checks that a refused form's message sits next to its field, for people and screen readers.

"Next to the field" means: the message in a `.field-error` paragraph `#<field>-error`, and the
field marked `aria-invalid="true"` and pointing at it with `aria-describedby`.
"""

from __future__ import annotations

from html.parser import HTMLParser


class Elements(HTMLParser):
    """Each element with an id: its attributes and the text inside it."""

    def __init__(self) -> None:
        super().__init__()
        self.attrs: dict[str, dict[str, str]] = {}
        self.text: dict[str, str] = {}
        self._open: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if "id" in values:
            self.attrs[values["id"]] = values
            self.text.setdefault(values["id"], "")
            if tag not in ("input", "br", "img", "meta", "link"):
                self._open.append((tag, values["id"]))

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1][0] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for _, element_id in self._open:
            self.text[element_id] += data


def error_next_to(html: str, field_id: str, *, error_id: str = "", group: bool = False) -> str:
    """The message shown for the field `field_id`, after checking it is tied to the field.

    A `group` (radio buttons, a row of buttons) points at the message but is not itself
    marked invalid; `error_id` names a message whose id is not `<field_id>-error`.
    """
    page = Elements()
    page.feed(html)
    assert field_id in page.attrs, f"no element #{field_id}"
    field = page.attrs[field_id]
    error_id = error_id or f"{field_id}-error"
    assert error_id in page.attrs, f"no message #{error_id} next to #{field_id}"
    assert "field-error" in page.attrs[error_id].get("class", "")
    assert error_id in field.get("aria-describedby", "").split(), field
    if not group:
        assert field.get("aria-invalid") == "true", field
    message = page.text[error_id].strip()
    assert message, f"#{error_id} is empty"
    return message
