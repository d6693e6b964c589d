"""Sentiment (-1..1), anger (0..1) and five emotions from lexicons and rules."""

from __future__ import annotations

import math
import re
from functools import lru_cache
from pathlib import Path

import vaderSentiment.vaderSentiment as _vader

from .fastre import compile_alternation
from .lexicon import COMPLAINT_PHRASES, DOMAIN_VALENCE, EMOTION_WORDS, SARCASM_PATTERNS

__all__ = ["EMOTIONS", "Scores", "score_text"]

EMOTIONS = ("anger", "frustration", "disappointment", "anxiety", "satisfaction")
_TOKEN = re.compile(r"[a-z][a-z*\-]*[a-z*]|[a-z]")  # read lower-cased text without apostrophes
_CAPS = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z'*\-]*[A-Z*]\b")
_NEGATORS = frozenset(
    {w.replace("'", "") for w in _vader.NEGATE}
    | {"no", "not", "never", "nobody", "nothing", "none"}
)
_NEGATORS_NT = frozenset(w.replace("'", "") for w in _vader.NEGATE if w.endswith("n't"))
_BOOSTERS: dict[str, float] = dict(_vader.BOOSTER_DICT)
_COMPLAINT = compile_alternation(COMPLAINT_PHRASES)
_QUOTE_IDX = next(i for i, p in enumerate(SARCASM_PATTERNS) if "u2018" in p)
_SARCASM_PLAIN = re.compile(
    "|".join(f"(?:{p})" for i, p in enumerate(SARCASM_PATTERNS) if i != _QUOTE_IDX), re.I | re.M
)
_SARCASM_QUOTE = re.compile(SARCASM_PATTERNS[_QUOTE_IDX])
_SARCASM_STRONG = re.compile("|".join(f"(?:{SARCASM_PATTERNS[i]})" for i in (2, 3)), re.I)
_POLITE = compile_alternation(
    [
        r"\bplease\b",
        r"\bthanks\b",
        r"\bthank you\b",
        r"\bcould you\b",
        r"\bcan you\b",
        r"\bwould you\b",
        r"\bhi\b",
        r"\bhello\b",
        r"\bi'd like\b",
        r"\bappreciate\b",
        r"\bkindly\b",
        r"\bsorry\b",
    ]
)
# Every polite phrase holds one of these tokens (of the [a-z0-9]+ kind: "i'd" gives "d").
_POLITE_TOKENS = frozenset(
    {"please", "thanks", "thank", "could", "can", "would", "hi", "hello", "d", "appreciate"}
    | {"kindly", "sorry"}
)
# Calibration of the anger score to LABELS.md's levels (ours, Apache-2.0): frustration cues
# (waiting, repetition, nobody answering, rhetorical questions, "ridiculous") lift a complaint to
# at least medium; insults, "thieves", "I demand" and shouting lift it towards high. Single-word
# cues are looked up in the text's token set; the few phrase cues run only when the text has one
# of their distinctive tokens (_PHRASE_GATE).


def _at_word_start(patterns: list[str]) -> re.Pattern[str]:
    """An alternation of phrases that all start at a word boundary (tried only there)."""
    return re.compile(r"\b" + compile_alternation(patterns).pattern)


_FRUSTRATION_WORDS = frozenset(
    [
        "again",
        "nobody",
        "weeks",
        "months",
        "fortnight",
        "ridiculous",
        "unacceptable",
        "absurd",
        "seriously",
        "shameless",
        "annoying",
        "annoyed",
        "irritating",
        "disappointed",
        "disappointing",
        "joke",
        "nonsense",
        "unbelievable",
        "outrageous",
        "appalling",
        "terrible",
        "awful",
        "infuriating",
        "frustrating",
        "frustrated",
        "frustration",
        "rude",
        "dismissive",
        "laughed",
        "ignored",
        "ignoring",
        "deliberately",
        "impossible",
        "hacked",
        "stolen",
        "unauthorised",
        "unauthorized",
    ]
)
_HOSTILE_WORDS = frozenset(
    [
        "idiot",
        "idiots",
        "moron",
        "morons",
        "clowns",
        "thieves",
        "thief",
        "crook",
        "crooks",
        "scammers",
        "liar",
        "liars",
        "criminals",
        "incompetent",
        "clueless",
        "pathetic",
        "disgrace",
        "disgraceful",
        "disgraceful",
        "shameful",
        "robbery",
        "ripoff",
        "garbage",
        "junk",
        "rubbish",
        "useless",
        "worst",
        "furious",
        "livid",
        "fuming",
        "outraged",
        "disgusted",
        "hate",
        "immediately",
        "demand",
    ]
)
_PHRASE_GATE = frozenset(
    [
        "still",
        "one",
        "row",
        "every",
        "fed",
        "sick",
        "tired",
        "impressed",
        "enough",
        "why",
        "come",
        "hard",
        "difficult",
        "dare",
        "many",
        "possible",
        "where",
        "warning",
        "notice",
        "explanation",
        "telling",
        "asking",
        "permission",
        "came",
        "arrived",
        "answered",
        "replied",
        "called",
        "showed",
        "apologise",
        "apologised",
        "apologize",
        "apologized",
        "happens",
        "happened",
        "explain",
        "explains",
        "authorised",
        "authorized",
        "sort",
        "stop",
        "fix",
        "deal",
        "hung",
        "purpose",
        "second",
        "third",
        "fourth",
        "fifth",
        "done",
        "demand",
        "right",
        "rip",
    ]
)
_FRUSTRATION_PHRASES = _at_word_start(
    [
        r"\bstill (?:no|not|nothing|waiting|haven't|hasn't|hasnt|havent|getting|taking|charging|"
        r"being|broken|the same)\b",
        r"\bno(?: |-)one\b",
        r"\b(?:second|third|fourth|fifth) (?:time|month|week|replacement|email|call)\b",
        r"\bin a row\b",
        r"\bevery (?:time|day|week|month)\b",
        r"\b(?:fed up|sick of|tired of|not impressed|not good enough)\b",
        r"\bwhy (?:is|was|does|do|did|has|have|hasn't|can't|won't|are|were|am|would)\b"
        r"[^?!\n]{0,90}\?",
        r"\bhow (?:come|hard|difficult|many times|is it possible that|dare)\b",
        r"\b(?:where is|where's) (?:my|the)\b[^?!\n]{0,60}\?",
        r"\bwithout (?:any )?(?:warning|notice|explanation|telling|asking|permission)\b",
        r"\b(?:never|didn't|did not) (?:came|came back|arrived|answered|replied|called|showed|"
        r"apologi[sz]ed?|happens|happened|explains?|authori[sz]ed)\b",
        r"\b(?:sort it out|stop it|explain(?: this| yourselves)?\.|fix it|deal with it)\b",
        r"\b(?:hung up|on purpose)\b",
    ]
)
_HOSTILE_PHRASES = _at_word_start(
    [
        r"\b(?:i am|i'm|im) (?:done|sick and tired)\b",
        r"\b(?:i demand|right now|rip-off)\b",
    ]
)
_CUE_CHARS = 3000
_EMOJI_VALENCE = {"😂": 0.0, "🙂": 0.8, "😊": 1.5, "😡": -2.5, "😠": -2.2, "🤬": -3.0, "❤": 2.0}
_HITS: set[str] = set()
_PREFIX_FORMS = ("", "s", "ing", "in", "ed", "er", "ers", "off", "wit", "face", "head")
_EMO: dict[str, list[tuple[str, float]]] = {}
for _emo, _words in EMOTION_WORDS.items():
    for _w, _wt in _words.items():
        forms = [_w[:-1] + f for f in _PREFIX_FORMS] if _w.endswith("*") else [_w]
        for _f in forms:
            _EMO.setdefault(_f, []).append((_emo, _wt))


def _split(words: str) -> list[str]:
    """Split a space-separated word list."""
    return words.split()


_COMPLAINT_TOKENS = frozenset(
    _split(
        "never t still stopped not charged no where apart nothing like cannot unable ago use "
        "showed noshowed without off sounds looks feels smells smelled smelt hold"
    )
)
_SARCASM_TOKENS = frozenset(
    _split(
        "great fantastic brilliant wonderful lovely perfect super awesome terrific marvellous "
        "marvelous nice well bravo congratulations always usual ever another thanks yeah so called "
        "wow love joy needed lot cheers "
        "foot impressive what wait"
    )
)
_QUOTE_OR_EMOJI = re.compile("[\"“‘\U0001f642\U0001f643\U0001f644\U0001f612]|(?<![A-Za-z])'")
_LOW_TOKENS = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, float]:
    """VADER's word valences (MIT) read straight from the installed package, plus ours."""
    path = Path(_vader.__file__).with_name("vader_lexicon.txt")
    lex: dict[str, float] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2:
                try:
                    lex[parts[0]] = float(parts[1])
                except ValueError:
                    continue
    lex.update(DOMAIN_VALENCE)
    _HITS.update(lex)
    _HITS.update(_EMO)
    _HITS.update(_EMOJI_VALENCE)
    return lex


class Scores:
    """Sentiment, anger and emotion scores for one text."""

    __slots__ = ("anger", "emotions", "hot", "n_words", "negated_anger", "sarcasm", "sentiment")

    def __init__(
        self,
        sentiment: float,
        anger: float,
        emotions: dict[str, float],
        sarcasm: bool,
        negated_anger: bool,
        n_words: int = 0,
        hot: bool = False,
    ) -> None:
        self.hot = hot  # a cue of LABELS.md's "high": hostility, insults, shouting, fury
        self.n_words = n_words
        self.sentiment = sentiment
        self.anger = anger
        self.emotions = emotions
        self.sarcasm = sarcasm
        self.negated_anger = negated_anger


def _sarcastic(text: str, lex: dict[str, float], has_negative: bool) -> bool:
    if not has_negative and _SARCASM_STRONG.search(text) is None:
        return False
    if _SARCASM_PLAIN.search(text) is not None:
        return True
    for m in _SARCASM_QUOTE.finditer(text):
        inner = re.findall(r"[a-z][a-z'\-]*", m.group(0).lower())
        if any(lex.get(w, 0.0) > 0.5 or w.startswith(("ultra", "super", "best")) for w in inner):
            return True
    return False


def _negated(lowers: list[str], i: int) -> bool:
    """True when one of the three tokens before i is a negator."""
    for p in lowers[max(0, i - 3) : i]:
        if p in _NEGATORS or (p.endswith("nt") and p in _NEGATORS_NT):
            return True
    return False


def _squash(x: float, alpha: float = 15.0) -> float:
    return x / math.sqrt(x * x + alpha)


def score_text(text: str, token_set: set[str] | None = None) -> Scores:
    """Score sentiment/anger/emotions for text (callers bound its length)."""
    lex = _lexicon()
    norm_text = text.replace("’", "'")
    lowers = _TOKEN.findall(norm_text.lower().replace("'", ""))
    n_words = len(lowers)
    caps = _CAPS.findall(norm_text)
    all_caps_text = n_words > 2 and norm_text.upper() == norm_text
    caps_words = 0
    caps_set: set[str] = set()
    if caps and not all_caps_text:
        caps_words = sum(1 for t in caps if t not in ("OK", "TV", "UK"))
        caps_set = {t.lower().replace("'", "") for t in caps}
    emo = dict.fromkeys(EMOTIONS, 0.0)
    negated_anger = False
    found = _HITS.intersection(lowers)
    hits_at = [i for i, low in enumerate(lowers) if low in found] if found else []
    but_at = lowers.index("but") if "but" in lowers else -1
    vals: list[tuple[int, float]] = []
    if not norm_text.isascii():
        vals = [(-1, v) for e, v in _EMOJI_VALENCE.items() if v and e in norm_text]
    for i in hits_at:
        low = lowers[i]
        v = lex.get(low, 0.0)
        hits = _EMO.get(low)
        negated = _negated(lowers, i)
        if v:
            for k, p in enumerate(reversed(lowers[max(0, i - 3) : i])):
                b = _BOOSTERS.get(p, 0.0)
                if b:
                    v += math.copysign(b * (1.0 - 0.05 * k), v)
            if low in caps_set:
                v += math.copysign(_vader.C_INCR, v)
            if negated:
                v *= _vader.N_SCALAR
            vals.append((i, v))
        if hits:
            for e, w in hits:
                if negated:
                    if e == "anger":
                        negated_anger = True
                    continue
                emo[e] = emo[e] + w
    if but_at > 0:
        vals = [(j, v * 0.5 if j < but_at else v * 1.5) for j, v in vals]
    if token_set is None:
        token_set = set(_LOW_TOKENS.findall(norm_text.lower()))
    complaints = 0 if _COMPLAINT_TOKENS.isdisjoint(token_set) else len(_COMPLAINT.findall(text))
    has_negative = complaints > 0 or any(v < -1.0 for _, v in vals)
    sarcasm = False
    if not _SARCASM_TOKENS.isdisjoint(token_set) or (
        (not text.isascii() or '"' in text or "'" in text)  # the only ASCII quote/emoji cues
        and _QUOTE_OR_EMOJI.search(text) is not None
    ):
        sarcasm = _sarcastic(text, lex, has_negative)
    total = 0.0
    for _, v in vals:
        total += -0.8 * v if sarcasm and v > 0 else v
    total -= 1.6 * complaints
    bangs = min(text.count("!"), 4)
    if total:
        total += math.copysign(0.292 * bangs, total)
    sentiment = _squash(total)
    if sarcasm:
        emo["satisfaction"] = 0.0
        emo["frustration"] += 0.6
        sentiment = min(sentiment, -0.3)
    emo["frustration"] += 0.35 * complaints
    length_norm = 1.0 + 0.1 * max(0, n_words - 20) ** 0.5
    emotions = {e: 1.0 - math.exp(-v / length_norm) if v else 0.0 for e, v in emo.items()}
    shout = min(1.0, caps_words / 2) * 0.25 + (0.15 if "!!" in text or all_caps_text else 0.0)
    neg = max(0.0, -sentiment)
    polite = 0 if _POLITE_TOKENS.isdisjoint(token_set) else min(3, len(_POLITE.findall(text)))
    anger = (
        0.3 * neg + 0.7 * emotions["anger"] + 0.1 * emotions["frustration"] + shout - 0.08 * polite
    )
    frustration = len(_FRUSTRATION_WORDS & token_set)
    hostile = len(_HOSTILE_WORDS & token_set)
    if not _PHRASE_GATE.isdisjoint(token_set):
        cue_text = norm_text[:_CUE_CHARS].lower()  # counts are capped, a prefix is enough
        frustration += len(_FRUSTRATION_PHRASES.findall(cue_text))
        hostile += len(_HOSTILE_PHRASES.findall(cue_text))
    if "!!!" in text:
        hostile += 1
    elif "!!" in text or "?!" in text or "!?" in text or "??" in text:
        frustration += 1
    frustration = min(3, frustration)
    hostile = min(2, hostile)
    if not (sentiment >= 0.45 and not sarcasm):
        anger += 0.16 * hostile + 0.1 * min(1.0, caps_words / 2)
        if frustration + hostile and sentiment < 0.45:  # a complaint cue reads as negative
            sentiment = min(sentiment, -0.2 - 0.05 * (frustration + hostile))
            anger = max(anger, 0.21 + 0.06 * (frustration - 1) - 0.04 * polite)
    if negated_anger and emotions["anger"] < 0.3:
        anger *= 0.5
    hot = hostile > 0 or caps_words >= 2 or all_caps_text or emotions["anger"] >= 0.6
    anger = max(0.0, min(1.0, anger))
    sentiment = max(-1.0, min(1.0, sentiment))
    return Scores(sentiment, anger, emotions, sarcasm, negated_anger, n_words, hot)
