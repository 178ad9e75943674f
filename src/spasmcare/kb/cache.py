"""The checked knowledge base, pickled in the user's cache folder, keyed by the code that builds
it and by every file, so loading the same files again skips parsing and validation.

It only ever holds the knowledge base (no personal data) and only save time: any failure to
read or write it falls back to the full work. The folder comes from ``config.cache_directory``.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Iterable
from dataclasses import fields
from pathlib import Path

import pydantic

from spasmcare.kb.model import KnowledgeBase
from spasmcare.version import __version__

# The code that turns the files into a KnowledgeBase: a cached one is only used by the same code.
CODE = (
    "kb/load.py",
    "kb/model.py",
    "kb/read.py",
    "kb/cache.py",
    "kb/parsed.py",
    "kb/schema.py",
    "kb/rules.py",
    "kb/operators.py",
    "kb/walk.py",
    "kb/checks.py",
    "names.py",
    "vocabulary.py",
    "knowledge/vocabulary.yaml",  # read by vocabulary.py, not by the reader
)

# The cache is a pickle, and loading a pickle can run code: it is trusted like the user's other
# files, because only the user can write to their cache folder (SPASMCARE_CACHE must name a
# folder no one else can write to). Its checksum detects damage, such as a truncated or altered
# file, not tampering.


def kb_path(folder: Path, directory: Path, files: Iterable[str]) -> Path | None:
    """Where the checked knowledge base of these files is cached; None if a file is missing."""
    code = Path(__file__).parent.parent
    key = hashlib.sha256(f"{__version__}\0{sys.version}\0{pydantic.VERSION}".encode())
    try:
        for name in CODE:
            key.update(b"\0" + (code / name).read_bytes())
        for name in files:
            key.update(b"\0" + name.encode() + b"\0" + (directory / name).read_bytes())
    except OSError:
        return None
    return folder / f"kb-{key.hexdigest()[:32]}.pickle"


def read_kb(path: Path) -> KnowledgeBase | None:
    """The cached knowledge base, or None when it is missing, damaged or unreadable."""
    try:
        data = path.read_bytes()
        checksum, payload = data[:32], data[32:]
        if hashlib.sha256(payload).digest() != checksum:
            return None
        return KnowledgeBase(**pickle.loads(payload))
    except Exception:  # any failure of an optimisation falls back to the full load
        return None


def write_kb(path: Path, kb: KnowledgeBase) -> None:
    """Cache a checked knowledge base (written whole or not at all), replacing older ones."""
    import tempfile

    # Only the fields: anything computed later (such as ``index``) is rebuilt on use.
    state = {f.name: getattr(kb, f.name) for f in fields(kb)}
    try:
        payload = pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL)
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as out:
            out.write(hashlib.sha256(payload).digest() + payload)
        os.replace(out.name, path)
        for old in path.parent.glob("kb-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except Exception:  # a cache that cannot be written only costs time
        pass
