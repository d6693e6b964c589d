"""Tone findings: defensiveness and dismissiveness, and the full table of tone rules."""

from __future__ import annotations

import re

from disputedesk.coach.blame import BLAME, CONDESCENSION, THIRD_PARTIES
from disputedesk.coach.rules import NEG_BEFORE, Rule, rx
from disputedesk.coach.text import before


def _not_negated(text: str, m: re.Match[str]) -> bool:
    return not NEG_BEFORE.search(before(text, m.start(), 24))


def _brushoff_end(text: str, m: re.Match[str]) -> bool:
    return bool(re.match(r"\s*(?:[.!]|$|\n)", text[m.end() : m.end() + 3]))


def _happens_guard(text: str, m: re.Match[str]) -> bool:
    right = text[m.end() : m.end() + 40].lower()
    return not re.match(
        r"\s*,?\s*(?:but|and)\s+(?:this one was ours|that's on us|we\b|i\b|it was our)", right
    )


DEFENSIVENESS: tuple[Rule, ...] = (
    Rule(
        ("defensiveness",),
        rx(
            r"\b(?:(?:is|was|'s)\s*(?:not|n't)|isn't|wasn't|not)\s+(?:our|my"
            r"|the\s+company's)\s+(?:fault"
            r"|problem|responsibility|doing|issue|department|job|call)\b"
            r"|\b(?:isn't|is\s+not|wasn't|was\s+not|not)\s+(?:on|at)\s+our\s+(?:end|side)\b"
            r"|\bnothing\s+to\s+do\s+with\s+(?:us|me)\b|\bout\s+of\s+our\s+hands\b"
            r"|,\s*not\s+(?:ours|us|mine)(?=\s*[.!;]|\s*$)"
            r"|\b(?:that's|that\s+is|it's|it\s+is)\s+(?:just\s+)?how\s+(?:the|our)\s+(?:system"
            r"|process"
            r"|software|policy)\s+works\b"
            r"|\b(?:completely\s+|entirely\s+|totally\s+|well\s+)?(?:outside"
            r"|beyond)\s+(?:of\s+)?our\s+control\b"
        ),
        "Whatever the cause, let me take ownership of putting it right for you.",
    ),
    Rule(
        ("defensiveness",),
        rx(
            r"\baffects\s+all\s+(?:of\s+)?(?:our\s+)?(?:customers|users)\b|"
            r"\b(?:that's|that\s+is|it's|those\s+are)\s+the\s+(?:rules?|policy)(?=\s*[.!,;]"
            r"|\s+and\b)|"
            r"\bI\s+(?:don't|do\s+not)\s+make\s+the\s+(?:rules|policy|policies|decisions)\b"
            r"|\bI(?:'m|\s+am)\s+(?:just|only)\s+(?:the\s+messenger|doing\s+my\s+job"
            r"|following\s+(?:the\s+)?"
            r"(?:rules|policy|procedure))\b|\bI\s+just\s+work\s+here\b|\bmy\s+hands\s+are\s+tied\b"
            r"|\b(?:not|isn't)\s+up\s+to\s+me\b"
        ),
        "Here is the part of our policy that applies, and here is what I can do within it.",
    ),
    Rule(
        ("defensiveness",),
        rx(
            r"\b(?:we|I)(?:'re|\s+are|\s+am|'m)?\s+(?:not|n't)\s+(?:liable|responsible"
            r"|accountable|to\s+blame)\b"
            r"|\b(?:we|I)\s+(?:cannot|can't|can\s+not)\s+be\s+held\s+(?:liable|responsible"
            r"|accountable)\b"
            r"|\bwe\s+accept\s+no\s+(?:liability|responsibility)\b"
        ),
        "Let me explain who handles this and what I will do to help you get it resolved.",
    ),
    Rule(
        ("defensiveness",),
        rx(
            r"\b(?:the\s+|our\s+|your\s+)?"
            + THIRD_PARTIES
            + r"s?(?:'s)?\b[^.!?]{0,30}?\b(?:is|are|was|were)\s+"
            r"(?:solely\s+|entirely\s+|fully\s+|the\s+ones?\s+)?(?:responsible|to\s+blame"
            r"|at\s+fault|liable|the\s+ones?\s+(?:that|who))\b"
            r"|\b(?:blame|fault\s+of|(?:entirely\s+|all\s+)?down\s+to|up\s+to)\s+(?:the\s+"
            r"|your\s+|our\s+)?" + THIRD_PARTIES + r"\b"
        ),
        "Whoever caused it, I'll take this up with them for you and keep you updated.",
    ),
    Rule(
        ("defensiveness",),
        rx(
            r"\bnothing\s+(?:we|I|our\s+\w+|the\s+\w+)\s+could\s+have\s+done(?:\s+differently)?\b"
            r"|\b(?:we|I|our\s+\w+)\s+did\s+(?:nothing|not\s+do\s+anything)\s+wrong\b"
            r"|\bdid\s+(?:his|her|their|its)\s+job\b"
            r"|\bfollowed\s+(?:the|our)\s+(?:correct\s+|proper\s+)?(?:procedures?|process"
            r"|protocol)\s+"
            r"(?:correctly|to\s+the\s+letter)\b"
        ),
        "Let me look at what went wrong for you and what we can do about it.",
    ),
    Rule(
        ("defensiveness",),
        rx(
            r"\b(?:we're|we\s+are)\s+(?:only|just|merely)\s+(?:the|a)\s+(?:marketplace|platform"
            r"|retailer"
            r"|reseller|middleman|intermediary|booking\s+(?:agent|platform)|agent)\b"
            r"|\bbetween\s+you\s+and\s+(?:them|the\s+(?:seller|courier|manufacturer|bank"
            r"|restaurant|driver))\b"
            r"|\btake\s+(?:it|this|that)\s+up\s+with\s+(?:them|the\s+\w+)\b"
            r"|\b(?:can|could)\s+only\s+(?:follow|go\s+on|work\s+with"
            r"|use)\s+(?:the\s+)?(?:information"
            r"|instructions|details|what)\s+(?:customers|you|people)\s+(?:provide|give|gave)\b"
        ),
        "I'll contact them on your behalf and make sure this gets sorted.",
    ),
)

DISMISSIVENESS: tuple[Rule, ...] = (
    Rule(
        ("dismissiveness",),
        rx(
            r"\bcalm\s+(?:down|yourself)\b|\b(?:there's\s+|there\s+is\s+)?no\s+(?:need"
            r"|reason)\s+to\s+(?:get|be|feel)\s+"
            r"(?:so\s+|this\s+|that\s+|all\s+)?(?:worked\s+up|upset|angry|annoyed|emotional"
            r"|excited|dramatic"
            r"|stressed|cross|agitated|heated)\b|\bchill\s+out\b|\btake\s+a\s+deep\s+breath\b"
            r"|\bdon't\s+(?:get|be)\s+so\s+(?:upset|angry|worked\s+up|emotional)\b"
        ),
        "I can hear how upsetting this has been, and I want to help put it right.",
    ),
    Rule(
        ("dismissiveness",),
        rx(
            r"\b(?:your\s+|the\s+)?(?:complaint|concerns?|feedback|comments?|grievance|points?)\b"
            r"(?:\s+(?:about|regarding|on|re)\b[^.!?]{0,50}?)?\s+(?:is|are|has\s+been|have\s+been"
            r"|was|were)\s+"
            r"(?:duly\s+|now\s+)?noted\b|\b(?:I|we)(?:'ve|\s+have)?\s+(?:duly\s+)?noted\s+your\s+"
            r"(?:complaint|concerns?|feedback|comments?)\b"
        ),
        "Thank you for raising this; here is what I'm doing about it.",
    ),
    Rule(
        ("dismissiveness",),
        rx(
            r"\b(?:I'm|I\s+am|we're|we\s+are)?\s*sorry\s+(?:that\s+)?you\s+(?:feel"
            r"|felt)\s+(?:that\s+way|this\s+way"
            r"|like\s+that|so)\b|\bsorry\s+if\s+you\s+(?:feel|felt|were|are|have\s+been|found"
            r"|thought)\b[^.!?,;]{0,30}"
            r"|\bsorry\s+(?:that\s+)?you\s+(?:think|believe|perceive)\b"
            r"|\bsorry\s+(?:that\s+)?you(?:'re|\s+are|\s+were)\s+(?:so\s+|very\s+"
            r"|really\s+)?\w+\s*,?\s+but\b"
        ),
        "I'm sorry for the trouble this has caused.",
    ),
    Rule(
        ("dismissiveness",),
        rx(
            r"\b(?:isn't|is\s+not|not|no|hardly)\s+(?:such\s+|really\s+"
            r"|that\s+)?(?:a\s+)?big\s+deal\b"
            r"|\b(?:it's|it\s+is|that's|that\s+is|this\s+is|it\s+was)\s+(?:only|just"
            r"|merely)\s+(?:a\s+|an\s+)?"
            r"(?:[£$€]\s?\d[\d.,]*|\d[\d.,]*\s*(?:pence|p|cents?|dollars?|pounds?|euros?|minutes?"
            r"|hours?|days?)"
            r"|small|minor|tiny|little|few|cosmetic|scratch|free)\b[^.!?;,]{0,30}"
            r"|\boverreact\w*|\boverthink\w*|\b(?:you're|you\s+are)\s+being\s+(?:a\s+bit\s+"
            r"|a\s+little\s+|too\s+"
            r"|overly\s+)?"
            r"(?:dramatic|sensitive|oversensitive|emotional|unreasonable|picky|fussy)\b"
            r"|\bmak(?:e|ing)\s+(?:such\s+)?a\s+(?:big\s+)?(?:fuss|deal)\b"
            r"|\bfuss\s+over\s+nothing\b"
            r"|\bbut\s+fine\b|\b(?:it's|it\s+is|that's)\s+(?:just\s+|only\s+)?a\s+cheap\b"
            r"|\bI\s+(?:wouldn't|would\s+not)\s+worry\s+(?:about\s+it|too\s+much)\b"
        ),
        "I understand why this matters to you, and I've taken care of it.",
    ),
    Rule(
        ("dismissiveness",),
        rx(
            r"\b(?:delays|mistakes|accidents|these\s+things|things\s+like\s+this|such\s+things"
            r"|errors|glitches"
            r"|hiccups)\s+(?:do\s+)?happen\b"
            r"|\bwell\s+within\s+what\s+(?:most\s+)?(?:of\s+our\s+)?(?:customers"
            r"|people)\s+(?:experience|expect|get)\b|\b(?:other|most)\s+customers\s+(?:don't"
            r"|do\s+not|haven't"
            r"|have\s+not|never)\s+(?:complain|mind|have|had)\w*"
            r"|\bmost\s+(?:people|customers)\s+(?:are\s+(?:fine|happy|okay|ok)|don't\s+mind"
            r"|have\s+no\s+(?:problem|issue))\b|\b(?:we\s+get|we\s+hear)\s+(?:complaints"
            r"|this)\s+like"
            r"\s+this\s+all\s+the\s+time\b"
        ),
        "I'm sorry this happened to you; here is what I'm doing to put it right.",
        _happens_guard,
    ),
    Rule(
        ("dismissiveness",),
        rx(
            r"\b(?:there's|there\s+is)\s+nothing\s+(?:more\s+|else\s+|further\s+)?(?:I"
            r"|we)\s+can\s+do"
            r"(?:\s+(?:about\s+(?:it|this|that)|here|for\s+you))?"
            r"|\b(?:it's|it\s+is|that's|that\s+is)\s+(?:just\s+|simply\s+)?(?:company\s+|our\s+"
            r"|the\s+)?policy"
        ),
        "Let me explain what the policy allows and what I can still do for you.",
        _brushoff_end,
    ),
    Rule(
        ("dismissiveness",),
        rx(
            r"\bnothing\s+(?:more|else|further)\s+to\s+(?:say|discuss|add)\b"
            r"|\b(?:these\s+things|it\s+all|things\s+like\s+this)\s+take\s+time\b"
            r"|\b(?:so|this|that|all)\s+worked\s+up\b|\b(?:don't|do\s+not)\s+take\s+that\s+tone\b"
            r"|\bwatch\s+your\s+tone\b|\bno\s+need\s+for\s+that\s+tone\b|\b(?:works"
            r"|working)\s+(?:fine"
            r"|perfectly|well)\s+for\s+(?:everyone|everybody|all\s+our\s+other\s+customers"
            r"|other\s+customers)\b"
            r"|\b(?:please\s+|just\s+)?be\s+patient(?=\s*[,.!])"
            r"|\bthat's\s+(?:just\s+)?(?:how|the\s+way)\s+it\s+is\b|\bit\s+is\s+what\s+it\s+is\b"
            r"|\btake\s+it\s+or\s+leave\s+it\b|\bif\s+you\s+don't\s+like\s+it\b"
            r"|\byou(?:'ll|\s+will)?\s+(?:just\s+)?(?:have|need)\s+to\s+(?:wait|accept\s+it"
            r"|live\s+with\s+it"
            r"|be\s+patient)(?=\s*[.!]|\s+like)"
        ),
        "I know waiting is hard; here is exactly when you'll hear from us next.",
    ),
)

TONE_RULES: tuple[Rule, ...] = BLAME + CONDESCENSION + DEFENSIVENESS + DISMISSIVENESS
