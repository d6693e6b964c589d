"""Fixtures of the reliability tests: committed databases of their own (these tests use real
processes, so nothing is rolled back)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.conftest import REQUIRE_PG, _pg_available, fresh_database


@pytest.fixture
def pg_engine(tmp_path: Path) -> Iterator[Engine]:
    """A new migrated PostgreSQL database (skipped when no server answers, unless CI)."""
    problem = _pg_available()
    if problem is not None:
        if REQUIRE_PG:
            pytest.fail(f"PostgreSQL is required here but not reachable: {problem}")
        pytest.skip(f"PostgreSQL not reachable ({problem})")
    with fresh_database("postgres", tmp_path) as engine:
        yield engine
