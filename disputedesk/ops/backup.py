"""Back up and restore the database: SQLite with its online backup API, PostgreSQL with pg_dump.

A SQLite backup is a consistent copy taken while the desk keeps running (readers and writers
are not stopped). A restore writes into a database that is new or holds no rows; replacing a
database that has data needs `force`. PostgreSQL backups are pg_dump's custom format, restored
with pg_restore; both tools must be on PATH and match the server's major version.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why and what to do."""


@dataclass(frozen=True)
class BackupResult:
    """What was written and how big it is."""

    path: Path
    size_bytes: int
    tables: int


def backend_of(url: str) -> str:
    """'sqlite' or 'postgresql' for a database URL; anything else is refused."""
    name = make_url(url).get_backend_name()
    if name not in ("sqlite", "postgresql"):
        raise BackupError(f"backups of {name} databases are not supported")
    return name


def backup(url: str, target: Path, *, force: bool = False) -> BackupResult:
    """Write a backup of the database at `url` to `target` (refuses to replace a file)."""
    if target.exists() and not force:
        raise BackupError(f"{target} already exists; choose a new name or pass --force")
    if target.is_dir():
        raise BackupError(f"{target} is a directory; give a file name")
    target.parent.mkdir(parents=True, exist_ok=True)
    if backend_of(url) == "sqlite":
        return _backup_sqlite(_sqlite_path(url), target)
    return _backup_postgres(make_url(url), target)


def restore(url: str, source: Path, *, force: bool = False) -> BackupResult:
    """Restore the backup in `source` into the database at `url`.

    The database must be new or hold no rows, unless `force` is given.
    """
    if not source.is_file():
        raise BackupError(f"no backup file at {source}")
    if backend_of(url) == "sqlite":
        return _restore_sqlite(source, _sqlite_path(url), force=force)
    return _restore_postgres(make_url(url), source, force=force)


def _sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up")
    return Path(database)


def _connect_existing(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise BackupError(f"no SQLite database at {path}")
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def _user_tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    return [str(row[0]) for row in rows]


def _has_rows(conn: sqlite3.Connection) -> bool:
    """Whether any of the desk's tables holds a row (search indexes keep rows of their own)."""
    virtual = [
        str(row[0])
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'"
        )
    ]
    for table in _user_tables(conn):
        if table == "alembic_version" or any(
            table == v or table.startswith(f"{v}_") for v in virtual
        ):
            continue
        quoted = table.replace('"', '""')
        if conn.execute(f'SELECT 1 FROM "{quoted}" LIMIT 1').fetchone() is not None:  # noqa: S608
            return True
    return False


def _check_sqlite(conn: sqlite3.Connection, where: Path) -> int:
    try:
        verdict = conn.execute("PRAGMA integrity_check").fetchone()
        tables = _user_tables(conn)
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{where} is not a readable SQLite database ({exc})") from exc
    if verdict is None or verdict[0] != "ok":
        raise BackupError(f"{where} failed its integrity check")
    if "alembic_version" not in tables:
        raise BackupError(f"{where} is not a disputedesk database (no schema version)")
    return len(tables)


def _backup_sqlite(database: Path, target: Path) -> BackupResult:
    source = _connect_existing(database)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        copy = sqlite3.connect(partial)
        try:
            # The online backup API copies a consistent snapshot page by page.
            source.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")
            tables = _check_sqlite(copy, partial)
        finally:
            copy.close()
    finally:
        source.close()
    partial.replace(target)
    return BackupResult(target, target.stat().st_size, tables)


def _restore_sqlite(source: Path, database: Path, *, force: bool) -> BackupResult:
    backup_db = _connect_existing(source)
    try:
        tables = _check_sqlite(backup_db, source)
        if database.exists():
            current = sqlite3.connect(database)
            try:
                if _has_rows(current) and not force:
                    raise BackupError(
                        f"{database} already holds data; restoring would replace it. "
                        "Stop the desk, keep a backup of it, and pass --force"
                    )
            finally:
                current.close()
        database.parent.mkdir(parents=True, exist_ok=True)
        target = sqlite3.connect(database)
        try:
            backup_db.backup(target)
            _check_sqlite(target, database)
        finally:
            target.close()
    finally:
        backup_db.close()
    return BackupResult(database, database.stat().st_size, tables)


def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} is not on PATH; install the PostgreSQL client tools of the server's "
            "major version (Debian: apt-get install postgresql-client)"
        )
    return path


def _pg_args(url: URL) -> tuple[list[str], dict[str, str]]:
    """Connection options for the libpq tools; the password goes by environment, not argv."""
    args = ["--no-password"]
    if url.host:
        args += ["--host", url.host]
    if url.port:
        args += ["--port", str(url.port)]
    if url.username:
        args += ["--username", url.username]
    env = dict(os.environ)
    if url.password is not None:
        env["PGPASSWORD"] = str(url.password)
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        message = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed"
        raise BackupError(f"{Path(command[0]).name}: {message}")


def _backup_postgres(url: URL, target: Path) -> BackupResult:
    args, env = _pg_args(url)
    partial = target.with_name(target.name + ".partial")
    command = [_pg_tool("pg_dump"), *args, "--format=custom", "--no-owner", "--file", str(partial)]
    _run([*command, "--dbname", str(url.database)], env)
    partial.replace(target)
    return BackupResult(target, target.stat().st_size, 0)


def _restore_postgres(url: URL, source: Path, *, force: bool) -> BackupResult:
    args, env = _pg_args(url)
    psql = [_pg_tool("psql"), *args, "--dbname", str(url.database), "-Atc"]
    check = subprocess.run(  # noqa: S603
        [*psql, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if check.returncode != 0:
        raise BackupError(f"psql: {check.stderr.strip() or 'failed'}")
    if int(check.stdout.strip() or 0) > 0 and not force:
        raise BackupError(
            f"database {url.database} already has tables; restore into a new, empty database "
            "(createdb) or pass --force to drop and replace its objects"
        )
    command = [_pg_tool("pg_restore"), *args, "--no-owner", "--exit-on-error"]
    if force:
        command += ["--clean", "--if-exists"]
    _run([*command, "--dbname", str(url.database), str(source)], env)
    return BackupResult(source, source.stat().st_size, 0)
