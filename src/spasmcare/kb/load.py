"""Loading the knowledge base: parse every file into typed entries, then cross-check them.

Problems are collected, not raised one at a time, so a reviewer sees all of them at once. Each
names the file, the entry id and what is wrong.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pydantic
from pydantic import BaseModel, TypeAdapter, ValidationError

from spasmcare import __version__
from spasmcare.kb import schema
from spasmcare.kb.rules import RuleError
from spasmcare.names import NameIndex
from spasmcare.vocabulary import DISPOSITIONS

if TYPE_CHECKING:
    from spasmcare.case import Names
    from spasmcare.kb.index import RuleIndexes

M = TypeVar("M", bound=BaseModel)

# file -> section -> model of each entry (None: the whole file is one entry of that model)
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
# The code that turns the files into a KnowledgeBase: a cached one is only used by the same code.
_CODE = ("kb/load.py", "kb/schema.py", "kb/rules.py", "kb/checks.py", "names.py", "vocabulary.py")


@dataclass(frozen=True)
class Problem:
    """One finding of the checks: where it is and what is wrong."""

    file: str
    entry: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.entry}: {self.message}"


@dataclass(frozen=True)
class KnowledgeBase:
    """The whole knowledge base, typed and cross-checked."""

    manifest: schema.Manifest
    sources: dict[str, schema.Source]
    red_flags: tuple[schema.RedFlag, ...]
    causes: dict[str, schema.Cause]
    steps: tuple[schema.CareStep, ...]
    myths: tuple[schema.Myth, ...]
    safety_net: tuple[schema.SafetyNet, ...]
    follow_up_days: dict[str, int]
    medicines: dict[str, schema.Medicine]
    otc_screen: tuple[schema.OtcDrug, ...]
    conditions: dict[str, schema.Condition]
    questions: tuple[schema.Question, ...]
    codes: tuple[schema.Code, ...]
    terms: dict[tuple[str, str], schema.Term]
    dispositions: dict[str, schema.DispositionText]
    digest: str
    medicine_names: NameIndex = field(repr=False)
    condition_names: NameIndex = field(repr=False)

    @property
    def version(self) -> str:
        """The manifest version with a short hash of the content, e.g. 2026.11.0+3fa2c1d9."""
        return f"{self.manifest.version}+{self.digest[:8]}"

    @cached_property
    def names(self) -> Names:
        """The name indexes cases are normalised against."""
        from spasmcare.case import Names

        return Names(medications=self.medicine_names, conditions=self.condition_names)

    @cached_property
    def index(self) -> RuleIndexes:
        """The rules indexed by the answers that can make them hold, built on first use."""
        from spasmcare.kb.index import RuleIndexes

        return RuleIndexes.of(self)

    def classes_of(self, medicine_id: str) -> set[str]:
        """A medicine's id with every class it belongs to, directly or through a parent class."""
        found: set[str] = set()
        pending = [medicine_id]
        while pending:
            current = pending.pop()
            if current in found:
                continue
            found.add(current)
            entry = self.medicines.get(current)
            pending += entry.classes if entry else []
        return found

    def label(self, field_name: str, term: str) -> str:
        """The plain-language label of a vocabulary term (the term itself when none is given)."""
        entry = self.terms.get((field_name, term))
        return entry.label if entry else term.replace("_", " ")


class KnowledgeBaseError(Exception):
    """The knowledge base did not load; ``problems`` lists every error."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


@dataclass
class Report:
    """The outcome of ``check``: counts, errors and warnings."""

    counts: dict[str, int]
    errors: list[Problem]
    warnings: list[Problem]
    knowledge: KnowledgeBase | None = None

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "counts": self.counts,
            "errors": [str(p) for p in self.errors],
            "warnings": [str(p) for p in self.warnings],
        }


def default_directory() -> Path:
    """The knowledge base shipped inside the package."""
    return Path(__file__).parent.parent / "knowledge"


@cache
def load_default() -> KnowledgeBase:
    """The shipped knowledge base, loaded once per process."""
    return load(default_directory())


def load(directory: Path) -> KnowledgeBase:
    """Load and check a knowledge base; raise KnowledgeBaseError listing every error.

    A knowledge base that passed every check is kept in the user cache, so loading the same
    files again skips parsing and validation (``check`` always does the whole work).
    """
    cached = _cached_path(directory)
    kb = _read_cached(cached) if cached else None
    if kb is None:
        report = check(directory)
        if report.knowledge is None:
            raise KnowledgeBaseError(report.errors)
        kb = report.knowledge
        if cached:
            _write_cached(cached, kb)
    return kb


# The cache is a pickle, and loading a pickle can run code: it is trusted like the user's other
# files, because only the user can write to their cache folder (SPASMCARE_CACHE must name a
# folder no one else can write to). Its checksum detects damage, such as a truncated or altered
# file, not tampering.


def _cached_path(directory: Path) -> Path | None:
    """Where the checked knowledge base of these files is cached; None if a file is missing."""
    code = Path(__file__).parent.parent
    key = hashlib.sha256(f"{__version__}\0{sys.version}\0{pydantic.VERSION}".encode())
    try:
        for name in _CODE:
            key.update(b"\0" + (code / name).read_bytes())
        for name in (*LAYOUT, "manifest.yaml"):
            key.update(b"\0" + name.encode() + b"\0" + (directory / name).read_bytes())
    except OSError:
        return None
    return _cache_directory() / f"kb-{key.hexdigest()[:32]}.pickle"


def _read_cached(path: Path) -> KnowledgeBase | None:
    """The cached knowledge base, or None when it is missing, damaged or unreadable."""
    try:
        data = path.read_bytes()
        checksum, payload = data[:32], data[32:]
        if hashlib.sha256(payload).digest() != checksum:
            return None
        return KnowledgeBase(**pickle.loads(payload))
    except Exception:  # any failure of an optimisation falls back to the full load
        return None


def _write_cached(path: Path, kb: KnowledgeBase) -> None:
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


def check(directory: Path) -> Report:
    """Load every file of a knowledge base and run the cross-checks."""
    from spasmcare.kb.checks import cross_check, warnings_of

    reader = _Reader(directory)
    parsed = {name: reader.read(name, sections) for name, sections in LAYOUT.items()}
    manifest = reader.read_manifest()
    care_raw = reader.raw.get("care.yaml")
    # A missing or unreadable care.yaml is already reported; do not report its parts again.
    follow_up = (
        reader.validate_follow_up(care_raw.get("follow_up_days")) if care_raw is not None else None
    )
    counts = {
        "red_flags": len(parsed["red_flags.yaml"]["red_flags"]),
        "causes": len(parsed["causes.yaml"]["causes"]),
        "care_steps": len(parsed["care.yaml"]["steps"]),
        "myths": len(parsed["care.yaml"]["myths"]),
        "sources": len(parsed["sources.yaml"]["sources"]),
        "questions": len(parsed["questions.yaml"]["questions"]),
        "medicines": len(parsed["medicines.yaml"]["medicines"]),
        "codes": len(parsed["codes.yaml"]["codes"]),
    }
    if reader.problems or manifest is None or follow_up is None:
        return Report(counts, reader.problems, [])
    kb = _assemble(parsed, manifest, follow_up, reader.digest())
    counts |= number_bases(kb)
    errors = list(cross_check(kb))
    return Report(counts, errors, list(warnings_of(kb)), None if errors else kb)


def number_bases(kb: KnowledgeBase) -> dict[str, int]:
    """How many priors, likelihood ratios and action threshold cite a source or are estimates.

    The schema makes every number carry a basis, so none can be unmarked; the counts show how
    much of the cause model rests on published figures."""
    counts = dict.fromkeys(
        (
            f"{kind}_{basis}"
            for kind in ("priors", "likelihood_ratios", "thresholds")
            for basis in ("sourced", "estimate")
        ),
        0,
    )
    for cause in kb.causes.values():
        counts[f"priors_{cause.prior_basis.kind}"] += 1
        for finding in cause.findings:
            counts[f"likelihood_ratios_{(finding.basis or cause.weights_basis).kind}"] += 1
        if cause.triage is not None:
            counts[f"thresholds_{cause.triage.basis.kind}"] += 1
    return counts


def _assemble(
    parsed: dict[str, dict[str, list[Any]]],
    manifest: schema.Manifest,
    follow_up: dict[str, int],
    digest: str,
) -> KnowledgeBase:
    medicines = {m.id: m for m in parsed["medicines.yaml"]["medicines"]}
    conditions = {c.id: c for c in parsed["conditions.yaml"]["conditions"]}
    return KnowledgeBase(
        manifest=manifest,
        sources={s.id: s for s in parsed["sources.yaml"]["sources"]},
        red_flags=tuple(parsed["red_flags.yaml"]["red_flags"]),
        causes={c.id: c for c in parsed["causes.yaml"]["causes"]},
        steps=tuple(sorted(parsed["care.yaml"]["steps"], key=lambda s: s.order)),
        myths=tuple(parsed["care.yaml"]["myths"]),
        safety_net=tuple(parsed["care.yaml"]["safety_net"]),
        follow_up_days=follow_up,
        medicines=medicines,
        otc_screen=tuple(parsed["medicines.yaml"]["otc_screen"]),
        conditions=conditions,
        questions=tuple(sorted(parsed["questions.yaml"]["questions"], key=lambda q: q.block)),
        codes=tuple(parsed["codes.yaml"]["codes"]),
        terms={(t.field, t.id): t for t in parsed["terms.yaml"]["terms"]},
        dispositions={d.id: d for d in parsed["dispositions.yaml"]["dispositions"]},
        digest=digest,
        medicine_names=NameIndex({m.id: [m.title, *m.synonyms] for m in medicines.values()}),
        condition_names=NameIndex({c.id: [c.title, *c.synonyms] for c in conditions.values()}),
    )


def _parse(name: str, data: bytes) -> Any:
    """YAML content, through a JSON copy in the user cache keyed by the file's name and hash.

    Parsing YAML is most of the time of a full load; the copy only ever holds the knowledge
    base (no personal data), is rebuilt whenever a file changes, and replaces the file's
    older copies.
    """
    import yaml

    stem = f"kb-{Path(name).stem}-"
    cached = _cache_directory() / f"{stem}{hashlib.sha256(data).hexdigest()[:32]}.json"
    try:
        return json.loads(cached.read_bytes())
    except (OSError, ValueError):
        pass
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


def _cache_directory() -> Path:
    if folder := os.environ.get("SPASMCARE_CACHE"):
        return Path(folder)
    import platformdirs

    return Path(platformdirs.user_cache_dir("spasmcare"))


class _Reader:
    """Reads files, validating each entry on its own so one bad entry hides no other."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
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
            content = _parse(name, data)
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
                self.problems += [Problem(name, label, msg) for msg in _messages(error)]

    def read_manifest(self) -> schema.Manifest | None:
        content = self._load_yaml("manifest.yaml")
        if content is None:
            return None
        try:
            return schema.Manifest.model_validate(content)
        except ValidationError as error:
            self.problems += [Problem("manifest.yaml", "-", m) for m in _messages(error)]
            return None

    def validate_follow_up(self, raw: object) -> dict[str, int] | None:
        try:
            days = TypeAdapter(dict[schema.Disposition, int]).validate_python(raw)
        except ValidationError as error:
            self.problems += [Problem("care.yaml", "follow_up_days", m) for m in _messages(error)]
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


def _messages(error: ValidationError) -> Iterator[str]:
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
