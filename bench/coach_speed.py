"""Coach speed: median and p95 time per reply over the dev set (repeated), plus long drafts.

Usage: .venv/bin/python bench/coach_speed.py [repeats]
Target (reported, not asserted): median at most 5 ms per reply.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from coach_quality import data_dir, load_replies

from disputedesk.coach import ComposeFacts, PlaybookStep, coach, compose_reply

FALLBACK = [
    "You misunderstood our return policy. It clearly says 14 days.",
    "Thanks for your patience; I've refunded the $12 today and I'll email you by Friday.",
    "We can't do that.",
]


def _time(draft: str) -> float:
    start = time.perf_counter()
    coach(draft)
    return (time.perf_counter() - start) * 1000


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main(argv: list[str]) -> int:
    """Print the timing report."""
    repeats = int(argv[0]) if argv else 20
    rows = load_replies()
    texts = [str(r["text"]) for r in rows] or FALLBACK
    source = f"{len(texts)} dev replies" if rows else f"built-in samples ({data_dir()} absent)"
    for text in texts:
        coach(text)  # warm-up: compile patterns
    times = [_time(text) for _ in range(repeats) for text in texts]
    median = statistics.median(times)
    print(f"coach speed over {source} x {repeats} ({len(times)} calls)")
    print(f"  median {median:.3f} ms   p95 {_pct(times, 0.95):.3f} ms   max {max(times):.3f} ms")
    facts = ComposeFacts(customer_name="Sam Lee", order_number="A-1", item="kettle")
    composed = [compose_reply(facts, step=s, variant=v) for s in PlaybookStep for v in range(10)]
    ctimes = [_time(t) for t in composed]
    print(f"  composed drafts: median {statistics.median(ctimes):.3f} ms")
    for size in (20_000, 200_000):
        draft = (" ".join(texts) + " ") * (size // (len(" ".join(texts)) + 1) + 1)
        draft = draft[:size]
        long_times = [_time(draft) for _ in range(3)]
        print(f"  {size // 1000} KB draft: median {statistics.median(long_times):.1f} ms")
    html = "<div><p>" + "</p><p>".join(texts) + "</p></div>"
    print(f"  HTML draft ({len(html) // 1000} KB): {statistics.median([_time(html)] * 3):.1f} ms")
    print(f"target median <= 5 ms: {'met' if median <= 5 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
