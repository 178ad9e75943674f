"""The one place the version is written; the build reads it from here (see pyproject.toml)."""

__version__ = "0.1.0"
