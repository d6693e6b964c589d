"""Findings about substance: refusal without alternative, over-promise and canned replies."""

from __future__ import annotations

import re

from disputedesk.coach.models import CoachContext, Element, Finding
from disputedesk.coach.rules import Rule, run_rules, rx
from disputedesk.coach.text import inside, quoted_spans, word_span


def _wordset(spec: str) -> frozenset[str]:
    return frozenset(spec.split())


# Verbs that make "we can't / won't / are unable to <verb>" a no to the customer's request.
REFUSAL_VERBS = _wordset(
    "refund offer do give accept replace repair change extend waive reverse cancel honour honor "
    "process approve take exchange issue send provide allow keep reopen bring move help make "
    "match reimburse compensate credit return reschedule override grant agree authorise "
    "authorize remove lower reduce unlock transfer reinstate deliver ship release let cover "
    "refuse reverse price sort fix arrange book speed expedite guarantee bend budge add apply "
    "sell stock recover restore use reship resend redeliver rebook upgrade downgrade swap "
    "comment release reactivate retrieve waive discount backdate combine split hold pay"
)
_DO_NOT_VERBS = _wordset(
    "offer refund accept provide allow give replace repair exchange do issue cover reimburse "
    "compensate honour honor permit ship deliver sell stock price match waive extend take "
    "support reship"
)
_REFUSAL = rx(
    r"\b(?:I|we)\s+(?:(?:really|simply|therefore|unfortunately|just|still|sadly)\s+)?(?:can't"
    r"|cannot"
    r"|can\s+not|won't|will\s+not|(?:do\s+not|don't)(?=\s+(?P<dv>\w+))|must\s+decline"
    r"|have\s+to\s+decline"
    r"|decline\s+to|refuse\s+to)(?!\s+be\s+(?:held|blamed|responsible|liable|sure|certain"
    r"|happier))\s+(?:(?:therefore|be\s+able\s+to)\s+)?(?P<verb>\w+)"
    r"|\b(?:I|we)\s+(?:will|shall|can)\s+(?:therefore|unfortunately|sadly|also"
    r"|now)\s+not\s+(?:be\s+)?\w+"
    r"|\b(?:I|we)(?:'re|'m|\s+are|\s+am)\s+(?:(?:therefore|unfortunately|sadly|currently"
    r"|simply)\s+)?"
    r"(?:unable|not\s+able|not\s+in\s+a\s+position)\s+to\s+\w+"
    r"|\b(?:I|we)\s+(?:aren't|are\s+not|am\s+not)\s+able\s+to\s+\w+"
    r"|\b(?:can't|cannot|can\s+not|won't|will\s+not|isn't\s+going\s+to"
    r"|is\s+not\s+going\s+to)\s+be\s+"
    r"(?:refunded|replaced|repaired|returned|exchanged|reversed|cancell?ed|honou?red|accepted"
    r"|processed"
    r"|credited|waived|reimbursed|compensated|approved|covered|reissued|changed|extended|offered)\b"
    r"|\b(?:is|are|'s|was|were|will\s+be)\s*(?:not|n't)\s+(?:possible|available|an\s+option)\b"
    r"|\b(?:isn't|aren't|wasn't|won't\s+be)\s+(?:possible|available|an\s+option)\b"
    r"|\b(?:isn't|is\s+not)\s+something\s+(?:we|I|our\s+policy)\s+(?:can|could|allows?|offers?"
    r"|do)\b"
    r"|(?:^|(?<=[.!?]\s)|(?<=\n))[ \t]*No(?:[.!](?![.!])|,\s+(?:we|I|that|it|this)(?:'s|\s+is"
    r"|\s+are"
    r"|\s+am|\s+can't|\s+cannot|\s+won't|\s+will\s+not|\s+don't|\s+isn't)\s+(?:not\s+)?"
    r"(?:possible|able|allowed|an\s+option|refund|offer|do|give|accept|replace|going))"
    r"|\b(?:has|have)\s+been\s+(?:declined|rejected|denied|refused)\b"
    r"|\b(?:I|we)(?:'ve|\s+have)\s+(?:declined|rejected|denied|refused)\b"
    r"|\bnothing\s+(?:more\s+|else\s+|further\s+)?(?:I|we)\s+can\s+(?:do|offer|provide"
    r"|suggest)\b"
    r"|\b(?:charge|decision)\s+(?:stands|is\s+final)\b|\b(?:that's|that\s+is)\s+final\b"
    r"|\bNo\s+(?:refunds?|returns?|exchanges?|cancellations?|compensation|exceptions)\b"
    r"|\b(?:we|I)\s+(?:stand\s+by|uphold|maintain)\s+(?:it|this|that|our\s+(?:\w+\s+)?"
    r"(?:decision|answer|position))\b"
    r"|\b(?:has|have|was|were)\s+been\s+turned\s+down\b|\b(?:was|were)\s+turned\s+down\b"
    r"|\b(?:sales?|decision|charge|fee|outcome|price|ruling)\s+(?:is|are|remains?)\s+final\b"
    r"|\b(?:decision|charge|fee|outcome|ruling|it)\s+(?:still\s+)?stands\b"
    r"|\bnot\s+something\s+(?:we|I|our\s+\w+)\b[^.!?]{0,20}?\b(?:can|could|able|allows?"
    r"|offers?|do|provide)\b"
    r"|\b(?:appeal|claim|request|application|complaint|dispute|refund|return|order)\s+"
    r"(?:\w+\s+){0,3}?(?:is|was|were|are)\s+(?:therefore\s+|unfortunately\s+|sadly\s+)?"
    r"(?:declined|rejected|denied|refused|unsuccessful|not\s+upheld|turned\s+down)\b"
    r"|\b(?:not|isn't|aren't|wasn't|weren't)\s+(?:eligible|entitled)\b|\bineligible\b"
    r"|\b(?:doesn't|does\s+not|don't|do\s+not|didn't|did\s+not)\s+qualify\b"
    r"|\b(?:the\s+)?answer\s+is\s+(?:still\s+)?(?:a\s+)?no\b"
    r"|\b(?:I|we)(?:'ll|\s+will)?\s+(?:have\s+to|must|need\s+to|will\s+have\s+to)\s+say\s+no\b"
    r"|\bthere\s+(?:won't|will\s+not|can't|cannot)\s+be\s+(?:a|any)\s+(?:refund|replacement"
    r"|compensation|exchange|credit|reimbursement|repair)\b"
    r"|\b(?:has|have|was|were|is|are)\s+not\s+(?:been\s+)?(?:approved|accepted|upheld|granted)\b"
    r"|\b(?:hasn't|haven't|wasn't|weren't|isn't|aren't)\s+(?:been\s+)?(?:approved|upheld|granted)\b"
    r"|\b(?:I|we)(?:'re|\s+are|'m|\s+am)?\s+(?:going\s+to\s+)?(?:have\s+to|must|need\s+to)\s+"
    r"(?:decline|refuse|reject|turn\s+down)\b"
    r"|\b(?:refunds?|returns?|exchanges?|replacements?|compensation)\s+(?:aren't|isn't|are\s+not"
    r"|is\s+not|cannot\s+be|can't\s+be)\s+(?:given|offered|issued|accepted|provided|made)\b"
    r"|\bno\s+(?:refund|compensation|credit|replacement)\s+(?:is|will\s+be)\s+(?:due|given|issued"
    r"|offered|possible|available)\b"
    r"|\btoo\s+late\s+to\s+be\s+(?:accepted|processed|cancell?ed|changed|refunded|approved"
    r"|honou?red|amended)\b"
    r"|\b(?:there's|there\s+is)\s+no\s+way\s+(?:for\s+(?:us|me)\s+to|(?:we|I)\s+(?:can|could))"
    r"|\bcan\s+no\s+longer\s+be\s+\w+ed\b"
    r"|\b(?:we|I)\s+(?:can\s+)?no\s+longer\s+(?:offer|stock|sell|accept|provide|support"
    r"|refund|carry|make|do|issue|honou?r)\b"
    r"|\b(?<![\w']\s)(?:can't|cannot|won't)\s+(?:do|help|refund|accept|change|offer)\b"
    r"|\bNope\b"
    r"|\b(?:and|so|therefore|but)\s+(?:therefore\s+)?(?:will\s+not|won't|cannot|can't"
    r"|can\s+not|are\s+unable\s+to|am\s+unable\s+to)\s+(?:be\s+(?:able\s+to\s+)?)?"
    r"(?P<verb2>\w+)"
)
_PAYMENT_DECLINED = rx(r"\b(?:card|payment|transaction|bank|direct\s+debit)\b[^.!?]{0,20}$")
_ALTERNATIVE = rx(
    r"\b(?:instead|alternatively|another\s+option|other\s+options?|what\s+(?:I|we)\s+can\s+do"
    r"|(?:I|we)\s+(?:can|could|'d\s+be\s+happy\s+to|would\s+be\s+happy\s+to|'m\s+happy\s+to"
    r"|am\s+happy\s+to)\s+(?:still\s+|also\s+)?(?:offer|arrange|send|switch|move|give|book"
    r"|provide|credit"
    r"|refund|repair|replace|exchange|help|suggest|recommend|put|set\s+up|extend|apply|issue"
    r"|look\s+into"
    r"|escalate|check|try)|you\s+(?:can|could|may)\s+(?:still\s+|also\s+)?(?:return|exchange"
    r"|choose|apply"
    r"|request|claim|use|keep|send|take|book|upgrade|downgrade|switch|cancel|reach|contact|visit"
    r"|resubmit|reapply|order|trade|transfer|give|gift|swap|resell|sell|redeem|donate|move|change"
    r"|exchange|extend|pause)|would\s+you\s+like|if\s+you(?:'d|\s+would)?\s+(?:like|prefer)"
    r"|(?:here's|here\s+is)\s+what)\b"
    r"|\byou\s+(?:can|could|may)\s+(?:still|also|always)\s+\w+"
    r"|\bbut\s+(?:I|we)\s+(?:can|could|'d\s+be\s+happy\s+to|am\s+happy\s+to|'m\s+happy\s+to"
    r"|will|'ll)\s+(?:\w+\s+)?\w+"
    r"|\bif\s+you\s+(?:visit|call|go\s+to|pop\s+into|contact|ring|bring|send|email|apply"
    r"|reapply|book|upgrade|switch|prefer)\b"
    r"|\bbut\s+(?:you|they|our\s+\w+|the\s+\w+)\s+(?:can|could|will\s+be\s+able\s+to)\s+\w+"
    r"|\b(?:I|we)(?:'d|\s+would)\s+(?:be\s+glad|love)\s+to\b"
    r"|\b(?:I|we)\s+(?:can|could)\s+(?:instead|also)\b"
)


def _refusal_verb(text: str, m: re.Match[str], verb: str) -> bool:
    if verb == "help":
        return not text[m.end() : m.end() + 4].lower().startswith(" but")
    if verb == "be":
        after = re.match(r"\s+(\w+)", text[m.end() :])
        return bool(after and (after.group(1).endswith("ing") or after.group(1) == "able"))
    return verb in REFUSAL_VERBS


def _is_refusal(text: str, m: re.Match[str]) -> bool:
    """A match of _REFUSAL that really is a no to the customer (verb and subject checked)."""
    verb2 = m.group("verb2")
    if verb2:
        low = verb2.lower()
        return low.endswith("ing") or (low in REFUSAL_VERBS and low != "help")
    if m.group("verb") and not _refusal_verb(text, m, m.group("verb").lower()):
        return False
    word = m.group(0).lower()
    if word.startswith(("has", "have")) and re.search(r"declined|rejected|refused|denied", word):
        return not _PAYMENT_DECLINED.search(text[max(0, m.start() - 40) : m.start()])
    return True


def says_no(text: str) -> bool:
    """True when an analysed text contains an outright no (with or without an alternative)."""
    return any(_is_refusal(text, m) for m in _REFUSAL.finditer(text))


def refusals(text: str, draft: str, present: set[Element]) -> list[Finding]:
    """An outright no with nothing the customer can do instead."""
    if "solution" in present or any(
        not re.search(
            r"\bnothing\s+(?:more\s+|else\s+|further\s+)?$",
            text[max(0, a.start() - 24) : a.start()],
        )
        for a in _ALTERNATIVE.finditer(text)
    ):
        return []
    out: list[Finding] = []
    quoted = quoted_spans(text)
    for m in _REFUSAL.finditer(text):
        if quoted and inside(quoted, m.start(), m.end()):
            continue
        verb = (m.group("verb") or "").lower()
        if m.group("dv") and verb not in _DO_NOT_VERBS:
            continue
        if not _is_refusal(text, m):
            continue
        stop = re.search(r"[.!?;:,\n]", text[m.end() : m.end() + 60])
        end = m.end() + (stop.start() if stop and text[m.end() - 1] not in ".!" else 0)
        start, end = word_span(text, m.start(), end)
        out.append(
            Finding(
                kind="refusal_without_alternative",
                evidence=draft[start:end],
                start=start,
                end=end,
                suggestion=(
                    f"{draft[start:end]}, but what I can do instead is ... (offer a repair, "
                    "credit, exchange or another option the policy allows)."
                ),
            )
        )
        break
    return out


OVER_PROMISE: tuple[Rule, ...] = (
    Rule(
        ("over_promise",),
        rx(
            r"\bwhatever\s+it\s+takes\b|\bno\s+matter\s+what(?=\s*[.!,]|\s+it\s+takes)"
            r"|\bwhatever\s+you\s+(?:want|need"
            r"|ask\s+for|like)\b"
            r"|\banything\s+you\s+(?:want|like|ask\s+for)\b|\bhowever\s+you\s+(?:like|want|wish)\b"
        ),
        "Promise what you will actually do: 'I'll look at every option our policy allows.'",
    ),
    Rule(
        ("over_promise",),
        rx(
            r"\bno\s+questions\s+asked\b|"
            r"\b(?:I|we)(?:\s+can|\s+will|\s+do|'ll)?\s+(?:personally\s+|absolutely\s+"
            r"|100%\s+)?guarantee\s+"
            r"(?:you|that|it|this|a|the|your)\b[^.!?;]{0,60}"
            r"|\b(?:100%\s+)?guaranteed(?=\s*[.!]|\s*$)"
        ),
        "Say what you will do and by when, without guaranteeing outcomes you don't control.",
    ),
    Rule(
        ("over_promise",),
        rx(
            r"\b(?:never|n't\s+ever|not\s+ever|nothing\s+like\s+this)\b[^.!?]{0,40}?\b(?:happen"
            r"|occur|go\s+wrong"
            r"|be\s+late|let\s+you\s+down|get\s+a\s+late|experience)\w*\b[^.!?]{0,40}?\bagain\b"
        ),
        "I've passed this on so we can do our best to stop it happening again.",
    ),
    Rule(
        ("over_promise",),
        rx(
            r"\b(?:promise|guarantee|assure\s+you|make\s+sure|ensure)\b[^.!?]{0,40}?\b(?:never"
            r"|not\s+ever"
            r"|n't\s+ever)\b[^.!?]{0,40}?\bagain\b"
        ),
        "I've passed this on so we can do our best to stop it happening again.",
    ),
    Rule(
        ("over_promise",),
        rx(
            r"\brefund\s+everything\b|\b(?:a\s+)?full\s+refund\s+(?:plus|and"
            r"|as\s+well\s+as)\s+(?:compensation"
            r"|a\s+free|free|an\s+extra|extra|a\s+bonus|a\s+voucher|a\s+gift)\b[^.!?,;]{0,30}"
        ),
        "Offer the remedy the policy allows, and check before promising anything extra.",
    ),
)

_FULL_REFUND = (
    r"(?:(?:a\s+)?full\s+refund|refund\s+(?:you\s+|the\s+\w+\s+|your\s+\w+\s+|it\s+)?in\s+full"
    r"|refund\s+(?:you\s+)?(?:in\s+full|the\s+full\s+amount"
    r"|the\s+whole\s+(?:order|amount|thing|booking|stay|trip)|every\s+penny|all\s+of\s+it)"
    r"|(?:all\s+)?your\s+money\s+back)"
)
_HEDGE = rx(r"\b(?:try|trying|best|aim|hope|work\s+to|working\s+to|do\s+(?:our|my)\s+best)\b")


def _not_hedged(text: str, m: re.Match[str]) -> bool:
    start = max(0, text.rfind(".", 0, m.start()) + 1, text.rfind("!", 0, m.start()) + 1)
    return not _HEDGE.search(text[start : m.start()]) and not re.search(
        r"\b(?:can't|cannot|can\s+not|won't|unable\s+to)\s+(?:\w+\s+)?(?:promise|guarantee)\b",
        text[start : m.start()],
        re.I,
    )


OVER_PROMISE_MORE: tuple[Rule, ...] = (
    Rule(
        ("over_promise",),
        rx(
            r"\b" + _FULL_REFUND + r"[^.!?]{0,40}?\b(?:plus|and|as\s+well\s+as|on\s+top|also"
            r"|throw\s+in|with)\b[^.!?]{0,40}?\b(?:bonus|voucher|compensat\w*|extra|gift"
            r"|pay\s+for\s+(?:your|the)\s+\w+"
            r"|cover\s+(?:any|all|every|your)|free\s+(?!returns?\b|collection|label|postage"
            r"|shipping|pick-?up|of\s+charge)\w+|\w+\s+free\b|on\s+top)"
            r"|\b(?:double|twice|triple)\s+(?:your|the)\s+(?:money|amount|refund)\b"
            r"|\bfree\s+\w+(?:\s+\w+)?\s+(?:for\s+life|forever|for\s+the\s+rest\s+of\s+"
            r"(?:the|your|this)\s+\w+)|\bfor\s+life\b"
            r"|\bcompensat\w*\s+(?:you\s+)?for\s+(?:everything|all\s+of\s+it|every\s+\w+)"
            r"|\bcover\s+(?:any|all|every)\s+(?:other\s+)?(?:costs?|expenses|losses)\b"
            r"|\bcompensat\w*\s+(?:you\s+)?for\s+(?:any|all|every)\s+(?:\w+\s+)?(?:loss|losses"
            r"|costs?|expenses?|inconvenience|damages?)\b|\bwhatsoever\b"
            r"|\b(?:fix|sort|solve|resolve|handle|cover|refund|pay\s+for|replace)\s+(?:absolutely"
            r"\s+|literally\s+)?everything\b"
        ),
        "Offer the remedy the policy allows, and check before promising anything extra.",
    ),
    Rule(
        ("over_promise",),
        rx(
            r"\b(?:will|'ll|won't|shall|make\s+sure|ensure|see\s+to\s+it|promise|guarantee"
            r"|word)\b[^.!?]{0,50}?\b(?:never|not|n't|no\s+longer)\b[^.!?]{0,50}?\bagain\b"
            r"|\b(?:will\s+be|is)\s+the\s+last\s+time\b"
        ),
        "I've passed this on so we can do our best to stop it happening again.",
        lambda text, m: (
            _not_hedged(text, m)
            and not re.search(r"charged|billed|debited|renew|pay|asked|need", m.group(0), re.I)
        ),
    ),
    Rule(
        ("over_promise",),
        rx(
            r"\b(?:make\s+sure|ensure|see\s+to\s+it|guarantee|promise)\b[^.!?]{0,50}?\b(?:every"
            r"|all|any)\s+(?:future|other|next|single)\s+\w+\b[^.!?]{0,30}?\b(?:perfect\w*"
            r"|flawless\w*|on\s+time|without\s+(?:a\s+)?(?:problem|hitch|issue))"
            r"|\b(?:every|each)\s+(?:\w+\s+)?(?:delivery|order|parcel|visit|stay|booking|meal"
            r"|flight|repair)\s+(?:from\s+now\s+on\s+)?(?:will|'ll)\s+(?:be\s+)?(?:perfect\w*"
            r"|flawless\w*|on\s+time|arrive\s+on\s+time)"
            r"|\bno\s+matter\s+(?:what|how\s+much)\s+(?:it\s+)?(?:costs?|takes)\b"
            r"|\b(?:my|our)\s+(?:personal\s+|absolute\s+|full\s+|cast-iron\s+)?(?:guarantee|word"
            r"|promise)\s+(?:that|this|it)\b"
            r"|\btwice\s+over\b|\brefund\s+(?:you\s+)?(?:twice|double)\b"
            r"|\b(?:absolutely\s+|literally\s+)?everything\s+(?:it\s+takes|in\s+(?:my|our)"
            r"\s+power)\b"
            r"|\bwhatever\s+(?:\w+\s+)?you\s+(?:think|feel|consider|want|like|need|ask)"
            r"|\b(?:any|all)\s+(?:others?|more|extras?)\s+you\s+(?:want|like|wish|need)\b"
            r"|\bguaranteed\s*:|\b(?:100%|absolutely|fully|completely)\s+guaranteed\b"
            r"|\b(?:promise|guarantee|assure)\s+(?:you\s+)?100%|\b100%\s+(?:sure|certain"
            r"|guarantee)\b|\bwithout\s+fail\b|\bfirst\s+time,?\s+every\s+time\b"
        ),
        "Say what you will do and by when, without guaranteeing outcomes you don't control.",
        _not_hedged,
    ),
)

_MONEY = re.compile(r"(?P<cur>[£$€])\s?(?P<num>\d{1,3}(?:,\d{3})*(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)")
_REMEDIES = {
    "refund": r"\brefund",
    "replacement": r"\breplace",
    "repair": r"\brepair",
    "store_credit": r"\b(?:store|account)\s+credit\b",
    "discount": r"\b(?:discount|\d+%\s+off)\b",
    "compensation": r"\bcompensat",
    "voucher": r"\bvoucher",
    "exchange": r"\bexchange",
}


def over_promises(text: str, draft: str, context: CoachContext | None) -> list[Finding]:
    """Promises no policy can guarantee, and offers beyond what the context allows."""
    found = run_rules(OVER_PROMISE + OVER_PROMISE_MORE, text, draft)
    if context is None:
        return found
    limit = context.allowed_max_refund_minor
    if limit is not None:
        for m in _MONEY.finditer(text):
            minor = round(float(m.group("num").replace(",", "")) * 100)
            window = text[max(0, m.start() - 60) : m.end() + 30].lower()
            if minor > limit and re.search(r"refund|credit|compensat|back|reimburs", window):
                found.append(_over(draft, m.start(), m.end(), limit, context.currency))
    if context.allowed_remedies:
        allowed = {r.lower().replace(" ", "_") for r in context.allowed_remedies}
        for name, pattern in _REMEDIES.items():
            if name in allowed:
                continue
            for m in re.finditer(
                r"\b(?:I|we)(?:'ve|'ll|\s+will|\s+can|\s+could|\s+have)\s+[^.!?]{0,40}?" + pattern,
                text,
                re.I,
            ):
                found.append(
                    Finding(
                        kind="over_promise",
                        evidence=draft[m.start() : m.end()],
                        start=m.start(),
                        end=m.end(),
                        suggestion="Offer only remedies the policy allows for this case: "
                        + ", ".join(context.allowed_remedies)
                        + ".",
                    )
                )
                break
    return found


def _over(draft: str, start: int, end: int, limit: int, currency: str) -> Finding:
    return Finding(
        kind="over_promise",
        evidence=draft[start:end],
        start=start,
        end=end,
        suggestion=f"The policy allows at most {limit / 100:.2f} {currency} here; "
        "offer that or ask a supervisor to approve more before promising it.",
    )
