"""Historical import (CFPB sample through the shipped mapping) and export, on both backends."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from disputedesk.channels.exporter import export_disputes
from disputedesk.channels.import_mapping import load_mapping
from disputedesk.channels.importer import import_file
from disputedesk.channels.models import dispute_refs
from disputedesk.cli import app
from disputedesk.config import get_settings
from disputedesk.customers.models import Customer
from disputedesk.disputes.models import Dispute, DisputeEvent, Message
from tests.conftest import Clock

ROOT = Path(__file__).resolve().parents[2]
CFPB = ROOT.parent / "shared" / "data" / "external" / "cfpb" / "cfpb_complaints_full_schema.csv"
MAPPING = ROOT / "examples" / "cfpb_mapping.yaml"
SLICE = 500
EXPECTED_OUTCOME = {
    "Closed with explanation": "explained",
    "Closed with non-monetary relief": "remedied",
    "Closed with monetary relief": "remedied",
    "Closed without relief": "declined",
}


@pytest.fixture(scope="module")
def cfpb_slice(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, str]]]:
    """The first 500 complaints of the real file, then four broken rows at known lines."""
    if not CFPB.is_file():
        pytest.skip(f"the CFPB sample is not at {CFPB}; the import test needs the real file")
    with CFPB.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        rows = [next(reader) for _ in range(SLICE)]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    good = [dict(zip(header, r, strict=True)) for r in rows]
    broken = dict(zip(header, rows[0], strict=True))
    text = out.getvalue()
    line = text.count("\n") + 1
    bad_date = {**broken, "Complaint ID": "900001", "Date received": "31st of Smarch"}
    unknown = {**broken, "Complaint ID": "900002", "Company response to consumer": "Lost it"}
    no_id = {**broken, "Complaint ID": ""}
    for row in (bad_date, unknown, no_id):
        writer.writerow([row[h] for h in header])
    out.write("too,few,fields\n")
    path = tmp_path_factory.mktemp("cfpb") / "slice.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path, [*good, {"__first_bad_line__": str(line)}]


def count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_cfpb_slice_imports_as_closed_history_with_rejects_reported(
    session_factory: sessionmaker[Session],
    clock: Clock,
    cfpb_slice: tuple[Path, list[dict[str, str]]],
) -> None:
    path, tail = cfpb_slice
    rows, first_bad = tail[:-1], int(tail[-1]["__first_bad_line__"])
    mapping = load_mapping(MAPPING)
    report = import_file(
        factory=session_factory, path=path, mapping=mapping, clock=clock, batch_size=200
    )
    assert (report.read, report.imported, report.skipped) == (SLICE + 4, SLICE, 0)
    assert [(r.line, r.external_id) for r in report.rejected] == [
        (first_bad, "900001"),
        (first_bad + 1, "900002"),
        (first_bad + 2, ""),
        (first_bad + 3, ""),
    ]
    reasons = [r.reason for r in report.rejected]
    assert reasons[0] == "unreadable date '31st of Smarch'"
    assert reasons[1] == "unknown Company response to consumer 'Lost it'"
    assert reasons[2] == "no Complaint ID"
    assert reasons[3] == "expected 21 fields, found 3"
    with session_factory() as s:
        assert count(s, Dispute) == SLICE
        statuses = Counter(s.scalars(select(Dispute.status)))
        assert statuses == {"closed": SLICE}
        outcomes = Counter(s.scalars(select(Dispute.outcome)))
        expected = Counter(EXPECTED_OUTCOME.get(r["Company response to consumer"]) for r in rows)
        assert outcomes == expected
        keys = {(r["State"], r["ZIP code"]) for r in rows if r["State"] or r["ZIP code"]}
        keyless = sum(1 for r in rows if not (r["State"] or r["ZIP code"]))
        assert count(s, Customer) == len(keys) + keyless
        first = rows[0]
        ref = f"cfpb:{first['Complaint ID']}"
        dispute_id = s.scalar(select(dispute_refs.c.id).where(dispute_refs.c.external_ref == ref))
        assert dispute_id is not None
        dispute = s.get_one(Dispute, dispute_id)
        assert dispute.subject == first["Issue"]
        assert dispute.created_at.date().isoformat() == "2012-02-07"
        assert dispute.closed_at is not None
        [message] = s.scalars(select(Message).where(Message.dispute_id == dispute_id))
        assert message.analysis is not None
        kinds = list(
            s.scalars(
                select(DisputeEvent.kind)
                .where(DisputeEvent.dispute_id == dispute_id)
                .order_by(DisputeEvent.id)
            )
        )
        assert kinds == ["dispute.imported", "dispute.status_changed", "dispute.status_changed"]
        narrated = [r for r in rows if r["Consumer complaint narrative"]]
        if narrated:
            body = s.scalar(
                select(Message.body)
                .join(dispute_refs, dispute_refs.c.id == Message.dispute_id)
                .where(dispute_refs.c.external_ref == f"cfpb:{narrated[0]['Complaint ID']}")
            )
            assert body is not None
            assert body[:40] == narrated[0]["Consumer complaint narrative"][:40]
        in_progress = sum(1 for r in rows if r["Company response to consumer"] == "In progress")
        tagged = [t for tags in s.scalars(select(Dispute.tags)) for t in tags]
        assert tagged.count("cfpb:in-progress") == in_progress
    again = import_file(factory=session_factory, path=path, mapping=mapping, clock=clock)
    assert (again.imported, again.skipped, len(again.rejected)) == (0, SLICE, 4)
    with session_factory() as s:
        assert count(s, Dispute) == SLICE


def test_interrupted_import_resumes_without_doubles(
    session_factory: sessionmaker[Session],
    clock: Clock,
    cfpb_slice: tuple[Path, list[dict[str, str]]],
) -> None:
    path, _ = cfpb_slice
    mapping = load_mapping(MAPPING)
    batches = 0

    def crash(_: int) -> None:
        nonlocal batches
        batches += 1
        if batches == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_file(
            factory=session_factory,
            path=path,
            mapping=mapping,
            clock=clock,
            batch_size=100,
            advance=crash,
        )
    with session_factory() as s:
        assert count(s, Dispute) == 200
    report = import_file(
        factory=session_factory, path=path, mapping=mapping, clock=clock, batch_size=100
    )
    assert (report.imported, report.skipped) == (SLICE - 200, 200)
    with session_factory() as s:
        assert count(s, Dispute) == SLICE


def test_export_jsonl_and_csv_then_reimport_elsewhere(
    session_factory: sessionmaker[Session],
    clock: Clock,
    cfpb_slice: tuple[Path, list[dict[str, str]]],
    tmp_path: Path,
) -> None:
    path, _ = cfpb_slice
    import_file(
        factory=session_factory, path=path, mapping=load_mapping(MAPPING), clock=clock, limit=30
    )
    out = io.StringIO()
    with session_factory() as s:
        assert export_disputes(session=s, out=out, fmt="jsonl") == 30
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert records[0]["external_ref"].startswith("cfpb:")
    assert records[0]["messages"][0]["direction"] == "inbound"
    assert {r["status"] for r in records} == {"closed"}
    table = io.StringIO()
    with session_factory() as s:
        export_disputes(session=s, out=table, fmt="csv")
    rows = list(csv.DictReader(io.StringIO(table.getvalue())))
    assert len(rows) == 30
    assert rows[0]["message_body"] == records[0]["messages"][0]["body"]
    # The JSONL export goes back in through the shipped mapping, idempotently.
    exported = tmp_path / "export.jsonl"
    exported.write_text(out.getvalue(), encoding="utf-8")
    mapping = load_mapping(ROOT / "examples" / "disputedesk_jsonl_mapping.yaml")
    report = import_file(factory=session_factory, path=exported, mapping=mapping, clock=clock)
    assert (report.imported, report.rejected) == (30, [])
    with session_factory() as s:
        outcomes = Counter(
            s.scalars(
                select(Dispute.outcome).where(
                    Dispute.id.in_(
                        select(dispute_refs.c.id).where(
                            dispute_refs.c.external_ref.like("disputedesk:%")
                        )
                    )
                )
            )
        )
    assert outcomes == Counter(r["outcome"] for r in records)


def test_jsonl_bad_lines_are_reported(
    session_factory: sessionmaker[Session], clock: Clock, tmp_path: Path
) -> None:
    mapping = load_mapping(ROOT / "examples" / "disputedesk_jsonl_mapping.yaml")
    good = {
        "id": 7,
        "subject": "Card 4111 1111 1111 1111 charged twice",
        "description": "You charged 4111-1111-1111-1111 twice",
        "created_at": "2026-01-02T03:04:05+00:00",
        "status": "resolved",
        "outcome": "remedied",
        "customer_email": "x@example.com",
        "customer_name": "X",
        "replies": [{"direction": "outbound", "body": "Refunded.", "author": "Ana"}],
    }
    file = tmp_path / "in.jsonl"
    file.write_bytes(
        b"\n".join(
            [
                json.dumps(good).encode(),
                b"{not json",
                b"[1, 2]",
                json.dumps({**good, "id": 8, "status": "lost"}).encode(),
                json.dumps({**good, "id": 9, "replies": [{"direction": "sideways"}]}).encode(),
                b'{"id": 10, "subject": "\xff\xfe"}',
            ]
        )
    )
    report = import_file(factory=session_factory, path=file, mapping=mapping, clock=clock)
    assert report.imported == 1
    assert [(r.line, r.reason) for r in report.rejected] == [
        (2, "not valid JSON (JSONDecodeError)"),
        (3, "a line must be a JSON object"),
        (4, "unknown status 'lost'"),
        (5, "message 1 has no body"),
        (6, "not valid UTF-8"),
    ]
    with session_factory() as s:
        dispute = s.scalars(select(Dispute)).one()
        assert (dispute.status, dispute.outcome) == ("resolved", "remedied")
        assert "4111" not in dispute.subject
        bodies = list(s.scalars(select(Message.body).order_by(Message.id)))
        assert bodies == ["You charged [card ending 1111] twice", "Refunded."]


def test_cli_import_and_export(
    own_engine: Engine,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    cfpb_slice: tuple[Path, list[dict[str, str]]],
) -> None:
    path, _ = cfpb_slice
    monkeypatch.setenv("DISPUTEDESK_DATABASE_URL", own_engine.url.render_as_string(False))
    get_settings.cache_clear()
    runner = CliRunner()
    rejected = tmp_path / "rejected.csv"
    try:
        result = runner.invoke(
            app,
            [
                "import", str(path), "--mapping", str(MAPPING),
                "--limit", "40", "--rejected", str(rejected),
            ],
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        assert "40 imported" in result.output
        full = runner.invoke(
            app, ["import", str(path), "--mapping", str(MAPPING), "--rejected", str(rejected)]
        )
        assert full.exit_code == 0, full.output
        assert f"{SLICE - 40} imported, 40 already in, 4 rejected" in full.output
        lines = rejected.read_text().splitlines()
        assert lines[0] == "line,external_id,reason"
        assert len(lines) == 5
        out = tmp_path / "out.jsonl"
        exported = runner.invoke(app, ["export", "--format", "jsonl", str(out)])
        assert exported.exit_code == 0, exported.output
        assert len(out.read_text().splitlines()) == SLICE
        bad = runner.invoke(app, ["export", "--format", "xml", str(out)])
        assert bad.exit_code == 1
    finally:
        get_settings.cache_clear()
