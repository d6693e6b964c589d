"""Load policy YAML into a PolicySet; every error names the file, the line and the field."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from disputedesk.policies.policyset import (
    PolicyError,
    PolicyIssue,
    PolicySet,
    combined_fingerprint,
    validate_upgrade,
)
from disputedesk.policies.schema import (
    Clause,
    Conditions,
    Limits,
    PolicyDocument,
    Window,
    semantic_issues,
)

Loc = tuple[str | int, ...]
DEFAULT_PACK = "demo_shop.yaml"
_MAX_DEPTH = 64
_KNOWN_FIELDS = sorted(
    {
        name
        for model in (PolicyDocument, Clause, Conditions, Limits, Window)
        for name in model.model_fields
    }
)
_IDENTITY = ("name", "version", "currency", "effective_from", "expires_at")


@dataclass
class _Document:
    """One parsed YAML document with the line of every path in it."""

    source: str
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)
    model: PolicyDocument | None = None

    def line(self, loc: Loc) -> int:
        """Line of the deepest existing node on `loc` (1-based)."""
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.lines:
                return self.lines[loc[:end]]
        return 1


def load_policy_text(text: str, *, source: str) -> PolicySet:
    """Validate one YAML text (one or more documents) and return its PolicySet."""
    docs, issues = _validate_text(text, source)
    issues.extend(_merge_issues(docs))
    if issues:
        raise PolicyError(issues)
    fingerprint = combined_fingerprint([(source, text)])
    return PolicySet.from_documents(
        [doc.model for doc in docs if doc.model is not None],
        fingerprint=fingerprint,
        sources=[source],
    )


def load_upgrade(current: PolicySet, text: str, *, source: str) -> PolicySet:
    """Load a new version of `current`; raises PolicyError (and changes nothing) when invalid."""
    candidate = load_policy_text(text, source=source)
    validate_upgrade(current, candidate)
    return candidate


def load_policy_file(path: str | Path, *, source: str | None = None) -> PolicySet:
    """Load one policy file; errors are reported against its file name."""
    file = Path(path)
    return load_policy_text(file.read_text(encoding="utf-8"), source=source or file.name)


def load_policy_dir(path: str | Path) -> PolicySet:
    """Load every *.yaml / *.yml file under a folder as the documents of one policy version."""
    folder = Path(path)
    files = sorted(p for p in folder.rglob("*") if p.suffix in {".yaml", ".yml"} and p.is_file())
    if not files:
        raise PolicyError([PolicyIssue(str(folder), None, "", "no .yaml or .yml files found")])
    docs: list[_Document] = []
    issues: list[PolicyIssue] = []
    texts: list[tuple[str, str]] = []
    for file in files:
        source = file.relative_to(folder).as_posix()
        text = file.read_text(encoding="utf-8")
        texts.append((source, text))
        file_docs, file_issues = _validate_text(text, source)
        docs.extend(file_docs)
        issues.extend(file_issues)
    issues.extend(_merge_issues(docs))
    if issues:
        raise PolicyError(issues)
    return PolicySet.from_documents(
        [doc.model for doc in docs if doc.model is not None],
        fingerprint=combined_fingerprint(texts),
        sources=[source for source, _ in texts],
    )


@lru_cache(maxsize=1)
def load_default_policy() -> PolicySet:
    """The demo shop's policy pack that ships with disputedesk."""
    pack = resources.files("disputedesk.policies").joinpath("packs", DEFAULT_PACK)
    return load_policy_text(pack.read_text(encoding="utf-8"), source=DEFAULT_PACK)


def _validate_text(text: str, source: str) -> tuple[list[_Document], list[PolicyIssue]]:
    docs: list[_Document] = []
    issues: list[PolicyIssue] = []
    loader: yaml.SafeLoader | None = None
    try:
        # Built inside the try: the reader itself refuses some characters (YAMLError).
        loader = yaml.SafeLoader(text)
        while loader.check_node():
            node = loader.get_node()
            if node is None:  # pragma: no cover - check_node guarantees a node
                break
            issues.extend(_duplicate_keys(node, source))
            doc = _Document(source, loader.construct_document(node))
            _index(node, (), doc.lines, None, 0)
            docs.append(doc)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "cannot be parsed"
        return docs, [PolicyIssue(source, line, "", f"YAML syntax error: {problem}")]
    except yaml.YAMLError as exc:
        return docs, [PolicyIssue(source, None, "", f"YAML syntax error: {exc}")]
    finally:
        if loader is not None:
            loader.dispose()
    if not docs:
        issues.append(PolicyIssue(source, 1, "", "no policy document found"))
    for doc in docs:
        issues.extend(_validate_document(doc))
    return docs, sorted(issues, key=lambda issue: issue.line or 0)


def _validate_document(doc: _Document) -> list[PolicyIssue]:
    if not isinstance(doc.data, dict):
        return [
            PolicyIssue(
                doc.source,
                doc.line(()),
                "",
                "a policy document must be a mapping with name, version, currency and clauses",
            )
        ]
    try:
        doc.model = PolicyDocument.model_validate(doc.data)
    except ValidationError as exc:
        return [_from_pydantic(doc, error) for error in exc.errors()]
    return [
        PolicyIssue(doc.source, doc.line(loc), _field(loc), message)
        for loc, message in semantic_issues(doc.model)
    ]


def _merge_issues(docs: list[_Document]) -> list[PolicyIssue]:
    """Documents of one policy must share its identity and never reuse a clause id."""
    valid = [doc for doc in docs if doc.model is not None]
    issues: list[PolicyIssue] = []
    if not valid:
        return issues
    first = valid[0]
    assert first.model is not None
    seen: dict[str, tuple[str, int]] = {}
    for doc in valid:
        assert doc.model is not None
        for key in _IDENTITY:
            mine, theirs = getattr(doc.model, key), getattr(first.model, key)
            if str(mine) != str(theirs):
                issues.append(
                    PolicyIssue(
                        doc.source,
                        doc.line((key,)),
                        key,
                        f"must match the first document of the policy ({theirs})",
                    )
                )
        for index, clause in enumerate(doc.model.clauses):
            loc: Loc = ("clauses", index, "id")
            if clause.id in seen:
                where = "{}:{}".format(*seen[clause.id])
                issues.append(
                    PolicyIssue(
                        doc.source,
                        doc.line(loc),
                        _field(loc),
                        f"duplicate clause id {clause.id!r} (first defined at {where})",
                    )
                )
            else:
                seen[clause.id] = (doc.source, doc.line(loc))
    return issues


def _duplicate_keys(node: yaml.Node, source: str) -> list[PolicyIssue]:
    issues: list[PolicyIssue] = []
    stack: list[tuple[yaml.Node, int]] = [(node, 0)]
    while stack:
        current, depth = stack.pop()
        if depth > _MAX_DEPTH:
            continue
        if isinstance(current, yaml.MappingNode):
            keys: set[str] = set()
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode) and key.value != "<<":
                    if key.value in keys:
                        issues.append(
                            PolicyIssue(
                                source, key.start_mark.line + 1, "", f"duplicate key {key.value!r}"
                            )
                        )
                    keys.add(key.value)
                stack.append((value, depth + 1))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend((item, depth + 1) for item in current.value)
    return sorted(issues, key=lambda issue: issue.line or 0)


def _index(node: yaml.Node, loc: Loc, lines: dict[Loc, int], line: int | None, depth: int) -> None:
    """Record the line of every path; a mapping value is placed on its key's line."""
    lines.setdefault(loc, line if line is not None else node.start_mark.line + 1)
    if depth > _MAX_DEPTH:
        return
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                _index(value, (*loc, key.value), lines, key.start_mark.line + 1, depth + 1)
    elif isinstance(node, yaml.SequenceNode):
        for position, item in enumerate(node.value):
            _index(item, (*loc, position), lines, None, depth + 1)


def _clean_loc(loc: tuple[str | int, ...], data: Any) -> Loc:
    """Keep the parts of a pydantic location that name real keys and items of the data."""
    kept: list[str | int] = []
    current = data
    for part in loc:
        if isinstance(current, dict):
            if part not in current:
                kept.append(part)
                break
            kept.append(part)
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            kept.append(part)
            current = current[part]
        else:
            break
    return tuple(kept)


def _field(loc: Loc) -> str:
    """Render a location as clauses[2].limits.agent."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _from_pydantic(doc: _Document, error: Any) -> PolicyIssue:
    loc = _clean_loc(tuple(error["loc"]), doc.data)
    return PolicyIssue(doc.source, doc.line(loc), _field(loc), _message(error, loc))


_TYPE_MESSAGES = {
    "missing": "is required",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "string_type": "must be text",
    "list_type": "must be a list",
    "model_type": "must be a mapping of fields",
    "model_attributes_type": "must be a mapping of fields",
    "dict_type": "must be a mapping of fields",
    "date_type": "must be a date like 2026-01-31",
    "date_parsing": "must be a date like 2026-01-31",
    "date_from_datetime_parsing": "must be a date like 2026-01-31",
    "date_from_datetime_inexact": "must be a date like 2026-01-31 (no time of day)",
}


def _message(error: Any, loc: Loc) -> str:
    kind = str(error["type"])
    if kind == "extra_forbidden":
        key = str(loc[-1]) if loc else "?"
        if len(loc) >= 2 and loc[-2] == "limits":
            return (
                f"unknown role or limit {key!r}; roles are agent, supervisor, manager, admin "
                "and limits are max_amount_minor, max_percent_of_order"
            )
        close = difflib.get_close_matches(key, _KNOWN_FIELDS, n=1)
        return f"unknown field; did you mean {close[0]!r}?" if close else "unknown field"
    if kind == "too_short" and loc == ("clauses",):
        return "must list at least one clause"
    if kind in _TYPE_MESSAGES:
        return _TYPE_MESSAGES[kind]
    message = str(error["msg"])
    if message.startswith("Value error, "):
        message = message.removeprefix("Value error, ")
    return message[:1].lower() + message[1:]
