"""Clinic mode: sharing a diary with a clinician (consent), the audit log of every access to
someone else's data, rate limits kept where every server process sees them, and the
clinician's dashboard. Each module owns the SQL of its own table."""
