"""Hostile inputs: does analyze() stay linear in text length? (catastrophic backtracking probe)

Run: .venv/bin/python bench/analysis_adversarial.py [--size 20000] [--limit 5]
For every risk pattern, each of its required words (see `disputedesk.analysis.prefilter`) is
followed by a long run of one filler (spaces, letters, digits, "a.", quotes, ...), and a few
fixed hostile texts (100k repeated characters, a 1 MB message, emoji, control characters, other
scripts) are added. Each input is analysed at size n and 4n: a linear engine takes about 4x as
long; 16x would mean quadratic work (CPU time, the faster of two runs). Inputs slower than
--limit seconds (wall clock) are stopped and reported.
Prints a table of the worst growth ratios; writes nothing.
"""

from __future__ import annotations

import argparse
import signal
import time
from collections.abc import Callable
from types import FrameType

from rich.console import Console
from rich.table import Table

from disputedesk.analysis import analyze
from disputedesk.analysis.prefilter import required_factors
from disputedesk.analysis.risks import _RULES

FILLERS = (" ", "a", "1", "a ", "1 ", "a.", ". ", "'", "-", "A", "!", "\n", "1-", "a@")


class TooSlow(Exception):
    """Raised by the alarm when one analysis runs past the limit."""


def _alarm(_signum: int, _frame: FrameType | None) -> None:
    raise TooSlow


def seconds(make: Callable[[int], str], n: int, limit: int) -> float | None:
    """CPU seconds to analyse make(n), or None when it took longer than limit."""
    text = make(n)
    best: float | None = None
    for _ in range(2):  # the faster of two runs, in CPU time: a shared machine is noisy
        signal.alarm(limit)
        try:
            start = time.thread_time()
            analyze(text)
            took = time.thread_time() - start
        except TooSlow:
            return None
        finally:
            signal.alarm(0)
        best = took if best is None else min(best, took)
    return best


def probes() -> dict[str, Callable[[int], str]]:
    """Named input families; each takes a size in characters (roughly)."""
    out: dict[str, Callable[[int], str]] = {}
    words: set[str] = set()
    for _, _, patterns in _RULES:
        for p in patterns:
            words |= required_factors(p) or set()
    for word in sorted(words):
        for filler in FILLERS:
            out[f"{word!r} + {filler!r}*n"] = lambda n, w=word, f=filler: (
                w + " " + f * (n // len(f))
            )
    fixed: dict[str, Callable[[int], str]] = {
        "a*n": lambda n: "a" * n,
        "digits*n": lambda n: "1" * n,
        "a.*n + @x": lambda n: "a." * (n // 2) + "@x",
        "x@ + a.*n": lambda n: "x@" + "a." * (n // 2),
        "emoji*n": lambda n: "😡" * n,
        "NUL*n": lambda n: "\x00" * n,
        "you are *n": lambda n: "you are " * (n // 8),
        "I'll *n": lambda n: "I'll " * (n // 5),
        "the third *n": lambda n: "the third " * (n // 10),
        "why is *n": lambda n: "why is " * (n // 7),
        "order + spaces": lambda n: "order" + " " * n + "x",
        "#1 + -1*n": lambda n: "#1" + "-1" * (n // 2),
        "Spanish": lambda n: "No he recibido mi pedido, quiero un reembolso. " * (n // 47),
        "Chinese": lambda n: "我的订单还没有到，我要退款。" * (n // 14),
        "Arabic": lambda n: "لم أستلم طلبي وأريد استرداد أموالي. " * (n // 36),
    }
    out.update(fixed)
    return out


def main() -> None:
    """Probe every family at two sizes and print the worst growth."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=20_000, help="the smaller size n")
    parser.add_argument("--limit", type=int, default=5, help="seconds before an input is stopped")
    parser.add_argument("--show", type=int, default=15, help="rows of the table")
    args = parser.parse_args()
    signal.signal(signal.SIGALRM, _alarm)
    console = Console()
    rows: list[tuple[float, str, float, float | None]] = []
    slow: list[str] = []
    families = probes()
    for name, make in families.items():
        small = seconds(make, args.size, args.limit)
        large = seconds(make, 4 * args.size, args.limit)
        if small is None or large is None:
            slow.append(name)
            continue
        rows.append((large / max(small, 1e-6), name, small, large))
    rows.sort(reverse=True)
    table = Table(
        title=f"{len(families)} hostile inputs at {args.size:,} and {4 * args.size:,} chars"
    )
    for col in ("input", "ms at n", "ms at 4n", "growth (linear = 4)"):
        table.add_column(col, justify="left" if col == "input" else "right")
    for growth, name, small_s, large_s in rows[: args.show]:
        table.add_row(
            name, f"{small_s * 1000:.1f}", f"{(large_s or 0) * 1000:.1f}", f"{growth:.1f}"
        )
    console.print(table)
    worst_ms = max((r[3] or 0.0) / (4 * args.size) * 1e6 for r in rows) if rows else 0.0
    console.print(f"slowest input: {worst_ms:.2f} ms per 1k characters")
    console.print(f"stopped after {args.limit}s: {len(slow)} {slow[:10]}")


if __name__ == "__main__":
    main()
