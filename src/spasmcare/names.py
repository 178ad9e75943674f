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


# Words that do not change what a name means, and words that only say the thing is in the
# past ("previous kidney stone", "history of cancer"), are left out when no exact name matches.
_FILLER_WORDS = frozenset(
    {"a", "an", "and", "the", "of", "for", "to", "with", "in", "on", "against"}
)
_PAST_WORDS = frozenset({"previous", "past", "prior", "history", "known", "old"})


def words(name: str) -> frozenset[str]:
    """The meaningful words of a name, in any order and without plural endings."""
    found = set(key(name).split("_")) - _FILLER_WORDS - _PAST_WORDS
    return frozenset(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in found if w)


def snake(name: str) -> str:
    """A name in snake_case, as shown back to people when it is not known."""
    return _SEPARATORS.sub("_", name.strip().lower()).strip("_")


class NameIndex:
    """Finds the canonical id for any known spelling of a name."""

    def __init__(self, names: Mapping[str, Iterable[str]]) -> None:
        """``names`` maps each canonical id to its other names (titles, synonyms)."""
        self._ids: dict[str, str] = {}
        by_words: dict[frozenset[str], set[str]] = {}
        for canonical, others in names.items():
            for name in (canonical, *others):
                self._ids.setdefault(key(name), canonical)
                by_words.setdefault(words(name), set()).add(canonical)
        # Word sets that name one thing only; one shared by two ids is too vague to use.
        self._by_words = {w: next(iter(ids)) for w, ids in by_words.items() if w and len(ids) == 1}

    def find(self, name: str) -> str | None:
        """The canonical id for ``name``, or None when it is not known.

        An exact spelling wins; otherwise the same words in another order, with filler words,
        plural endings and words such as "previous" left out, name the same thing
        ("unvaccinated_tetanus" for "unvaccinated for tetanus").
        """
        found = self._ids.get(key(name))
        return found if found is not None else self._by_words.get(words(name))

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.find(name) is not None
