"""The JSON API: the stateless part of /api/v1 and CDS Hooks 2.0, as routers to include.

Every route caps its request body and answers errors as RFC 9457 problem details naming the
field at fault (``spasmcare.api.problems``), so an app that includes these routers needs no
other set-up; ``spasmcare.api.app.create_api_app`` is such an app on its own.
"""

from __future__ import annotations

from fastapi import APIRouter

from spasmcare.api import assessment, cds
from spasmcare.api.cds_auth import Trust
from spasmcare.services.sharing import LatestSummary, Lookup

__all__ = ["LatestSummary", "Lookup", "routers"]


def routers(lookup: Lookup | None = None, cds_trust: Trust | None = None) -> list[APIRouter]:
    """The API's routers; ``lookup`` finds the latest assessment for a FHIR Patient id, and
    ``cds_trust``, when given, says which CDS calls may use it."""
    return [assessment.router(), cds.router(lookup, cds_trust)]
