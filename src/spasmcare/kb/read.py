"""Reading knowledge-base files: each entry is validated on its own, so one bad entry hides no
other, and every problem names the file, the entry and the field."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from spasmcare.kb import parsed, schema
from spasmcare.kb.model import Problem
from spasmcare.kb.rules import RuleError
from spasmcare.vocabulary import DISPOSITIONS

M = TypeVar("M", bound=BaseModel)

# file -> section -> model of each entry
LAYOUT: dict[str, dict[str, type[BaseModel]]] = {
    "sources.yaml": {"sources": schema.Source},
    "red_flags.yaml": {"red_flags": schema.RedFlag},
    "causes.yaml": {"causes": schema.Cause},
    "care.yaml": {"steps": schema.CareStep, "myths": schema.Myth, "safety_net": schema.SafetyNet},
    "medicines.yaml": {"medicines": schema.Medicine, "otc_screen": schema.OtcDrug},
    "conditions.yaml": {"conditions": schema.Condition},
    "questions.yaml": {"questions": schema.Question},
    "codes.yaml": {"codes": schema.Code},
    "terms.yaml": {"terms": schema.Term},
    "dispositions.yaml": {"dispositions": schema.DispositionText},
}


class Reader:
    """Reads the files of one knowledge base, collecting every problem."""

    def __init__(self, directory: Path, cache_folder: Path) -> None:
        self.directory = directory
        self.cache_folder = cache_folder
        self.problems: list[Problem] = []
        self.raw: dict[str, Any] = {}
        self._bytes: list[bytes] = []

    def _load_yaml(self, name: str) -> Any:
        import yaml

        path = self.directory / name
        try:
            data = path.read_bytes()
        except OSError:
            self.problems.append(Problem(name, "-", "file is missing"))
            return None
        self._bytes.append(name.encode() + b"\0" + data)
        try:
            content = parsed.parsed_yaml(self.cache_folder, name, data)
        except yaml.YAMLError as error:
            self.problems.append(Problem(name, "-", f"not valid YAML: {error}"))
            return None
        if not isinstance(content, dict):
            self.problems.append(Problem(name, "-", "expected a mapping at the top level"))
            return None
        self.raw[name] = content
        return content

    def read(self, name: str, sections: dict[str, type[BaseModel]]) -> dict[str, list[Any]]:
        content = self._load_yaml(name)
        out: dict[str, list[Any]] = {section: [] for section in sections}
        if content is None:
            return out
        allowed = set(sections) | ({"follow_up_days"} if name == "care.yaml" else set())
        for section in content.keys() - allowed:
            self.problems.append(
                Problem(
                    name, "-", f"unknown section {section!r}; allowed: {', '.join(sorted(allowed))}"
                )
            )
        for section, model in sections.items():
            entries = content.get(section)
            if not isinstance(entries, list):
                self.problems.append(Problem(name, "-", f"section {section!r} must be a list"))
                continue
            out[section] = list(self._entries(name, section, model, entries))
        return out

    def _entries(self, name: str, section: str, model: type[M], entries: list[Any]) -> Iterator[M]:
        seen: set[str] = set()
        for index, raw in enumerate(entries):
            entry_id = raw.get("id") if isinstance(raw, dict) else None
            label = str(entry_id) if entry_id else f"{section}[{index}]"
            if entry_id in seen:
                self.problems.append(Problem(name, label, "duplicate id"))
            seen.add(str(entry_id))
            try:
                yield model.model_validate(raw)
            except ValidationError as error:
                self.problems += [Problem(name, label, msg) for msg in messages(error)]

    def read_manifest(self) -> schema.Manifest | None:
        content = self._load_yaml("manifest.yaml")
        if content is None:
            return None
        try:
            return schema.Manifest.model_validate(content)
        except ValidationError as error:
            self.problems += [Problem("manifest.yaml", "-", m) for m in messages(error)]
            return None

    def validate_follow_up(self, raw: object) -> dict[str, int] | None:
        try:
            days = TypeAdapter(dict[schema.Disposition, int]).validate_python(raw)
        except ValidationError as error:
            self.problems += [Problem("care.yaml", "follow_up_days", m) for m in messages(error)]
            return None
        missing = [d for d in DISPOSITIONS if d not in days]
        if missing:
            self.problems.append(
                Problem(
                    "care.yaml", "follow_up_days", f"missing dispositions: {', '.join(missing)}"
                )
            )
            return None
        return {str(d): n for d, n in days.items()}

    def digest(self) -> str:
        return hashlib.sha256(b"\n".join(sorted(self._bytes))).hexdigest()


def messages(error: ValidationError) -> Iterator[str]:
    """Pydantic's errors as short lines a reviewer can act on."""
    for item in error.errors():
        where = ".".join(str(part) for part in item["loc"])
        cause = item.get("ctx", {}).get("error")
        message = item["msg"]
        if isinstance(cause, RuleError):
            where, message = where + cause.path, cause.message
        elif item["type"] == "extra_forbidden":
            message = "unknown field"
        elif item["type"] == "literal_error":
            message = f"{item['input']!r} is not allowed; {item['msg'].lower()}"
        yield f"{where}: {message}" if where else message
