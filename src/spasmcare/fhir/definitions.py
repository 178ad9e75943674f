"""The conformance resources the export relies on, as published under docs/fhir: a
StructureDefinition for each spasmcare extension and a CodeSystem for each spasmcare code
system (the disposition, and the questionnaire's answer terms).

``scripts/fhir_definitions.py`` writes them; a test checks that the published files are the
ones this module makes, that each is valid R4, and that every extension URL and local code
system an export uses is among them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from spasmcare.fhir.terminology import BASE, DISPOSITION, EXTENSION, JSON
from spasmcare.kb.load import KnowledgeBase

FHIR_VERSION: Final = "4.0.1"
PUBLISHER: Final = "spasmcare"


@dataclass(frozen=True)
class Ext:
    """One extension: where it goes, its value type (or its parts), and what it means."""

    name: str
    context: str
    value: str | None
    title: str
    description: str
    repeats: bool = False
    parts: tuple[tuple[str, str, str], ...] = ()
    """(url, value type, meaning) of each part of a complex extension."""


_OBSERVATION = "Observation"
EXTENSIONS: Final = (
    Ext("region", _OBSERVATION, "code", "Body region",
        "Where the episode was felt, as a spasmcare region term (calf, thigh, lower_back...)."),
    Ext("side", _OBSERVATION, "code", "Side", "left, right or both."),
    Ext("laterality", "Observation.bodySite", "CodeableConcept", "Laterality of the body site",
        "The side as a concept (SNOMED CT once codes.yaml has a verified code)."),
    Ext("trigger", _OBSERVATION, "string", "Trigger", "What the person noted before the "
        "episode, in their words.", repeats=True),
    Ext("helped", _OBSERVATION, None, "What helped", "Something tried, and how much it helped.",
        repeats=True, parts=(("what", "string", "What was tried."),
                             ("howMuch", "code", "not_at_all, a_little or a_lot."))),
    Ext("associated-recorded", _OBSERVATION, "boolean", "Other symptoms were asked",
        "True when other symptoms were asked about; without it none is known to be absent."),
    Ext("associated", _OBSERVATION, "code", "Other symptom", "Another symptom at the time, "
        "as a case-format term (swelling, weakness...).", repeats=True),
    Ext("deleted-at", _OBSERVATION, "dateTime", "Deleted at", "When the person deleted the "
        "episode (kept so that it can be undone)."),
    Ext("diary-profile", "Patient", "boolean", "Carries a spasmcare profile",
        "True: the Patient's extensions are the person's spasmcare profile."),
    Ext("age", "Patient", "integer", "Age in years", "The age the person gave (not a birth "
        "date, which spasmcare does not keep)."),
    Ext("sex", "Patient", "code", "Sex registered at birth", "female, male or other."),
    Ext("pregnant", "Patient", "boolean", "Pregnant or could be", "As the person said."),
    Ext("medication", "Patient", "string", "Medicine taken", "A medicine the person takes, "
        "in their words.", repeats=True),
    Ext("condition", "Patient", "string", "Long-term condition", "A long-term condition the "
        "person has, in their words.", repeats=True),
    Ext("assessment", "RiskAssessment", None, "The saved spasmcare assessment",
        "The case and the result exactly as stored, so that an import restores them.",
        parts=(("case", "string", "The case, as JSON text (the case format)."),
               ("result", "string", "The result, as JSON text (as `spasmcare assess --json`)."),
               ("knowledgeVersion", "string", "The knowledge-base version that assessed it."))),
    Ext("asked-when", "Questionnaire.item", "string", "Asked when",
        "In words, when spasmcare's interview asks the question (enableWhen carries it too)."),
)  # fmt: skip


def structure_definition(ext: Ext) -> JSON:
    """The StructureDefinition of one extension (a differential on Extension)."""
    url = EXTENSION + ext.name
    root = "Extension"
    elements: list[JSON] = [
        {"id": root, "path": root, "short": ext.title, "definition": ext.description,
         "min": 0, "max": "*" if ext.repeats else "1"},
    ]  # fmt: skip
    if ext.parts:
        elements.append({"id": f"{root}.extension", "path": f"{root}.extension",
                         "slicing": {"discriminator": [{"type": "value", "path": "url"}],
                                     "rules": "closed"},
                         "min": sum(p != "howMuch" for p, _, _ in ext.parts)})  # fmt: skip
        for part, kind, meaning in ext.parts:
            at = f"{root}.extension:{part}"
            elements += [
                {"id": at, "path": f"{root}.extension", "sliceName": part, "short": meaning,
                 "definition": meaning, "min": 0 if part == "howMuch" else 1, "max": "1"},
                {"id": f"{at}.url", "path": f"{root}.extension.url", "fixedUri": part},
                {"id": f"{at}.value[x]", "path": f"{root}.extension.value[x]", "min": 1,
                 "type": [{"code": kind}]},
            ]  # fmt: skip
    else:
        elements.append({"id": f"{root}.extension", "path": f"{root}.extension", "max": "0"})
    elements.append({"id": f"{root}.url", "path": f"{root}.url", "fixedUri": url})
    value: JSON = {"id": f"{root}.value[x]", "path": f"{root}.value[x]"}
    value.update({"min": 1, "type": [{"code": ext.value}]} if ext.value else {"max": "0"})
    elements.append(value)
    return {
        "resourceType": "StructureDefinition",
        "id": ext.name,
        "url": url,
        "name": "".join(p.capitalize() for p in ext.name.split("-")),
        "title": ext.title,
        "status": "active",
        "publisher": PUBLISHER,
        "description": ext.description,
        "fhirVersion": FHIR_VERSION,
        "kind": "complex-type",
        "abstract": False,
        "context": [{"type": "element", "expression": ext.context}],
        "type": "Extension",
        "baseDefinition": "http://hl7.org/fhir/StructureDefinition/Extension",
        "derivation": "constraint",
        "differential": {"element": elements},
    }


def code_system(url: str, title: str, codes: dict[str, str], description: str) -> JSON:
    """A complete spasmcare CodeSystem."""
    ident = url.rsplit("/", 1)[1].replace("_", "-")  # a FHIR id has no underscore
    return {
        "resourceType": "CodeSystem",
        "id": ident,
        "url": url,
        "name": "".join(p.capitalize() for p in ident.replace("-", "_").split("_")),
        "title": title,
        "status": "active",
        "publisher": PUBLISHER,
        "description": description,
        "caseSensitive": True,
        "content": "complete",
        "count": len(codes),
        "concept": [{"code": code, "display": display} for code, display in codes.items()],
    }


def code_systems(kb: KnowledgeBase, questionnaire: JSON) -> list[JSON]:
    """The disposition code system and every answer code system of ``questionnaire``."""
    found = [
        code_system(
            DISPOSITION, "spasmcare disposition",
            {d: kb.dispositions[d].title for d in kb.dispositions},
            "How urgently to get care: the outcome of a spasmcare RiskAssessment.",
        )
    ]  # fmt: skip
    answers: dict[str, dict[str, str]] = {}
    for coding in _answer_codings(questionnaire.get("item") or []):
        if str(coding.get("system", "")).startswith(f"{BASE}/CodeSystem/"):
            answers.setdefault(coding["system"], {})[coding["code"]] = coding["display"]
    for url, codes in sorted(answers.items()):
        name = url.rsplit("/", 1)[1].replace("_", " ")
        meaning = f"The answers to the interview's {name} question(s)."
        found.append(code_system(url, f"spasmcare answers: {name}", codes, meaning))
    return found


def _answer_codings(items: list[JSON]) -> Iterator[JSON]:
    for item in items:
        for option in item.get("answerOption") or []:
            if "valueCoding" in option:
                yield option["valueCoding"]
        yield from _answer_codings(item.get("item") or [])


def files(kb: KnowledgeBase, questionnaire: JSON) -> dict[str, JSON]:
    """Every published definition by file name (``StructureDefinition-region.json``...)."""
    found = {f"StructureDefinition-{e.name}.json": structure_definition(e) for e in EXTENSIONS}
    for system in code_systems(kb, questionnaire):
        found[f"CodeSystem-{system['id']}.json"] = system
    return found
