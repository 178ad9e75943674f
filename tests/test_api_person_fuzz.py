"""Schemathesis against the web app's OpenAPI document with a write token: every operation,
the authenticated diary endpoints included, answers without a 5xx and as documented."""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.checks import positive_data_acceptance

from spasmcare.app import WebConfig, create_app
from spasmcare.config import settings as spasmcare_settings

EXAMPLES = int(os.environ.get("SPASMCARE_FUZZ_EXAMPLES", "10"))
"""Fewer than the stateless fuzz test: each logged episode makes the diary longer to read."""
_HOME = Path(tempfile.mkdtemp(prefix="spasmcare-fuzz-"))
_ENV = {
    "SPASMCARE_RATE_API_ADDRESS": "100000000",
    "SPASMCARE_RATE_API_TOKEN": "100000000",
    "SPASMCARE_ALLOWED_HOSTS": "testserver",
}  # the Host schemathesis's client names
app = create_app(WebConfig(spasmcare_settings(_HOME, environ=_ENV)))
_, TOKEN = app.state.web.tokens.create(0, "write", "fuzz", datetime.now(UTC).replace(tzinfo=None))

schema = schemathesis.openapi.from_asgi("/openapi.json", app)
# Valid requests only: a negative case that drops the Authorization header would be undone by
# the header every call adds (the stateless fuzz test covers invalid requests).
schema.config.generation.update(max_examples=EXAMPLES, modes=[GenerationMode.POSITIVE])


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_conforms_with_a_token(case: schemathesis.Case) -> None:
    # A time in the future is schema-valid but refused by the diary's own check (a 422 naming
    # started_at), so positive-data acceptance is the one check left out.
    case.call_and_validate(
        headers={"Authorization": f"Bearer {TOKEN}"}, excluded_checks=[positive_data_acceptance]
    )
