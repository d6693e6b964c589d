"""Pure analysis engine: text -> Analysis (sentiment, anger, emotions, risks, category, entities).

Imports nothing from the web or database layers.
"""

from .category import CategoryClassifier, shipped_classifier
from .engine import analyze
from .pii import mask_card_numbers
from .schemas import Analysis, CategoryResult, Emotions, Entity, Risk
from .training import (
    LabelledFile,
    Metrics,
    TrainResult,
    evaluate,
    load_latest_model,
    read_labelled_file,
    save_model,
    train_classifier,
)

__all__ = [
    "Analysis",
    "CategoryClassifier",
    "CategoryResult",
    "Emotions",
    "Entity",
    "LabelledFile",
    "Metrics",
    "Risk",
    "TrainResult",
    "analyze",
    "evaluate",
    "load_latest_model",
    "mask_card_numbers",
    "read_labelled_file",
    "save_model",
    "shipped_classifier",
    "train_classifier",
]
