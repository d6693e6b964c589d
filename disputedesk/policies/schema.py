"""Policy documents as a business writes them: clauses, conditions and limits."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError


class RemedyKind(StrEnum):
    """What a clause can grant, in the order answers list them."""

    REFUND_FULL = "refund_full"
    REFUND_PARTIAL = "refund_partial"
    REPLACEMENT = "replacement"
    REPAIR = "repair"
    STORE_CREDIT = "store_credit"
    GOODWILL_CREDIT = "goodwill_credit"
    EXPLANATION = "explanation"


class Role(StrEnum):
    """Staff roles that can grant remedies, lowest authority first."""

    AGENT = "agent"
    SUPERVISOR = "supervisor"
    MANAGER = "manager"
    ADMIN = "admin"


ROLE_ORDER: tuple[Role, ...] = (Role.AGENT, Role.SUPERVISOR, Role.MANAGER, Role.ADMIN)
REMEDY_ORDER: tuple[RemedyKind, ...] = tuple(RemedyKind)

# Remedies whose value can never exceed the amount in dispute (you cannot refund, replace or
# repair more than what the customer paid for). Credits are compensation, bounded by their limits.
AMOUNT_BOUNDED: frozenset[RemedyKind] = frozenset(
    {
        RemedyKind.REFUND_FULL,
        RemedyKind.REFUND_PARTIAL,
        RemedyKind.REPLACEMENT,
        RemedyKind.REPAIR,
    }
)

UNLIMITED = "unlimited"
_CLAUSE_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,99}$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")


def role_rank(role: Role) -> int:
    """Position of a role in the authority order (agent is 0)."""
    return ROLE_ORDER.index(role)


def _minor_units(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise PydanticCustomError("minor_units", "must be a non-negative integer (minor units)")
    return value


def _role_limit(value: Any) -> int | str:
    if value == UNLIMITED:
        return UNLIMITED
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise PydanticCustomError(
            "role_limit", 'must be a non-negative integer (minor units) or "unlimited"'
        )
    return value


def _days(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise PydanticCustomError("days", "must be a non-negative whole number of days")
    return value


def _positive(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise PydanticCustomError("positive", "must be a whole number of at least 1")
    return value


def _percent(value: Any) -> float | int:
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    if not ok or not 0 < value <= 100:
        raise PydanticCustomError("percent", "must be a number above 0 and at most 100")
    return value  # type: ignore[no-any-return]


def _remedy(value: Any) -> RemedyKind:
    try:
        return RemedyKind(value)
    except ValueError:
        allowed = ", ".join(REMEDY_ORDER)
        raise PydanticCustomError(
            "remedy",
            "unknown remedy '{value}'; expected one of: {allowed}",
            {"value": value, "allowed": allowed},
        ) from None


def _version(value: Any) -> str | int:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise PydanticCustomError(
            "version", 'must be a string or a whole number; quote it, e.g. "2026.1"'
        )
    if isinstance(value, str) and not value.strip():
        raise PydanticCustomError("version", "must not be empty")
    return value


def _clause_id(value: Any) -> str:
    if not isinstance(value, str) or not _CLAUSE_ID.match(value):
        raise PydanticCustomError(
            "clause_id",
            "must be lowercase letters, digits, '-', '_' or '.', starting with a letter or digit",
        )
    return value


def _currency(value: Any) -> str:
    if not isinstance(value, str) or not _CURRENCY.match(value):
        raise PydanticCustomError("currency", "must be a three-letter ISO code such as USD")
    return value


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise PydanticCustomError("text", "must be non-empty text")
    return value.strip()


def _words(value: Any) -> list[str]:
    if not isinstance(value, list) or not value:
        raise PydanticCustomError("words", "must be a non-empty list of words")
    if not all(isinstance(item, str) and item.strip() for item in value):
        raise PydanticCustomError("words", "must be a non-empty list of words")
    return [item.strip() for item in value]


MinorUnits = Annotated[int, BeforeValidator(_minor_units)]
RoleLimit = Annotated[int | Literal["unlimited"], BeforeValidator(_role_limit)]
Days = Annotated[int, BeforeValidator(_days)]
Positive = Annotated[int, BeforeValidator(_positive)]
Percent = Annotated[float | int, BeforeValidator(_percent)]
Text = Annotated[str, BeforeValidator(_text)]
Words = Annotated[list[str], BeforeValidator(_words)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Window(_Model):
    """At most `count` grants of the same remedy (this one included) in any `days` days."""

    count: Positive
    days: Positive


class Conditions(_Model):
    """Facts that must all hold for a clause to allow its remedy; absent means no condition."""

    max_days_since_purchase: Days | None = None
    max_days_since_delivery: Days | None = None
    min_days_late: Positive | None = None
    within_warranty: bool | None = None
    order_status_in: Words | None = None
    categories: Words | None = None
    min_amount_minor: MinorUnits | None = None
    max_amount_minor: MinorUnits | None = None
    customer_tiers: Words | None = None
    min_tenure_days: Days | None = None
    max_same_remedy_in_window: Window | None = None


class Limits(_Model):
    """Authority per role and caps on the amount, all in minor units of the policy currency."""

    agent: RoleLimit | None = None
    supervisor: RoleLimit | None = None
    manager: RoleLimit | None = None
    admin: RoleLimit | None = None
    max_amount_minor: MinorUnits | None = None
    max_percent_of_order: Percent | None = None

    def for_role(self, role: Role) -> int | str | None:
        """The limit written for exactly this role (no inheritance)."""
        value: int | str | None = getattr(self, role.value)
        return value


class Clause(_Model):
    """One rule of the policy: a remedy, when it applies and who may grant how much."""

    id: Annotated[str, BeforeValidator(_clause_id)]
    title: Text
    text: Text
    remedy: Annotated[RemedyKind, BeforeValidator(_remedy)]
    subject: Text | None = None
    boundary: Text | None = None
    priority: int = 100
    conditions: Conditions = Field(default_factory=Conditions)
    limits: Limits = Field(default_factory=Limits)


class PolicyDocument(_Model):
    """One YAML document of a policy: its identity, validity dates and clauses."""

    name: Annotated[str, BeforeValidator(_clause_id)]
    version: Annotated[str | int, BeforeValidator(_version)]
    currency: Annotated[str, BeforeValidator(_currency)]
    effective_from: date | None = None
    expires_at: date | None = None
    description: str | None = None
    clauses: list[Clause] = Field(min_length=1)


Path = tuple[str | int, ...]


def semantic_issues(doc: PolicyDocument) -> list[tuple[Path, str]]:
    """Cross-field problems pydantic cannot see in one field: ids, role order, caps."""
    issues: list[tuple[Path, str]] = []
    if doc.effective_from and doc.expires_at and doc.expires_at <= doc.effective_from:
        issues.append((("expires_at",), "must be after effective_from"))
    for index, clause in enumerate(doc.clauses):
        issues.extend((("clauses", index, *path), msg) for path, msg in _clause_issues(clause))
    return issues


def _clause_issues(clause: Clause) -> list[tuple[Path, str]]:
    issues: list[tuple[Path, str]] = []
    cond = clause.conditions
    if (
        cond.min_amount_minor is not None
        and cond.max_amount_minor is not None
        and cond.min_amount_minor > cond.max_amount_minor
    ):
        issues.append((("conditions", "min_amount_minor"), "must not exceed max_amount_minor"))
    if clause.remedy is RemedyKind.EXPLANATION:
        return issues
    limits = clause.limits
    written = [(role, limits.for_role(role)) for role in ROLE_ORDER]
    if all(value is None for _, value in written):
        issues.append(
            (("limits",), "must give at least one role (agent, supervisor, manager, admin) a limit")
        )
        return issues
    highest: tuple[Role, int | str] | None = None
    for role, value in written:
        if value is None:
            continue
        if highest is not None and _above(highest[1], value):
            issues.append(
                (
                    ("limits", role.value),
                    f"must be at least the {highest[0].value} limit ({highest[1]}); "
                    "a higher role never has less authority",
                )
            )
        if highest is None or _above(value, highest[1]):
            highest = (role, value)
    unbounded = (
        clause.remedy not in AMOUNT_BOUNDED
        and limits.max_amount_minor is None
        and limits.max_percent_of_order is None
        and (highest is None or highest[1] == UNLIMITED)
    )
    if unbounded:
        issues.append(
            (
                ("limits",),
                f"{clause.remedy.value} needs a ceiling: set max_amount_minor or "
                "max_percent_of_order, or give the highest role a number",
            )
        )
    return issues


def _above(a: int | str, b: int | str) -> bool:
    """True when limit a is strictly greater than limit b ("unlimited" is the largest)."""
    if a == UNLIMITED:
        return b != UNLIMITED
    if b == UNLIMITED:
        return False
    assert isinstance(a, int)
    assert isinstance(b, int)
    return a > b
