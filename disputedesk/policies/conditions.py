"""Check a clause's conditions against dispute facts, explaining each in a customer's words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from disputedesk.policies.facts import DisputeFacts
from disputedesk.policies.schema import Clause
from disputedesk.policies.wording import (
    SINGULAR,
    count_word,
    days,
    format_money,
    humanize,
    join_or,
    subject,
    times,
)


@dataclass(frozen=True)
class Check:
    """One condition's outcome and the sentence that explains it."""

    ok: bool
    sentence: str


def check_clause(clause: Clause, facts: DisputeFacts, currency: str) -> list[Check]:
    """Every condition of the clause, in a fixed order, each with its reason."""
    cond = clause.conditions
    what = subject(clause)
    checks: list[Check] = []
    if cond.max_days_since_purchase is not None:
        checks.append(_since_purchase(cond.max_days_since_purchase, facts, what))
    if cond.max_days_since_delivery is not None:
        checks.append(_since_delivery(cond.max_days_since_delivery, facts, what))
    if cond.min_days_late is not None:
        checks.append(_late(cond.min_days_late, facts, what))
    if cond.within_warranty is not None:
        checks.append(_warranty(cond.within_warranty, facts, what))
    if cond.order_status_in is not None:
        checks.append(_status(cond.order_status_in, facts, what))
    if cond.categories is not None:
        checks.append(_category(cond.categories, facts, what))
    if cond.min_amount_minor is not None:
        amount = format_money(facts.amount_in_dispute_minor, currency)
        floor = format_money(cond.min_amount_minor, currency)
        checks.append(
            Check(
                facts.amount_in_dispute_minor >= cond.min_amount_minor,
                f"The amount in question is {amount}; we offer {what} from {floor}.",
            )
        )
    if cond.max_amount_minor is not None:
        amount = format_money(facts.amount_in_dispute_minor, currency)
        ceiling = format_money(cond.max_amount_minor, currency)
        checks.append(
            Check(
                facts.amount_in_dispute_minor <= cond.max_amount_minor,
                f"The amount in question is {amount}; we offer {what} for amounts up to {ceiling}.",
            )
        )
    if cond.customer_tiers is not None:
        checks.append(_tier(cond.customer_tiers, facts, what))
    if cond.min_tenure_days is not None:
        checks.append(_tenure(cond.min_tenure_days, facts, what))
    if cond.max_same_remedy_in_window is not None:
        window = cond.max_same_remedy_in_window
        checks.append(_window(clause, window.count, window.days, facts))
    return checks


def _elapsed(start: date, today: date) -> int:
    """Whole calendar days from start to today; a start in the future counts as today."""
    return max(0, (today - start).days)


def _since_purchase(limit: int, facts: DisputeFacts, what: str) -> Check:
    rule = f"we offer {what} within {days(limit)} of purchase."
    if facts.order is None:
        return Check(False, f"We couldn't find an order for this request; {rule}")
    elapsed = _elapsed(facts.order.purchased_at.date(), facts.today)
    return Check(elapsed <= limit, f"You placed your order {_ago(elapsed)}; {rule}")


def _since_delivery(limit: int, facts: DisputeFacts, what: str) -> Check:
    rule = f"we offer {what} within {days(limit)} of delivery."
    if facts.order is None:
        return Check(False, f"We couldn't find an order for this request; {rule}")
    if facts.order.delivered_at is None:
        return Check(
            False,
            f"Your order hasn't been delivered yet; we offer {what} once it has arrived, "
            f"within {days(limit)} of delivery.",
        )
    elapsed = _elapsed(facts.order.delivered_at.date(), facts.today)
    return Check(elapsed <= limit, f"Your order was delivered {_ago(elapsed)}; {rule}")


def _late(minimum: int, facts: DisputeFacts, what: str) -> Check:
    rule = f"we offer {what} when delivery is at least {days(minimum)} late."
    order = facts.order
    if order is None:
        return Check(False, f"We couldn't find an order for this request; {rule}")
    if order.promised_by is None:
        return Check(False, f"Your order had no promised delivery date; {rule}")
    if order.delivered_at is not None:
        late = (order.delivered_at.date() - order.promised_by).days
        if late <= 0:
            return Check(False, f"Your order arrived by the promised date; {rule}")
        return Check(late >= minimum, f"Your order arrived {days(late)} late; {rule}")
    late = (facts.today - order.promised_by).days
    if late <= 0:
        due = order.promised_by.isoformat()
        return Check(False, f"Your order is still due by {due}; {rule}")
    return Check(late >= minimum, f"Your order is {days(late)} past its promised date; {rule}")


def _warranty(required: bool, facts: DisputeFacts, what: str) -> Check:
    until = facts.order.warranty_until if facts.order is not None else None
    if until is None:
        if required:
            return Check(
                False,
                f"We couldn't find a warranty for this item; we offer {what} under warranty.",
            )
        return Check(True, f"This item has no warranty on record; we offer {what} outside it.")
    active = facts.today <= until
    if required:
        if active:
            return Check(
                True,
                f"Your warranty runs until {until.isoformat()}; we offer {what} under warranty.",
            )
        return Check(
            False, f"Your warranty ended on {until.isoformat()}; we offer {what} under warranty."
        )
    if active:
        return Check(
            False,
            f"Your item is still under warranty until {until.isoformat()}, which covers it "
            f"instead; we offer {what} once the warranty has ended.",
        )
    return Check(
        True, f"Your warranty ended on {until.isoformat()}; we offer {what} after the warranty."
    )


def _status(statuses: list[str], facts: DisputeFacts, what: str) -> Check:
    wanted = join_or([humanize(s) for s in statuses])
    rule = f"we offer {what} for orders that are {wanted}."
    if facts.order is None or facts.order.fulfilment_status is None:
        return Check(False, f"We couldn't find the status of your order; {rule}")
    status = facts.order.fulfilment_status
    return Check(status in statuses, f"Your order is {humanize(status)}; {rule}")


def _category(categories: list[str], facts: DisputeFacts, what: str) -> Check:
    wanted = join_or([humanize(c) for c in categories])
    rule = f"we offer {what} for {wanted} issues."
    if facts.category is None:
        return Check(False, f"This request isn't categorised yet; {rule}")
    return Check(
        facts.category in categories,
        f"This request is about a {humanize(facts.category)} issue; {rule}",
    )


def _tier(tiers: list[str], facts: DisputeFacts, what: str) -> Check:
    wanted = join_or([humanize(t) for t in tiers])
    rule = f"we offer {what} to {wanted} members."
    if facts.customer_tier is None:
        return Check(False, f"We couldn't find a membership tier on your account; {rule}")
    return Check(
        facts.customer_tier in tiers,
        f"Your account is a {humanize(facts.customer_tier)} membership; {rule}",
    )


def _tenure(minimum: int, facts: DisputeFacts, what: str) -> Check:
    rule = f"we offer {what} to customers of at least {days(minimum)}."
    if facts.customer_since is None:
        return Check(False, f"We couldn't find when your account was opened; {rule}")
    tenure = _elapsed(facts.customer_since.date(), facts.today)
    return Check(tenure >= minimum, f"You have been a customer for {days(tenure)}; {rule}")


def _window(clause: Clause, count: int, window_days: int, facts: DisputeFacts) -> Check:
    since = facts.now - timedelta(days=window_days)
    granted = sum(
        1
        for prior in facts.prior_remedies
        if prior.remedy is clause.remedy and since < prior.granted_at <= facts.now
    )
    one = SINGULAR[clause.remedy]
    rule = f"our policy allows {count_word(count)} per customer every {days(window_days)}."
    if granted == 0:
        return Check(True, f"You haven't received {one} in the last {days(window_days)}; {rule}")
    return Check(
        granted < count,
        f"You have received {one} {times(granted)} in the last {days(window_days)}; {rule}",
    )


def _ago(elapsed: int) -> str:
    return "today" if elapsed == 0 else f"{days(elapsed)} ago"
