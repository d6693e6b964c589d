"""Historical import rate: rows/s of `disputedesk import` on synthetic rows, analysis included.

Run: .venv/bin/python bench/import_rate.py [--rows 100000] [--batch 500] [--url sqlite:///...]
Writes a synthetic CSV (distinct narratives, so the analysis cache cannot shortcut them) and a
fresh SQLite database in a temporary folder, imports through a mapping, prints the rate.
"""

from __future__ import annotations

import argparse
import csv
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from rich.console import Console

from disputedesk.channels.import_mapping import ImportMapping
from disputedesk.channels.importer import import_file
from disputedesk.db import make_engine, make_session_factory
from disputedesk.migrate import upgrade

OPENERS = [
    "I was charged twice for order {order} and nobody answered my emails.",
    "My parcel {order} never arrived and the tracking has not moved for {days} days.",
    "The kettle from order {order} stopped working after {days} days, I want a replacement.",
    "This is the third time I'm writing about the refund of ${amount} for {order}.",
    "Your agent promised a call back {days} days ago about my account, nothing happened.",
]
CLOSERS = [
    "Please fix this.",
    "I will dispute the charge with my bank if this is not solved this week.",
    "Thanks for your help.",
    "I want to speak to a manager.",
    "Honestly this is ridiculous and I am very disappointed.",
]
RESPONSES = ["Closed with explanation", "Closed with monetary relief", "Closed without relief"]
MAPPING = {
    "source": "bench",
    "external_id": "id",
    "subject": {"columns": ["subject"]},
    "description": {"columns": ["narrative"]},
    "created_at": "received",
    "resolved_at": "closed",
    "date_formats": ["%Y-%m-%d"],
    "customer": {"key": ["customer"], "name": "Customer {customer}", "email": "email"},
    "status": {
        "column": "response",
        "values": {
            "Closed with explanation": {"status": "closed", "outcome": "explained"},
            "Closed with monetary relief": {"status": "closed", "outcome": "remedied"},
            "Closed without relief": {"status": "closed", "outcome": "declined"},
        },
    },
}


def write_rows(path: Path, rows: int, seed: int = 7) -> None:
    """A CSV of `rows` synthetic complaints with distinct narratives."""
    rng = random.Random(seed)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["id", "subject", "narrative", "received", "closed", "customer", "email", "response"]
        )
        for n in range(1, rows + 1):
            order = f"ORD-{rng.randint(10000, 99999)}"
            text = " ".join(
                [
                    rng.choice(OPENERS).format(
                        order=order, days=rng.randint(2, 40), amount=rng.randint(5, 900)
                    ),
                    rng.choice(CLOSERS),
                    f"Reference {n}.",
                ]
            )
            received = start + timedelta(days=rng.randint(0, 600))
            customer = rng.randint(1, rows // 4 + 1)
            writer.writerow(
                [
                    n,
                    text[:60],
                    text,
                    received.date().isoformat(),
                    (received + timedelta(days=rng.randint(1, 30))).date().isoformat(),
                    customer,
                    f"customer{customer}@example.com",
                    rng.choice(RESPONSES),
                ]
            )


def main() -> None:
    """Generate, import, report."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--url", default="", help="database URL (default: a fresh SQLite file)")
    args = parser.parse_args()
    console = Console()
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "rows.csv"
        write_rows(data, args.rows)
        engine = make_engine(args.url or f"sqlite:///{Path(folder) / 'bench.sqlite3'}")
        upgrade(engine)
        factory = make_session_factory(engine)
        mapping = ImportMapping.model_validate(MAPPING)
        began = time.perf_counter()
        cpu = time.process_time()
        report = import_file(
            factory=factory,
            path=data,
            mapping=mapping,
            clock=lambda: datetime.now(UTC),
            batch_size=args.batch,
        )
        wall = time.perf_counter() - began
        used = time.process_time() - cpu
        engine.dispose()
    console.print(
        f"{engine.dialect.name}: imported {report.imported} of {report.read} rows "
        f"({len(report.rejected)} rejected) in {wall:.1f} s wall, {used:.1f} s CPU: "
        f"[bold]{report.imported / wall:,.0f} rows/s[/] wall, "
        f"{report.imported / used:,.0f} rows/s per CPU second (analysis included)"
    )


if __name__ == "__main__":
    main()
