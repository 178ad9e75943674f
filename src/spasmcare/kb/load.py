"""Loading the knowledge base: parse every file into typed entries, then cross-check them.

Problems are collected, not raised one at a time, so a reviewer sees all of them at once. Each
names the file, the entry id and what is wrong. The parts live in their own modules: the types
in ``model``, the reader in ``read``, the caches in ``cache``, the cross-checks in ``checks``;
their names are also importable from here.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from spasmcare import config
from spasmcare.kb import cache as caches
from spasmcare.kb import schema
from spasmcare.kb.checks import cross_check, warnings_of
from spasmcare.kb.model import KnowledgeBase, KnowledgeBaseError, Problem, Report
from spasmcare.kb.parsed import shipped_directory
from spasmcare.kb.read import LAYOUT, Reader
from spasmcare.names import NameIndex

__all__ = [
    "LAYOUT",
    "KnowledgeBase",
    "KnowledgeBaseError",
    "Problem",
    "Report",
    "check",
    "default_directory",
    "load",
    "load_default",
    "number_bases",
]


def default_directory() -> Path:
    """The knowledge base shipped inside the package."""
    return shipped_directory()


@cache
def load_default() -> KnowledgeBase:
    """The shipped knowledge base, loaded once per process."""
    return load(default_directory())


def load(directory: Path, cache_folder: Path | None = None) -> KnowledgeBase:
    """Load and check a knowledge base; raise KnowledgeBaseError listing every error.

    A knowledge base that passed every check is kept in the user cache (``cache_folder``,
    by default the one the settings name), so loading the same files again skips parsing and
    validation (``check`` always does the whole work).
    """
    folder = config.cache_directory() if cache_folder is None else cache_folder
    cached = caches.kb_path(folder, directory, (*LAYOUT, "manifest.yaml"))
    kb = caches.read_kb(cached) if cached else None
    if kb is None:
        report = check(directory, folder)
        if report.knowledge is None:
            raise KnowledgeBaseError(report.errors)
        kb = report.knowledge
        if cached:
            caches.write_kb(cached, kb)
    return kb


def check(directory: Path, cache_folder: Path | None = None) -> Report:
    """Load every file of a knowledge base and run the cross-checks."""
    reader = Reader(directory, config.cache_directory() if cache_folder is None else cache_folder)
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
