"""Knowledge-base files parsed through a JSON copy in the user's cache folder.

Parsing YAML is most of the time of a full load, and importing the YAML parser alone costs
more than reading a JSON copy; the copy only ever holds the knowledge base (no personal data)
and only saves time. This module imports nothing of the knowledge base, so the vocabulary can
read its file through it.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from spasmcare import config


def shipped_directory() -> Path:
    """The knowledge base shipped inside the package."""
    return Path(__file__).parent.parent / "knowledge"


def shipped(name: str) -> Any:
    """The content of one file of the shipped knowledge base."""
    path = shipped_directory() / name
    return parsed_yaml(config.cache_directory(), name, path.read_bytes())


def parsed_yaml(folder: Path, name: str, data: bytes) -> Any:
    """YAML content, through a JSON copy keyed by the file's name and hash; the copy is rebuilt
    whenever the file changes and replaces the file's older copies."""
    stem = f"kb-{Path(name).stem}-"
    cached = folder / f"{stem}{hashlib.sha256(data).hexdigest()[:32]}.json"
    try:
        return json.loads(cached.read_bytes())
    except (OSError, ValueError):
        pass
    import yaml  # only now: importing the parser costs more than reading the copy

    # libyaml parses the knowledge base about ten times faster than the pure-Python parser.
    content = yaml.load(data, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps(content), encoding="utf-8")
        partial.replace(cached)
        for older in cached.parent.glob(f"{stem}*.json"):
            if older != cached and len(older.name) == len(cached.name):  # same file, other hash
                older.unlink(missing_ok=True)
    except (OSError, TypeError, ValueError):
        pass  # a cache that cannot be written only costs time
    return content
