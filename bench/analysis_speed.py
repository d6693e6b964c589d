"""Throughput of disputedesk.analysis.analyze vs VADER alone, and time vs text length.

Run: .venv/bin/python bench/analysis_speed.py [--repeats 7] [--messages 2000]
Short messages come from BANKING77 test (real customer queries) and the project dev set;
falls back to built-in samples when the shared data is absent. Times are CPU time of this
thread (time.thread_time), so other processes on a shared machine disturb them less than wall
clock; VADER runs interleaved with analyze() so both see the same machine state. Prints tables,
writes nothing.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.table import Table
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from disputedesk.analysis import analyze

REPO = Path(__file__).resolve().parents[1]
FALLBACK = [
    "I was charged twice for order #48213 and nobody answered my emails.",
    "Hi, where is my parcel? Thanks!",
    "This is the third time I'm writing. I want a manager.",
    "The kettle stopped working after a week, can I get a replacement?",
]


def shared_data() -> Path:
    """$DISPUTEDESK_SHARED_DATA or <repo>/../shared/data."""
    env = os.environ.get("DISPUTEDESK_SHARED_DATA")
    return Path(env) if env else REPO.parent / "shared" / "data"


def load_messages(limit: int) -> tuple[list[str], str]:
    """Short real messages (BANKING77 test + dev set), or a fallback sample."""
    data = shared_data()
    texts: list[str] = []
    b77 = data / "external" / "banking77" / "test.csv"
    if b77.is_file():
        with b77.open(encoding="utf-8") as fh:
            texts.extend(row["text"] for row in csv.DictReader(fh))
    dev = data / "messages.dev.jsonl"
    if dev.is_file():
        with dev.open(encoding="utf-8") as fh:
            texts.extend(t for t in (json.loads(x)["text"] for x in fh) if len(t) <= 200)
    if not texts:
        return FALLBACK * (limit // len(FALLBACK) + 1), "built-in fallback sample"
    return texts[:limit], f"{min(limit, len(texts))} short messages from {data}"


def timed(fn: Callable[[str], object], texts: list[str]) -> float:
    """CPU seconds of this thread to run fn over texts once."""
    start = time.thread_time()
    for t in texts:
        fn(t)
    return time.thread_time() - start


def main() -> None:
    """Run the benchmark and print tables."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--messages", type=int, default=2000)
    args = parser.parse_args()
    console = Console()
    texts, source = load_messages(args.messages)
    vader = SentimentIntensityAnalyzer()
    for t in texts:  # warm caches (regexes, model word cache)
        analyze(t)
    a_times, v_times = [], []
    for _ in range(args.repeats):  # interleave so background load hits both equally
        v_times.append(timed(vader.polarity_scores, texts))
        a_times.append(timed(analyze, texts))
    a_med, v_med = statistics.median(a_times), statistics.median(v_times)
    ratios = sorted(a / v for a, v in zip(a_times, v_times, strict=True))
    table = Table(title=f"Throughput ({source}; median of {args.repeats} runs, one process)")
    for col in ("pipeline", "messages/s", "µs/message", "ratio to VADER"):
        table.add_column(col, justify="right")
    table.add_row(
        "VADER polarity_scores",
        f"{len(texts) / v_med:,.0f}",
        f"{v_med / len(texts) * 1e6:.1f}",
        "1.00",
    )
    table.add_row(
        "disputedesk analyze (full)",
        f"{len(texts) / a_med:,.0f}",
        f"{a_med / len(texts) * 1e6:.1f}",
        f"{a_med / v_med:.2f}",
    )
    console.print(table)
    console.print(
        f"ratio to VADER per run (same run, sorted): {', '.join(f'{r:.2f}' for r in ratios)}"
    )

    base = " ".join(texts[:5])
    lengths = Table(title="Time vs text length (median of repeats)")
    for col in ("multiplier", "characters", "ms/analysis", "ms per 1k chars"):
        lengths.add_column(col, justify="right")
    for mult in (1, 10, 30, 90):  # up to ~20k characters, the prefix scores and category read
        text = " ".join([base] * mult)
        runs = []
        for _ in range(args.repeats):
            start = time.thread_time()
            analyze(text)
            runs.append(time.thread_time() - start)
        med = statistics.median(runs) * 1000
        lengths.add_row(f"{mult}x", f"{len(text):,}", f"{med:.2f}", f"{med / len(text) * 1000:.3f}")
    console.print(lengths)


if __name__ == "__main__":
    main()
