"""The composer: a reply for the current playbook step, written from the case's facts."""

from __future__ import annotations

import zlib
from collections.abc import Callable

from disputedesk.coach.facts import ComposeFacts, Offer
from disputedesk.coach.models import PlaybookStep, Tone
from disputedesk.coach.writer import OUTCOMES, Writer, clean


def _first_response(w: Writer) -> list[str]:
    body = [w.thanks(), w.empathy()]
    if w.f.company_at_fault:
        body.append(w.apology())
    questions = w.questions()
    body += questions
    if questions:
        body.append(
            w.c(
                w.pick(
                    [
                        f"As soon as I have that, I'll look into it and get back to you within "
                        f"{w.days}.",
                        f"Once I hear back, our {w.team} will check everything, and I'll update "
                        "you within "
                        f"{w.days}.",
                    ]
                )
            )
        )
    else:
        body.append(
            w.c(
                w.pick(
                    [
                        f"I've passed the details to our {w.team}, and I'll update you within "
                        f"{w.days}.",
                        f"Our {w.team} will review it now, and I'll get back to you within "
                        f"{w.days}.",
                    ]
                )
            )
        )
    return body


def _investigating(w: Writer) -> list[str]:
    return [
        w.c(
            w.pick(
                [
                    f"Thank you for your patience while we look into {w.thing}.",
                    f"Thanks for bearing with us while we look into {w.thing}.",
                ]
            )
        ),
        w.c(
            w.pick(
                [
                    f"Our {w.team} is checking what happened, and they will confirm their "
                    f"findings within {w.days}.",
                    f"I've asked our {w.team} to investigate, and they will review everything "
                    f"within {w.days}.",
                ]
            )
        ),
        w.c(
            w.pick(
                [
                    f"I'll update you within {w.days} at the latest, or sooner if I hear from "
                    "them first.",
                    f"I'll write to you again within {w.days} with what they find.",
                ]
            )
        ),
    ]


def _offer(w: Writer) -> list[str]:
    body = [w.thanks()]
    if w.f.company_at_fault:
        body.append(w.apology())
    offer = w.f.offer or Offer(remedy=w.f.desired_outcome or "refund")
    if offer.clause_id or offer.clause_text:
        body.append(w.citation(offer.clause_id, offer.clause_text))
    body.append(w.c(w.remedy(offer) + "."))
    body.append(
        w.c(
            w.pick(
                [
                    f"It will be processed within {w.days}, and I'll email you as soon as it's "
                    "done.",
                    f"You'll receive a confirmation email today, and it will be completed within "
                    f"{w.days}.",
                ]
            )
        )
    )
    body.append(w.c("If anything doesn't look right, just reply to this email."))
    return body


def _declining(w: Writer) -> list[str]:
    offer = w.f.offer
    wanted = OUTCOMES.get((w.f.desired_outcome or "").lower(), "what you asked for")
    body = [
        w.thanks(),
        w.c(
            w.pick(
                [
                    "I understand this isn't the answer you were hoping for.",
                    "I understand how disappointing this will be to hear.",
                ]
            )
        ),
        w.citation(offer.clause_id if offer else None, offer.clause_text if offer else None),
        clean(w.f.boundary_sentence) + "."
        if clean(w.f.boundary_sentence)
        else w.c(f"Because of that, I'm not able to offer {wanted} in this case."),
    ]
    alternatives = [clean(a) for a in w.f.alternatives if clean(a)]
    if not alternatives:
        alternatives = ["ask a supervisor to review your case and confirm the decision"]
    joined = (
        alternatives[0]
        if len(alternatives) == 1
        else (", ".join(alternatives[:-1]) + ", or " + alternatives[-1])
    )
    body.append(
        w.c(
            w.pick(["What I can do instead is", "What I can do for you instead is"]) + f" {joined}."
        )
    )
    body.append(
        w.c(f"Just reply to let me know what you'd prefer, and I'll set it up within {w.days}.")
    )
    return body


def _follow_up(w: Writer) -> list[str]:
    return [
        w.c(
            w.pick(
                [
                    f"Thank you again for your patience with {w.thing}.",
                    f"Thanks again for bearing with us on {w.thing}.",
                ]
            )
        ),
        w.c(
            w.pick(
                [
                    "I wanted to check that everything is now working as it should.",
                    "I'm getting in touch to make sure the issue is fully resolved.",
                ]
            )
        ),
        w.c(
            "If anything still isn't right, just reply to this email and I'll sort it out "
            "straight away."
        ),
        w.c(f"I'll check in once more within {w.days} to make sure all is well."),
    ]


_STEPS: dict[PlaybookStep, Callable[[Writer], list[str]]] = {
    PlaybookStep.first_response: _first_response,
    PlaybookStep.investigating: _investigating,
    PlaybookStep.offer: _offer,
    PlaybookStep.declining: _declining,
    PlaybookStep.follow_up: _follow_up,
}


def facts_seed(facts: ComposeFacts, step: PlaybookStep) -> int:
    """A stable seed derived from the facts, so drafts vary between cases but not between runs."""
    key = "|".join([facts.customer_name, facts.order_number or "", facts.item or "", step.value])
    return zlib.crc32(key.encode("utf-8"))


def compose_reply(
    facts: ComposeFacts,
    *,
    step: PlaybookStep,
    tone: Tone = "warm",
    variant: int | None = None,
) -> str:
    """A reply for this playbook step, from the case's facts, in a warm or formal tone."""
    step = PlaybookStep(step)
    seed = facts_seed(facts, step) if variant is None else variant
    writer = Writer(facts, step, tone, seed)
    body = _STEPS[step](writer)
    if facts.company_at_fault and step not in (PlaybookStep.first_response, PlaybookStep.offer):
        body.insert(1, writer.apology())
    return "\n\n".join([writer.greeting(), " ".join(body), writer.sign_off()])
