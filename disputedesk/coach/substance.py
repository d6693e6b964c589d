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
    "refuse reverse price sort fix arrange book speed expedite guarantee bend budge"
)
_DO_NOT_VERBS = _wordset(
    "offer refund accept provide allow give replace repair exchange do issue cover reimburse "
    "compensate honour honor permit ship deliver"
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
    r"|\bnothing\s+(?:more\s+|else\s+|further\s+)?(?:I|we)\s+can\s+do\b"
    r"|\b(?:charge|decision)\s+(?:stands|is\s+final)\b"
)
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
)


def _refusal_verb(text: str, m: re.Match[str], verb: str) -> bool:
    if verb == "help":
        return not text[m.end() : m.end() + 4].lower().startswith(" but")
    if verb == "be":
        after = re.match(r"\s+(\w+)", text[m.end() :])
        return bool(after and (after.group(1).endswith("ing") or after.group(1) == "able"))
    return verb in REFUSAL_VERBS


def says_no(text: str) -> bool:
    """True when an analysed text contains an outright no (with or without an alternative)."""
    return any(
        not (m.group("verb") and not _refusal_verb(text, m, m.group("verb").lower()))
        for m in _REFUSAL.finditer(text)
    )


def refusals(text: str, draft: str, present: set[Element]) -> list[Finding]:
    """An outright no with nothing the customer can do instead."""
    if "solution" in present or _ALTERNATIVE.search(text):
        return []
    out: list[Finding] = []
    quoted = quoted_spans(text)
    for m in _REFUSAL.finditer(text):
        if quoted and inside(quoted, m.start(), m.end()):
            continue
        verb = (m.group("verb") or "").lower()
        if m.group("dv") and verb not in _DO_NOT_VERBS:
            continue
        if verb and not _refusal_verb(text, m, verb):
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
    found = run_rules(OVER_PROMISE, text, draft)
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
