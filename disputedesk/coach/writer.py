"""Sentence choice for the composer: the case's facts as phrases, in a warm or formal tone."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from disputedesk.coach.facts import ComposeFacts, Offer, format_date, format_money
from disputedesk.coach.models import PlaybookStep, Tone

_TEAMS = {
    "billing": "billing team",
    "refund": "refunds team",
    "delivery": "delivery team",
    "product_defect": "product team",
    "warranty": "warranty team",
    "account": "accounts team",
    "subscription": "subscriptions team",
    "fraud": "security team",
    "service_quality": "customer care team",
}
_POLICIES = {
    "billing": "billing terms",
    "refund": "refund policy",
    "delivery": "delivery policy",
    "product_defect": "warranty terms",
    "warranty": "warranty terms",
    "account": "account terms",
    "subscription": "subscription terms",
    "fraud": "security policy",
    "service_quality": "service terms",
}
_TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lady", "lord"}
OUTCOMES = {
    "refund": "a refund",
    "replacement": "a replacement",
    "repair": "a repair",
    "exchange": "an exchange",
    "store_credit": "store credit",
    "compensation": "compensation",
    "cancellation": "a cancellation",
    "discount": "a discount",
}


class Writer:
    """Sentence choice for one draft: facts, tone and a deterministic random source."""

    def __init__(self, facts: ComposeFacts, step: PlaybookStep, tone: Tone, seed: int) -> None:
        self.f = facts
        self.step = step
        self.formal = tone == "formal"
        self.rng = random.Random(seed)

    def pick(self, options: Sequence[str]) -> str:
        """One of the options, chosen by the seed."""
        return options[self.rng.randrange(len(options))]

    def c(self, text: str) -> str:
        """Expand contractions in the formal tone."""
        if not self.formal:
            return text
        for short, full in (
            ("I've", "I have"),
            ("I'll", "I will"),
            ("I'm", "I am"),
            ("you're", "you are"),
            ("it's", "it is"),
            ("we'll", "we will"),
            ("don't", "do not"),
            ("isn't", "is not"),
            ("you'd", "you would"),
            ("we've", "we have"),
            ("You'll", "You will"),
            ("you'll", "you will"),
            ("It's", "It is"),
            ("can't", "cannot"),
            ("won't", "will not"),
        ):
            text = text.replace(short, full)
        return text

    # --- facts as phrases ---
    @property
    def first_name(self) -> str:
        parts = self.f.customer_name.split() or ["there"]
        if parts[0].rstrip(".").lower() in _TITLES and len(parts) > 1:
            return " ".join(parts)
        return parts[0]

    @property
    def thing(self) -> str:
        item, order = clean(self.f.item), clean(self.f.order_number)
        if item and order:
            return f"the {item} from order {order}"
        if item:
            return f"your {item}"
        if order:
            return f"order {order}"
        return "your recent order"

    @property
    def what(self) -> str:
        happened = clean(self.f.what_happened)
        return happened or f"{self.thing} didn't turn out the way it should have"

    @property
    def team(self) -> str:
        return _TEAMS.get(self.f.category, "team")

    @property
    def policy(self) -> str:
        return _POLICIES.get(self.f.category, "terms and conditions")

    @property
    def days(self) -> str:
        n = self.f.timeline_days
        return f"{n} working day" + ("" if n == 1 else "s")

    def money(self, minor: int | None) -> str | None:
        return None if minor is None else format_money(minor, self.f.currency)

    def dates(self) -> str:
        if self.f.delivered_at:
            return f", delivered on {format_date(self.f.delivered_at)}"
        if self.f.purchased_at:
            return f", bought on {format_date(self.f.purchased_at)}"
        return ""

    # --- building blocks ---
    def greeting(self) -> str:
        if self.formal:
            return f"Dear {self.f.customer_name},"
        return self.pick([f"Hi {self.first_name},", f"Hello {self.first_name},"])

    def sign_off(self) -> str:
        name = clean(self.f.agent_name) or "Customer Care"
        if self.formal:
            return (
                self.pick(["Kind regards,", "Yours sincerely,", "With kind regards,"]) + f"\n{name}"
            )
        return self.pick(["Best wishes,", "Thanks again,", "All the best,"]) + f"\n{name}"

    def thanks(self) -> str:
        thing = self.thing
        return self.c(
            self.pick(
                [
                    f"Thank you for getting in touch about {thing}{self.dates()}.",
                    f"Thanks for letting us know about {thing}{self.dates()}.",
                    f"Thank you for explaining what happened with {thing}{self.dates()}.",
                ]
            )
        )

    def empathy(self) -> str:
        what = self.what
        return self.c(
            self.pick(
                [
                    f"I understand that {what}, and I can imagine how frustrating that is.",
                    f"I know how frustrating it is when {what}.",
                    f"I understand how disappointing it is that {what}.",
                    f"Hearing that {what}, I completely understand your frustration.",
                ]
            )
        )

    def apology(self) -> str:
        return self.c(
            self.pick(
                [
                    "I'm sorry; this should not have happened, and it's on us to put it right.",
                    "I'm really sorry for the trouble this has caused you.",
                    "Please accept my apologies for the inconvenience we've caused you with this.",
                ]
            )
        )

    def questions(self) -> list[str]:
        facts = [clean(q) for q in self.f.missing_facts if clean(q)]
        raw = [re.sub(r"\s+", " ", q).strip() for q in self.f.missing_facts]
        asks = [q for q in raw if q.endswith("?") and len(q.split()) >= 2]
        plain = [q for q in facts if q and q + "?" not in asks and not q.endswith("?")]
        if plain:
            joined = plain[0] if len(plain) == 1 else ", ".join(plain[:-1]) + " and " + plain[-1]
            lead = self.pick(
                [
                    "To get this sorted quickly, could you tell me",
                    "So I can move this forward, could you let me know",
                    "Could you tell me",
                ]
            )
            asks.insert(0, f"{lead} {joined}?")
        return asks

    def remedy(self, offer: Offer) -> str:
        amount = self.money(offer.amount_minor) or self.money(self.f.amount_minor)
        kind = offer.remedy.lower().replace(" ", "_")
        item = clean(self.f.item) or "item"
        if kind in ("refund", "partial_refund", "full_refund"):
            what = f"a refund of {amount}" if amount else "a refund"
            return self.pick(
                [
                    f"I've arranged {what} to your original payment method",
                    f"I can issue {what} to your original payment method",
                ]
            )
        if kind == "replacement":
            return self.pick(
                [
                    f"I've arranged a replacement {item} for you",
                    f"I can send you a replacement {item}",
                ]
            )
        if kind == "repair":
            return f"I can book a free repair for your {item}"
        if kind in ("store_credit", "credit"):
            return (
                f"I can credit {amount} to your account" if amount else "I can credit your account"
            )
        if kind == "exchange":
            return f"I can exchange your {item} for another one"
        label = clean(offer.remedy).replace("_", " ")
        return f"I can offer you {label} of {amount}" if amount else f"I can offer you {label}"

    def citation(self, clause_id: str | None, clause_text: str | None) -> str:
        cid, text = clean(clause_id), clean(clause_text)
        ref = f"our {self.policy} (clause {cid})" if cid else f"our {self.policy}"
        if text:
            return f'Under {ref}, the rule is: "{text}".'
        return f"Under {ref}, this is what applies to your case."


def clean(value: str | None) -> str:
    """A fact as a phrase: single-spaced, without trailing full stops or line breaks."""
    if not value:
        return ""
    return re.sub(r"\s+", " ", value).strip().rstrip(".!;, ")
