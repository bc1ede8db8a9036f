"""Property-based tests of the HTTP API from its own OpenAPI schema (schemathesis over ASGI).

Every GET operation and POST /api/analyze get generated requests over a small knowledge base; no request
may produce a server error, and responses must conform to the schema (status codes, content types,
bodies).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    allow_header_conformance,
    content_type_conformance,
    ignored_auth,
    missing_required_header,
    negative_data_rejection,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)
from schemathesis.core.result import Ok

from sitroom.documents import Document
from sitroom.readers import make_document
from sitroom.record import Record
from sitroom.store.database import open_engine
from sitroom.store.writer import store_records
from sitroom.web import create_app
from sitroom.web.analysis import AnalysisService, Fields
from tests.kb_fixtures import contested_reports, seed_pair

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
    negative_data_rejection,  # invalid input is a 4xx
    missing_required_header,
    unsupported_method,  # an undocumented method is a 405 ...
    allow_header_conformance,  # ... whose Allow header lists the documented ones
    ignored_auth,  # a write without the token is refused
]


def _analyze_without_nlp(fields: Fields) -> tuple[Document, Record]:
    """A stand-in for the NLP pipeline: the document as the API builds it, with an empty analysis."""
    document = make_document(fields["id"] or "", fields["text"] or "", "api:analyze", fields)
    return document, Record(id=document.id, title=document.title, date=document.date, outlet=document.outlet)


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    path: Path = tmp_path_factory.mktemp("api-schema") / "kb.sqlite"
    store_records(
        open_engine(path),
        [
            seed_pair(),
            *contested_reports(),
        ],
    )
    analysis = AnalysisService(analyse=_analyze_without_nlp, processes=False)
    return create_app(str(path), write_token="s3cret", analysis=analysis)


@pytest.fixture(scope="module")
def api_schema(app: FastAPI) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def _fuzz(operations: schemathesis.BaseSchema, max_examples: int) -> list[str]:
    """Run generated cases against each operation; the labels of the operations exercised."""
    labels = []
    for result in operations.get_all_operations():
        assert isinstance(result, Ok), result
        operation = result.ok()
        labels.append(operation.label)

        @given(case=operation.as_strategy())
        @settings(max_examples=max_examples, deadline=None, suppress_health_check=list(HealthCheck))
        def call(case: schemathesis.Case[Any]) -> None:
            case.call_and_validate(checks=CHECKS)

        try:
            call()
        except Exception as error:
            error.add_note(f"operation: {operation.label}")
            raise
    return labels


def test_get_operations_never_fail_and_match_the_schema(api_schema: schemathesis.BaseSchema) -> None:
    labels = _fuzz(api_schema.include(method="GET"), max_examples=20)
    assert {"GET /api/events", "GET /api/actors/{identity_id}", "GET /api/network"} <= set(labels)


def test_analyze_and_writes_never_fail_and_match_the_schema(api_schema: schemathesis.BaseSchema) -> None:
    labels = _fuzz(api_schema.include(method="POST"), max_examples=15)
    assert sorted(labels) == ["POST /api/analyze", "POST /api/documents", "POST /api/identities/decisions"]
