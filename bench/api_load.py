"""The API at scale: N disputes, `disputedesk serve` as a user starts it, a bounded wrk load.

Run: .venv/bin/python bench/api_load.py --sizes 10000,100000 --backends sqlite,postgres
     [--requests 2000] [--concurrency 8] [--max-seconds 60] [--pg-url URL] [--work-dir DIR]
     [--keep] [--peer-dir DIR] [--json FILE] [--chart FILE]

For each backend and N: a fresh database (a SQLite file; a PostgreSQL database dropped afterwards
unless --keep) is migrated and seeded in bulk (`bench/api_seed.py`; the seed time is printed), a
bench agent gets an API token, and then, for one server process (and two on PostgreSQL):
`disputedesk serve [--workers 2]` is started (on PostgreSQL with as many `disputedesk worker`
processes beside it; on SQLite `serve` runs its one worker itself), and `wrk` (Debian's package,
one thread, fixed concurrency) sends each operation from a separate process until the fixed
request count (or the time cap) is reached. The same load then goes to `bench/bare_app.py`, the
same SQL with nothing around it. Prints the table (req/s, p50/p95/p99 ms, server RSS) and, with
--peer-dir, the ratios to django-helpdesk measured by the peer's own scripts in the same run;
writes the results as JSON and the chart of p50 against N as SVG.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from rich.console import Console
from rich.table import Table
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).parent))
from api_seed import demo_threads, load, product_name, settle_sla
from load_report import PEER_OP, Peer, peer_ratios, run_peer, write_chart

from disputedesk.analytics.rollup import catch_up
from disputedesk.auth.service import create_token, create_user
from disputedesk.db import make_engine, make_session_factory
from disputedesk.disputes.lifecycle import OPEN_STATUSES
from disputedesk.disputes.queries import encode_cursor
from disputedesk.migrate import upgrade

console = Console(width=200)
ROOT = Path(__file__).resolve().parent.parent
REPLY = (
    "Thank you for letting us know, and I'm sorry your order is late; I understand how "
    "frustrating the wait is. I've asked the courier to trace the parcel today and I'll "
    "email you an update by Friday."
)
CREATE_TEXT = (
    "This is the second time I'm writing: the blender I ordered arrived with a cracked jug "
    "and nobody answered my email. I want a replacement or my money back."
)


# ---- databases -------------------------------------------------------------------------------


@contextmanager
def database(backend: str, n: int, pg_url: str, work: Path, keep: bool) -> Iterator[Engine]:
    """A migrated, seeded database of N disputes (reused when kept from an earlier run)."""
    if backend == "sqlite":
        path = work / f"api-load-{n}.sqlite3"
        url = f"sqlite:///{path}"
        fresh = not (keep and path.exists())
        if fresh:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
    else:
        name = f"dd_bench_api_{n}" if keep else f"dd_bench_api_{uuid.uuid4().hex[:8]}"
        admin = make_engine(pg_url)
        with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            exists = conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
            fresh = not exists
            if fresh:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
        url = pg_url.rsplit("/", 1)[0] + "/" + name
    engine = make_engine(url)
    try:
        if fresh:
            upgrade(engine)
            threads = demo_threads(work)
            started = time.perf_counter()
            load(engine, n, threads, datetime.now(UTC))
            seconds = time.perf_counter() - started
            console.print(f"[bold]{backend} N={n:,}[/]: seeded in {seconds:.1f} s")
            (work / f"seed-{backend}-{n}.json").write_text(json.dumps({"seconds": seconds}))
        settled = settle_sla(engine, datetime.now(UTC))
        console.print(f"{backend} N={n:,}: {settled:,} past-due disputes marked breached")
        # A kept database holds the past days an earlier run's replies changed; a running desk's
        # worker would long have recomputed their report roll-ups, so the load does not meet
        # that catch-up (at 1M on SQLite, about a minute of the server's CPU).
        caught_up = catch_up(make_session_factory(engine), now=datetime.now(UTC))
        console.print(f"{backend} N={n:,}: roll-ups of {caught_up:,} changed past days recomputed")
        yield engine
    finally:
        engine.dispose()
        if backend == "postgres" and not keep:
            with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        if backend == "postgres":
            admin.dispose()


def seed_seconds(work: Path, backend: str, n: int) -> float | None:
    """How long the seed of this database took (when it was made by this bench)."""
    path = work / f"seed-{backend}-{n}.json"
    return float(json.loads(path.read_text())["seconds"]) if path.exists() else None


def bench_token(engine: Engine) -> tuple[str, int]:
    """A new agent with an API token, as the bench's user."""
    with Session(engine) as session, session.begin():
        user = create_user(
            session=session,
            username=f"bench-{uuid.uuid4().hex[:6]}",
            password="bench password 123",  # noqa: S106 - a throwaway bench user
            role="agent",
        )
        return create_token(session=session, user=user, name="bench").raw, user.id


# ---- what to ask -----------------------------------------------------------------------------


def _open_list(priority: str) -> str:
    return "&".join(f"status={s}" for s in OPEN_STATUSES) + f"&priority={priority}&sort=sla"


def targets(engine: Engine, n: int) -> dict[str, Any]:
    """Ids, cursors and words the operations use, read from the seeded data."""
    opens = ", ".join(f"'{s}'" for s in OPEN_STATUSES)
    with engine.connect() as conn:
        ids = [int(i) for i in conn.scalars(text(
            f"SELECT id FROM disputes WHERE id % {max(1, n // 200)} = 0 LIMIT 200"
        ))]  # fmt: skip
        open_ids = [int(i) for i in conn.scalars(text(
            f"SELECT id FROM disputes WHERE status IN ({opens}) AND id % {max(1, n // 400)} = 1 "
            "LIMIT 200"
        ))]  # fmt: skip
        matching = int(conn.scalar(text(
            f"SELECT count(*) FROM disputes WHERE status IN ({opens}) AND priority = 'high'"
        )) or 0)  # fmt: skip
        cursors, bare = [], []
        for fraction in (0.2, 0.4, 0.5, 0.6, 0.8):
            row = conn.execute(text(
                f"SELECT sla_sort_at, id FROM disputes WHERE status IN ({opens}) "
                "AND priority = 'high' ORDER BY sla_sort_at, id LIMIT 1 OFFSET :k"
            ), {"k": int(matching * fraction)}).one()  # fmt: skip
            due = row[0] if isinstance(row[0], datetime) else datetime.fromisoformat(row[0])
            due = due.replace(tzinfo=UTC) if due.tzinfo is None else due
            cursors.append(encode_cursor("sla", due, int(row[1])))
            raw = row[0] if isinstance(row[0], str) else due.isoformat()
            bare.append(
                f"after_sla={raw}&after_id={row[1]}".replace(" ", "%20").replace("+", "%2B")
            )
        customers = [int(i) for i in conn.scalars(text("SELECT id FROM customers LIMIT 200"))]
    return {"ids": ids, "open_ids": open_ids, "cursors": cursors, "bare_cursors": bare,
            "customers": customers, "matching": matching}  # fmt: skip


def operations(t: dict[str, Any]) -> dict[str, list[tuple[str, str, str | None]]]:
    """Each operation as the list of (method, path, body) its requests cycle through."""
    queue = "/api/v1/disputes?" + _open_list("high")
    create = [
        json.dumps({"customer_id": c, "channel": "web", "subject": "Cracked jug, second time",
                    "description": CREATE_TEXT})
        for c in t["customers"]
    ]  # fmt: skip
    reply = json.dumps({"direction": "outbound", "body": REPLY})
    words = [product_name(i) for i in range(7, 47)]
    return {
        "queue": [("GET", queue, None)],
        "queue_deep": [("GET", f"{queue}&cursor={c}", None) for c in t["cursors"]],
        "detail": [("GET", f"/api/v1/disputes/{i}", None) for i in t["ids"]],
        "search": [("GET", f"/api/v1/disputes?q={w}", None) for w in words],
        "create": [("POST", "/api/v1/disputes", body) for body in create],
        "reply": [("POST", f"/api/v1/disputes/{i}/messages", reply) for i in t["open_ids"]],
    }


def bare_operations(t: dict[str, Any]) -> dict[str, list[tuple[str, str, str | None]]]:
    """The bare endpoint's queue and detail, on the same rows."""
    return {
        "queue": [("GET", "/queue?priority=high", None)],
        "queue_deep": [("GET", f"/queue?priority=high&{c}", None) for c in t["bare_cursors"]],
        "detail": [("GET", f"/disputes/{i}", None) for i in t["ids"]],
    }


# ---- load ------------------------------------------------------------------------------------

LUA = """
local reqs = %s
local limit = %d
local i, seen = 0, 0
wrk.headers["Authorization"] = "Bearer %s"
wrk.headers["Content-Type"] = "application/json"
request = function()
  i = i + 1
  local r = reqs[(i - 1) %% #reqs + 1]
  return wrk.format(r[1], r[2], nil, r[3])
end
response = function(status, headers, body)
  seen = seen + 1
  if seen == limit then
    -- Stop issuing and tell the bench, which interrupts wrk's timer (SIGINT ends it like Ctrl-C).
    wrk.thread:stop()
    io.open("%s", "w"):close()
  end
end
done = function(summary, latency, requests)
  io.write(string.format(
    'RESULT {"done":%%d,"us":%%d,"p50":%%d,"p95":%%d,"p99":%%d,"bad":%%d,"errors":%%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""


def _lua_string(value: str) -> str:
    return "[==[" + value + "]==]"


def wrk(
    base: str,
    token: str,
    reqs: list[tuple[str, str, str | None]],
    requests: int,
    args: argparse.Namespace,
) -> dict[str, Any]:
    """One bounded load: `requests` responses at `args.concurrency` connections."""
    table = (
        "{"
        + ",".join(
            "{" + ",".join([_lua_string(m), _lua_string(p), _lua_string(b) if b else "nil"]) + "}"
            for m, p, b in reqs
        )
        + "}"
    )
    with tempfile.TemporaryDirectory() as folder:
        script, marker = Path(folder) / "load.lua", Path(folder) / "done"
        script.write_text(LUA % (table, requests, token, marker))
        command = ["wrk", "-t1", f"-c{args.concurrency}", f"-d{args.max_seconds}s",
                   "--timeout", "30s", "-s", str(script), base]  # fmt: skip
        with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as proc:
            while proc.poll() is None:
                if marker.exists():
                    proc.send_signal(signal.SIGINT)
                    break
                time.sleep(0.005)
            out = proc.communicate()[0]
    line = next(x for x in out.splitlines() if x.startswith("RESULT "))
    r = json.loads(line.removeprefix("RESULT "))
    seconds = r["us"] / 1e6
    return {
        "done": r["done"],
        "rps": r["done"] / seconds if seconds else 0.0,
        "p50": r["p50"] / 1000,
        "p95": r["p95"] / 1000,
        "p99": r["p99"] / 1000,
        "bad": r["bad"] + r["errors"],
    }


def rss_mib(pid: int) -> float:
    """Resident memory of a process and its children (uvicorn's workers), MiB."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            total += int(next(x for x in status.splitlines() if x.startswith("VmRSS")).split()[1])
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, StopIteration, ProcessLookupError):
            continue
    return total / 1024


@contextmanager
def server(command: list[str], env: dict[str, str], port: int, log: Path) -> Iterator[int]:
    """A server started as a user would, until it answers; stopped afterwards."""
    with log.open("ab") as out:
        proc = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
        try:
            for _ in range(600):
                try:
                    httpx.get(f"http://127.0.0.1:{port}/health", timeout=1)
                    break
                except httpx.HTTPError:
                    if proc.poll() is not None:
                        raise SystemExit(f"server exited: see {log}") from None
                    time.sleep(0.1)
            yield proc.pid
        finally:
            proc.terminate()
            proc.wait(timeout=30)


@contextmanager
def worker(env: dict[str, str], log: Path) -> Iterator[int]:
    """A `disputedesk worker` process (jobs, SLA sweeps), stopped afterwards."""
    with log.open("ab") as out:
        command = [sys.executable, "-m", "disputedesk", "worker"]
        proc = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
        try:
            yield proc.pid
        finally:
            proc.terminate()
            proc.wait(timeout=60)


def check(base: str, token: str, req: tuple[str, str, str | None]) -> None:
    """One request of the operation must succeed before it is loaded."""
    method, path, body = req
    response = httpx.request(
        method, base + path, content=body, timeout=60,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )  # fmt: skip
    if response.status_code >= 400:
        raise SystemExit(f"{method} {path}: {response.status_code} {response.text[:300]}")


def _combined(rounds: list[dict[str, Any]]) -> dict[str, Any]:
    """Rounds of one operation as one result: req/s over all of them, median percentiles."""
    done = sum(r["done"] for r in rounds)
    seconds = sum(r["done"] / r["rps"] for r in rounds if r["rps"])
    return {
        "done": done,
        "rps": done / seconds if seconds else 0.0,
        **{p: statistics.median(r[p] for r in rounds) for p in ("p50", "p95", "p99")},
        "bad": sum(r["bad"] for r in rounds),
    }


Results = dict[str, dict[str, Any]]  # operation -> its figures


def measure(
    base: str, token: str, ops: dict[str, list[tuple[str, str, str | None]]], pid: int,
    args: argparse.Namespace, bare: tuple[str, dict[str, Any], int] | None = None,
    peer: tuple[Peer, str] | None = None,
) -> tuple[Results, Results, Results]:  # fmt: skip
    """Every operation in turn against one running server. With `bare` (its base URL, operations
    and pid) and `peer` (django-helpdesk and the database it is on), the operations they also
    serve alternate between them in rounds.

    The machine's speed drifts (2 shared cores, other tenants): run one after the other, the
    product, the bare endpoint and the peer may meet different machines. Alternating short
    rounds (who goes first rotates) puts them under the same conditions; the x-bare and x-peer
    figures are the medians of the rounds' ratios. A peer round stopped by the time cap is not
    repeated: the peer is then so slow that one round tells.
    """
    out: Results = {}
    bare_out: Results = {}
    peer_out: Results = {}
    for name, reqs in ops.items():
        check(base, token, reqs[0])
        with_bare = bare is not None and name in bare[1]
        with_peer = peer is not None and name in PEER_OP
        if not with_bare and not with_peer:
            result = wrk(base, token, reqs, args.requests, args)
        else:
            share = max(1, args.requests // args.rounds)
            ours: list[dict[str, Any]] = []
            theirs: list[dict[str, Any]] = []
            peers: list[dict[str, Any] | None] = []
            if with_bare:
                assert bare is not None
                check(bare[0], token, bare[1][name][0])
            for i in range(args.rounds):
                turn = ["ours", *(["bare"] if with_bare else []), *(["peer"] if with_peer else [])]
                k = i % len(turn)
                for who in turn[k:] + turn[:k]:
                    if who == "ours":
                        ours.append(wrk(base, token, reqs, share, args))
                    elif who == "bare" and bare is not None:
                        theirs.append(wrk(bare[0], token, bare[1][name], share, args))
                    elif peer is not None and any(p is not None and p["capped"] for p in peers):
                        peers.append(None)
                    elif peer is not None:
                        peers.append(peer[0].load(peer[1], name, share, args.concurrency))
            result = _combined(ours)
            if with_bare:
                result["x_bare"] = statistics.median(
                    a["rps"] / b["rps"] for a, b in zip(ours, theirs, strict=True) if b["rps"]
                )
                assert bare is not None
                bare_out[name] = _combined(theirs)
                bare_out[name]["rss_mib"] = rss_mib(bare[2])
            if with_peer:
                pairs = [(a, b) for a, b in zip(ours, peers, strict=True) if b and b["rps"]]
                if pairs:
                    result["x_peer"] = statistics.median(a["rps"] / b["rps"] for a, b in pairs)
                    ran = [b for _, b in pairs]
                    peer_out[name] = {**_combined(ran), "rss_mib": max(b["rss_mib"] for b in ran),
                                      "peer_op": PEER_OP[name]}  # fmt: skip
        result["rss_mib"] = rss_mib(pid)
        out[name] = result
        console.print(
            f"  {name:<11} {result['rps']:8.1f} req/s  p50 {result['p50']:7.2f} ms  "
            f"p95 {result['p95']:7.2f}  p99 {result['p99']:7.2f}  rss {result['rss_mib']:.0f} MiB"
            + (f"  x bare {result['x_bare']:.2f}" if "x_bare" in result else "")
            + (f"  x peer {result['x_peer']:.1f} (peer {peer_out[name]['rps']:.2f} req/s)"
               if "x_peer" in result else "")
            + (f"  [red]{result['bad']} failed[/]" if result["bad"] else "")
        )  # fmt: skip
    return out, bare_out, peer_out


def run_size(backend: str, n: int, args: argparse.Namespace) -> list[dict[str, Any]]:
    """Seed N disputes on `backend`, load the product (1 and 2 processes) and the bare app."""
    work: Path = args.work_dir
    rows = []
    with database(backend, n, args.pg_url, work, args.keep) as engine:
        token, _ = bench_token(engine)
        t = targets(engine, n)
        url = engine.url.render_as_string(hide_password=False)
        env = {
            **os.environ,
            "DISPUTEDESK_DATABASE_URL": url,
            "DISPUTEDESK_DATA_DIR": str(work / "data"),
            "DISPUTEDESK_SECRET_KEY": "bench-" + "k" * 40,
            "DISPUTEDESK_PORT": str(args.port),
            "DISPUTEDESK_LOG_LEVEL": "WARNING",
        }
        base = f"http://127.0.0.1:{args.port}"
        seed = seed_seconds(work, backend, n)
        bare_base = f"http://127.0.0.1:{args.port + 1}"
        peer = None
        if args.peer_dir and n in args.peer_sizes:
            peer = (Peer(args.peer_dir, work / "peer", console, args.peer_max_seconds), backend)
            started = time.perf_counter()
            peer[0].seed(backend, n)
            console.print(f"  peer seeded in {time.perf_counter() - started:.1f} s")
        for processes in (1, 2) if backend == "postgres" else (1,):
            command = [sys.executable, "-m", "disputedesk", "serve"]
            if processes > 1:
                command += ["--workers", str(processes)]
            console.print(f"[bold]{backend} N={n:,}[/]: disputedesk serve, {processes} process(es)"
                          + (", and the bare endpoint (same SQL, no framework)"
                             if processes == 1 else ""))  # fmt: skip
            with ExitStack() as stack:
                if backend == "postgres":
                    # On PostgreSQL the due work runs in `disputedesk worker` processes beside the
                    # API, as deployed: as many workers as API processes.
                    for _ in range(processes):
                        stack.enter_context(worker(env, work / "worker.log"))
                pid = stack.enter_context(server(command, env, args.port, work / "server.log"))
                bare = None
                if processes == 1:
                    # The ceiling, served beside the product and loaded in turn with it.
                    bare_command = [sys.executable, str(ROOT / "bench" / "bare_app.py"),
                                    "--db", url, "--port", str(args.port + 1)]  # fmt: skip
                    bare_pid = stack.enter_context(
                        server(bare_command, env, args.port + 1, work / "bare.log")
                    )
                    bare = (bare_base, bare_operations(t), bare_pid)
                results, bare_results, peer_results = measure(
                    base, token, operations(t), pid, args, bare, peer if processes == 1 else None
                )
            rows += [{"backend": backend, "n": n, "target": f"disputedesk x{processes}",
                      "op": op, "seed_s": seed, **r} for op, r in results.items()]  # fmt: skip
            rows += [{"backend": backend, "n": n, "target": "bare", "op": op, "seed_s": seed,
                      **r} for op, r in bare_results.items()]  # fmt: skip
            rows += [{"backend": backend, "n": n, "target": "django-helpdesk", "op": op,
                      "seed_s": None, **r} for op, r in peer_results.items()]  # fmt: skip
    return rows


def print_table(
    rows: list[dict[str, Any]], ratios: dict[tuple[str, int, str], tuple[float, str]]
) -> None:
    """The results, one line per backend, N, server and operation."""
    table = Table(title="API under load (wrk, client-side latency)")
    for col in ("db", "N", "server", "operation", "req/s", "p50 ms", "p95 ms", "p99 ms",
                "RSS MiB", "failed", "x bare", "x peer"):  # fmt: skip
        table.add_column(col, justify="left" if col in ("db", "server", "operation") else "right")
    for r in rows:
        of_bare = f"{r['x_bare']:.2f}" if "x_bare" in r else ""
        peer = ratios.get((r["backend"], r["n"], r["op"]))
        versus = ""
        if peer:
            digits = 0 if peer[0] >= 10 else 1
            versus = f"{peer[0]:.{digits}f}x" + (" (ref)" if peer[1] == "reference" else "")
        table.add_row(
            r["backend"], f"{r['n']:,}", r["target"], r["op"], f"{r['rps']:.1f}",
            f"{r['p50']:.2f}", f"{r['p95']:.2f}", f"{r['p99']:.2f}", f"{r['rss_mib']:.0f}",
            str(r["bad"]), of_bare, versus if r["target"] == "disputedesk x1" else "",
        )  # fmt: skip
    console.print(table)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument(
        "--rounds", type=int, default=6, help="turns of product and bare endpoint, alternating"
    )
    parser.add_argument("--max-seconds", type=int, default=60)
    parser.add_argument("--port", type=int, default=8093)
    parser.add_argument("--pg-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--work-dir", type=Path, default=ROOT / "var" / "bench")
    parser.add_argument("--keep", action="store_true", help="keep (and reuse) the databases")
    parser.add_argument(
        "--seed-only", action="store_true", help="only make the (kept) databases, no load"
    )
    parser.add_argument(
        "--peer-dir",
        type=Path,
        help="the django-helpdesk peer's scripts: it is seeded at the same N and loaded in turn "
        "with the product in the same rounds",
    )
    parser.add_argument("--peer-sizes", default="10000", help="N at which to run the peer")
    parser.add_argument(
        "--peer-only",
        action="store_true",
        help="only run the peer; the product's figures are the ones in --json",
    )
    parser.add_argument(
        "--peer-max-seconds",
        type=int,
        default=60,
        help="the peer's time cap per operation or round (its bench.py --max-seconds)",
    )
    parser.add_argument("--json", type=Path, default=ROOT / "var" / "bench" / "api_load.json")
    parser.add_argument("--chart", type=Path, default=ROOT / "docs" / "api_load_p50.svg")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed (Debian: apt-get install wrk)")
    args.work_dir.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    args.peer_sizes = [int(s) for s in args.peer_sizes.split(",")]
    if args.peer_dir:
        args.peer_dir = args.peer_dir.resolve()  # its scripts run from their own folder
    rows: list[dict[str, Any]] = []
    if args.json.exists():  # earlier runs of other sizes stay in the results
        rows = [r for r in json.loads(args.json.read_text())["rows"]
                if (r["backend"], r["n"]) not in
                {(b, n) for b in args.backends.split(",") for n in sizes}]  # fmt: skip
    if args.peer_only:
        rows = json.loads(args.json.read_text())["rows"]
    for backend in args.backends.split(",") if not args.peer_only else ():
        for n in sizes:
            if args.seed_only:
                with database(backend, n, args.pg_url, args.work_dir, keep=True):
                    continue
            rows += run_size(backend, n, args)
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps({"rows": rows}, indent=1))
    if args.seed_only:
        return
    peer: list[dict[str, Any]] = []
    if args.peer_dir and args.peer_only:
        peer = run_peer(
            args.peer_dir,
            args.backends.split(","),
            args.peer_sizes,
            console,
            args.work_dir / "peer",
            ["--max-seconds", str(args.peer_max_seconds)],
        )
    ratios = peer_ratios(rows, peer)
    args.json.write_text(json.dumps({"rows": rows, "peer": peer}, indent=1))
    print_table(rows, ratios)
    write_chart(rows, args.chart)
    console.print(f"results: {args.json}; chart: {args.chart}")


if __name__ == "__main__":
    main()
