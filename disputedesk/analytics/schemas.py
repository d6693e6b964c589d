"""What each report returns (pydantic), with its figures as plain tables for CSV and HTML."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field

Table = tuple[str, list[str], list[list[Any]]]


class ReportBase(BaseModel):
    """The period a report covers and when it was computed."""

    report: str
    since: datetime
    until: datetime
    generated_at: datetime

    def tables(self) -> list[Table]:
        """The report's figures as (title, header, rows) tables."""
        return []


class Count(BaseModel):
    """How many of one kind."""

    key: str
    count: int


class Rate(BaseModel):
    """How many of a group had something happen, and the share."""

    key: str
    total: int
    count: int
    rate: float | None


class TimePoint(BaseModel):
    """The count in one time bucket (a day, or the week starting that Monday)."""

    start: date
    count: int


class Series(BaseModel):
    """A named count over time."""

    key: str
    points: list[TimePoint]


class Money(BaseModel):
    """An amount in one currency (minor units) and how many offers made it up."""

    currency: str
    amount_minor: int
    offers: int


def _counts(title: str, name: str, items: list[Count]) -> Table:
    return (title, [name, "count"], [[c.key, c.count] for c in items])


def _rates(title: str, name: str, items: list[Rate]) -> Table:
    return (
        title,
        [name, "total", "count", "rate"],
        [[r.key, r.total, r.count, r.rate] for r in items],
    )


def _series(title: str, items: list[Series]) -> Table:
    return (
        title,
        ["key", "start", "count"],
        [[s.key, p.start.isoformat(), p.count] for s in items for p in s.points],
    )


class VolumeReport(ReportBase):
    """Disputes opened in the period by category, channel and over time."""

    report: Literal["volume"] = "volume"

    total: int
    bucket: str
    by_category: list[Count]
    by_channel: list[Count]
    over_time: list[TimePoint]
    category_over_time: list[Series]

    def tables(self) -> list[Table]:
        """Category, channel and time tables."""
        return [
            _counts("Disputes by category", "category", self.by_category),
            _counts("Disputes by channel", "channel", self.by_channel),
            (
                f"Disputes per {self.bucket}",
                ["start", "count"],
                [[p.start.isoformat(), p.count] for p in self.over_time],
            ),
            _series(f"Disputes per {self.bucket} by category", self.category_over_time),
        ]


class DurationStats(BaseModel):
    """How many durations were measured and their median and 90th percentile, in seconds."""

    count: int
    median_seconds: float | None
    p90_seconds: float | None


class ResponseTimesReport(ReportBase):
    """First response and resolution times of disputes opened in the period."""

    report: Literal["response_times"] = "response_times"

    disputes: int
    first_response: DurationStats
    resolution: DurationStats
    awaiting_first_response: int

    def tables(self) -> list[Table]:
        """One row per measure."""
        rows = [
            [name, s.count, s.median_seconds, s.p90_seconds]
            for name, s in (
                ("first_response", self.first_response),
                ("resolution", self.resolution),
            )
        ]
        return [("Response times", ["measure", "count", "median_seconds", "p90_seconds"], rows)]


class EscalationReport(ReportBase):
    """How many disputes opened in the period were escalated, to whom, why, in which category."""

    report: Literal["escalations"] = "escalations"

    disputes: int
    escalated: int
    rate: float | None
    by_level: list[Count]
    reasons: list[Count]
    by_category: list[Rate]

    def tables(self) -> list[Table]:
        """Level, reason and category tables."""
        return [
            (
                "Escalation rate",
                ["disputes", "escalated", "rate"],
                [[self.disputes, self.escalated, self.rate]],
            ),
            _counts("Escalations by level", "level", self.by_level),
            _counts("Escalation reasons", "reason", self.reasons),
            _rates("Escalation rate by category", "category", self.by_category),
        ]


class RemedyMoney(BaseModel):
    """Money given away through one kind of remedy, in one currency."""

    remedy: str
    currency: str
    amount_minor: int
    offers: int


class OutcomesReport(ReportBase):
    """How disputes resolved in the period ended, and the money accepted offers gave away."""

    report: Literal["outcomes"] = "outcomes"

    resolved: int
    by_outcome: list[Rate]
    money_given: list[Money]
    money_by_remedy: list[RemedyMoney]

    def tables(self) -> list[Table]:
        """Outcome and money tables."""
        return [
            _rates("Outcomes", "outcome", self.by_outcome),
            (
                "Money given away (accepted offers)",
                ["currency", "amount_minor", "offers"],
                [[m.currency, m.amount_minor, m.offers] for m in self.money_given],
            ),
            (
                "Money given away by remedy",
                ["remedy", "currency", "amount_minor", "offers"],
                [[m.remedy, m.currency, m.amount_minor, m.offers] for m in self.money_by_remedy],
            ),
        ]


class ReopenReport(ReportBase):
    """Of the disputes opened in the period that were resolved, how many were reopened."""

    report: Literal["reopens"] = "reopens"

    resolved: int
    reopened: int
    rate: float | None
    by_category: list[Rate]

    def tables(self) -> list[Table]:
        """Overall and per category."""
        return [
            (
                "Reopen rate",
                ["resolved", "reopened", "rate"],
                [[self.resolved, self.reopened, self.rate]],
            ),
            _rates("Reopen rate by category", "category", self.by_category),
        ]


class CauseCost(BaseModel):
    """What accepted offers cost on disputes of one root cause, in one currency."""

    root_cause: str
    currency: str
    amount_minor: int
    disputes: int


class RootCauseReport(ReportBase):
    """Root causes of the disputes resolved in the period: counts, trend and cost."""

    report: Literal["root_causes"] = "root_causes"

    resolved: int
    bucket: str
    counts: list[Count]
    trend: list[Series]
    top_by_cost: list[CauseCost]

    def tables(self) -> list[Table]:
        """Counts, trend and cost tables."""
        return [
            _counts("Root causes", "root_cause", self.counts),
            _series(f"Root causes per {self.bucket}", self.trend),
            (
                "Root causes by cost",
                ["root_cause", "currency", "amount_minor", "disputes"],
                [[c.root_cause, c.currency, c.amount_minor, c.disputes] for c in self.top_by_cost],
            ),
        ]


class ClauseFriction(BaseModel):
    """How often offers citing one policy clause ran into trouble."""

    clause_id: str
    offers: int
    declined: int
    refused: int
    escalated: int
    reopened: int
    friction: int
    example_dispute_ids: list[int]


class PolicyCandidate(BaseModel):
    """A policy change worth considering, with the evidence behind it."""

    clause_id: str
    change: str
    evidence: str
    dispute_ids: list[int]


class FrictionReport(ReportBase):
    """The policy clauses most often behind declined or refused offers, escalations, reopens."""

    report: Literal["policy_friction"] = "policy_friction"

    offers: int
    clauses: list[ClauseFriction]
    candidates: list[PolicyCandidate]
    unclear_policy_disputes: int

    def tables(self) -> list[Table]:
        """Clause and candidate tables."""
        head = ["clause_id", "offers", "declined", "refused", "escalated", "reopened", "friction"]
        return [
            (
                "Policy friction by clause",
                [*head, "example_dispute_ids"],
                [
                    [
                        c.clause_id,
                        c.offers,
                        c.declined,
                        c.refused,
                        c.escalated,
                        c.reopened,
                        c.friction,
                        " ".join(map(str, c.example_dispute_ids)),
                    ]
                    for c in self.clauses
                ],
            ),
            (
                "Candidate policy changes",
                ["clause_id", "change", "evidence", "dispute_ids"],
                [
                    [c.clause_id, c.change, c.evidence, " ".join(map(str, c.dispute_ids))]
                    for c in self.candidates
                ],
            ),
        ]


class AgentDeescalation(BaseModel):
    """How customers' anger moved on one agent's disputes, beside the coach's view of the replies.

    `csat` is the mean rating (1-5) of the answered follow-up surveys on those disputes (null when
    none was answered); `csat_surveys` how many were answered.
    """

    agent_id: int
    agent_name: str
    disputes: int
    measured: int
    avg_first_anger: float | None
    avg_last_anger: float | None
    avg_change: float | None
    calmer_share: float | None
    coached_replies: int
    avg_coach_score: float | None
    csat: float | None = None
    csat_surveys: int = 0


class DeescalationReport(ReportBase):
    """Per agent: anger from the first to the last customer message, and reply coach scores."""

    report: Literal["deescalation"] = "deescalation"

    agents: list[AgentDeescalation]
    note: str

    def tables(self) -> list[Table]:
        """One row per agent."""
        head = list(AgentDeescalation.model_fields)
        return [
            (
                "De-escalation per agent",
                head,
                [[getattr(a, name) for name in head] for a in self.agents],
            )
        ]


class IssueCluster(BaseModel):
    """A group of recent disputes about the same thing."""

    terms: list[str]
    size: int
    previous_size: int
    growth: float | None
    example_dispute_ids: list[int]


class EmergingReport(ReportBase):
    """Recent disputes grouped by what they are about, with growth against the previous period."""

    report: Literal["emerging_issues"] = "emerging_issues"

    documents: int
    previous_documents: int
    sampled: int
    method: str
    clusters: list[IssueCluster]

    def tables(self) -> list[Table]:
        """One row per group."""
        return [
            (
                "Emerging issues",
                ["terms", "size", "previous_size", "growth", "example_dispute_ids"],
                [
                    [
                        ", ".join(c.terms),
                        c.size,
                        c.previous_size,
                        c.growth,
                        " ".join(map(str, c.example_dispute_ids)),
                    ]
                    for c in self.clusters
                ],
            )
        ]


AnyReport = Annotated[
    VolumeReport
    | ResponseTimesReport
    | EscalationReport
    | OutcomesReport
    | ReopenReport
    | RootCauseReport
    | FrictionReport
    | DeescalationReport
    | EmergingReport,
    Field(discriminator="report"),
]


class ReportInfo(BaseModel):
    """A report that can be asked for, and who may read it."""

    name: str
    description: str
    minimum_role: str
