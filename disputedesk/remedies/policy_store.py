"""Stored policy versions: the current one, uploads, and the past ones kept readable."""

from __future__ import annotations

from datetime import datetime
from importlib import resources

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from disputedesk.actors import Actor
from disputedesk.errors import Conflict, Forbidden, Invalid, NotFound
from disputedesk.policies import (
    PolicyError,
    PolicySet,
    load_default_policy,
    load_policy_text,
    load_upgrade,
    policy_fingerprint,
)
from disputedesk.policies.loader import DEFAULT_PACK
from disputedesk.remedies.models import PolicyVersion

# Parsed policies by fingerprint: a fingerprint names immutable text, so this never goes stale.
_parsed: dict[str, PolicySet] = {}


def _parse(row: PolicyVersion) -> PolicySet:
    policy = _parsed.get(row.fingerprint)
    if policy is None:
        policy = load_policy_text(row.text, source=row.source_name)
        _parsed[row.fingerprint] = policy
    return policy


def _current_row(session: Session) -> PolicyVersion | None:
    return session.scalar(select(PolicyVersion).where(PolicyVersion.is_current.is_(True)))


def ensure_default_policy(*, session: Session, now: datetime) -> PolicyVersion:
    """Store the shipped demo-shop policy as current when no policy was ever stored."""
    row = _current_row(session)
    if row is not None:
        return row
    pack = resources.files("disputedesk.policies").joinpath("packs", DEFAULT_PACK)
    text = pack.read_text(encoding="utf-8")
    policy = load_default_policy()
    row = PolicyVersion(
        name=policy.name,
        version=policy.version,
        fingerprint=policy_fingerprint(text),
        source_name=DEFAULT_PACK,
        text=text,
        is_current=True,
        uploaded_at=now,
    )
    session.add(row)
    session.flush()
    return row


def current_policy(*, session: Session) -> PolicySet:
    """The policy in force: the current stored version, or the shipped pack before any upload."""
    row = _current_row(session)
    return _parse(row) if row is not None else load_default_policy()


def upload_policy(
    *, session: Session, text: str, source_name: str, actor: Actor, now: datetime
) -> PolicyVersion:
    """Store a new policy version (admins only); an invalid text never replaces a valid one."""
    if not actor.has_role("admin"):
        raise Forbidden("only an admin may upload a policy")
    current = current_policy(session=session)
    try:
        candidate = load_upgrade(current, text, source=source_name)
    except PolicyError as exc:
        raise Invalid(str(exc), field="text") from exc
    fingerprint = policy_fingerprint(text)
    if session.scalar(select(PolicyVersion.id).where(PolicyVersion.fingerprint == fingerprint)):
        raise Conflict("this exact policy text is already stored", field="text")
    session.execute(update(PolicyVersion).values(is_current=False))
    row = PolicyVersion(
        name=candidate.name,
        version=candidate.version,
        fingerprint=fingerprint,
        source_name=source_name,
        text=text,
        is_current=True,
        uploaded_by_id=actor.id,
        uploaded_at=now,
    )
    session.add(row)
    session.flush()
    _parsed[fingerprint] = candidate
    return row


def list_policy_versions(*, session: Session) -> list[PolicyVersion]:
    """Every stored policy version, newest first."""
    return list(session.scalars(select(PolicyVersion).order_by(PolicyVersion.id.desc())))


def get_policy_version(*, session: Session, version: str) -> PolicyVersion:
    """One stored version by its version label (or 'current')."""
    if version == "current":
        row = _current_row(session)
    else:
        row = session.scalar(
            select(PolicyVersion)
            .where(PolicyVersion.version == version)
            .order_by(PolicyVersion.id.desc())
        )
    if row is None:
        raise NotFound(f"policy version '{version}' not found")
    return row
