"""Import mappings and rows (pure): a YAML mapping turns a CSV/JSONL row into a dispute."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from disputedesk.analysis import mask_card_numbers
from disputedesk.disputes.lifecycle import CATEGORIES, CHANNELS, OUTCOMES, ROOT_CAUSES
from disputedesk.disputes.schemas import Outcome, RootCause, Status

csv.field_size_limit(10 * 1024 * 1024)
_SLUG = re.compile(r"[^\w.:-]+")
_EMAIL = re.compile(r"^[^@\s<>\"]{1,200}@[^@\s<>\"]{1,100}\.[^@\s<>\"]{1,20}$")
_FIELD = re.compile(r"\{([^{}]+)\}")


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid")


class StatusValue(_Spec):
    """Where a row's dispute stands, for one value of the status column."""

    status: Status = "closed"
    outcome: Outcome | None = None
    root_cause: RootCause | None = None


class StatusSpec(_Spec):
    """The column holding the status and what each value means; unknown values are rejected."""

    column: str
    values: dict[str, StatusValue]
    default: StatusValue | None = None
    outcome_column: str | None = None
    root_cause_column: str | None = None


class ValueSpec(_Spec):
    """A column whose values are translated (category, channel); `default` when not listed."""

    column: str
    values: dict[str, str] = Field(default_factory=dict)
    default: str | None = None


class TagSpec(_Spec):
    """Tags from a column: translated values, or the value itself slugged with a prefix."""

    column: str
    values: dict[str, str] | None = None
    prefix: str = ""


class CustomerSpec(_Spec):
    """How rows find their customer: one per distinct key, named by a template."""

    key: list[str]
    name: str = "Imported customer {__key__}"
    email: str | None = None


class TextSpec(_Spec):
    """Text from the first non-empty column, else a template of other columns."""

    columns: list[str] = Field(default_factory=list)
    template: str | None = None
    join: str | None = None


class ImportMapping(_Spec):
    """A documented column mapping from another helpdesk's export to disputes."""

    source: str = Field(min_length=1, max_length=40, pattern=r"^[\w.-]+$")
    format: Literal["csv", "jsonl"] | None = None
    external_id: str
    subject: TextSpec
    description: TextSpec
    created_at: str
    resolved_at: str | None = None
    date_formats: list[str] = Field(default_factory=lambda: ["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S%z"])
    customer: CustomerSpec
    status: StatusSpec
    category: ValueSpec | None = None
    channel: ValueSpec | None = None
    tags: list[TagSpec] = Field(default_factory=list)
    messages: str | None = None


@dataclass
class ImportedMessage:
    """A message of an imported conversation."""

    direction: str
    body: str
    author: str | None
    at: datetime | None


@dataclass
class MappedDispute:
    """One row, read and checked, ready to store."""

    line: int
    external_ref: str
    subject: str
    description: str
    created_at: datetime
    resolved_at: datetime | None
    status: StatusValue
    category: str | None
    channel: str
    tags: list[str]
    customer_key: str
    customer_name: str
    customer_email: str | None
    messages: list[ImportedMessage] = field(default_factory=list)


class RowError(ValueError):
    """Why a row cannot be imported."""


def load_mapping(path: Path) -> ImportMapping:
    """Read and check a mapping file; errors name the field."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        return ImportMapping.model_validate(raw)
    except (yaml.YAMLError, ValidationError) as exc:
        raise ValueError(f"mapping {path}: {exc}") from exc


def read_rows(path: Path, fmt: str) -> Iterator[tuple[int, dict[str, Any] | RowError]]:
    """Rows of a CSV (with header) or JSONL file with their first line number, or why not."""
    with path.open("rb") as handle:
        # utf-8-sig: spreadsheets save CSV with a byte-order mark, which would rename column 1.
        text = io.TextIOWrapper(handle, encoding="utf-8-sig", errors="surrogateescape", newline="")
        if fmt == "jsonl":
            yield from _jsonl_rows(text)
        else:
            yield from _csv_rows(text)


def _jsonl_rows(text: io.TextIOWrapper) -> Iterator[tuple[int, dict[str, Any] | RowError]]:
    for number, line in enumerate(text, start=1):
        if not line.strip():
            continue
        if _has_surrogates(line):
            yield number, RowError("not valid UTF-8")
            continue
        try:
            value = json.loads(line)
        except ValueError as exc:
            yield number, RowError(f"not valid JSON ({exc.__class__.__name__})")
            continue
        if not isinstance(value, dict):
            yield number, RowError("a line must be a JSON object")
            continue
        yield number, value


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _csv_rows(text: io.TextIOWrapper) -> Iterator[tuple[int, dict[str, Any] | RowError]]:
    reader = csv.reader(text)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        return
    width = len(header)
    previous = reader.line_num
    while True:
        start = previous + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            previous = reader.line_num
            yield start, RowError(f"unreadable CSV: {exc}")
            continue
        previous = reader.line_num
        if not values or values == [""]:
            continue
        if len(values) != width:
            yield start, RowError(f"expected {width} fields, found {len(values)}")
            continue
        if any(_has_surrogates(v) for v in values):
            yield start, RowError("not valid UTF-8")
            continue
        yield start, dict(zip(header, values, strict=True))


def _get(row: dict[str, Any], column: str) -> str:
    value = row.get(column)
    if value is None:
        return ""
    if not isinstance(value, str):
        value = str(value)
    return value.replace("\x00", "").strip()


def _fill(template: str, row: dict[str, Any], extra: dict[str, str]) -> str:
    return _FIELD.sub(lambda m: extra.get(m.group(1), _get(row, m.group(1))), template)


def _text(spec: TextSpec, row: dict[str, Any]) -> str:
    if spec.join is not None:
        return spec.join.join(v for v in (_get(row, c) for c in spec.columns) if v)
    for column in spec.columns:
        value = _get(row, column)
        if value:
            return value
    if spec.template:
        return " ".join(_fill(spec.template, row, {}).split())
    return ""


def parse_date(value: str, formats: list[str]) -> datetime:
    """A date or time in one of the formats, as UTC (naive values are taken as UTC)."""
    for fmt in formats:
        try:
            parsed = datetime.strptime(value, fmt)
        except ValueError:
            continue
        return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    raise RowError(f"unreadable date '{value[:40]}'")


def _messages(row: dict[str, Any], key: str, formats: list[str]) -> list[ImportedMessage]:
    raw = row.get(key) or []
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError as exc:
            raise RowError(f"'{key}' is not a JSON list") from exc
    if not isinstance(raw, list):
        raise RowError(f"'{key}' must be a list of messages")
    found = []
    for index, item in enumerate(raw):
        if not isinstance(item, dict) or not str(item.get("body") or "").strip():
            raise RowError(f"message {index + 1} has no body")
        direction = str(item.get("direction", "inbound"))
        if direction not in ("inbound", "outbound", "note"):
            raise RowError(f"message {index + 1}: unknown direction '{direction[:20]}'")
        at = str(item.get("created_at") or item.get("at") or "")
        found.append(
            ImportedMessage(
                direction=direction,
                body=mask_card_numbers(str(item["body"]).replace("\x00", ""))[:100_000],
                author=mask_card_numbers(str(item.get("author") or ""))[:200] or None,
                at=parse_date(at, formats) if at else None,
            )
        )
    return found


def map_row(mapping: ImportMapping, row: dict[str, Any], line: int) -> MappedDispute:
    """Turn one row into a dispute to store, or raise RowError saying why not."""
    ref = _get(row, mapping.external_id)
    if not ref:
        raise RowError(f"no {mapping.external_id}")
    if len(ref) > 150:
        raise RowError(f"{mapping.external_id} longer than 150 characters")
    raw_status = _get(row, mapping.status.column)
    status = mapping.status.values.get(raw_status, mapping.status.default)
    if status is None:
        raise RowError(f"unknown {mapping.status.column} '{raw_status[:60]}'")
    status = _with_outcome(mapping.status, status, row)
    created = _get(row, mapping.created_at)
    if not created:
        raise RowError(f"no {mapping.created_at}")
    created_at = parse_date(created, mapping.date_formats)
    resolved_raw = _get(row, mapping.resolved_at) if mapping.resolved_at else ""
    resolved_at = parse_date(resolved_raw, mapping.date_formats) if resolved_raw else None
    description = mask_card_numbers(_text(mapping.description, row))[:100_000]
    subject = mask_card_numbers(_text(mapping.subject, row))[:300] or description[:80]
    if not description:
        raise RowError("no description")
    email = _get(row, mapping.customer.email).lower() if mapping.customer.email else ""
    if email and not _EMAIL.match(email):
        raise RowError(f"invalid customer email '{email[:60]}'")
    key = "|".join(_get(row, c) for c in mapping.customer.key)
    if not key.strip("|"):
        key = f"row:{ref}"
    return MappedDispute(
        line=line,
        external_ref=f"{mapping.source}:{ref}",
        subject=subject,
        description=description,
        created_at=created_at,
        resolved_at=resolved_at,
        status=status,
        category=_translate(mapping.category, row, CATEGORIES),
        channel=_translate(mapping.channel, row, CHANNELS) or "api",
        tags=_tags(mapping.tags, row),
        customer_key=f"{mapping.source}:{key}"[:100],
        customer_name=mask_card_numbers(
            " ".join(_fill(mapping.customer.name, row, {"__key__": key}).split())
        )[:200]
        or "Imported customer",
        customer_email=email or None,
        messages=_messages(row, mapping.messages, mapping.date_formats) if mapping.messages else [],
    )


def _with_outcome(spec: StatusSpec, status: StatusValue, row: dict[str, Any]) -> StatusValue:
    outcome = _get(row, spec.outcome_column) if spec.outcome_column else ""
    cause = _get(row, spec.root_cause_column) if spec.root_cause_column else ""
    changes: dict[str, str] = {}
    if outcome in OUTCOMES:
        changes["outcome"] = outcome
    if cause in ROOT_CAUSES:
        changes["root_cause"] = cause
    return status.model_copy(update=changes) if changes else status


def _translate(spec: ValueSpec | None, row: dict[str, Any], allowed: tuple[str, ...]) -> str | None:
    if spec is None:
        return None
    raw = _get(row, spec.column)
    value = spec.values.get(raw) if spec.values else raw
    if value not in allowed:
        value = spec.default
    return value if value in allowed else None


def _tags(specs: list[TagSpec], row: dict[str, Any]) -> list[str]:
    tags: set[str] = set()
    for spec in specs:
        value = _get(row, spec.column)
        if spec.values is not None:
            value = spec.values.get(value, "")
        elif value:
            value = spec.prefix + _SLUG.sub("-", mask_card_numbers(value).lower()).strip("-")
        if value:
            tags.add(value[:40])
    return sorted(tags)
