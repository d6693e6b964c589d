"""Canned replies: boilerplate that names nothing of the case, or a stored template sent "
"unchanged."""

from __future__ import annotations

import difflib
import re

from disputedesk.coach.elements import detect_elements
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
# More boilerplate families: company-centred slogans, generic routing and generic regret.
_STRONG_MORE = rx(
    r"\b(?:customer|client|guest)\s+(?:happiness|satisfaction|experience|care)\s+(?:is|are)\s+"
    r"(?:what\s+drives\s+us|at\s+the\s+heart|our|important|everything|central)"
    r"|\bwe\s+(?:always\s+|constantly\s+|continually\s+)?strive\s+(?:to|for)\b"
    r"|\bvaluable\s+(?:feedback|comments|input|insight)\b"
    r"|\b(?:we're|we\s+are)\s+(?:always\s+)?here\s+for\s+you\b"
    r"|\b(?:forwarded|passed|sent|escalated|referred)\s+(?:on\s+)?to\s+(?:our\s+|the\s+)?(?:senior\s+)?"
    r"(?:management|head\s+office|management\s+team)\s+for\s+(?:review|consideration)\b"
    r"|\bwe\s+understand\s+your\s+(?:concern|frustration)s?\s+and\b"
    r"|\bvalued\s+(?:customer|client|member|guest|passenger|user)\b"
    r"|\b(?:we're|we\s+are)\s+(?:always\s+|constantly\s+)?(?:looking\s+for\s+ways|keen"
    r"|eager)\s+to\s+improve\b"
    r"|\bevery\s+(?:comment|piece\s+of\s+feedback|message|review)\s+helps\b"
    r"|\b(?:your|this|every)\s+(?:message|case|feedback|enquiry|inquiry|email|complaint|opinion"
    r"|query|call)\s+(?:really\s+|truly\s+)?(?:matters|is\s+(?:very\s+|really\s+)?important)"
    r"\s+to\s+us\b"
    r"|\b(?:passed|forwarded|shared|sent|referred)\s+(?:it\s+|this\s+|them\s+|your\s+\w+\s+)?"
    r"(?:on\s+)?(?:to|with)\s+the\s+(?:right|relevant|appropriate|responsible|correct)\s+"
    r"(?:people|team|department|person|parties)\b"
    r"|\b(?:reviewed|handled|looked\s+at|dealt\s+with)\s+by\s+the\s+(?:appropriate|relevant"
    r"|responsible)\s+(?:department|team|people)\b"
    r"|\bour\s+(?:goal|aim|mission|promise)\s+is\s+to\s+(?:provide|deliver|give|ensure|make"
    r"|offer)\b|\bfirst-?class\s+(?:experience|service)\b|\bexceed\w*\s+(?:your\s+|customer"
    r"\s+)?expectations\b"
    r"|\b(?:we|I)\s+love\s+hearing\s+from\b|\bfor\s+being\s+(?:a\s+)?(?:part\s+of"
    r"|valued|loyal)\b"
    r"|\bgive\s+us\s+another\s+(?:chance|try)\b|\bhope\s+to\s+have\s+the\s+(?:opportunity"
    r"|chance|pleasure)\b|\bopportunity\s+to\s+serve\s+you\b"
    r"|\b(?:in\s+line\s+with|according\s+to)\s+our\s+(?:standard|usual|normal)\s+"
    r"(?:procedures?|processes?|practice)\b"
    r"|\bexperiencing\s+(?:a\s+)?(?:high|higher\s+than\s+(?:normal|usual)|unusually\s+high)"
    r"\s+(?:volumes?|numbers?|demand)\b"
    r"|\bsorry\s+to\s+hear\s+(?:about\s+)?(?:your|of\s+your)\s+(?:experience|feedback)\b"
    r"|\b(?:our\s+)?customers\s+(?:always\s+)?come\s+first\b"
    r"|\b(?:sorry|apologi[sz]e|regret)\s+(?:for\s+)?any\s+(?:inconvenience|trouble|distress"
    r"|disappointment|frustration)\b"
    r"|\b(?:we're|we\s+are)\s+on\s+it\b|\bwe\s+hear\s+you\b"
    r"|\btake\s+(?:your|these|the|all)\s+(?:comments|feedback|points|views)\s+on\s+board\b"
    r"|\bsorry\s+to\s+hear\s+(?:that\s+)?you\s+(?:were|are|have\s+been)\s+(?:not|un|dis)\w*"
    r"|\b(?:apologi[sz]e|sorry|regret)\s+for\s+the\s+inconvenience\b"
    r"|\bappreciate\s+your\s+(?:patience\s+and\s+)?understanding\b"
    r"|\blook\s+forward\s+to\s+(?:assisting|helping|hearing\s+from)\s+you\b"
    r"|\bcommitted\s+to\s+(?:doing\s+better|improving|excellence|getting\s+it\s+right)\b"
    r"|\bhope\s+(?:everything|this|it|all)\s+is\s+(?:sorted|resolved|fine|ok|okay|good)\s+now\b"
)
_WEAK = rx(
    r"\b(?:ticket|case|request|query)\s+(?:has\s+been|was)\s+(?:created|logged|opened|raised"
    r"|received)\b|\bsorry\s+for\s+the\s+(?:hassle|trouble|wait)\b|"
    r"\bthank(?:s|\s+you)(?:\s+(?:so|very)\s+much|\s+a\s+bunch|\s+a\s+lot)?\s+for\s+(?:your"
    r"\s+(?:email|message|enquiry|inquiry|feedback|letter|comments?|note|query)\b|taking\s+the"
    r"\s+time|bringing\s+this\s+to\s+our\s+attention|your\s+continued)"
    r"|\b(?:please\s+)?accept\s+our\s+(?:sincere|sincerest|deepest)?\s*apologies\b"
    r"|\bhave\s+a\s+(?:wonderful|great|lovely|nice|fantastic|good)\s+(?:day|week|weekend)\b"
    r"|\b(?:we|I)(?:'ll|\s+will)\s+(?:get\s+back\s+to\s+you|be\s+in\s+touch|respond)\s+"
    r"(?:as\s+soon\s+as\s+(?:possible|we\s+can)|shortly|soon)\b"
    r"|\b(?:a\s+member\s+of\s+(?:our|the)\s+team|someone(?:\s+from\s+our\s+team)?"
    r"|one\s+of\s+our\s+(?:team|agents|advisors|colleagues))\s+will\s+(?:be\s+in\s+touch"
    r"|get\s+back\s+to\s+you|contact\s+you)\b"
)
# Generic follow-ups that name nothing of the case do not make a reply specific.
_GENERIC_FOLLOW = rx(
    r"\b(?:we|I)(?:'ll|\s+will)\s+(?:get\s+back\s+to\s+you|be\s+in\s+touch|respond"
    r"|reply)(?:\s+(?:as\s+soon\s+as\s+(?:possible|we\s+can)|shortly|soon))?"
    r"|\b(?:a\s+member\s+of\s+(?:our|the)\s+team|someone(?:\s+from\s+our\s+team)?"
    r"|one\s+of\s+our\s+(?:team|agents|advisors|colleagues)|an?\s+(?:agent|advisor|adviser"
    r"|colleague|representative))\s+will\s+(?:be\s+in\s+touch|get\s+back\s+to\s+you"
    r"|contact\s+you|respond|reply)(?:\s+(?:shortly|soon|as\s+soon\s+as\s+possible))?"
)
_WEAK_OLD = rx(
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


def _distinct(matches: list[re.Match[str]]) -> list[tuple[int, int]]:
    """Spans of matches, overlapping ones counted once."""
    spans: list[tuple[int, int]] = []
    for m in sorted(matches, key=lambda m: m.start()):
        if not spans or m.start() >= spans[-1][1]:
            spans.append(m.span())
    return spans


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
    if (
        other_findings
        or _DIGIT.search(text)
        or present
        & _SPECIFIC_ELEMENTS
        - {
            "next_steps",
            "follow_up",
        }
    ):
        return []
    strong = list(_STRONG.finditer(text)) + list(_STRONG_MORE.finditer(text))
    weak = list(_WEAK.finditer(text)) + list(_WEAK_OLD.finditer(text))
    if not strong and len(_distinct(weak)) < 2:
        return []
    if other_findings or _DIGIT.search(text):
        return []
    specific = present & _SPECIFIC_ELEMENTS
    if specific and specific <= {"next_steps", "follow_up"} and _GENERIC_FOLLOW.search(text):
        masked = _GENERIC_FOLLOW.sub(lambda m: " " * len(m.group(0)), text)
        specific = detect_elements(masked) & _SPECIFIC_ELEMENTS
    if specific:
        return []
    strong.sort(key=lambda m: m.start())
    weak.sort(key=lambda m: m.start())
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
