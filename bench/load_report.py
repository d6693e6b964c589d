"""The peer run, the ratios to it and the p50 chart of `bench/api_load.py`."""

from __future__ import annotations

import json
import math
import os
import subprocess
import tempfile
from html import escape
from pathlib import Path
from typing import Any

from rich.console import Console

# Our operation -> the peer's operations that do the same job; the fastest of them is compared
# (its HTML ticket page is far faster than its REST API, see the peer's README).
COMPARABLE = {
    "queue": ("api_list", "html_list_data"),
    "detail": ("api_read", "html_read"),
    "create": ("api_create",),
}
# django-helpdesk 2.6.1 on this machine, 2026-11-24, by the peer's scripts (req/s of the fastest
# comparable operation): used only when the peer is not measured in the same run.
REFERENCE = {
    ("postgres", 10_000): {"queue": 6.00, "detail": 19.8, "create": 39.6},
    ("postgres", 100_000): {"queue": 0.51, "detail": 17.3, "create": 36.8},
    ("sqlite", 10_000): {"queue": 6.27, "detail": 24.7, "create": 45.5},
    ("sqlite", 100_000): {"queue": 0.78, "detail": 16.4, "create": 43.0},
}


# Our operation -> the peer's fastest way of doing the same job, which is loaded in turn with ours
# in the same rounds (its REST list and read are 10-100x slower than these: its README).
PEER_OP = {"queue": "html_list_data", "detail": "html_read", "create": "api_create"}


class Peer:
    """django-helpdesk, seeded and loaded by its own scripts, one operation at a time."""

    def __init__(self, peer_dir: Path, root: Path, console: Console, max_seconds: int) -> None:
        # Its own root and PostgreSQL database, so no other run of the peer is disturbed.
        self.dir, self.root, self.console, self.max_seconds = peer_dir, root, console, max_seconds
        self.env = {**os.environ, "PEER_ROOT": str(root), "PEER_PG_NAME": "peer_helpdesk_api_load"}
        self.python = root / "venv" / "bin" / "python"
        if not self.python.exists():
            subprocess.run(["bash", str(peer_dir / "setup.sh")], env=self.env, check=True)

    def seed(self, backend: str, n: int) -> None:
        """N tickets on `backend` (its seed.py starts from an empty database)."""
        self.console.print(f"[bold]{backend} N={n:,}[/]: seeding django-helpdesk (peer scripts)")
        command = [str(self.python), str(self.dir / "seed.py"), str(n), "--db", backend]
        subprocess.run(command, env=self.env, check=True, cwd=self.dir, stdout=subprocess.DEVNULL)

    def load(self, backend: str, op: str, requests: int, concurrency: int) -> dict[str, Any]:
        """One bounded load of the peer's counterpart of our `op` (its own server and client)."""
        with tempfile.TemporaryDirectory() as folder:
            results = Path(folder) / "bench.jsonl"
            subprocess.run(
                [str(self.python), str(self.dir / "bench.py"), "--db", backend,
                 "--ops", PEER_OP[op], "--requests", str(requests),
                 "--concurrency", str(concurrency), "--max-seconds", str(self.max_seconds),
                 "--results", str(results)],
                env=self.env, check=True, cwd=self.dir, stdout=subprocess.DEVNULL,
            )  # fmt: skip
            r = json.loads(results.read_text().splitlines()[-1])
        return {
            "done": r["completed"],
            "rps": float(r["rps"]),
            "p50": r["p50_ms"],
            "p95": r["p95_ms"],
            "p99": r["p99_ms"],
            "bad": r["errors"],
            "capped": bool(r["capped_by_time"]),
            "rss_mib": r["server_rss_mib"],
            "peer_op": PEER_OP[op],
        }


def run_peer(
    peer_dir: Path,
    backends: list[str],
    sizes: list[int],
    console: Console,
    root: Path,
    bench_args: list[str] | None = None,
) -> list[dict[str, Any]]:
    """Seed and load django-helpdesk with its own scripts for the same N and databases."""
    # Its own root and PostgreSQL database, so no other run of the peer is disturbed.
    env = {**os.environ, "PEER_ROOT": str(root), "PEER_PG_NAME": "peer_helpdesk_api_load"}
    python = root / "venv" / "bin" / "python"
    if not python.exists():
        subprocess.run(["bash", str(peer_dir / "setup.sh")], env=env, check=True)
    results = root / "results" / "bench.jsonl"
    start = len(results.read_text().splitlines()) if results.exists() else 0
    for backend in backends:
        for n in sizes:
            console.print(f"[bold]{backend} N={n:,}[/]: django-helpdesk (peer scripts)")
            subprocess.run([str(python), str(peer_dir / "seed.py"), str(n), "--db", backend],
                           env=env, check=True, cwd=peer_dir)  # fmt: skip
            subprocess.run([str(python), str(peer_dir / "bench.py"), "--db", backend,
                            *(bench_args or [])], env=env, check=True, cwd=peer_dir)  # fmt: skip
    lines = results.read_text().splitlines()[start:] if results.exists() else []
    return [json.loads(line) for line in lines]


def peer_ratios(
    rows: list[dict[str, Any]], peer: list[dict[str, Any]]
) -> dict[tuple[str, int, str], tuple[float, str]]:
    """Our req/s over the peer's fastest comparable req/s: measured now, else the reference."""
    measured: dict[tuple[str, int], dict[str, float]] = {}
    for r in peer:
        for op, theirs in COMPARABLE.items():
            if r["op"] in theirs:
                best = measured.setdefault((r["db"], r["n"]), {})
                best[op] = max(best.get(op, 0.0), float(r["rps"]))
    out = {}
    for r in rows:
        if r["target"] != "disputedesk x1" or r["op"] not in COMPARABLE:
            continue
        key = (r["backend"], r["n"])
        if "x_peer" in r:  # loaded in turn with ours, in the same rounds
            out[(r["backend"], r["n"], r["op"])] = (r["x_peer"], "same rounds")
            continue
        source, figures = "same run", measured.get(key, {})
        if r["op"] not in figures:
            source, figures = "reference", REFERENCE.get(key, {})
        if figures.get(r["op"]):
            out[(r["backend"], r["n"], r["op"])] = (r["rps"] / figures[r["op"]], source)
    return out


COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf")


def write_chart(rows: list[dict[str, Any]], path: Path) -> None:
    """p50 latency against N (log-log), one line per database and operation, as plain SVG."""
    series: dict[str, list[tuple[int, float]]] = {}
    for r in rows:
        if r["target"] == "disputedesk x1":
            series.setdefault(f"{r['op']} ({r['backend']})", []).append((r["n"], r["p50"]))
    if not series:
        return
    ns = sorted({n for pts in series.values() for n, _ in pts})
    top = max(p for pts in series.values() for _, p in pts)
    lo_n, hi_n = math.log10(min(ns)), math.log10(max(ns)) if len(ns) > 1 else math.log10(ns[0]) + 1
    lo_y, hi_y = 0.0, math.log10(max(top, 1.0) * 1.5) + 0.3
    w, h, left, right, top_pad, bottom = 760, 420, 60, 230, 30, 40

    def x(n: int) -> float:
        return left + (math.log10(n) - lo_n) / (hi_n - lo_n) * (w - left - right)

    def y(ms: float) -> float:
        value = math.log10(max(ms, 1.0))
        return top_pad + (1 - (value - lo_y) / (hi_y - lo_y)) * (h - top_pad - bottom)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
        f'font-family="sans-serif" font-size="12">',
        '<rect width="100%" height="100%" fill="white"/>',
        f'<text x="{left}" y="18" font-size="14">p50 latency (ms, log; 8 requests in flight)'
        " against disputes (N, log), one server process</text>",
    ]
    for ms in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000):
        if math.log10(ms) <= hi_y:
            parts.append(f'<line x1="{left}" x2="{w - right}" y1="{y(ms):.1f}" y2="{y(ms):.1f}" '
                         'stroke="#ddd"/>')  # fmt: skip
            parts.append(f'<text x="{left - 8}" y="{y(ms) + 4:.1f}" text-anchor="end">{ms}</text>')
    for n in ns:
        parts.append(f'<text x="{x(n):.1f}" y="{h - 15}" text-anchor="middle">{n:,}</text>')
    for i, (name, pts) in enumerate(sorted(series.items())):
        colour = COLOURS[i % len(COLOURS)]
        dash = ' stroke-dasharray="5,3"' if "sqlite" in name else ""
        coords = " ".join(f"{x(n):.1f},{y(p):.1f}" for n, p in sorted(pts))
        parts.append(f'<polyline points="{coords}" fill="none" stroke="{colour}" '
                     f'stroke-width="2"{dash}/>')  # fmt: skip
        for n, p in pts:
            parts.append(f'<circle cx="{x(n):.1f}" cy="{y(p):.1f}" r="3" fill="{colour}"/>')
        ly = top_pad + 10 + i * 17
        parts.append(f'<line x1="{w - right + 15}" x2="{w - right + 40}" y1="{ly}" y2="{ly}" '
                     f'stroke="{colour}" stroke-width="2"{dash}/>')  # fmt: skip
        parts.append(f'<text x="{w - right + 46}" y="{ly + 4}">{escape(name)}</text>')
    parts.append("</svg>")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(parts) + "\n")
