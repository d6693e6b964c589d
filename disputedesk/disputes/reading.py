"""Reading customer messages with the desk's current category model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from disputedesk.analysis import CategoryClassifier, analyze, load_latest_model
from disputedesk.config import get_settings

# A trained model is re-read when its folder changes (a new version was saved); every process
# finds the same newest model on disk, so nothing here is state another process needs.
_loaded: dict[Path, tuple[float, CategoryClassifier | None]] = {}


def desk_classifier(model_dir: Path | None = None) -> CategoryClassifier | None:
    """The newest trained category model in the model folder, or None for the shipped one."""
    folder = model_dir or get_settings().resolved_model_dir()
    try:
        stamp = folder.stat().st_mtime
    except OSError:
        return None
    cached = _loaded.get(folder)
    if cached is None or cached[0] != stamp:
        cached = (stamp, load_latest_model(folder))
        _loaded[folder] = cached
    return cached[1]


def read_customer_message(text: str) -> dict[str, Any]:
    """Analyse a customer's message (cards masked first) into the stored analysis contract."""
    return analyze(text, classifier=desk_classifier()).model_dump()
