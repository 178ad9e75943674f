"""Schemathesis against the clinician's operations of the web app's OpenAPI document, with a
clinician's read token and a patient who shares with them: every valid request is answered
with success, without a 5xx and as documented."""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode

from spasmcare.app import WebConfig, create_app
from spasmcare.config import settings as spasmcare_settings
from spasmcare.diary.model import Assessment, Episode

EXAMPLES = int(os.environ.get("SPASMCARE_FUZZ_EXAMPLES", "10"))
_HOME = Path(tempfile.mkdtemp(prefix="spasmcare-clinician-fuzz-"))
_ENV = {
    "SPASMCARE_RATE_API_ADDRESS": "100000000",
    "SPASMCARE_RATE_API_TOKEN": "100000000",
    "SPASMCARE_ALLOWED_HOSTS": "testserver",
}  # the Host schemathesis's client names
app = create_app(WebConfig(spasmcare_settings(_HOME, environ=_ENV), multi_user=True))


def _clinic() -> tuple[int, str]:
    """A patient with a short diary who shares it with a clinician; the clinician's read token."""
    web = app.state.web
    now = datetime.now(UTC)
    naive = now.replace(tzinfo=None)
    doctor = web.people.sign_up("dr@example.org", "correct horse battery", naive, "clinician")
    patient = web.people.sign_up("pat@example.org", "correct horse battery", naive)
    web.consents.grant(patient.id, doctor, naive)
    diary = web.store.as_owner(patient.id)
    for day in range(3):
        diary.add_episode(Episode(now - timedelta(days=day), "calf", severity=day, notes="ok"))
    diary.add_assessment(Assessment(now, {"region": "calf"}, {"disposition": "routine"}, "t"))
    _, token = web.tokens.create(doctor.id, "read", "fuzz", naive)
    return patient.id, token


PATIENT, TOKEN = _clinic()
schema = schemathesis.openapi.from_asgi("/openapi.json", app).include(
    path_regex=r"^/api/v1/patients"
)
schema.config.generation.update(max_examples=EXAMPLES, modes=[GenerationMode.POSITIVE])


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_clinician_operation_conforms(case: schemathesis.Case) -> None:
    if case.path_parameters and "patient" in case.path_parameters:
        case.path_parameters["patient"] = PATIENT  # the one patient who shares with the caller
    response = case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200, response.text
