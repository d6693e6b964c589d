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

DEFENSIVENESS_MORE: tuple[Rule, ...] = (
    Rule(
        ("defensiveness",),
        rx(
            r"\b(?:we|I|our\s+(?:\w+\s+){0,2}?\w+|the\s+(?:company|store|shop|restaurant|driver"
            r"|staff|team|engineer|agent|courier\s+driver))\s+(?:are|is|were|was|am)(?:\s+not"
            r"|n't)\s+(?:in\s+any\s+way\s+|at\s+all\s+)?(?:at\s+fault|to\s+blame|responsible"
            r"|liable|accountable)\b"
            r"|\b(?:caused|created)\s+by\s+(?:your|the)\s+(?:own\s+)?" + THIRD_PARTIES + r"\b"
            r"|\b(?:we|I)\s+(?:can't|cannot|can\s+not)\s+be\s+expected\s+to\b"
            r"|\b(?:can't|cannot|can\s+not)\s+be\s+held\s+(?:liable|responsible|accountable)\b"
            r"|\b(?:we|I|our\s+\w+)\s+(?:were|was|am|are|'re|'m)\s+(?:just\s+|only\s+|simply\s+)?"
            r"following\s+(?:the\s+|our\s+)?(?:instructions|rules|policy|procedures?|orders|process"
            r"|guidelines)\b"
            r"|\b(?:on|at)\s+(?:the\s+)?(?:\w+\s+)?\w+'s\s+(?:side|end)\b|\bon\s+their\s+(?:side|end)\b"
            r"|\b(?:is|are|was|were|falls?\s+under|lies\s+with)\s+(?:the\s+)?(?:\w+\s+)?(?!customer's"
            r"|buyer's|client's|owner's|user's|passenger's)\w+'s\s+(?:responsibility|fault|problem"
            r"|liability)\b"
            r"|\bdirect\s+your\s+(?:complaint|query|claim|concerns?|questions?)\s+to\s+(?:the|your)\s+"
            r"\w+"
            r"|\bnothing\s+to\s+do\s+with\s+(?:our|the)\s+(?:shop|store|company|team|staff|site"
            r"|business|app|service)\b"
            r"|\byou(?:'d|'ll|\s+would|\s+will)\s+(?:have|need)\s+to\s+(?:ask|take\s+(?:it|this|that)"
            r"\s+up\s+with|complain\s+to|claim\s+from|chase)\s+(?:the|your)\s+"
            + THIRD_PARTIES
            + r"\b"
            r"|\b(?:pass(?:ed|ing)?\s+on)\s+(?:the\s+|a\s+)?(?:\w+\s+)?(?:increases?|charges?|costs?"
            r"|fees?|prices?)\s+(?:from|set\s+by|imposed\s+by|charged\s+by)\b"
            r"|\b(?:not|isn't|wasn't)\s+(?:really\s+|exactly\s+)?(?:down\s+to|on|the\s+fault\s+of"
            r"|caused\s+by)\s+(?:us|me)\b"
        ),
        "Whatever the cause, let me take ownership of putting it right for you.",
    ),
    Rule(
        ("defensiveness",),
        rx(r"\b(?:is|are|was|were)\s+(?:solely\s+|entirely\s+|fully\s+|the\s+one\s+)?to\s+blame\b"),
        "Whoever caused it, I'll take this up with them for you and keep you updated.",
        lambda text, m: _blame_subject(text, m),
    ),
    Rule(
        ("defensiveness",),
        rx(
            r"\b(?:the\s+|your\s+|our\s+)?" + THIRD_PARTIES + r"'s\s+(?:own\s+)?(?:fault|problem"
            r"|responsibility|issue|doing|error|mistake|call|decision)\b"
            r"|\b(?:it's|that's|it\s+is|that\s+is|this\s+is)\s+(?:their|his|her)\s+(?:fault"
            r"|problem|responsibility|issue|mistake|doing)\b"
            r"|\b(?:fault|problem|issue|error|responsibility|blame)\s+(?:lies|rests|sits|is"
            r"|was)\s+(?:entirely\s+|solely\s+)?with\s+(?:them|the\s+\w+|your\s+\w+)"
            r"|\b(?:error|mistake|fault|problem)\b[^.!?]{0,40}?\b(?:came|come|comes|originated"
            r"|stems?|stemmed)\s+from\s+(?:your|the)\s+(?:\w+'s\s+)?\w+"
        ),
        "Whoever caused it, I'll take this up with them for you and keep you updated.",
    ),
    Rule(
        ("defensiveness",),
        rx(
            r"\b(?:wasn't|was\s+not|isn't|is\s+not)\s+(?:anyone's|anybody's|a\s+person's"
            r"|a\s+human|our|my)\s+(?:decision|choice|call|doing)\b"
            r"|\b(?:decision|rule|policy|prices?|rates?|fees?)\s+(?:was|were|is|are)\s+(?:made"
            r"|set|decided|taken)\s+by\s+(?:head\s+office|management|the\s+company|HQ"
            r"|someone\s+else|corporate|senior\s+management|the\s+board|another\s+team)\b"
            r"|\bI\s+(?:don't|do\s+not|didn't|did\s+not)\s+(?:set|decide|choose|control|make"
            r"|write)\s+(?:the\s+)?(?:prices?|rules?|policy|policies|fees?|delivery\s+slots"
            r"|terms|decisions?|slots)\b"
            r"|\bI\s+(?:just|only|merely)\s+work\s+here\b|\babove\s+my\s+pay\s*grade\b"
            r"|\b(?:we|I)\s+have\s+no\s+(?:say|control|influence|power)\s+(?:in|over)\b"
            r"|\b(?:we|I)\s+(?:can't|cannot|can\s+not|don't|do\s+not)\s+control\s+(?:what"
            r"|how|when|the|their)\b"
            r"|\b(?:standard|normal|common\s+practice)\s+(?:across|in|throughout)\s+the\s+"
            r"industry\b|\b(?:every|all|any)\s+(?:other\s+)?(?:providers?|compan(?:y|ies)"
            r"|retailers?|airlines?|banks?|shops?|networks?|suppliers?)\s+(?:do|does|charges?"
            r"|has|have|works?)\s+(?:exactly\s+|just\s+)?the\s+same\b"
        ),
        "Here is the part of our policy that applies, and here is what I can do within it.",
    ),
    Rule(
        ("defensiveness",),
        rx(
            r"\b(?:we|I|our\s+(?:\w+\s+)?(?:team|staff|driver|engineer|agent|system))\s+"
            r"(?:did|handled|processed|followed|dealt\s+with)\s+(?:everything|it|this|the\s+\w+"
            r"|your\s+\w+|all)?\s*(?:correctly|properly|right|by\s+the\s+book"
            r"|as\s+(?:we|it)\s+should)\b"
            r"|\bfollowed\s+(?:the\s+|our\s+|all\s+)?(?:correct\s+|proper\s+|standard\s+)?"
            r"(?:procedures?|process|protocol)\b(?!\s+(?:for|to)\b)"
            r"|\b(?:no|any)\s+(?:error|mistake|fault|problem|issue)s?\s+(?:on|at)\s+our\s+(?:side"
            r"|end|part)\b"
            r"|\b(?:that's|that\s+is|this\s+is|it's|it\s+is)\s+(?:a\s+matter|an\s+issue"
            r"|a\s+question|something)\s+(?:for|between\s+you\s+and)\s+(?:the|your)\s+\w+"
            r"|\bwe\s+(?:only|just|merely)\s+(?:sell|manage|provide|handle|list|host|run"
            r"|resell|pass\s+on|book|process|sold|provided|booked|listed|processed|handled"
            r"|delivered|resold)\b"
            r"|,\s*not\s+(?:us|ours|me|mine|with\s+(?:us|our\s+\w+))(?=\s*[,.!;]|\s*$)"
            r"|\b(?:raise|take)\s+(?:it|this|that|the\s+matter)\s+(?:up\s+)?(?:directly\s+)?"
            r"with\s+(?:them|the\s+\w+|your\s+\w+)\b"
        ),
        "Let me look at what went wrong for you and what we can do about it.",
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


def _sentence_start(text: str, m: re.Match[str]) -> bool:
    left = before(text, m.start(), 3)
    return not left.strip() or bool(re.search(r"[.!?,;:]\s*$|\n\s*$", left))


def _blame_subject(text: str, m: re.Match[str]) -> bool:
    """'X is to blame' pushes the fault away unless X is us, me or the customer."""
    left = before(text, m.start(), 30).lower()
    return not re.search(r"\b(?:we|i|our|you|your|us|me|who|nobody|no\s+one|one)\s+\S*\s*$", left)


DISMISSIVENESS_MORE: tuple[Rule, ...] = (
    Rule(
        ("dismissiveness",),
        rx(r"\b(?:(?:just|please)\s+)?relax\b"),
        "I can hear how upsetting this has been, and I want to help put it right.",
        _sentence_start,
    ),
    Rule(
        ("dismissiveness",),
        rx(
            r"\bno\s+need\s+to\s+(?:panic|freak\s+out|overreact|make\s+a\s+fuss)\b"
            r"|\bhardly\s+(?:worth|a\s+(?:big\s+)?(?:deal|problem|disaster|issue|tragedy"
            r"|crisis))\b|\b(?:don't|do\s+not|can't|cannot|fail\s+to)\s+(?:really\s+)?see\s+"
            r"(?:the|what\s+the|why\s+this\s+is\s+a)\s+(?:problem|issue|big\s+deal|fuss)\b"
            r"|\b(?:isn't|is\s+not|not|hardly)\s+the\s+end\s+of\s+the\s+world\b"
            r"|\bnot\s+worth\s+(?:complaining|a\s+complaint|getting\s+upset|the\s+fuss)\b"
            r"|\bmountain\s+out\s+of\s+a\s+molehill\b|\bstorm\s+in\s+a\s+teacup\b"
            r"|\boverdramati[sz]\w*|\b(?:so|too|a\s+bit)\s+dramatic\b"
            r"|\btake\s+(?:it|this|things)\s+(?:so\s+|too\s+)?personally\b"
            r"|\b(?:that's|such\s+is)\s+life\b|\bit\s+happens\b"
            r"|\b(?:we're|we\s+are|I'm|I\s+am)\s+only\s+human\b"
            r"|\b(?:get|gets|go|goes|happen|happens)\s+(?:\w+\s+)?(?:all\s+the\s+time"
            r"|sometimes|from\s+time\s+to\s+time)\b"
            r"|\bwait\s+your\s+turn\b|\bwhen\s+we\s+get\s+to\s+it\b"
            r"|\b(?:I|we)\s+(?:hear|get|see|receive)\s+(?:this|that|it|these)\s+(?:a\s+lot"
            r"|all\s+the\s+time|every\s+day|constantly)\b"
            r"|\bplease\s+be\s+(?:reasonable|realistic|sensible)\b"
            r"|\bstop\s+(?:emailing|calling|contacting|messaging|writing\s+to|chasing)\s+(?:us"
            r"|me)\b"
            r"|\b(?:consider|regard)\s+(?:the|this)\s+(?:matter|case|complaint|issue)\s+"
            r"(?:closed|resolved|finished)\b|\b(?:this|the)\s+matter\s+is\s+(?:now\s+)?closed\b"
            r"|\b(?:everyone|everybody|all\s+(?:of\s+)?(?:our\s+)?other\s+customers"
            r"|other\s+customers|most\s+(?:people|customers))\s+(?:else\s+)?(?:has|have|is|are"
            r"|seems?)\s+(?:been\s+)?(?:perfectly\s+)?(?:fine|happy|okay|ok|satisfied)\s+with\b"
            r"|\b(?:complaint|concerns?|feedback|comments?)\s+(?:has|have)\s+been\s+(?:logged"
            r"|recorded|filed)\s+and\s+noted\b"
            r"|\b(?:very|really|quite|a\s+bit|rather|too|getting)\s+worked\s+up\b"
            r"|\b(?:don't|do\s+not)\s+(?:really\s+)?(?:consider|regard)\s+[^.!?]{0,40}?\s+(?:to\s+be"
            r"|as)\s+(?:a\s+)?(?:problem|issue|big\s+deal|serious|significant|unreasonable)\b"
            r"|\b(?:it's|it\s+is|that's|this\s+is|it\s+was)\s+(?:just|only|merely)\s+a\s+(?!temporary"
            r"|formality|quick|precaution|pre-?authori[sz]ation|hold|reminder|check|security|one-off"
            r"|courtesy)\w+(?=\s*[,.!;]|\s+and\b|\s+so\b)"
            r"|\b(?:keep|put)\s+(?:things|this|it)\s+in\s+perspective\b|\bcan't\s+please\s+everyone"
            r"\b|\byou(?:'ll|\s+will)\s+survive\b"
            r"|\bno\s+point\s+(?:in\s+)?(?:arguing|complaining|getting\s+(?:angry|upset)"
            r"|shouting|emailing|chasing)\b"
        ),
        "I understand why this matters to you, and I want to put it right.",
    ),
    Rule(
        ("dismissiveness",),
        rx(
            r"\b(?:it's|it\s+is|that's|that\s+is|this\s+is|it\s+was|was|is)\s+(?:only|just"
            r"|merely)\s+(?:a\s+|an\s+)?(?:\d+|one|two|three|four|five|ten|fifteen|twenty"
            r"|a\s+few|a\s+couple\s+of)[-\s](?:minutes?|hours?|days?|weeks?|pounds?|pence|p"
            r"|dollars?|euros?|cents?|quid|bucks)\b[^.!?;,]{0,30}"
            r"|\b(?:it's|it\s+is|that's|that\s+is|this\s+is)\s+(?:just\s+|only\s+|merely\s+)?"
            r"(?:a\s+)?(?:tiny|little|small|minor|slight)\s+(?:scratch|mark|dent|delay|thing"
            r"|difference|blemish|stain|chip|scuff)\b"
            r"|\b(?:just|only)\s+a\s+(?:bit|little)\s+of\s+\w+"
            r"|\b(?:not\s+sure|don't\s+know|do\s+not\s+know|I\s+don't\s+understand)\s+why"
            r"\s+you(?:'re|\s+are|\s+would\s+be|\s+seem)\s+(?:so\s+|this\s+|that\s+)?\w+"
            r"|\bsorry\s+(?:that\s+)?you\s+see\s+it\s+(?:that|this)\s+way\b"
            r"|\bsorry\s+(?:that\s+)?you\s+(?:feel|felt)\s+(?:so\s+|very\s+)?(?:let\s+down"
            r"|disappointed|unhappy|dissatisfied|upset|frustrated|we|our|like|this|that|it)\b"
            r"|\bsorry\s+if\b[^.!?]{0,60}?,?\s+but\b"
            r"|\bsorry\s+(?:that\s+)?you(?:'re|\s+are|\s+were)\s+[^.!?]{0,40}?,?\s+(?:but|however)\b"
            r"(?!\s+(?:I|we)(?:'ve|\s+have|'ll|\s+will|\s+can)\b)"
        ),
        "I'm sorry for the trouble this has caused; here is what I'm doing about it.",
    ),
    Rule(
        ("dismissiveness", "condescension"),
        rx(
            r"\b(?:getting|being|feeling)\s+(?:so\s+)?(?:angry|upset|worked\s+up|emotional"
            r"|annoyed)\s+(?:won't|will\s+not|doesn't|does\s+not|isn't\s+going\s+to)\s+\w+"
        ),
        "I can see this has been really frustrating, and I want to get it resolved for you.",
    ),
)

TONE_RULES: tuple[Rule, ...] = (
    BLAME
    + CONDESCENSION
    + DEFENSIVENESS
    + DEFENSIVENESS_MORE
    + DISMISSIVENESS
    + DISMISSIVENESS_MORE
)
