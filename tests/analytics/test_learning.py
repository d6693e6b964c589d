"""Policy friction, de-escalation per agent and emerging issues on known datasets."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from disputedesk.analytics import emerging
from disputedesk.analytics.agents import deescalation
from disputedesk.analytics.emerging import cluster_texts, emerging_issues
from disputedesk.analytics.friction import policy_friction
from tests.analytics.conftest import NOW, SINCE, UNTIL, Data, at

PERIOD = {"since": SINCE, "until": UNTIL, "now": NOW}


def test_friction_ranks_clauses_and_proposes_changes_with_evidence(
    data: Data, session: Session
) -> None:
    a = [data.dispute(at(hours=n)) for n in range(3)]
    data.offer(a[0], "refunds.late", "declined", at(hours=1))
    data.offer(a[1], "refunds.late", "declined", at(hours=2))
    data.offer(a[2], "refunds.late", "offered", at(hours=3))
    data.event(a[2], "dispute.escalated", at(hours=5), {"escalation_level": "supervisor"})
    b = [data.dispute(at(days=1, hours=n)) for n in range(2)]
    data.offer(b[0], "credit.goodwill", "rejected", at(days=1))
    accepted = data.offer(b[1], "credit.goodwill", "accepted", at(days=1, hours=1))
    data.event(b[1], "dispute.reopened", accepted.updated_at + timedelta(days=2))
    c = data.dispute(at(days=2))
    data.event(c, "dispute.escalated", at(days=2, hours=1), {"escalation_level": "manager"})
    data.offer(c, "replace.defect", "accepted", at(days=2, hours=2))  # after the escalation
    data.offer(c, None, "declined", at(days=2, hours=3))  # no clause: not ranked
    report = policy_friction(session=session, **PERIOD)
    assert report.offers == 7
    assert [
        (k.clause_id, k.offers, k.declined, k.refused, k.escalated, k.reopened, k.friction)
        for k in report.clauses
    ] == [
        ("refunds.late", 3, 2, 0, 1, 0, 3),
        ("credit.goodwill", 2, 0, 1, 0, 1, 2),
        ("replace.defect", 1, 0, 0, 0, 0, 0),
    ]
    assert report.clauses[0].example_dispute_ids == [a[2].id, a[1].id, a[0].id]
    assert report.clauses[2].example_dispute_ids == []
    assert len(report.candidates) == 1
    candidate = report.candidates[0]
    assert candidate.clause_id == "refunds.late"
    assert candidate.evidence == "2 of 3 offers citing refunds.late were declined by the customer"
    assert candidate.dispute_ids == [a[1].id, a[0].id]


def test_deescalation_per_agent_with_coach_scores_and_null_csat(
    data: Data, session: Session
) -> None:
    grace = data.agent("Grace")
    omar = data.agent("Omar")
    calmer = data.dispute(at(), assignee_id=grace, first_anger=0.8, current_anger=0.2)
    data.message(calmer, "outbound", at(hours=1), author=grace, coach={"score": 80})
    data.message(calmer, "inbound", at(hours=2))
    angrier = data.dispute(at(), assignee_id=grace, first_anger=0.4, current_anger=0.6)
    data.message(angrier, "outbound", at(hours=1), author=grace, coach={"score": 60})
    data.message(angrier, "outbound", at(hours=1), author=grace, coach=None)
    data.message(angrier, "inbound", at(hours=2))
    data.dispute(at(), assignee_id=grace, first_anger=0.9, current_anger=0.9)  # wrote once
    data.dispute(at(), assignee_id=omar, first_anger=0.5, current_anger=0.5)
    data.dispute(at(), first_anger=0.5, current_anger=0.1)  # nobody's
    report = deescalation(session=session, **PERIOD)
    assert [a.agent_name for a in report.agents] == ["Grace", "Omar"]
    g = report.agents[0]
    assert (g.disputes, g.measured) == (3, 2)
    assert (g.avg_first_anger, g.avg_last_anger, g.avg_change) == (0.6, 0.4, -0.2)
    assert g.calmer_share == 0.5
    assert (g.coached_replies, g.avg_coach_score) == (2, 70.0)
    assert g.csat is None
    o = report.agents[1]
    assert (o.disputes, o.measured, o.avg_change, o.calmer_share, o.coached_replies) == (
        1,
        0,
        None,
        None,
        0,
    )
    assert "CSAT" in report.note


THEMES = {
    "courier": "The courier left my parcel at the wrong address, parcel tracking says delivered",
    "billing": "I was charged twice on my card, the invoice shows a duplicate payment",
    "screen": "The phone screen cracked and flickers, the display is broken after a week",
}


def _texts(theme: str, n: int) -> list[str]:
    return [f"{THEMES[theme]} case {i}" for i in range(n)]


def test_clusters_group_by_theme_with_growth_against_the_previous_period() -> None:
    texts = _texts("courier", 8) + _texts("billing", 8) + _texts("screen", 8)
    previous = _texts("courier", 2) + _texts("billing", 8)
    clusters = cluster_texts(list(range(1, 25)), texts, previous)
    assert len(clusters) == 3
    by_theme = {
        theme: next(c for c in clusters if word in c.terms)
        for theme, word in (("courier", "parcel"), ("billing", "charged"), ("screen", "cracked"))
    }
    assert by_theme["courier"].size == 8
    assert by_theme["courier"].previous_size == 2
    assert by_theme["courier"].growth == 3.0
    assert by_theme["billing"].growth == 0.0
    assert by_theme["screen"].growth is None  # new this period
    assert set(by_theme["screen"].example_dispute_ids) <= set(range(17, 25))
    assert clusters[0] is by_theme["screen"]  # the biggest rise first
    assert cluster_texts(list(range(1, 25)), texts, previous) == clusters  # deterministic


def test_too_few_disputes_make_no_groups() -> None:
    assert cluster_texts([1, 2], ["parcel late", "charged twice"], []) == []


def test_emerging_issues_reads_the_period_and_the_one_before(data: Data, session: Session) -> None:
    for i, text in enumerate(_texts("courier", 6) + _texts("billing", 6)):
        data.dispute(at(hours=i), subject="Problem", description=text)
    data.dispute(SINCE - timedelta(days=3), subject="Problem", description=THEMES["courier"])
    report = emerging_issues(session=session, **PERIOD)
    assert (report.documents, report.previous_documents) == (12, 1)
    assert sum(c.size for c in report.clusters) == 12
    assert sum(c.previous_size for c in report.clusters) == 1


def test_large_periods_are_sampled_evenly_and_sizes_scaled(
    data: Data, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(emerging, "MAX_DOCS", 10)
    for i, text in enumerate(_texts("courier", 12) + _texts("billing", 12)):
        data.dispute(at(hours=i), subject="Problem", description=text)
    report = emerging_issues(session=session, **PERIOD)
    assert report.documents == 24
    assert report.sampled == 8  # every third id
    assert sum(c.size for c in report.clusters) == 24
    assert all(c.size % 3 == 0 for c in report.clusters)
