"""Matching of medicine and condition names: case, separators, synonyms and spellings."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

_SEPARATORS = re.compile(r"[\s\-_/]+")
# British spellings folded to American ones, so both match (haemorrhage/hemorrhage, oedema/edema).
_SPELLINGS = (("ae", "e"), ("oe", "e"), ("sulph", "sulf"), ("our", "or"))


def key(name: str) -> str:
    """The matching key of a name: lower case, one underscore between words, spellings folded."""
    folded = _SEPARATORS.sub("_", name.strip().lower()).strip("_")
    for british, american in _SPELLINGS:
        folded = folded.replace(british, american)
    return folded


def snake(name: str) -> str:
    """A name in snake_case, as shown back to people when it is not known."""
    return _SEPARATORS.sub("_", name.strip().lower()).strip("_")


class NameIndex:
    """Finds the canonical id for any known spelling of a name."""

    def __init__(self, names: Mapping[str, Iterable[str]]) -> None:
        """``names`` maps each canonical id to its other names (titles, synonyms)."""
        self._ids: dict[str, str] = {}
        for canonical, others in names.items():
            for name in (canonical, *others):
                self._ids.setdefault(key(name), canonical)

    def find(self, name: str) -> str | None:
        """The canonical id for ``name``, or None when it is not known."""
        return self._ids.get(key(name))

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.find(name) is not None
