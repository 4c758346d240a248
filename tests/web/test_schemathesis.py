"""Schemathesis over the API's OpenAPI schema, in process (ASGI, no network): inputs valid
and invalid for every operation, with the write token, and no server error (#5, #7).

Examples per operation and mode are bounded (``MAX_EXAMPLES``) so the run takes well under
a minute on the shared machine.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import response_schema_conformance

from tiewatch.settings import Settings
from tiewatch.store import Store
from tiewatch.web.app import create_app
from web_corpus import fill_store

MAX_EXAMPLES = 20
TOKEN = "schemathesis-token"
# Valid requests also get answers that match the response schema.
CHECKS = {
    GenerationMode.POSITIVE: [not_a_server_error, response_schema_conformance],
    GenerationMode.NEGATIVE: [not_a_server_error],
}


@pytest.fixture(scope="module")
def fuzz_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    path: Path = tmp_path_factory.mktemp("fuzz") / "fuzz.db"
    with Store.open(f"sqlite:///{path}") as store:
        yield create_app(Settings(), store=fill_store(store), token=TOKEN)


def _operations(app: FastAPI) -> list[Any]:
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
    return [result.ok() for result in schema.get_all_operations()]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_server_errors(fuzz_app: FastAPI, mode: GenerationMode) -> None:
    operations = _operations(fuzz_app)
    assert len(operations) >= 15
    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def check(case: Any) -> None:
            response = case.call(headers={"Authorization": f"Bearer {TOKEN}"})
            case.validate_response(response, checks=CHECKS[mode])

        check()
