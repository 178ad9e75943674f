"""The intake questionnaire as a FHIR Questionnaire, and a saved case as its response.

The Questionnaire is generated from questions.yaml (item linkId = question id), versioned with
the knowledge base. A response answers only what the case states, and never more:

- a yes/no question on a list field is answered yes when its term is listed and left
  unanswered otherwise, because the case format cannot tell "answered no" from "not asked",
  and an unknown must never read as a no;
- a term that several questions can add (``swelling`` from "is the leg swollen?" and from
  "are both legs swollen?") does not say which was asked, so it answers none of them: the
  list fields are also given whole, as the hidden, read-only items ``case.associated`` and
  ``case.recent``.

The Questionnaire carries the skip logic (``asks_when``) as ``enableWhen``/``enableBehavior``
(``spasmcare.fhir.skip_logic``; a condition R4 cannot state exactly is made wider and given in
words in the ``asked-when`` extension, and the description names it), ``required`` on the one
answer a case needs (where), ``code`` where codes.yaml has a usable code, and no internal
references (the clinical reference's question numbers) in what people see.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Final

from spasmcare import vocabulary as v
from spasmcare.fhir.skip_logic import options, skip
from spasmcare.fhir.terminology import BASE, EXTENSION, JSON, QUESTIONNAIRE, concept
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
HIDDEN: Final = "http://hl7.org/fhir/StructureDefinition/questionnaire-hidden"
ASKED_WHEN: Final = EXTENSION + "asked-when"
"""The full condition in words, on an item whose enableWhen is wider than it."""
LIST_FIELDS: Final = ("associated", "recent")
"""Case fields several questions add terms to; exported whole as ``case.<field>`` items."""
LIST_TEXTS: Final = {
    "associated": "Symptoms recorded with the episode",
    "recent": "Recent events recorded with the episode",
}
REQUIRED: Final = frozenset({"region"})
"""Fields a case cannot do without: their question must be answered."""
ITEM_CODES: Final = {"severity_0_10": ("observation:pain_severity", "Pain severity 0-10")}
"""Case fields whose question has a code in codes.yaml: the concept and its text."""
FORM_CODES: Final = (("finding:cramp", "Cramp"), ("finding:muscle_spasm", "Muscle spasm"))


def canonical(kb: KnowledgeBase) -> str:
    """The Questionnaire's canonical URL with the knowledge-base version."""
    return f"{QUESTIONNAIRE}|{kb.version}"


def questionnaire(kb: KnowledgeBase, ident: str) -> JSON:
    """The Questionnaire of every question in the knowledge base, in its order."""
    wider = [q for q in kb.questions if not skip(kb, q).exact]
    description = (
        "Generated from the spasmcare knowledge base. spasmcare asks questions adaptively; "
        "here each question's condition (asks_when in questions.yaml) is its enableWhen."
    )
    if wider:
        description += (
            " R4's enableWhen is one list joined by all or any, so these conditions are "
            "shown wider than spasmcare asks them (never hiding a question it would ask), "
            "with the full condition in the asked-when extension: "
            + "; ".join(f"{q.text} (asked when {q.asks_when.describe()})" for q in wider
                        if q.asks_when is not None) + "."
        )  # fmt: skip
    codes = [c for key, text in FORM_CODES for c in concept(kb, key, text).get("coding", [])]
    found: JSON = {
        "resourceType": "Questionnaire",
        "id": ident,
        "url": QUESTIONNAIRE,
        "version": kb.version,
        "name": "SpasmcareIntake",
        "title": "spasmcare intake questionnaire",
        "status": "active",
        "subjectType": ["Patient"],
        "description": description,
    }
    if codes:
        found["code"] = codes
    found["item"] = [_item(kb, q) for q in kb.questions] + [
        _list_item(kb, name) for name in LIST_FIELDS
    ]
    return found


def _list_item(kb: KnowledgeBase, name: str) -> JSON:
    """A list field whole: hidden and read-only, for the response's record of the case."""
    system = f"{BASE}/CodeSystem/{name}"
    return {
        "extension": [{"url": HIDDEN, "valueBoolean": True}],
        "linkId": f"case.{name}",
        "text": LIST_TEXTS[name],
        "type": "choice",
        "repeats": True,
        "readOnly": True,
        "answerOption": [
            {"valueCoding": {"system": system, "code": t, "display": kb.label(name, t)}}
            for t in v.TERM_LIST_FIELDS[name]
        ],
    }


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
    item: JSON = {"linkId": q.id}
    if q.field in ITEM_CODES:
        key, text = ITEM_CODES[q.field]
        codes = concept(kb, key, text).get("coding", [])
        if codes:
            item["code"] = codes
    item |= {"text": q.text, "type": _type(q)}
    when = skip(kb, q)
    item |= when.fields()
    if q.field in REQUIRED:
        item["required"] = True
    if q.type in ("multi_choice", "names"):
        item["repeats"] = True
    answers = _options(kb, q)
    if answers:
        item["answerOption"] = [{"valueCoding": c} for c in answers.values()]
    bounds = [(MIN_VALUE, q.minimum), (MAX_VALUE, q.maximum)]
    kind = "valueDecimal" if item["type"] == "decimal" else "valueInteger"
    ext = [{"url": url, kind: _number(item["type"], x)} for url, x in bounds if x is not None]
    if not when.exact and q.asks_when is not None:
        ext.append({"url": ASKED_WHEN, "valueString": q.asks_when.describe()})
    if ext:
        item = {"extension": ext, **item}
    if q.help:
        item["item"] = [{"linkId": f"{q.id}.help", "text": q.help, "type": "display"}]
    return item


def _number(kind: str, value: float) -> float | int:
    return float(value) if kind == "decimal" else int(value)


def _options(kb: KnowledgeBase, q: Question) -> dict[Any, JSON]:
    """Answer options keyed by the case value they stand for."""
    return options(kb, q)


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
                "linkId": f"case.{name}", "text": LIST_TEXTS[name],
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
