"""Schemathesis against the API's own OpenAPI document: no 5xx, every response matches it."""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from spasmcare.app import create_api_app

EXAMPLES = int(os.environ.get("SPASMCARE_FUZZ_EXAMPLES", "25"))
"""Examples per operation: bounded for CI; raise it locally to search harder."""

schema = schemathesis.openapi.from_asgi("/openapi.json", create_api_app())
schema.config.generation.update(max_examples=EXAMPLES)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_conforms(case: schemathesis.Case) -> None:
    case.call_and_validate()
