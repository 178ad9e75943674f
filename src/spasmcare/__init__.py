"""spasmcare: assessment, triage support, self-care and a diary for muscle spasms and cramps.

Information and triage support, not a diagnosis.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from spasmcare.version import __version__

if TYPE_CHECKING:
    from spasmcare.result import Result

__all__ = ["__version__", "assess"]


def assess(case: Any) -> Result:
    """Assess a case (a mapping in the case format); see spasmcare.engine.assess."""
    from spasmcare.engine.assess import assess as run

    return run(case)
