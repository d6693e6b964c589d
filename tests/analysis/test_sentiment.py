"""Sentiment, anger and emotion behaviour on our own cases."""

from __future__ import annotations

import pytest

from disputedesk.analysis import analyze

SENTIMENT_CASES: list[tuple[str, str]] = [
    ("Thank you so much, the replacement works perfectly!", "positive"),
    ("Great, another week of waiting. Brilliant service as usual.", "negative"),
    ("Oh fantastic, the parcel is lost again. Thanks for nothing.", "negative"),
    ("The product is not good at all.", "negative"),
    ("Could you tell me when the store opens?", "neutral"),
    ("My order arrived damaged and the screen is cracked.", "negative"),
    ("I'm delighted with the quick fix, you guys are wonderful.", "positive"),
    ("Still no refund after three weeks.", "negative"),
    ("Please update my address to 4 High Street.", "neutral"),
    ("Oh brilliant, the app crashed again. Thanks a lot.", "negative"),
    ("Wow, three hours on hold. Love that for me.", "negative"),
]


@pytest.mark.parametrize(("text", "label"), SENTIMENT_CASES)
def test_sentiment_label(text: str, label: str) -> None:
    a = analyze(text)
    assert a.sentiment_label == label, a.sentiment
    assert -1.0 <= a.sentiment <= 1.0


ANGER_CASES: list[tuple[str, str]] = [
    ("I'm not angry, just confused about the invoice.", "low"),
    ("Hi, could you check where my parcel is? Thanks!", "low"),
    ("THIS IS UNACCEPTABLE!!! I AM FURIOUS", "high"),
    ("You useless idiots, I'm going to sue you.", "high"),
    ("I'm really annoyed that my refund still hasn't arrived.", "medium"),
]


@pytest.mark.parametrize(("text", "level"), ANGER_CASES)
def test_anger_level(text: str, level: str) -> None:
    a = analyze(text)
    assert a.anger_level == level, a.anger
    assert 0.0 <= a.anger <= 1.0


def test_negated_anger_lower_than_plain_anger() -> None:
    assert analyze("I'm not angry").anger < analyze("I'm angry").anger


def test_intensifiers_and_caps_raise_intensity() -> None:
    plain = analyze("The service was bad").sentiment
    boosted = analyze("The service was extremely bad").sentiment
    caps = analyze("The service was BAD").sentiment
    assert boosted < plain
    assert caps < plain


def test_exclamations_raise_anger() -> None:
    assert analyze("This is ridiculous!!!").anger >= analyze("This is ridiculous").anger


EMOTION_CASES: list[tuple[str, str]] = [
    ("I'm furious about how I was treated.", "anger"),
    ("This is so frustrating, I keep waiting and nothing happens.", "frustration"),
    ("I'm really disappointed, I expected better.", "disappointment"),
    ("I'm worried and anxious because my rent payment bounced.", "anxiety"),
    ("Thanks, I'm very happy with the result.", "satisfaction"),
]


@pytest.mark.parametrize(("text", "emotion"), EMOTION_CASES)
def test_dominant_emotion(text: str, emotion: str) -> None:
    emo = analyze(text).emotions.model_dump()
    assert max(emo, key=emo.__getitem__) == emotion, emo
    assert all(0.0 <= v <= 1.0 for v in emo.values())
