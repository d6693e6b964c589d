"""Hostile input to real processes: each piece gets a clear refusal or quarantine with its reason,
the process stays up, and its peak memory stays bounded.

* JSON bombs to a served API (deep nesting, 1e400, numbers of thousands of digits, megabyte
  strings, tens of thousands of keys, bodies over the limit with and without a length);
* malformed mail to `disputedesk import-mail` (unknown charsets, broken MIME, huge headers,
  deeply nested multiparts, multi-megabyte bodies and attachments, binary noise);
* broken CSV to `disputedesk import` (bad encodings, broken quoting, wrong widths, giant fields,
  a byte-order mark).

Peak RSS is read from the kernel: VmHWM of the server, wait4's ru_maxrss of each command.
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from disputedesk.channels.models import MailAttachment, MailMessage, MailQuarantine
from disputedesk.db import make_engine, make_session_factory
from disputedesk.disputes.models import Dispute
from disputedesk.migrate import upgrade
from tests.reliability.support import (
    CLI,
    api,
    desk_env,
    ok,
    peak_rss_mib,
    run_measured,
    served,
    staff_token,
    url_of,
)

MEMORY_LIMIT_MIB = 500
RESULTS: dict[str, Any] = {}


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    """A migrated SQLite file of this test's own."""
    engine = make_engine(f"sqlite:///{tmp_path / 'hostile.sqlite3'}")
    upgrade(engine)
    yield engine
    engine.dispose()


def _chunks(data: bytes) -> Iterator[bytes]:
    for i in range(0, len(data), 65536):
        yield data[i : i + 65536]


def _json_bombs(customer_id: int) -> list[tuple[str, bytes, int, str]]:
    """(name, body, expected status, words the answer must hold)."""
    valid = {"customer_id": customer_id, "subject": "Broken", "description": "It broke."}

    def body(**changes: Any) -> bytes:
        return json.dumps({**valid, **changes}).encode()

    digits = b"9" * 5000
    return [
        ("deep arrays", b"[" * 300_000 + b"]" * 300_000, 400, "nested too deeply"),
        ("deep objects", b'{"a":' * 150_000 + b"1" + b"}" * 150_000, 400, "nested too deeply"),
        ("1e400", body().replace(b'"Broken"', b'"x", "amount_minor": 1e400'), 422, "amount"),
        ("-1e400", body().replace(b'"Broken"', b'"x", "amount_minor": -1e400'), 422, "amount"),
        ("5000 digits", b'{"customer_id": ' + digits + b"}", 400, "too many digits"),
        ("4000 digits", body(amount_minor=10**3999), 422, "amount_minor"),
        ("NaN", body().replace(b'"Broken"', b'"x", "amount_minor": NaN'), 422, "amount"),
        ("megabyte string", body(subject="a" * 1_000_000), 422, "subject"),
        ("60,000 keys", json.dumps({f"k{i}": i for i in range(60_000)}).encode(), 422, "more"),
        ("100,000 tags", body(tags=["t"] * 100_000), 422, "tags"),
        ("nested tag", body(tags=json.loads("[" * 900 + "]" * 900)), 422, "tags"),
        ("not UTF-8", b'{"subject": "\xff\xfe\xfd"}', 400, "UTF-8"),
        ("3 MB with length", body(description="b" * 3_000_000), 413, "larger than"),
    ]


def test_json_bombs_get_clear_4xx_and_the_server_stays_small(
    sqlite_engine: Engine, tmp_path: Path
) -> None:
    token = staff_token(sqlite_engine)
    with served(tmp_path, url_of(sqlite_engine)) as server, api(server.base, token, 120) as c:
        customer = ok(c.post("/api/v1/customers", json={"name": "Cy", "email": "c@x.org"}))
        baseline = peak_rss_mib(server.process.pid)
        headers = {"Content-Type": "application/json"}
        for name, data, status, words in _json_bombs(customer["id"]):
            r = c.post("/api/v1/disputes", content=data, headers=headers)
            assert r.status_code == status, f"{name}: {r.status_code} {r.text[:300]}"
            answer = r.json()
            assert set(answer) == {"detail", "code", "field", "errors"}, name
            assert words in r.text, f"{name}: {r.text[:300]}"
            assert len(answer["errors"]) <= 50, name
            if status == 422:
                assert all(e["loc"] and e["loc"][0] == "body" for e in answer["errors"]), name
            assert len(r.content) < 20_000, f"{name}: a {len(r.content)}-byte answer"
        # Over the limit without a length (chunked): refused while it streams in.
        chunked = _json_bombs(customer["id"])[-1][1]
        r = c.post("/api/v1/disputes", content=_chunks(chunked), headers=headers)
        assert r.status_code == 413
        assert server.process.poll() is None, "the server died"
        assert ok(c.get("/health"))["database"] == "ok"
        ok(
            c.post(
                "/api/v1/disputes",
                json={
                    "customer_id": customer["id"],
                    "subject": "s",
                    "description": "still serving",
                },
            ),
            201,
        )
        peak = peak_rss_mib(server.process.pid)
        output = server.output()
    assert "Traceback" not in output
    assert peak < MEMORY_LIMIT_MIB
    RESULTS["api"] = {"bombs": 14, "baseline_mib": round(baseline), "peak_mib": round(peak)}
    print(f"\nJSON bombs: {RESULTS['api']}")


def _eml(subject: str = "Where is my order?", body: str = "It is late.") -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "Hostile Sender <hostile@example.com>"
    msg["To"] = "desk@shop.example"
    msg["Subject"] = subject
    msg["Message-ID"] = f"<{abs(hash(subject + body[:100]))}@mail.example>"
    msg.set_content(body)
    return msg


def _nested(depth: int) -> bytes:
    head = b"From: deep@example.com\nSubject: deep\nMessage-ID: <deep@x>\nMIME-Version: 1.0\n"
    parts = [head]
    for level in range(depth):
        parts.append(b'Content-Type: multipart/mixed; boundary="b%d"\n\n--b%d\n' % (level, level))
    parts.append(b"Content-Type: text/plain\n\nat the bottom\n")
    for level in reversed(range(depth)):
        parts.append(b"--b%d--\n" % level)
    return b"".join(parts)


def _mail_corpus() -> dict[str, tuple[bytes, str]]:
    """file name -> (raw mail, expected: 'opened' or words of the quarantine reason)."""
    unknown = _eml()
    unknown.set_param("charset", "x-no-such-charset")
    broken = (
        b"From: a@example.com\nSubject: broken\nMIME-Version: 1.0\n"
        b"Content-Type: multipart/mixed\n\nno boundary anywhere\n"
    )
    header = b"From: a@example.com\nSubject: " + b"h" * 200_000 + b"\n\nbody\n"
    many = b"From: a@example.com\n" + b"X-Junk: 0123456789\n" * 20_000 + b"\nbody\n"
    big_attachment = _eml(subject="Receipt attached")
    big_attachment.add_attachment(
        os.urandom(8 * 1024 * 1024), maintype="application", subtype="pdf", filename="big.pdf"
    )
    bad_b64 = _eml(subject="bad base64")
    bad_b64.set_content(b"\x00" * 10, maintype="text", subtype="plain", cte="base64")
    return {
        "unknown-charset.eml": (bytes(unknown), "unknown charset"),
        "broken-mime.eml": (broken, "broken MIME"),
        "huge-header-line.eml": (header, "header"),
        "many-headers.eml": (many, "headers too large"),
        "nested-3000.eml": (_nested(3000), "unreadable"),
        "nested-40.eml": (_nested(40), "opened"),
        "noise.eml": (random.Random(7).randbytes(200_000), "header"),
        "empty.eml": (b"\n\n", "empty"),
        "eight-mb-body.eml": (bytes(_eml(subject="long", body="word " * 1_700_000)), "opened"),
        "eight-mb-attachment.eml": (bytes(big_attachment), "opened"),
        "nul-base64.eml": (bytes(bad_b64), "opened"),
        "latin1-headers.eml": (
            b"From: \xe9t\xe9 <ete@example.com>\nSubject: r\xe9clamation\n\ncorps \xe9\n",
            "opened",
        ),
        "base64-garbage.eml": (
            b"From: g@example.com\nSubject: g\nContent-Transfer-Encoding: base64\n\n!!!***###\n",
            "opened",
        ),
    }


def test_malformed_mail_is_quarantined_with_its_reason(
    sqlite_engine: Engine, tmp_path: Path
) -> None:
    folder = tmp_path / "mail"
    folder.mkdir()
    corpus = _mail_corpus()
    for name, (raw, _) in corpus.items():
        (folder / name).write_bytes(raw)
    env = desk_env(tmp_path, url_of(sqlite_engine))
    code, output, peak = run_measured(
        [*CLI, "import-mail", str(folder)], env, tmp_path / "import-mail.log"
    )
    assert code == 0, output
    with make_session_factory(sqlite_engine)() as session:
        reasons = {Path(q.source).name: q.reason for q in session.scalars(select(MailQuarantine))}
        opened = len(list(session.scalars(select(MailMessage.id))))
        big = session.scalar(select(MailAttachment).where(MailAttachment.filename == "big.pdf"))
        longest = max(len(d) for d in session.scalars(select(Dispute.description)))
    for name, (_, expected) in corpus.items():
        if expected == "opened":
            assert name not in reasons, f"{name} quarantined: {reasons.get(name)}"
        else:
            assert expected in reasons.get(name, ""), f"{name}: {reasons.get(name)!r}"
    assert opened == sum(1 for _, e in corpus.values() if e == "opened")
    assert big is not None
    assert big.content is None
    assert "larger than" in (big.note or "")
    assert longest <= 100_000
    assert "Traceback" not in output
    assert peak < MEMORY_LIMIT_MIB
    RESULTS["mail"] = {
        "mails": len(corpus),
        "quarantined": len(reasons),
        "bytes": sum(len(r) for r, _ in corpus.values()),
        "peak_mib": round(peak),
    }
    print(f"\nhostile mail: {RESULTS['mail']}")


_MAPPING = """\
source: hostile
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
"""
_HEADER = b"ticket,title,body,opened,email,name,state\n"


def _row(ticket: str, body: bytes = b"My parcel is late.") -> bytes:
    return b"%s,Late,%s,2026-05-04,p@example.com,Pat,open\n" % (ticket.encode(), body)


def test_broken_csv_rows_are_refused_with_line_and_reason(
    sqlite_engine: Engine, tmp_path: Path
) -> None:
    rows = [
        (_row("ok-1"), None),
        (_row("latin1", b"caf\xe9 cr\xe8me"), "not valid UTF-8"),
        (_row("ok-2"), None),
        (b"short,row\n", "expected 7 fields, found 2"),
        (_row("nul", b"nul\x00inside"), None),
        (b"wide" + b",x" * 100_000 + b"\n", "expected 7 fields"),
        (_row("big", b'"' + b"y" * 5_000_000 + b'"'), None),
        (_row("huge", b'"' + b"z" * 11 * 1024 * 1024 + b'"'), "unreadable CSV"),
        (_row("baddate").replace(b"2026-05-04", b"yesterday"), "unreadable date"),
        (_row("ok-3"), None),
        (b'unclosed,"quote never ends,2026-05-04,p@example.com,Pat,open\n', "expected 7 fields"),
    ]
    data = tmp_path / "hostile.csv"
    data.write_bytes(_HEADER + b"".join(r for r, _ in rows))
    bom = tmp_path / "excel.csv"
    bom.write_bytes(b"\xef\xbb\xbf" + _HEADER + _row("bom-1") + _row("bom-2"))
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(_MAPPING)
    env = desk_env(tmp_path, url_of(sqlite_engine))
    peaks = []
    for path in (data, bom):
        code, output, peak = run_measured(
            [*CLI, "import", str(path), "--mapping", str(mapping)], env, tmp_path / "import.log"
        )
        assert code == 0, output
        assert "Traceback" not in output
        peaks.append(peak)
    rejected = (tmp_path / "hostile.csv.rejected.csv").read_text(encoding="utf-8").splitlines()
    with make_session_factory(sqlite_engine)() as session:
        refs = set(session.scalars(select(Dispute.external_ref)))
        big = session.scalar(select(Dispute).where(Dispute.external_ref == "hostile:big"))
    expected_in = {f"hostile:{r.split(b',')[0].decode()}" for r, reason in rows if not reason}
    assert refs == expected_in | {"hostile:bom-1", "hostile:bom-2"}
    assert big is not None
    assert len(big.description) <= 100_000
    reasons = [line for line in rejected[1:] if line]
    assert len(reasons) == sum(1 for _, r in rows if r)
    for (_, why), line in zip([r for r in rows if r[1]], reasons, strict=True):
        number, _, reason = line.split(",", 2)
        assert number.isdigit(), line
        assert why in reason, f"expected {why!r}: {line[:200]}"
    assert max(peaks) < MEMORY_LIMIT_MIB
    RESULTS["csv"] = {
        "rows": len(rows) + 2,
        "rejected": len(reasons),
        "peak_mib": round(max(peaks)),
    }
    print(f"\nhostile CSV: {RESULTS['csv']}")
