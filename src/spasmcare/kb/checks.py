"""Cross-checks between knowledge-base files: references, names in rules, reachability."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from spasmcare import vocabulary as v
from spasmcare.kb import rules, schema
from spasmcare.kb.model import KnowledgeBase, Problem
from spasmcare.kb.walk import conditions_of


def cross_check(kb: KnowledgeBase) -> Iterator[Problem]:
    """Every error that spans files."""
    yield from _cited_sources(kb)
    yield from _names_in_rules(kb)
    yield from _references(kb)
    yield from _questions(kb)
    yield from _terms(kb)
    missing = [d for d in v.DISPOSITIONS if d not in kb.dispositions]
    if missing:
        yield Problem("dispositions.yaml", "-", f"missing dispositions: {', '.join(missing)}")


def warnings_of(kb: KnowledgeBase) -> Iterator[Problem]:
    """What a reviewer should know but that does not stop the knowledge base from loading."""
    unchecked = [s.id for s in kb.sources.values() if not s.checked]
    if unchecked:
        yield Problem(
            "sources.yaml",
            "-",
            f"{len(unchecked)} of {len(kb.sources)} sources are "
            "not yet checked against the original",
        )
    pending = [f.id for f in kb.red_flags if f.review == "needs_review"]
    if pending:
        yield Problem(
            "red_flags.yaml",
            "-",
            f"{len(pending)} of {len(kb.red_flags)} rules await clinical sign-off",
        )
    missing = [c for c in v.CAUSE_IDS if c not in kb.causes]
    if missing:
        yield Problem(
            "causes.yaml", "-", f"case-format cause ids not covered: {', '.join(missing)}"
        )
    unlabelled = [
        f"{name}:{term}"
        for name, terms in {**v.ENUM_FIELDS, **v.TERM_LIST_FIELDS}.items()
        for term in terms
        if (name, term) not in kb.terms
    ]
    if unlabelled:
        yield Problem("terms.yaml", "-", f"terms without a label: {', '.join(unlabelled)}")
    unasked = set(v.CASE_FIELDS) - {q.field for q in kb.questions}
    if unasked:
        yield Problem("questions.yaml", "-", f"no question fills: {', '.join(sorted(unasked))}")
    unverified = [c.id for c in kb.codes if c.status != "verified"]
    if unverified:
        yield Problem(
            "codes.yaml",
            "-",
            f"{len(unverified)} of {len(kb.codes)} codes are not "
            "verified against the official release",
        )


def _citations(kb: KnowledgeBase) -> Iterator[tuple[str, str, list[str]]]:
    """(file, entry id, cited source ids) for every entry that cites sources."""
    for flag in kb.red_flags:
        yield "red_flags.yaml", flag.id, flag.sources
    for cause in kb.causes.values():
        yield "causes.yaml", cause.id, cause.sources
        yield "causes.yaml", f"{cause.id} (prior)", cause.prior_basis.sources
        yield "causes.yaml", f"{cause.id} (weights)", cause.weights_basis.sources
        for finding in cause.findings:
            if finding.basis is not None:
                yield "causes.yaml", f"{cause.id} ({finding.text})", finding.basis.sources
        if cause.triage is not None:
            yield "causes.yaml", f"{cause.id} (threshold)", cause.triage.basis.sources
    for step in kb.steps:
        yield "care.yaml", step.id, step.sources
        for caution in step.cautions:
            yield "care.yaml", f"{step.id} (caution)", caution.sources
    for myth in kb.myths:
        yield "care.yaml", myth.id, myth.sources
    for line in kb.safety_net:
        yield "care.yaml", line.id, line.sources
    for medicine in kb.medicines.values():
        yield "medicines.yaml", medicine.id, medicine.sources
    for drug in kb.otc_screen:
        yield "medicines.yaml", drug.id, drug.sources
        for item in (*drug.stop, *drug.caution):
            yield "medicines.yaml", f"{drug.id}.{item.id}", item.sources
    for question in kb.questions:
        yield "questions.yaml", question.id, question.sources
    for code in kb.codes:
        yield "codes.yaml", code.id, code.sources
    for text in kb.dispositions.values():
        yield "dispositions.yaml", text.id, text.sources


def _cited_sources(kb: KnowledgeBase) -> Iterator[Problem]:
    for file, entry, cited in _citations(kb):
        for source in cited:
            if source not in kb.sources:
                yield Problem(file, entry, f"cites unknown source {source!r}")


def _names_in_rules(kb: KnowledgeBase) -> Iterator[Problem]:
    known: dict[str, Mapping[str, object]] = {
        "medications": kb.medicines,
        "conditions": kb.conditions,
    }
    for file, entry, condition in conditions_of(kb):
        for test in rules.tests_of(condition):
            if test.field not in known:
                continue
            for _, operand in test.operators:
                for name in sorted(operand) if isinstance(operand, frozenset) else ():
                    if name not in known[test.field]:
                        yield Problem(
                            file,
                            entry,
                            f"{test.field}: unknown id {name!r} "
                            f"(not in {test.field.replace('ications', 'icines')}.yaml)",
                        )


def _references(kb: KnowledgeBase) -> Iterator[Problem]:
    for flag in kb.red_flags:
        for cause in flag.causes:
            if cause not in kb.causes:
                yield Problem("red_flags.yaml", flag.id, f"points to unknown cause {cause!r}")
    for medicine in kb.medicines.values():
        for parent in medicine.classes:
            entry = kb.medicines.get(parent)
            if entry is None or entry.kind != "class":
                yield Problem("medicines.yaml", medicine.id, f"{parent!r} is not a class entry")
    for drug in kb.otc_screen:
        if drug.medicine not in kb.medicines:
            yield Problem("medicines.yaml", drug.id, f"unknown medicine {drug.medicine!r}")
    targets: dict[str, Iterable[str]] = {
        "cause": kb.causes,
        "region": v.REGIONS,
        "side": v.SIDES,
        "medicine": kb.medicines,
        "red_flag": {f.id for f in kb.red_flags},
        "disposition": v.DISPOSITIONS,
    }
    for code in kb.codes:
        kind, _, target = code.concept.partition(":")
        if kind in targets and target not in targets[kind]:
            yield Problem(
                "codes.yaml", code.id, f"concept {code.concept!r} names an unknown {kind}"
            )


def _questions(kb: KnowledgeBase) -> Iterator[Problem]:
    filled: set[str] = set()
    seen: set[str] = set()
    for question in kb.questions:
        yield from (Problem("questions.yaml", question.id, m) for m in _question_shape(question))
        if question.asks_when is not None:
            unfilled = rules.fields_of(question.asks_when) - filled
            if unfilled:
                yield Problem(
                    "questions.yaml",
                    question.id,
                    "unreachable: asks_when reads "
                    f"{', '.join(sorted(unfilled))}, which no earlier question fills",
                )
        filled.add(question.field)
        seen.add(question.id)


def _question_shape(q: schema.Question) -> Iterator[str]:
    if q.field not in v.CASE_FIELDS:
        yield f"unknown case field {q.field!r}; allowed: {', '.join(v.CASE_FIELDS)}"
        return
    expected = {
        "yes_no": (*v.TERM_LIST_FIELDS, *v.BOOLEAN_FIELDS),
        "single_choice": tuple(v.ENUM_FIELDS),
        "multi_choice": tuple(v.TERM_LIST_FIELDS),
        "number": tuple(v.NUMBER_FIELDS),
        "region": ("region",),
        "names": v.NAME_LIST_FIELDS,
    }[q.type]
    if q.field not in expected:
        yield f"a {q.type} question cannot fill {q.field!r}; it fills: {', '.join(expected)}"
        return
    allowed = v.TERM_LIST_FIELDS.get(q.field) or v.ENUM_FIELDS.get(q.field) or ()
    if q.type == "yes_no" and q.field in v.TERM_LIST_FIELDS and q.term not in allowed:
        yield f"term {q.term!r} is not a {q.field} term"
    if q.type in ("single_choice", "multi_choice"):
        if not q.choices:
            yield "a choice question needs choices"
        for choice in q.choices:
            if choice.value is not None and choice.value not in allowed:
                yield f"choice {choice.id!r}: {choice.value!r} is not a {q.field} term"


def _terms(kb: KnowledgeBase) -> Iterator[Problem]:
    vocabularies = {**v.ENUM_FIELDS, **v.TERM_LIST_FIELDS}
    for (field, term), _ in kb.terms.items():
        if field not in vocabularies:
            yield Problem("terms.yaml", term, f"unknown field {field!r}")
        elif term not in vocabularies[field]:
            yield Problem("terms.yaml", term, f"not a {field} term")
