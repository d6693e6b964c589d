"""Canned replies: boilerplate that names nothing of the case, or a stored template sent "
"unchanged."""

from __future__ import annotations

import difflib
import re

from disputedesk.coach.models import Element, Finding
from disputedesk.coach.rules import rx

_STRONG = rx(
    r"\b(?:we|I)\s+(?:truly\s+|really\s+|greatly\s+|do\s+)?value\s+(?:your|all)\s+(?:feedback"
    r"|business|custom"
    r"|opinion|comments|loyalty)\b|\byour\s+satisfaction\s+is\s+(?:our|my)\s+(?:top\s+|highest\s+"
    r"|number\s+one\s+|#1\s+|first\s+)?priority\b"
    r"|\bcustomer\s+satisfaction\s+is\s+(?:at\s+the\s+heart"
    r"|our\s+(?:top\s+)?priority|important)|\bwe\s+pride\s+ourselves\b|\bwe\s+(?:appreciate"
    r"|value)\s+you"
    r"\s+(?:sharing|taking\s+the\s+time)\b|\bthank\s+you\s+for\s+choosing\b"
    r"|\bwe\s+take\s+(?:all\s+)?"
    r"(?:customer\s+)?(?:feedback|complaints|concerns|your\s+feedback)\s+(?:very\s+)?seriously\b"
    r"|\bwe\s+are\s+(?:fully\s+)?committed\s+to\s+(?:providing|delivering|ensuring)\b"
    r"|\b(?:the\s+)?highest"
    r"\s+(?:possible\s+)?(?:quality|standards?|level\s+of\s+service)\b"
    r"|\bwe\s+hope\s+to\s+(?:serve|welcome"
    r"|see)\s+you\b|\byour\s+(?:loyalty|business|custom)\s+means\s+(?:a\s+(?:great\s+deal|lot)"
    r"|everything)"
    r"|\bwe\s+appreciate\s+your\s+patience\s+and\s+understanding\b|\b(?:we're"
    r"|we\s+are)\s+(?:always\s+)?"
    r"here\s+to\s+help\s+(?:with\s+anything|whenever|if\s+you\s+need)"
    r"|\bwe\s+want\s+every\s+\w+\s+to\s+be\s+"
    r"(?:perfect|great|special)\b|\b(?:we're|we\s+are)\s+(?:always|constantly"
    r"|continuously)\s+(?:working"
    r"|striving|looking)\s+to\s+(?:make|improve|do)\b|\b(?:continuously|constantly)\s+(?:review"
    r"|improve)"
    r"\w*\s+our\b|\bfeedback\s+(?:like\s+yours\s+)?helps\s+us\b|\bour\s+aim\s+is\s+to\s+(?:make"
    r"|provide"
    r"|ensure)\s+every\b|\bwe\s+are\s+always\s+(?:keen|happy|pleased)\s+to\s+hear\b"
    r"|\bdear\s+(?:valued\s+)?"
    r"customer\b|\bin\s+due\s+course\b|\byour\s+(?:request|message|email|enquiry|inquiry"
    r"|query)\s+has\s+been"
    r"\s+received\b|\b(?:we|I)\s+apologi[sz]e\s+for\s+any\s+inconvenience\b|\bworks?\s+hard\s+to\s+"
    r"(?:provide|deliver|ensure|give)\b|\b(?:we"
    r"|I)\s+understand\s+how\s+frustrating\s+(?:technical\s+)?"
    r"(?:issues|problems|these\s+things|delays|such\s+situations)\s+can\s+be\b|\b(?:did\s+not"
    r"|didn't)\s+"
    r"meet\s+your\s+expectations\b|\benjoy\s+your\s+next\b|\bmeans\s+the\s+world\s+to\s+us\b"
    r"|\bcontinued\s+(?:loyalty|custom|support|business)\b|\blook\s+forward\s+to\s+(?:your\s+next"
    r"|seeing\s+you|welcoming\s+you)|\blook\s+forward\s+to\s+serving|\bserve\s+you\s+better\b"
    r"|\b(?:apologi[sz]e"
    r"|sorry)\s+for\s+any"
    r"\s+inconvenience\b|\bwork(?:s|ing)?\s+hard\s+to\b"
)
_WEAK = rx(
    r"\bthank(?:s|\s+you)(?:\s+so\s+much)?\s+for\s+(?:contacting|reaching\s+out"
    r"|getting\s+in\s+touch)\b"
    r"|\bthank\s+you\s+for\s+your\s+(?:understanding|patience)\b|\bthanks\s+for\s+your\s+patience\b"
    r"|\bwe\s+appreciate\s+your\s+(?:patience|understanding|loyalty|business|feedback)\b"
    r"|\b(?:share|pass)\s+(?:it|this|them|your\s+\w+)\s+(?:on\s+)?(?:with|to)\s+the\s+relevant\s+"
    r"(?:team|department|people)\b"
)
_SPECIFIC_ELEMENTS: set[Element] = {
    "solution",
    "clarifying_question",
    "policy_reference",
    "timeline",
    "next_steps",
    "follow_up",
}
_DIGIT = re.compile(r"\d")
_NORM = re.compile(r"[^a-z0-9]+")
SUGGESTION = (
    "Replace the boilerplate with this case: name the order or the problem, "
    "and say what you are doing about it and when."
)


def _norm(text: str) -> str:
    return _NORM.sub(" ", text.lower()).strip()


def template_match(draft: str, templates: list[str], cutoff: float = 0.9) -> bool:
    """True when the draft equals or nearly equals a stored template."""
    ours = _norm(draft)
    if not ours:
        return False
    for template in templates:
        theirs = _norm(template)
        if not theirs:
            continue
        matcher = difflib.SequenceMatcher(None, ours, theirs, autojunk=False)
        if (
            matcher.real_quick_ratio() >= cutoff
            and matcher.quick_ratio() >= cutoff
            and matcher.ratio() >= cutoff
        ):
            return True
    return False


def canned(
    text: str, draft: str, present: set[Element], other_findings: int, templates: list[str]
) -> list[Finding]:
    """Boilerplate with nothing specific to the case, or an unchanged stored template."""
    if templates and template_match(text, templates):
        stripped = text.strip()
        start = text.find(stripped[:1]) if stripped else 0
        end = start + len(stripped)
        return [
            Finding(
                kind="canned",
                evidence=draft[start:end],
                start=start,
                end=end,
                suggestion="This is a stored template sent unchanged: " + SUGGESTION,
            )
        ]
    strong = list(_STRONG.finditer(text))
    weak = list(_WEAK.finditer(text))
    if not strong and len(weak) < 2:
        return []
    if present & _SPECIFIC_ELEMENTS or other_findings or _DIGIT.search(text):
        return []
    first = (strong or weak)[0]
    return [
        Finding(
            kind="canned",
            evidence=draft[first.start() : first.end()],
            start=first.start(),
            end=first.end(),
            suggestion=SUGGESTION,
        )
    ]
