"""The export formats, above the diary and FHIR: JSON lines (``lines``), CSV (``table``), and
``files``, which writes and reads any of them and FHIR (a Bundle or NDJSON) in one place.

Importing the package imports none of them.
"""
