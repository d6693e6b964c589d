"""analyze(): text -> Analysis, the one entry point of the engine."""

from __future__ import annotations

import re

from .category import CategoryClassifier, shipped_classifier
from .entities import extract_entities
from .pii import mask_card_numbers
from .risks import detect_risks, text_tokens
from .schemas import Analysis, CategoryResult, Emotions
from .sentiment import score_text

__all__ = ["MAX_SCAN_CHARS", "MAX_SCORE_CHARS", "analyze"]

MAX_SCORE_CHARS = 20_000  # sentiment, emotions and category read this prefix
MAX_SCAN_CHARS = 200_000  # risks and entities read this prefix; cards are masked everywhere
_SHORT_THREAT_WORDS = 30
_SHORT_SAFETY_WORDS = 25
_MEDIUM_CAP = 0.45
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_THREATS = frozenset(
    {"legal_threat", "public_review_threat", "regulator_complaint", "chargeback_threat"}
)


def _risk_anger(kinds: set[str], n_words: int) -> float:
    """Anger added by risks; a threat in a short message reads angrier than in a long letter.

    A short threat (chargeback, regulator, lawyer, review, leaving) reads as high; the same threat
    inside a long, calmly argued letter reads as medium. Abuse is high whatever the length.
    """
    threats = len(kinds & _THREATS) + 0.5 * ("cancellation_threat" in kinds)
    density: float = min(1.0, 35 / max(n_words, 1)) ** 0.6
    bonus = (0.45 * min(threats, 2) + 0.3 * ("safety_issue" in kinds)) * density
    bonus += 0.55 * ("abusive_language" in kinds) + 0.2 * ("manager_request" in kinds)
    bonus += 0.06 * ("repeat_contact" in kinds)
    return bonus


def _unit(value: float) -> float:
    """Clamp to 0..1 and round to 4 places."""
    return round(value if 0.0 <= value <= 1.0 else max(0.0, min(1.0, value)), 4)


def _clean(text: str) -> str:
    """Blank control characters (keeping newlines/tabs) and lone surrogates from bad decoding."""
    if text.isprintable():
        return text
    return _CONTROL.sub(" ", text)


def analyze(text: str | bytes, *, classifier: CategoryClassifier | None = None) -> Analysis:
    """Analyse one customer message; card numbers are masked before anything else."""
    if not isinstance(text, str):
        if not isinstance(text, bytes | bytearray):
            raise TypeError(f"analyze() reads text (str or UTF-8 bytes), not {type(text).__name__}")
        text = bytes(text).decode("utf-8", errors="replace")  # undecodable bytes become U+FFFD
    masked = mask_card_numbers(_clean(text))
    scan = masked[:MAX_SCAN_CHARS]
    head = masked[:MAX_SCORE_CHARS]
    tokens = text_tokens(scan)
    risks = detect_risks(scan, tokens)
    entities = extract_entities(scan, tokens)
    scores = score_text(head, tokens if len(scan) == len(head) else None)
    anger = scores.anger
    kinds: set[str] = {str(r.kind) for r in risks}
    if kinds:
        anger += _risk_anger(kinds, scores.n_words) * (1.0 - 0.5 * scores.negated_anger)
        if kinds & _THREATS or "manager_request" in kinds:
            anger = max(anger, 0.22)
    hot = scores.hot or "abusive_language" in kinds
    short_threat = scores.n_words <= _SHORT_THREAT_WORDS or "manager_request" in kinds
    if kinds & _THREATS and short_threat:
        hot = True  # a blunt threat, or a threat plus escalation, reads as threatening
        anger = max(anger, 0.55)
    if len(kinds & _THREATS) + ("safety_issue" in kinds) >= 2:
        hot = True  # threatening on several fronts at once
        anger = max(anger, 0.55)
    if "safety_issue" in kinds and scores.n_words <= _SHORT_SAFETY_WORDS:
        hot = True  # a short report of harm reads as alarmed
        anger = max(anger, 0.5)
    if not hot:  # LABELS.md: without hostility, shouting or a blunt threat it is at most medium
        anger = min(anger, _MEDIUM_CAP)
    anger = max(0.0, min(1.0, anger))
    sentiment = scores.sentiment
    if kinds - {"repeat_contact"} and sentiment > -0.3:
        sentiment = min(sentiment, 0.0) - 0.3
    emotions = dict(scores.emotions)
    if kinds & {"abusive_language", "legal_threat", "public_review_threat", "chargeback_threat"}:
        emotions["anger"] = max(emotions["anger"], min(1.0, anger))
    if "repeat_contact" in kinds:
        emotions["frustration"] = max(emotions["frustration"], 0.5)
    if "safety_issue" in kinds:
        emotions["anxiety"] = max(emotions["anxiety"], 0.5)
    if head.strip():
        label, confidence = (classifier or shipped_classifier()).predict(head)
    else:
        label, confidence = "other", 0.0
    return Analysis(
        sentiment=round(max(-1.0, min(1.0, sentiment)), 4),
        anger=round(anger, 4),
        emotions=Emotions(**{e: _unit(v) for e, v in emotions.items()}),
        risks=risks,
        category=CategoryResult(label=label, confidence=round(max(0.0, min(1.0, confidence)), 4)),
        entities=entities,
        pii_masked_text=masked,
    )
