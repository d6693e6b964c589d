"""Compose dispute conversation threads from the phrase banks."""

from __future__ import annotations

import random
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from disputedesk.demo import text_agent as ta
from disputedesk.demo import text_customer as tc
from disputedesk.demo.explanations import EXPLAIN_BY_SUBJECT, EXPLAINED
from disputedesk.demo.situations import ANGRY_SUBJECT_PREFIX, SITUATION

Ctx = Mapping[str, str | None]

# Hour ranges between the previous message and a message of this kind.
GAP_HOURS: dict[str, tuple[float, float]] = {
    "chase": (18, 70),
    "ack": (0.5, 20),
    "ack_slow": (16, 70),
    "note": (0.1, 3),
    "question": (1, 24),
    "answer": (2, 40),
    "offer": (2, 48),
    "accept": (1, 30),
    "resolve": (2, 72),
    "thanks": (2, 48),
    "unhappy": (1, 24),
    "withdraw": (24, 120),
    "withdrawn_reply": (1, 20),
    "update": (24, 72),
    "close_note": (24, 336),
}


@dataclass(frozen=True)
class ThreadPlan:
    """What the thread must express: who, which tone, which ending."""

    category: str
    channel: str
    status: str
    desired: str
    outcome: str | None
    tone: str
    poor: bool
    agent: str | None
    escalated_to: str | None
    card: bool
    markup: bool
    prior: int
    gold: bool


@dataclass
class Step:
    """One planned message: kind, direction, author and drop priority (None = required)."""

    kind: str
    direction: str
    author: str
    drop: int | None = None


def _fields(template: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(template) if name]


def pick(rng: random.Random, bank: Sequence[str], ctx: Ctx) -> str:
    """Pick a template whose placeholders are all known in ctx and render it."""
    usable = [t for t in bank if all(ctx.get(f) is not None for f in _fields(t))]
    if not usable:
        return ""
    return render(rng.choice(usable), ctx)


def render(template: str, ctx: Ctx) -> str:
    """Fill a template and capitalise its first letter."""
    text = template.format_map({k: ("" if v is None else v) for k, v in ctx.items()})
    return text[:1].upper() + text[1:] if text else text


def _para(*sentences: str) -> str:
    return " ".join(s for s in sentences if s)


def _letter(*parts: str) -> str:
    return "\n\n".join(p for p in parts if p)


def situation(rng: random.Random, plan: ThreadPlan, kind: str, ctx: Ctx) -> tuple[str, str, str]:
    """Pick the opening situation, its subject line and a matching explanation, rendered."""
    known = [
        pair
        for pair in SITUATION[kind]
        if all(ctx.get(f) is not None for f in _fields(pair[0]) + _fields(pair[1]))
    ]
    sentence, title = rng.choice(known) if known else ("I have a problem.", "Complaint")
    text, head = render(sentence, ctx), render(title, ctx)
    reason = EXPLAIN_BY_SUBJECT.get(title)
    explain = render(reason, ctx) if reason and all(ctx.get(f) for f in _fields(reason)) else ""
    if plan.tone == "angry":
        head = rng.choice(ANGRY_SUBJECT_PREFIX) + (head.upper() if rng.random() < 0.2 else head)
    return text, head, explain


def _explanation(rng: random.Random, plan: ThreadPlan, ctx: Ctx) -> str:
    return ctx.get("explain") or pick(rng, EXPLAINED[plan.category], ctx)


def plan_steps(rng: random.Random, plan: ThreadPlan) -> list[Step]:
    """Lay out the thread skeleton for the plan's status (max 7 messages)."""
    steps = [Step("open", "inbound", "customer")]
    if plan.status == "new" or plan.agent is None:
        if rng.random() < 0.4:
            steps.append(Step("chase", "inbound", "customer", drop=1))
        return steps
    agent = plan.agent
    if plan.channel == "chargeback":
        steps.append(Step("note_chargeback", "note", agent, drop=5))
    if plan.card or plan.gold or (plan.prior and rng.random() < 0.6):
        steps.append(Step("note_generic", "note", agent, drop=2))
    steps.append(Step("ack_slow" if plan.poor else "ack", "outbound", agent))
    handler = agent
    if plan.escalated_to:
        if plan.tone == "angry" and rng.random() < 0.6:
            steps.append(Step("chase", "inbound", "customer", drop=3))
        steps.append(Step("note_escalation", "note", agent))
        handler = plan.escalated_to
    status = plan.status
    if status == "acknowledged":
        if rng.random() < 0.4:
            steps.append(Step("note_investigation", "note", agent, drop=1))
    elif status == "investigating":
        steps.append(Step("note_investigation", "note", handler))
        if rng.random() < 0.5:
            steps.append(Step("chase", "inbound", "customer", drop=2))
            if rng.random() < 0.6:
                steps.append(Step("update", "outbound", handler, drop=2))
    elif status == "awaiting_customer":
        if rng.random() < 0.5:
            steps.append(Step("note_investigation", "note", handler, drop=1))
        steps.append(Step("question", "outbound", handler))
    elif status == "offer_made":
        steps.append(Step("note_investigation", "note", handler, drop=1))
        if rng.random() < 0.5:
            steps.append(Step("question", "outbound", handler, drop=4))
            steps.append(Step("answer", "inbound", "customer", drop=4))
        steps.append(Step("offer", "outbound", handler))
    else:
        steps.extend(_closing_steps(rng, plan, handler))
    while len(steps) > 7:
        worst = min(s.drop for s in steps if s.drop is not None)
        steps = [s for s in steps if s.drop != worst]
    return steps


def _closing_steps(rng: random.Random, plan: ThreadPlan, handler: str) -> list[Step]:
    out: list[Step] = []
    if plan.outcome == "withdrawn":
        if rng.random() < 0.5:
            out.append(Step("note_investigation", "note", handler, drop=1))
        out.append(Step("withdraw", "inbound", "customer"))
        out.append(Step("withdrawn_reply", "outbound", handler))
    else:
        out.append(Step("note_investigation", "note", handler, drop=1))
        if rng.random() < 0.4:
            out.append(Step("question", "outbound", handler, drop=3))
            out.append(Step("answer", "inbound", "customer", drop=3))
        if plan.outcome == "remedied" and rng.random() < 0.6:
            out.append(Step("offer", "outbound", handler, drop=4))
            out.append(Step("accept", "inbound", "customer", drop=4))
        out.append(Step("resolve", "outbound", handler))
        if plan.outcome in ("remedied", "explained") and rng.random() < 0.5:
            out.append(Step("thanks", "inbound", "customer", drop=2))
        elif plan.outcome == "declined" and rng.random() < 0.6:
            out.append(Step("unhappy", "inbound", "customer", drop=2))
    if plan.status == "closed":
        out.append(Step("close_note", "note", handler, drop=0))
    return out


def gap_hours(rng: random.Random, kind: str) -> float:
    """Hours between the previous message and one of this kind."""
    low, high = GAP_HOURS.get(kind, GAP_HOURS["note"])
    return rng.uniform(low, high)


def opener(rng: random.Random, plan: ThreadPlan, ctx: Ctx) -> str:
    """The customer's first message."""
    tone, cat = plan.tone, plan.category
    situation = ctx.get("situation") or ""
    if tone == "angry" and rng.random() < 0.5:
        situation = situation.rstrip(".") + rng.choice(("!", "!!", "!!!"))
    elif tone == "angry" and rng.random() < 0.2:
        situation = situation.upper()
    extra = []
    if plan.channel == "chargeback":
        extra.append(pick(rng, tc.CHARGEBACK_NOTE, ctx))
    if plan.card:
        extra.append(pick(rng, tc.CARD_SENTENCE, ctx))
    feeling = rng.choice(tc.FEELING[tone]) if rng.random() < 0.85 else ""
    detail_bank = tc.DETAIL.get(ctx.get("kind") or cat, tc.DETAIL[cat])
    number = ctx.get("order_no")
    if number and number not in situation and rng.random() < 0.75:
        extra.insert(0, pick(rng, tc.ORDER_LINE, ctx))
    body = _para(situation, pick(rng, detail_bank, ctx), *extra)
    ask = pick(rng, tc.ASK[plan.desired], ctx)
    threat = pick(rng, tc.THREAT, ctx) if tone == "angry" and rng.random() < 0.75 else ""
    markup = rng.choice(tc.MARKUP_SENTENCE) if plan.markup else ""
    if plan.channel in ("social", "chat") and rng.random() < 0.6:
        return _para(markup, situation, *extra, feeling, ask, threat)
    order = [feeling, ask] if rng.random() < 0.5 else [ask, feeling]
    return _letter(
        render(rng.choice(tc.GREETING[tone]), ctx),
        markup,
        body,
        _para(*order, threat),
        render(rng.choice(tc.SIGNOFF[tone]), ctx),
    )


def _reply(rng: random.Random, plan: ThreadPlan, ctx: Ctx, body: str, extra: bool = True) -> str:
    """Wrap a short customer reply with a varied greeting, afterthought and sign-off."""
    tone = plan.tone
    middle = _para(body, pick(rng, tc.REPLY_EXTRA, ctx) if extra else "")
    return _letter(
        render(rng.choice(tc.REPLY_OPEN[tone]), ctx),
        middle,
        render(rng.choice(tc.REPLY_SIGN[tone]), ctx),
    )


def _agent_letter(rng: random.Random, plan: ThreadPlan, ctx: Ctx, *middle: str) -> str:
    if plan.poor:
        return _letter(
            render(rng.choice(ta.POOR_GREET), ctx), *middle, render(rng.choice(ta.POOR_SIGN), ctx)
        )
    return _letter(
        render(rng.choice(ta.GOOD_GREET), ctx), *middle, render(rng.choice(ta.GOOD_SIGN), ctx)
    )


def _poor_line(rng: random.Random, category: str = "") -> str:
    if category and rng.random() < 0.5:
        return rng.choice(ta.POOR_BLAME[category])
    return rng.choice(ta.POOR_BODY)


def message_body(
    rng: random.Random, kind: str, plan: ThreadPlan, ctx: Ctx, prev_kind: str = ""
) -> str:
    """Render the body of one planned message."""
    cat, tone = plan.category, plan.tone
    if kind == "open":
        return opener(rng, plan, ctx)
    if kind == "chase":
        return _reply(rng, plan, ctx, pick(rng, tc.CHASE[tone], ctx))
    if kind in ("ack", "ack_slow"):
        if plan.poor:
            lines = [rng.choice(ta.POOR_BLAME[cat]), rng.choice(ta.POOR_BODY)]
            if tone == "angry" and rng.random() < 0.5:
                lines.append(ta.POOR_TO_ANGRY)
            closer = rng.choice(ta.POOR_CLOSER)
            return _agent_letter(rng, plan, ctx, _para(*lines, closer))
        return _agent_letter(
            rng,
            plan,
            ctx,
            _para(rng.choice(ta.EMPATHY[tone]), rng.choice(ta.APOLOGY)),
            _para(pick(rng, ta.ACTION[cat], ctx), render(rng.choice(ta.TIMELINE), ctx)),
        )
    if kind == "update":
        if plan.poor:
            line = _poor_line(rng, cat)
            return _agent_letter(rng, plan, ctx, _para(line, "We are still checking."))
        return _agent_letter(
            rng,
            plan,
            ctx,
            _para(
                "Quick update: I'm still chasing this and haven't forgotten you.",
                render(rng.choice(ta.TIMELINE), ctx),
            ),
        )
    if kind == "question":
        q = pick(rng, ta.QUESTION[cat], ctx)
        if plan.poor:
            return _agent_letter(rng, plan, ctx, _para("We need more information.", q))
        why = "Once I have that, I can move this forward straight away."
        return _agent_letter(rng, plan, ctx, _para(q, why))
    if kind == "answer":
        return _reply(rng, plan, ctx, pick(rng, tc.ANSWER[cat], ctx))
    if kind == "offer":
        explain = _explanation(rng, plan, ctx)
        lead = explain if plan.desired == "explanation" else ""
        offer = pick(rng, ta.OFFER[plan.desired], ctx)
        if plan.poor:
            return _agent_letter(rng, plan, ctx, _para(_poor_line(rng), lead), offer)
        policy = rng.choice(ta.POLICY.get(cat, ("",)))
        return _agent_letter(rng, plan, ctx, _para(lead, policy), offer)
    if kind == "accept":
        return _reply(rng, plan, ctx, pick(rng, tc.ACCEPT[tone], ctx))
    if kind == "resolve":
        return _resolution(rng, plan, ctx)
    if kind == "thanks":
        return _reply(rng, plan, ctx, pick(rng, tc.THANKS[tone], ctx), extra=False)
    if kind == "unhappy":
        return _reply(rng, plan, ctx, rng.choice(tc.UNHAPPY), extra=False)
    if kind == "withdraw":
        text = pick(rng, tc.WITHDRAW.get(cat, tc.WITHDRAW["default"]), ctx)
        return _reply(rng, plan, ctx, text, extra=False)
    if kind == "withdrawn_reply":
        return _agent_letter(rng, plan, ctx, rng.choice(ta.WITHDRAWN_REPLY))
    return _note(rng, kind, plan, ctx, prev_kind)


def _resolution(rng: random.Random, plan: ThreadPlan, ctx: Ctx) -> str:
    if plan.outcome == "declined":
        lead = "" if plan.poor else rng.choice(ta.EMPATHY[plan.tone])
        tail = (
            _poor_line(rng, plan.category)
            if plan.poor
            else "If you have new information, just reply here."
        )
        return _agent_letter(
            rng,
            plan,
            ctx,
            _para(
                lead, pick(rng, ta.DECLINED.get(plan.category, ta.DECLINED["default"]), ctx), tail
            ),
        )
    if plan.outcome == "explained":
        text = _explanation(rng, plan, ctx)
        return _agent_letter(rng, plan, ctx, _para(text, "I hope that clears things up."))
    done = pick(rng, ta.RESOLUTION[plan.desired], ctx)
    if plan.desired == "explanation" and ctx.get("offered"):
        done = render("As promised, I've added {credit} in store credit to your account.", ctx)
    elif plan.desired == "explanation":
        done = _para(_explanation(rng, plan, ctx), done)
    closer = "" if plan.poor else "Thanks again for your patience, and sorry for the trouble."
    return _agent_letter(rng, plan, ctx, _para(done, closer))


def _note(rng: random.Random, kind: str, plan: ThreadPlan, ctx: Ctx, prev_kind: str) -> str:
    if kind == "note_chargeback":
        return pick(rng, ta.NOTE_CHARGEBACK, ctx)
    if kind == "note_generic":
        if plan.card:
            return ta.NOTE_GENERIC[2]
        if plan.gold:
            return ta.NOTE_GENERIC[1]
        return render(ta.NOTE_GENERIC[0], ctx)
    if kind == "note_escalation":
        for template in ta.NOTE_ESCALATION_SPECIFIC:
            if rng.random() < 0.85 and (text := pick(rng, (template,), ctx)):
                return text
        return pick(rng, ta.NOTE_ESCALATION, ctx)
    if kind == "close_note":
        if prev_kind in ("thanks", "accept"):
            return ta.NOTE_CLOSING[2]
        if plan.outcome == "remedied" and plan.desired in ("refund", "cancel"):
            return ta.NOTE_CLOSING[1]
        if prev_kind in ("resolve", "withdrawn_reply") and rng.random() < 0.5:
            return ta.NOTE_CLOSING[0]
        return ta.NOTE_CLOSING[3]
    bank = ta.NOTE_INVESTIGATION[plan.category]
    if plan.outcome in ("declined", "withdrawn"):
        bank = ta.NOTE_NO_FAULT.get(plan.category, ta.NOTE_NO_FAULT["default"])
    return pick(rng, bank, ctx) or "Looking into this."
