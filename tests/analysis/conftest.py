"""Shared fixtures: where the shared data lives (env DISPUTEDESK_SHARED_DATA overrides)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


def shared_data_dir() -> Path:
    """The shared data folder: $DISPUTEDESK_SHARED_DATA or <repo root>/../shared/data."""
    env = os.environ.get("DISPUTEDESK_SHARED_DATA")
    return Path(env) if env else REPO_ROOT.parent / "shared" / "data"


@pytest.fixture
def dev_messages_path() -> Path:
    """Path of messages.dev.jsonl, skipping the test when it is absent."""
    path = shared_data_dir() / "messages.dev.jsonl"
    if not path.is_file():
        pytest.skip(f"labelled dev set not found at {path} (set DISPUTEDESK_SHARED_DATA)")
    return path
