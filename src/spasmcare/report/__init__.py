"""The clinician report: ``content`` gathers what it says, ``pdf`` lays it out.

``spasmcare.services.reports`` makes one from a diary."""

from __future__ import annotations

from spasmcare.report.content import Content, Who, gather

__all__ = ["Content", "Who", "gather"]
