"""Schemathesis over every API operation: no 5xx, every answer true to its own schema, no leaks.

The app runs on a migrated SQLite file holding the demo shop, as an admin (nothing forbidden),
with an 8 MiB body limit so schema validation, not the size limit, answers oversize strings.
Each operation gets positive and negative examples, half of them aimed at ids that exist.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

import hypothesis.strategies as st
import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from sqlalchemy.orm import sessionmaker

from disputedesk.app import create_app
from disputedesk.config import Settings
from tests.conftest import Clock
from tests.security.conftest import DEMO_NOW, DemoDatabase

EXAMPLES_PER_MODE = 25  # positive + negative: up to 50 examples per operation
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# An error body must say what was wrong, never how the server is built.
LEAKS = re.compile(
    r"Traceback|sqlalchemy|psycopg|sqlite3|File \"|/work/|site-packages|\.py\b|"
    r"disputedesk\.[a-z_]+\.|0x[0-9a-f]{6,}",
    re.IGNORECASE,
)
# The agent fuzzes token revocation: an admin could revoke every token, including its own.
AS_AGENT = {"DELETE /api/v1/tokens/{token_id}"}


def _labels() -> list[str]:
    """Every API operation of the app (collected without a database)."""
    app = create_app(settings=Settings(secret_key="x" * 40), session_factory=sessionmaker())
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    return [result.ok().label for result in schema.get_all_operations()]


LABELS = _labels()
TRIED: Counter[str] = Counter()


@pytest.fixture(scope="module")
def fuzz_app(demo_db: DemoDatabase) -> Iterator[FastAPI]:
    """The app on the demo database with an 8 MiB body limit and chargeback intake on."""
    with pytest.MonkeyPatch.context() as patch:
        # Intake on, so the fuzz reaches the signature check (unsigned bodies get 401).
        patch.setenv("DISPUTEDESK_CHARGEBACK_SECRET", "whsec_fuzz")
        yield _app(demo_db)


def _app(demo_db: DemoDatabase) -> FastAPI:
    return create_app(
        settings=Settings(
            data_dir=demo_db.path.parent, secret_key="s" * 40, max_body_bytes=8 * 1024 * 1024
        ),
        session_factory=demo_db.factory,
        clock=Clock(DEMO_NOW),
    )


@pytest.fixture(scope="module")
def schema(fuzz_app: FastAPI) -> schemathesis.BaseSchema:
    """The app's OpenAPI document as schemathesis reads it."""
    return schemathesis.openapi.from_asgi("/openapi.json", fuzz_app)


@pytest.fixture(scope="module", autouse=True)
def _report() -> Iterator[None]:
    yield
    if TRIED:
        print(
            f"\nfuzzed {len(TRIED)} operations, {sum(TRIED.values())} examples: "
            + ", ".join(f"{label}={n}" for label, n in sorted(TRIED.items()))
        )


def _existing(demo_db: DemoDatabase, operation: Any) -> dict[str, Any]:
    """Path parameters that name objects the demo shop has."""
    known = {
        "dispute_id": demo_db.dispute_ids,
        "customer_id": demo_db.customer_ids,
        "offer_id": demo_db.offer_ids or [1],
        "version": [1],
    }
    names = {p.name for p in operation.iter_parameters() if p.location == "path"}
    return {name: values for name, values in known.items() if name in names}


def _strategy(operation: Any, mode: GenerationMode, demo_db: DemoDatabase) -> Any:
    random_ids = operation.as_strategy(generation_mode=mode)
    known = _existing(demo_db, operation)
    if not known:
        return random_ids
    pinned = st.fixed_dictionaries({k: st.sampled_from(v) for k, v in known.items()}).flatmap(
        lambda params: operation.as_strategy(generation_mode=mode, path_parameters=params)
    )
    return st.one_of(random_ids, pinned)


@pytest.mark.parametrize("label", LABELS)
def test_operation_answers_within_its_schema(
    label: str, schema: schemathesis.BaseSchema, demo_db: DemoDatabase
) -> None:
    operation = schema.find_operation_by_label(label)
    assert operation is not None
    role = "agent" if label in AS_AGENT else "admin"
    auth = {"Authorization": f"Bearer {demo_db.tokens[role]}"}

    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

        @settings(
            max_examples=EXAMPLES_PER_MODE,
            deadline=None,
            derandomize=True,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=_strategy(operation, mode, demo_db))
        def run(case: schemathesis.Case) -> None:
            TRIED[label] += 1
            # A generous read timeout: a loaded machine is slow, not broken (5xx is what fails).
            response = case.call(headers=auth, timeout=120)
            case.validate_response(response, checks=CHECKS, headers=auth)
            if response.status_code >= 400:
                leak = LEAKS.search(response.text)
                assert leak is None, f"{label} {response.status_code} leaks {leak.group()!r}"

        try:
            run()
        except Unsatisfiable:
            # Nothing to break (no parameters, no body): only positive examples exist.
            assert mode is GenerationMode.NEGATIVE, label
            assert label == "GET /health", label


def test_every_operation_is_fuzzed() -> None:
    """The list is read from the app, so a new route is fuzzed without editing this file."""
    assert len(LABELS) >= 40
    assert "POST /api/v1/disputes" in LABELS


def test_policy_upload_with_control_character_is_422(
    fuzz_app: FastAPI, demo_db: DemoDatabase
) -> None:
    from fastapi.testclient import TestClient

    with TestClient(fuzz_app, raise_server_exceptions=False) as client:
        response = client.post(
            "/api/v1/policies",
            json={"text": "name: x\u0098"},
            headers={"Authorization": f"Bearer {demo_db.tokens['admin']}"},
        )
    assert response.status_code == 422, response.text


def test_evidence_page_errors_are_declared_as_json(fuzz_app: FastAPI) -> None:
    document = fuzz_app.openapi()
    responses = document["paths"]["/api/v1/disputes/{dispute_id}/evidence.html"]["get"]["responses"]
    assert "application/json" in responses["404"]["content"]
