"""The policy engine: facts + policy -> which remedies are allowed, how much, and who may grant."""

from __future__ import annotations

import math
from datetime import datetime
from enum import StrEnum
from fractions import Fraction

from pydantic import BaseModel, ConfigDict

from disputedesk.policies.conditions import check_clause
from disputedesk.policies.facts import DisputeFacts
from disputedesk.policies.policyset import PolicySet
from disputedesk.policies.schema import (
    AMOUNT_BOUNDED,
    REMEDY_ORDER,
    ROLE_ORDER,
    UNLIMITED,
    Clause,
    RemedyKind,
    Role,
    role_rank,
)
from disputedesk.policies.wording import (
    SUBJECTS,
    default_boundary,
    format_money,
    join_or,
    offer_phrase,
)


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class ClauseRef(_Out):
    """The clause an answer relies on: what to cite to the customer."""

    id: str
    title: str
    text: str


class RemedyDecision(_Out):
    """The engine's answer for one remedy."""

    remedy: RemedyKind
    allowed: bool
    reasons: tuple[str, ...]
    clause: ClauseRef | None
    max_amount_minor: int
    required_role: Role | None
    role_caps: dict[Role, int | None]
    boundary: str | None = None
    alternatives: tuple[RemedyKind, ...] = ()


class RemedyAnswer(_Out):
    """For each remedy kind: allowed or not, why, the clause to cite and the authority needed."""

    policy_name: str
    policy_version: str
    policy_fingerprint: str
    currency: str
    active: bool
    evaluated_at: datetime
    decisions: tuple[RemedyDecision, ...]

    def decision(self, remedy: RemedyKind | str) -> RemedyDecision:
        """The decision for one remedy kind."""
        kind = RemedyKind(remedy)
        return next(d for d in self.decisions if d.remedy is kind)

    def allowed(self) -> tuple[RemedyDecision, ...]:
        """Decisions the policy allows, in remedy order."""
        return tuple(d for d in self.decisions if d.allowed)

    def alternatives(self, remedy: RemedyKind | str) -> tuple[RemedyDecision, ...]:
        """Allowed remedies other than this one (explanation only when nothing else is left)."""
        kind = RemedyKind(remedy)
        others = [d for d in self.allowed() if d.remedy is not kind]
        real = [d for d in others if d.remedy is not RemedyKind.EXPLANATION]
        return tuple(real or others)

    def boundary_sentence(
        self, remedy: RemedyKind | str, *, with_reason: bool = False
    ) -> str | None:
        """The polite refusal for a remedy plus what can be offered instead; None when allowed."""
        decision = self.decision(remedy)
        if decision.allowed:
            return None
        parts = [decision.boundary or default_boundary(decision.remedy)]
        if with_reason and decision.reasons:
            parts.append(decision.reasons[0])
        offers = [
            offer_phrase(d.remedy, d.max_amount_minor, self.currency)
            for d in self.alternatives(remedy)
        ]
        if offers and offers != [offer_phrase(RemedyKind.EXPLANATION, 0, self.currency)]:
            parts.append(f"What I can offer instead is {join_or(offers)}.")
        else:
            parts.append(
                "What I can do is explain exactly how we reached this decision and what your "
                "options are from here."
            )
        return " ".join(parts)


class OfferStatus(StrEnum):
    """Outcome of checking an offer against the engine's answer and the offerer's authority."""

    OK = "ok"
    NEEDS_APPROVAL = "needs_approval"
    REFUSED = "refused"


class OfferCheck(_Out):
    """Whether a role may make this offer now, and which clause and version it relies on."""

    status: OfferStatus
    code: str
    message: str
    remedy: RemedyKind
    amount_minor: int
    role: Role
    clause_id: str | None
    policy_name: str
    policy_version: str
    policy_fingerprint: str
    max_amount_minor: int
    role_limit_minor: int | None
    approver_role: Role | None = None
    reasons: tuple[str, ...] = ()


def evaluate(policy: PolicySet, facts: DisputeFacts) -> RemedyAnswer:
    """Answer, for every remedy kind, whether the policy allows it for these facts."""
    inactive = policy.inactive_reason(facts.now)
    drafts = [_decide(policy, facts, remedy, inactive) for remedy in REMEDY_ORDER]
    allowed = tuple(d.remedy for d in drafts if d.allowed)
    decisions = tuple(
        d
        if d.allowed
        else d.model_copy(update={"alternatives": tuple(r for r in allowed if r is not d.remedy)})
        for d in drafts
    )
    return RemedyAnswer(
        policy_name=policy.name,
        policy_version=policy.version,
        policy_fingerprint=policy.fingerprint,
        currency=policy.currency,
        active=inactive is None,
        evaluated_at=facts.now,
        decisions=decisions,
    )


def check_offer(
    policy: PolicySet,
    facts: DisputeFacts,
    *,
    remedy: RemedyKind | str,
    amount_minor: int,
    role: Role | str,
) -> OfferCheck:
    """Check an offer: ok within authority, needs_approval above it, refused outside the policy."""
    kind, who = RemedyKind(remedy), Role(role)
    decision = evaluate(policy, facts).decision(kind)
    clause_id = decision.clause.id if decision.clause else None
    cap = decision.role_caps.get(who)

    def result(status: OfferStatus, code: str, message: str, **extra: object) -> OfferCheck:
        return OfferCheck.model_validate(
            {
                "status": status,
                "code": code,
                "message": message,
                "remedy": kind,
                "amount_minor": amount_minor,
                "role": who,
                "clause_id": clause_id,
                "policy_name": policy.name,
                "policy_version": policy.version,
                "policy_fingerprint": policy.fingerprint,
                "max_amount_minor": decision.max_amount_minor,
                "role_limit_minor": cap,
                "reasons": decision.reasons,
                **extra,
            }
        )

    cited = f"clause {clause_id}" if clause_id else f"no clause of {policy.label}"
    inactive = policy.inactive_reason(facts.now)
    if inactive is not None:
        return result(
            OfferStatus.REFUSED, "policy_inactive", f"Refused: {inactive}; {cited} cannot be used."
        )
    if kind is not RemedyKind.EXPLANATION and facts.currency != policy.currency:
        return result(
            OfferStatus.REFUSED,
            "currency_mismatch",
            f"Refused: the dispute is in {facts.currency} but {policy.label} is written in "
            f"{policy.currency} ({cited}).",
        )
    if not decision.allowed:
        why = decision.reasons[0] if decision.reasons else "the policy does not allow it"
        if clause_id is None:
            msg = f"Refused: no clause of {policy.label} offers {kind.value}."
        else:
            msg = f"Refused by clause {clause_id} ({policy.label}): {why}"
        return result(OfferStatus.REFUSED, "remedy_not_allowed", msg)
    if amount_minor < 0:
        return result(
            OfferStatus.REFUSED,
            "invalid_amount",
            f"Refused: the amount must not be negative ({cited}).",
        )
    money = format_money(amount_minor, policy.currency)
    if amount_minor > decision.max_amount_minor:
        ceiling = format_money(decision.max_amount_minor, policy.currency)
        return result(
            OfferStatus.REFUSED,
            "over_policy_maximum",
            f"Refused by clause {clause_id} ({policy.label}): {money} is above the policy "
            f"maximum of {ceiling} for {kind.value}.",
        )
    if cap is None or amount_minor > cap:
        approver = _lowest_role(decision.role_caps, amount_minor)
        limit = (
            "no authority" if cap is None else f"a limit of {format_money(cap, policy.currency)}"
        )
        return result(
            OfferStatus.NEEDS_APPROVAL,
            "needs_approval",
            f"Clause {clause_id} allows {money}, but {_article(who.value)} has {limit} for "
            f"{kind.value}; {_article(approver.value if approver else 'manager')} must approve it.",
            approver_role=approver,
        )
    return result(
        OfferStatus.OK,
        "ok",
        f"Within clause {clause_id} ({policy.label}) and {who.value} authority.",
    )


def _decide(
    policy: PolicySet, facts: DisputeFacts, remedy: RemedyKind, inactive: str | None
) -> RemedyDecision:
    clauses = policy.clauses_for(remedy)
    if not clauses:
        return _refused(remedy, None, (f"Our policy does not offer {SUBJECTS[remedy]}.",))
    if inactive is not None:
        reason = f"The version of our policy this relies on is not in effect: {inactive}."
        return _refused(remedy, clauses[0], (reason,), boundary=_INACTIVE_BOUNDARY)
    if remedy is not RemedyKind.EXPLANATION and facts.currency != policy.currency:
        reason = (
            f"The amount in question is in {facts.currency}, but our policy is written in "
            f"{policy.currency}, so this needs a person to review it."
        )
        return _refused(remedy, clauses[0], (reason,))
    # When no clause applies, cite the nearest miss: fewest failed conditions, then the most
    # conditions met (the most specific match), then priority order.
    closest: tuple[tuple[int, int, int], Clause, tuple[str, ...]] | None = None
    for position, clause in enumerate(clauses):
        checks = check_clause(clause, facts, policy.currency)
        failed = tuple(c.sentence for c in checks if not c.ok)
        if not failed:
            reasons = tuple(c.sentence for c in checks) or (clause.text,)
            return _allowed(remedy, clause, facts, reasons)
        rank = (len(failed), -(len(checks) - len(failed)), position)
        if closest is None or rank < closest[0]:
            closest = (rank, clause, failed)
    assert closest is not None
    return _refused(remedy, closest[1], closest[2])


def _ref(clause: Clause) -> ClauseRef:
    return ClauseRef(id=clause.id, title=clause.title, text=clause.text)


_INACTIVE_BOUNDARY = (
    "I'm sorry for the wait. The policy I would rely on here is being updated, so I need to "
    "confirm what applies with a colleague before I can offer anything."
)


def _refused(
    remedy: RemedyKind,
    clause: Clause | None,
    reasons: tuple[str, ...],
    *,
    boundary: str | None = None,
) -> RemedyDecision:
    if boundary is None:
        boundary = clause.boundary if clause and clause.boundary else default_boundary(remedy)
    return RemedyDecision(
        remedy=remedy,
        allowed=False,
        reasons=reasons,
        clause=_ref(clause) if clause else None,
        max_amount_minor=0,
        required_role=None,
        role_caps=dict.fromkeys(ROLE_ORDER),
        boundary=boundary,
    )


def _allowed(
    remedy: RemedyKind, clause: Clause, facts: DisputeFacts, reasons: tuple[str, ...]
) -> RemedyDecision:
    if remedy is RemedyKind.EXPLANATION:
        caps: dict[Role, int | None] = dict.fromkeys(ROLE_ORDER, 0)
        return RemedyDecision(
            remedy=remedy,
            allowed=True,
            reasons=reasons,
            clause=_ref(clause),
            max_amount_minor=0,
            required_role=Role.AGENT,
            role_caps=caps,
        )
    authority = _authority(clause)
    ceiling = _ceiling(clause, facts)
    top = authority[Role.ADMIN]
    bound = min(ceiling, top if top is not None else 0.0)
    maximum = 0 if math.isinf(bound) else int(bound)
    caps = {
        role: None if limit is None else int(min(limit, maximum))
        for role, limit in authority.items()
    }
    return RemedyDecision(
        remedy=remedy,
        allowed=True,
        reasons=reasons,
        clause=_ref(clause),
        max_amount_minor=maximum,
        required_role=_lowest_role(caps, maximum),
        role_caps=caps,
    )


def _authority(clause: Clause) -> dict[Role, float | None]:
    """Each role's limit; authority is cumulative, so a role never has less than those below it."""
    caps: dict[Role, float | None] = {}
    best: float | None = None
    for role in ROLE_ORDER:
        written = clause.limits.for_role(role)
        if written is not None:
            value: float = math.inf if written == UNLIMITED else int(written)
            best = value if best is None else max(best, value)
        caps[role] = best
    return caps


def _ceiling(clause: Clause, facts: DisputeFacts) -> float:
    """The most the policy allows regardless of role (infinite when only roles bound it)."""
    bounds: list[float] = []
    if clause.remedy in AMOUNT_BOUNDED:
        bounds.append(facts.amount_in_dispute_minor)
    limits = clause.limits
    if limits.max_amount_minor is not None:
        bounds.append(limits.max_amount_minor)
    if limits.max_percent_of_order is not None:
        base = facts.order.amount_minor if facts.order else facts.amount_in_dispute_minor
        share = Fraction(base) * Fraction(str(limits.max_percent_of_order)) / 100
        bounds.append(math.floor(share))
    return min(bounds, default=math.inf)


def _lowest_role(caps: dict[Role, int | None], amount_minor: int) -> Role | None:
    """The lowest role whose cap covers the amount."""
    for role in sorted(caps, key=role_rank):
        cap = caps[role]
        if cap is not None and cap >= amount_minor:
            return role
    return None


def _article(word: str) -> str:
    return f"an {word}" if word[:1] in "aeiou" else f"a {word}"
