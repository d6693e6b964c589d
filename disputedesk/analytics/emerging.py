"""Emerging issues: recent disputes grouped by what they say (TF-IDF + k-means, fixed seed)."""

from __future__ import annotations

import math
from datetime import datetime

import numpy as np
from sklearn.cluster import MiniBatchKMeans
from sklearn.feature_extraction.text import TfidfVectorizer
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

from disputedesk.analytics.common import header, within
from disputedesk.analytics.models import RollupOpened
from disputedesk.analytics.period import Period
from disputedesk.analytics.plan import split
from disputedesk.analytics.schemas import EmergingReport, IssueCluster
from disputedesk.disputes.models import Dispute

MAX_DOCS = 3000  # disputes read per period at most: enough to see the themes, bounded at scale
PROBES = 4 * MAX_DOCS  # sampled ids looked up one by one at most, instead of reading the period
MIN_DOCS = 6
MAX_GROUPS = 8
TOP_TERMS = 5
EXAMPLES = 5
MIN_SIMILARITY = 0.1
SEED = 0
WORDS = r"(?u)\b[^\W\d_]{3,}\b"  # words of three letters or more, no digits
METHOD = (
    f"TF-IDF over subject and description (English stop words removed), MiniBatchKMeans with "
    f"random_state={SEED}; a dispute belongs to its nearest group when their cosine similarity "
    f"is at least {MIN_SIMILARITY}; above {MAX_DOCS} disputes in a period, every k-th dispute "
    f"(by id) is read and group sizes are scaled up to the whole period"
)


def _opened_count(session: Session, since: datetime, until: datetime) -> int:
    """How many disputes were opened in the period (whole clean days from the roll-ups)."""
    plan = split(session, since, until)
    live = (
        within(Dispute.created_at, since, until)
        if plan is None
        else plan.live_rows(Dispute.created_at)
    )
    total = session.scalar(select(func.count()).select_from(Dispute).where(live)) or 0
    if plan is not None:
        rolled = select(func.sum(RollupOpened.disputes)).where(plan.rolled(RollupOpened.day))
        total += int(session.scalar(rolled) or 0)
    return int(total)


def _documents(
    session: Session, since: datetime, until: datetime
) -> tuple[list[int], list[str], float]:
    """Ids and texts of the period's disputes (an even sample above MAX_DOCS), and the scale."""
    opened = within(Dispute.created_at, since, until)
    total = _opened_count(session, since, until)
    query = select(Dispute.id, Dispute.subject, Dispute.description).where(opened)
    step = math.ceil(total / MAX_DOCS) if total > MAX_DOCS else 1
    if step > 1:
        # Two queries: SQLite reads a lone min() or max() from the index end, both at once by
        # scanning the table.
        low = session.scalar(select(func.min(Dispute.id))) or 0
        high = session.scalar(select(func.max(Dispute.id))) or 0
        candidates = range(math.ceil(int(low) / step) * step, int(high) + 1, step)
        if len(candidates) <= PROBES:
            # The sample is every dispute whose id is a multiple of `step`: when the period
            # holds most disputes, looking those ids up is far cheaper than reading the period.
            query = query.where(Dispute.id.in_(list(candidates)))
        else:
            # The sample's ids come from the covering index alone; only those rows are then
            # read (filtering the period's rows themselves read every one of them).
            sampled = select(Dispute.id).where(opened, Dispute.id % step == 0)
            query = select(Dispute.id, Dispute.subject, Dispute.description).where(
                Dispute.id.in_(sampled)
            )
    rows = session.execute(query.order_by(Dispute.id)).all()
    scale = total / len(rows) if rows else 1.0
    return [int(r[0]) for r in rows], [f"{r[1]}\n{r[2]}" for r in rows], scale


def _groups(n: int) -> int:
    return max(2, min(MAX_GROUPS, round(math.sqrt(n / 2))))


def cluster_texts(
    ids: list[int],
    texts: list[str],
    previous: list[str],
    *,
    scale: float = 1.0,
    previous_scale: float = 1.0,
) -> list[IssueCluster]:
    """Group `texts` by theme; count how many `previous` texts fall in each group (pure).

    Sizes are multiplied by `scale` (and `previous_scale`) when the texts are a sample.
    """
    if len(texts) < MIN_DOCS:
        return []
    vectorizer = TfidfVectorizer(
        stop_words="english",
        token_pattern=WORDS,
        sublinear_tf=True,
        min_df=2 if len(texts) >= 50 else 1,
        max_df=0.9,
        max_features=5000,
    )
    try:
        current = vectorizer.fit_transform(texts)
    except ValueError:  # no usable words at all
        return []
    model = MiniBatchKMeans(
        n_clusters=_groups(len(texts)), random_state=SEED, n_init=3, batch_size=1024
    )
    # One thread: OpenMP start-up and spinning cost far more than they save on a few thousand
    # short texts (seconds instead of tens of milliseconds on a busy two-core server).
    with threadpool_limits(limits=1):
        model.fit(current)
    centres = np.asarray(model.cluster_centers_)
    norms = np.linalg.norm(centres, axis=1, keepdims=True)
    centres = centres / np.where(norms == 0, 1, norms)
    terms = vectorizer.get_feature_names_out()

    def nearest(matrix: object) -> tuple[np.ndarray, np.ndarray]:
        sims = np.asarray(matrix @ centres.T)  # type: ignore[operator]
        best = sims.argmax(axis=1)
        return best, sims[np.arange(len(best)), best]

    best, sims = nearest(current)
    prev_best, prev_sims = (
        nearest(vectorizer.transform(previous)) if previous else (np.array([]), np.array([]))
    )
    clusters = []
    for group in range(len(centres)):
        members = np.flatnonzero((best == group) & (sims >= MIN_SIMILARITY))
        if len(members) == 0:
            continue
        matched = np.count_nonzero((prev_best == group) & (prev_sims >= MIN_SIMILARITY))
        before = round(int(matched) * previous_scale)
        closest = members[np.argsort(-sims[members], kind="stable")][:EXAMPLES]
        top = np.argsort(-centres[group], kind="stable")[:TOP_TERMS]
        size = round(len(members) * scale)
        clusters.append(
            IssueCluster(
                terms=[str(terms[i]) for i in top if centres[group][i] > 0],
                size=size,
                previous_size=before,
                growth=round((size - before) / before, 4) if before else None,
                example_dispute_ids=[ids[i] for i in closest],
            )
        )
    clusters.sort(key=lambda c: (-(c.size - c.previous_size), -c.size, c.terms))
    return clusters


def emerging_issues(
    *, session: Session, since: datetime, until: datetime, now: datetime
) -> EmergingReport:
    """Disputes opened in the period grouped by theme, with growth against the period before."""
    period = Period(since, until)
    ids, texts, scale = _documents(session, since, until)
    before = period.previous()
    _, previous, previous_scale = _documents(session, before.since, before.until)
    return EmergingReport(
        **header("emerging_issues", period, now),
        documents=round(len(texts) * scale),
        previous_documents=round(len(previous) * previous_scale),
        sampled=len(texts),
        method=METHOD,
        clusters=cluster_texts(ids, texts, previous, scale=scale, previous_scale=previous_scale),
    )
