"""The intake questionnaire as a FHIR Questionnaire, and a saved case as its response.

The Questionnaire is generated from questions.yaml (item linkId = question id), versioned with
the knowledge base. A response answers only what the case states, and never more:

- a yes/no question on a list field is answered yes when its term is listed and left
  unanswered otherwise, because the case format cannot tell "answered no" from "not asked",
  and an unknown must never read as a no;
- a term that several questions can add (``swelling`` from "is the leg swollen?" and from
  "are both legs swollen?") does not say which was asked, so it answers none of them: the
  list fields are also given whole, as the items ``case.associated`` and ``case.recent``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Final

from spasmcare import vocabulary as v
from spasmcare.fhir.terminology import BASE, JSON, QUESTIONNAIRE
from spasmcare.kb.load import KnowledgeBase
from spasmcare.kb.schema import Question

ITEM_TYPES: Final = {
    "yes_no": "boolean",
    "single_choice": "choice",
    "multi_choice": "choice",
    "region": "choice",
    "names": "string",
}
DECIMAL_FIELDS: Final = frozenset({"duration_minutes"})
MIN_VALUE: Final = "http://hl7.org/fhir/StructureDefinition/minValue"
MAX_VALUE: Final = "http://hl7.org/fhir/StructureDefinition/maxValue"
LIST_FIELDS: Final = ("associated", "recent")
"""Case fields several questions add terms to; exported whole as ``case.<field>`` items."""


def canonical(kb: KnowledgeBase) -> str:
    """The Questionnaire's canonical URL with the knowledge-base version."""
    return f"{QUESTIONNAIRE}|{kb.version}"


def questionnaire(kb: KnowledgeBase, ident: str) -> JSON:
    """The Questionnaire of every question in the knowledge base, in its order."""
    return {
        "resourceType": "Questionnaire",
        "id": ident,
        "url": QUESTIONNAIRE,
        "version": kb.version,
        "name": "SpasmcareIntake",
        "title": "spasmcare intake questionnaire",
        "status": "active",
        "subjectType": ["Patient"],
        "description": "Generated from the spasmcare knowledge base. Questions are asked "
        "adaptively: the conditions in questions.yaml (asks_when) decide which are asked.",
        "item": [_item(kb, q) for q in kb.questions]
        + [
            {"linkId": f"case.{name}", "text": f"Recorded case field: {name}",
             "type": "choice", "repeats": True, "readOnly": True}
            for name in LIST_FIELDS
        ],
    }  # fmt: skip


def _sources(kb: KnowledgeBase) -> dict[tuple[str, Any], set[str]]:
    """For each (field, value) of a list field, the questions whose answer can add it."""
    found: dict[tuple[str, Any], set[str]] = {}
    for q in kb.questions:
        if q.type == "yes_no" and q.term is not None:
            found.setdefault((q.field, q.term), set()).add(q.id)
        for c in q.choices or ():
            if c.value is not None and _hashable(c.value):
                found.setdefault((q.field, c.value), set()).add(q.id)
    return found


def _type(q: Question) -> str:
    if q.type == "number":
        return "decimal" if q.field in DECIMAL_FIELDS else "integer"
    return ITEM_TYPES[q.type]


def _item(kb: KnowledgeBase, q: Question) -> JSON:
    item: JSON = {"linkId": q.id, "prefix": q.ref, "text": q.text, "type": _type(q)}
    if q.type in ("multi_choice", "names"):
        item["repeats"] = True
    options = _options(kb, q)
    if options:
        item["answerOption"] = [{"valueCoding": c} for c in options.values()]
    bounds = [(MIN_VALUE, q.minimum), (MAX_VALUE, q.maximum)]
    kind = "valueDecimal" if item["type"] == "decimal" else "valueInteger"
    ext = [{"url": url, kind: _number(item["type"], x)} for url, x in bounds if x is not None]
    if ext:
        item["extension"] = ext
    if q.help:
        item["item"] = [{"linkId": f"{q.id}.help", "text": q.help, "type": "display"}]
    return item


def _number(kind: str, value: float) -> float | int:
    return float(value) if kind == "decimal" else int(value)


def _options(kb: KnowledgeBase, q: Question) -> dict[Any, JSON]:
    """Answer options keyed by the case value they stand for."""
    system = f"{BASE}/CodeSystem/{q.id}"
    if q.type == "region":
        return {
            r: {"system": system, "code": r, "display": kb.label("region", r)} for r in v.REGIONS
        }
    return {
        c.value: {"system": system, "code": c.id, "display": c.label}
        for c in q.choices or ()
        if c.value is not None
    }


def response(
    kb: KnowledgeBase, ident: str, case: dict[str, Any], at: datetime, patient: JSON
) -> JSON:
    """The QuestionnaireResponse of a saved case."""
    items = []
    sources = _sources(kb)
    for q in kb.questions:
        answers = _answers(kb, q, case.get(q.field), sources)
        if answers:
            items.append({"linkId": q.id, "text": q.text, "answer": answers})
    for name in LIST_FIELDS:
        terms = case.get(name)
        if isinstance(terms, list) and terms:
            system = f"{BASE}/CodeSystem/{name}"
            items.append({
                "linkId": f"case.{name}", "text": f"Recorded case field: {name}",
                "answer": [
                    {"valueCoding": {"system": system, "code": t, "display": kb.label(name, t)}}
                    for t in terms if isinstance(t, str) and t
                ],
            })  # fmt: skip
    found: JSON = {
        "resourceType": "QuestionnaireResponse",
        "id": ident,
        "questionnaire": canonical(kb),
        "status": "completed",
        "subject": patient,
        "authored": at.isoformat(),
        "source": patient,
    }
    return {**found, "item": items} if items else found


def _answers(
    kb: KnowledgeBase, q: Question, value: Any, sources: dict[tuple[str, Any], set[str]]
) -> list[JSON]:
    if value is None:
        return []
    if isinstance(value, list) and q.field in LIST_FIELDS:
        value = [x for x in value if _hashable(x) and sources.get((q.field, x)) == {q.id}]
    if q.type == "yes_no":
        if isinstance(value, bool):
            return [{"valueBoolean": value}]
        return [{"valueBoolean": True}] if isinstance(value, list) and q.term in value else []
    if q.type == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            return []
        if _type(q) == "decimal":
            return [{"valueDecimal": float(value)}]
        return [{"valueInteger": int(value)}] if float(value).is_integer() else []
    if q.type == "names":
        return [{"valueString": x} for x in value if isinstance(x, str) and x]
    options = _options(kb, q)
    chosen = value if isinstance(value, list) else [value]
    return [{"valueCoding": options[x]} for x in chosen if _hashable(x) and x in options]


def _hashable(x: object) -> bool:
    return isinstance(x, str | int | float | bool)
