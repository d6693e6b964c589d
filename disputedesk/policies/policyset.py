"""A loaded, validated policy version and the errors loading can raise."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from disputedesk.policies.schema import Clause, PolicyDocument, RemedyKind


@dataclass(frozen=True)
class PolicyIssue:
    """One problem found in a policy text: where it is and what is wrong."""

    source: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class PolicyError(ValueError):
    """A policy text that cannot be used; carries every issue found, each with file and line."""

    def __init__(self, issues: Iterable[PolicyIssue]) -> None:
        self.issues: tuple[PolicyIssue, ...] = tuple(issues)
        super().__init__("\n".join(str(issue) for issue in self.issues))


def policy_fingerprint(text: str) -> str:
    """SHA-256 hex digest of a policy text, exactly as uploaded."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def combined_fingerprint(texts: Iterable[tuple[str, str]]) -> str:
    """Fingerprint of several (source, text) parts: the plain fingerprint when there is one."""
    parts = sorted(texts)
    if len(parts) == 1:
        return policy_fingerprint(parts[0][1])
    joined = "\n".join(f"{source}\0{policy_fingerprint(text)}" for source, text in parts)
    return policy_fingerprint(joined)


@dataclass(frozen=True)
class PolicySet:
    """One version of a business's policy, ready for the engine; immutable."""

    name: str
    version: str
    currency: str
    effective_from: date | None
    expires_at: date | None
    clauses: tuple[Clause, ...]
    fingerprint: str
    sources: tuple[str, ...] = ()
    description: str | None = None

    @classmethod
    def from_documents(
        cls, documents: Iterable[PolicyDocument], *, fingerprint: str, sources: Iterable[str] = ()
    ) -> PolicySet:
        """Merge documents that share one identity (checked by the loader) into a set."""
        docs = list(documents)
        if not docs:
            raise ValueError("a policy set needs at least one document")
        first = docs[0]
        return cls(
            name=first.name,
            version=str(first.version),
            currency=first.currency,
            effective_from=first.effective_from,
            expires_at=first.expires_at,
            clauses=tuple(clause for doc in docs for clause in doc.clauses),
            fingerprint=fingerprint,
            sources=tuple(sources),
            description=first.description,
        )

    @property
    def label(self) -> str:
        """Name and version as people say it, e.g. "demo-shop v3"."""
        return f"{self.name} v{self.version}"

    def is_active(self, now: datetime) -> bool:
        """True when `now` (aware) falls on or after effective_from and before expires_at."""
        return self.inactive_reason(now) is None

    def inactive_reason(self, now: datetime) -> str | None:
        """Why this version cannot be relied on at `now`, or None when it is in effect."""
        today = now.date() if now.tzinfo is None else now.astimezone(UTC).date()
        if self.effective_from is not None and today < self.effective_from:
            return f"policy {self.label} takes effect on {self.effective_from.isoformat()}"
        if self.expires_at is not None and today >= self.expires_at:
            return f"policy {self.label} expired on {self.expires_at.isoformat()}"
        return None

    def clause(self, clause_id: str) -> Clause:
        """The clause with this id; KeyError when there is none."""
        for clause in self.clauses:
            if clause.id == clause_id:
                return clause
        raise KeyError(clause_id)

    def clauses_for(self, remedy: RemedyKind) -> tuple[Clause, ...]:
        """Clauses governing a remedy, in the order the engine tries them (priority, then file)."""
        ordered = sorted(enumerate(self.clauses), key=lambda pair: (pair[1].priority, pair[0]))
        return tuple(clause for _, clause in ordered if clause.remedy is remedy)


def validate_upgrade(current: PolicySet, candidate: PolicySet) -> None:
    """Raise PolicyError when `candidate` may not be stored as a new version next to `current`."""
    source = candidate.sources[0] if candidate.sources else candidate.name
    if candidate.name != current.name:
        raise PolicyError(
            [PolicyIssue(source, None, "name", f"must be {current.name!r} to replace that policy")]
        )
    if candidate.version == current.version and candidate.fingerprint != current.fingerprint:
        raise PolicyError(
            [
                PolicyIssue(
                    source,
                    None,
                    "version",
                    f"version {current.version} already exists with different content; "
                    "give the new text a new version",
                )
            ]
        )
