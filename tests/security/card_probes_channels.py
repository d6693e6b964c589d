"""Card-number probes through the channels: received email (`import-mail`) and historical
imports (`disputedesk import`). Each probe runs the real command in-process (Typer's runner) and
keeps its output, which the sweep searches like a log."""

from __future__ import annotations

import csv
import json
import re
import uuid
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from disputedesk.cli import app as cli_app
from disputedesk.config import get_settings


def _cli(c: Any, args: list[str]) -> str:
    get_settings.cache_clear()
    result = CliRunner().invoke(
        cli_app,
        args,
        env={"DISPUTEDESK_DATABASE_URL": c.db_url, "DISPUTEDESK_DATA_DIR": c.extras["tmp"]},
    )
    get_settings.cache_clear()
    # Rich draws tables with box characters that could split a number across cells.
    c.extras.setdefault("outputs", []).append(re.sub("[\u2500-\u257f]", " ", result.output))
    assert result.exit_code == 0, result.output
    return result.output


def _folder(c: Any, kind: str) -> Path:
    folder = Path(c.extras["tmp"]) / f"{kind}-{uuid.uuid4().hex[:8]}"
    folder.mkdir()
    return folder


def _mail(
    subject: str = "Charged twice", body: str = "Please refund the second charge."
) -> EmailMessage:
    msg = EmailMessage()
    tag = uuid.uuid4().hex[:10]
    msg["From"] = f"Dana Buyer <dana.{tag}@example.com>"
    msg["To"] = "desk@shop.example"
    msg["Subject"] = subject
    msg["Message-ID"] = f"<{tag}@mail.example>"
    msg.set_content(body)
    return msg


def _send(c: Any, raw: bytes, expect: str) -> None:
    folder = _folder(c, "mail")
    (folder / "in.eml").write_bytes(raw)
    output = _cli(c, ["import-mail", str(folder)])
    assert f"1 {expect}" in output, output


def _p_mail_body(c: Any, card: str) -> None:
    _send(c, bytes(_mail(body=f"My card {card} was charged twice.")), "opened")


def _p_mail_subject(c: Any, card: str) -> None:
    _send(c, bytes(_mail(subject=f"Card {card} charged twice")), "opened")


def _p_mail_from_name(c: Any, card: str) -> None:
    msg = _mail()
    msg.replace_header("From", f'"Card {card}" <name.{uuid.uuid4().hex[:8]}@example.com>')
    _send(c, bytes(msg), "opened")


def _p_mail_attachment_name(c: Any, card: str) -> None:
    msg = _mail()
    msg.add_attachment(
        b"%PDF-1.4 receipt", maintype="application", subtype="pdf", filename=f"receipt {card}.pdf"
    )
    _send(c, bytes(msg), "opened")


def _p_mail_text_attachment(c: Any, card: str) -> None:
    msg = _mail()
    msg.add_attachment(f"Statement line: card {card} 49.99 USD\n", filename="statement.txt")
    _send(c, bytes(msg), "opened")


def _p_mail_base64_html(c: Any, card: str) -> None:
    msg = _mail()
    msg.set_content(f"<p>My card <b>{card}</b> was charged.</p>", subtype="html", cte="base64")
    _send(c, bytes(msg), "opened")


def _p_mail_quarantined(c: Any, card: str) -> None:
    raw = f"Subject: card {card}\nMessage-ID: <{uuid.uuid4().hex}@x>\n\nMy card {card}\n"
    _send(c, raw.encode(), "quarantined")  # no From address: kept in quarantine


def _p_mail_bad_charset(c: Any, card: str) -> None:
    msg = _mail()
    msg.set_content(b"refund me please", maintype="text", subtype="plain")
    msg.set_param("charset", card.replace(" ", "-"))
    _send(c, bytes(msg), "quarantined")  # the reason names the unknown charset


_MAPPING = """\
source: probe
external_id: ticket
subject:
  columns: [title]
description:
  columns: [body]
created_at: opened
customer:
  key: [email]
  name: "{name}"
  email: email
status:
  column: state
  values:
    open: {status: investigating}
tags:
  - column: label
    prefix: "x-"
messages: replies
"""
_ROW = {
    "title": "Late parcel",
    "body": "My parcel is three weeks late.",
    "opened": "2026-05-04",
    "name": "Lee Importer",
    "state": "open",
    "label": "shipping",
    "replies": "[]",
}


def _import(c: Any, card: str, **changes: str) -> str:
    folder = _folder(c, "import")
    (folder / "mapping.yaml").write_text(_MAPPING)
    row = {**_ROW, "ticket": f"P-{uuid.uuid4().hex[:8]}", "email": f"{uuid.uuid4().hex[:8]}@x.org"}
    row.update({k: v.replace("{card}", card) for k, v in changes.items()})
    with (folder / "rows.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=list(row))
        writer.writeheader()
        writer.writerow(row)
    output = _cli(
        c, ["import", str(folder / "rows.csv"), "--mapping", str(folder / "mapping.yaml")]
    )
    rejected = folder / "rows.csv.rejected.csv"
    if rejected.exists():
        c.extras["outputs"].append(rejected.read_text(encoding="utf-8"))
    return output


def _importing(**changes: str) -> Callable[[Any, str], None]:
    def probe(c: Any, card: str) -> None:
        assert "1 imported" in _import(c, card, **changes)

    return probe


def _p_import_reply(c: Any, card: str) -> None:
    replies = [
        {"direction": "outbound", "body": f"We refunded card {card}.", "author": "Agent"},
        {"direction": "note", "body": f"customer card {card}"},
    ]
    assert "1 imported" in _import(c, card, replies=json.dumps(replies))


def _rejected(**changes: str) -> Callable[[Any, str], None]:
    def probe(c: Any, card: str) -> None:
        assert "1 rejected" in _import(c, card, **changes)

    return probe


CHANNEL_PROBES: dict[str, Callable[[Any, str], None]] = {
    "mail body": _p_mail_body,
    "mail subject": _p_mail_subject,
    "mail from name": _p_mail_from_name,
    "mail attachment name": _p_mail_attachment_name,
    "mail text attachment": _p_mail_text_attachment,
    "mail base64 html body": _p_mail_base64_html,
    "mail quarantined": _p_mail_quarantined,
    "mail unknown charset": _p_mail_bad_charset,
    "import subject": _importing(title="Card {card} charged"),
    "import description": _importing(body="My card {card} was charged twice."),
    "import customer name": _importing(name="Card {card}"),
    "import tag": _importing(label="card {card}"),
    "import replies": _p_import_reply,
    "import rejected status": _rejected(state="{card}"),
    "import rejected date": _rejected(opened="{card}"),
}
# Stored without the "[card ending NNNN]" form on purpose: a tag is a slug, refused rows are not
# stored at all (only reported, with the number masked).
CHANNEL_NOT_STORED = {"import tag", "import rejected status", "import rejected date"}
