"""Shared fixtures for the demo generator tests."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from disputedesk.demo import DemoData, generate_demo

NOW = datetime(2026, 11, 24, 6, 30, 15, tzinfo=UTC)


@pytest.fixture(scope="session")
def demo() -> DemoData:
    """The demo data set generated once for the whole test session."""
    return generate_demo(now=NOW)
