"""The exported Questionnaire carries its logic: each ``asks_when`` as ``enableWhen`` (checked
against the rule language on random answers: the same verdict where the item says it is exact,
never hidden where spasmcare would ask where it is wider), ``required``, codes, no empty choice
items and no internal references. ``tests/browser/test_lforms.py`` renders it in LHC-Forms."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spasmcare import vocabulary as v
from spasmcare.fhir.questionnaire import ASKED_WHEN, HIDDEN, questionnaire
from spasmcare.fhir.skip_logic import options, skip
from spasmcare.kb.load import load_default

KB = load_default()
FORM = questionnaire(KB, "form")
ITEMS = {item["linkId"]: item for item in FORM["item"]}
ANSWER_KEYS = ("valueCoding", "valueBoolean", "valueInteger", "valueDecimal", "valueString")


def _value(answer: dict[str, Any]) -> Any:
    if "valueCoding" in answer:
        coding = answer["valueCoding"]
        return (coding.get("system"), coding["code"])
    return next(answer[k] for k in ANSWER_KEYS if k in answer)


def _expected(entry: dict[str, Any]) -> Any:
    if "answerCoding" in entry:
        coding = entry["answerCoding"]
        return (coding.get("system"), coding["code"])
    return next(entry[k] for k in entry if k.startswith("answer"))


def enabled(item: dict[str, Any], answers: dict[str, list[Any]]) -> bool:
    """FHIR R4 enableWhen: exists, = (some answer equals), != (no answer equals), comparisons
    (some answer compares); a disabled question counts as unanswered."""
    conditions = item.get("enableWhen")
    if not conditions:
        return True
    verdicts = []
    for entry in conditions:
        given_ = answers.get(entry["question"], [])
        if entry["question"] in ITEMS and not enabled(ITEMS[entry["question"]], answers):
            given_ = []
        want = _expected(entry)
        values = [_value(a) for a in given_]
        op = entry["operator"]
        if op == "exists":
            verdicts.append(bool(values) == want)
        elif op == "=":
            verdicts.append(want in values)
        elif op == "!=":
            verdicts.append(want not in values)
        else:
            compare = {">=": float.__ge__, ">": float.__gt__, "<=": float.__le__, "<": float.__lt__}
            verdicts.append(any(compare[op](float(x), float(want)) for x in values))
    behavior = item.get("enableBehavior", "all")
    return all(verdicts) if behavior == "all" else any(verdicts)


def facts_of(answers: dict[str, list[Any]]) -> dict[str, Any]:
    """The case facts the same answers give, as the rule language reads them."""
    facts: dict[str, Any] = {}
    for q in KB.questions:
        given_ = answers.get(q.id)
        if not given_:
            continue
        if q.field in v.TERM_LIST_FIELDS:
            terms = set(facts.get(q.field) or ())
            if q.type == "yes_no":
                if given_[0]["valueBoolean"] and q.term:
                    terms.add(q.term)
            else:
                by_code = {c.id: c.value for c in q.choices}
                terms |= {by_code[a["valueCoding"]["code"]] for a in given_} - {None}
            facts[q.field] = frozenset(terms)
        elif q.type == "number":
            facts[q.field] = float(_value(given_[0]))
        elif q.type == "yes_no":
            facts[q.field] = given_[0]["valueBoolean"]
        elif q.type in ("single_choice", "region"):
            by_code = {c["code"]: value for value, c in options(KB, q).items()}
            facts[q.field] = by_code[given_[0]["valueCoding"]["code"]]
    return facts


def _answer_strategy() -> st.SearchStrategy[dict[str, list[Any]]]:
    """Random answers to the questions that other questions' conditions read."""
    read = {t.field for q in KB.questions if q.asks_when for t in q.asks_when.tests()}
    parts: dict[str, st.SearchStrategy[list[Any]]] = {}
    for q in KB.questions:
        if q.field not in read:
            continue
        item = ITEMS[q.id]
        if q.type == "yes_no":
            one = st.sampled_from([{"valueBoolean": True}, {"valueBoolean": False}])
            parts[q.id] = st.lists(one, max_size=1)
        elif q.type == "number":
            low, high = int(q.minimum or 0), int(q.maximum or 120)
            numbers = st.integers(low, high).map(lambda n: {"valueInteger": n})
            parts[q.id] = st.lists(numbers, max_size=1)
        elif "answerOption" in item:
            choice = st.sampled_from(item["answerOption"])
            most = 4 if item.get("repeats") else 1
            parts[q.id] = st.lists(choice, max_size=most, unique_by=lambda a: str(a))
    return st.fixed_dictionaries(parts)


SKIPPED = [q for q in KB.questions if q.asks_when is not None]


def test_every_condition_is_exported() -> None:
    assert len(SKIPPED) >= 10  # the loop below must cover a real share of the questions
    for q in SKIPPED:
        item = ITEMS[q.id]
        assert item.get("enableWhen"), f"{q.id} has asks_when but no enableWhen"
        if len(item["enableWhen"]) > 1:
            assert item["enableBehavior"] in ("all", "any")  # que-12
        for entry in item["enableWhen"]:
            assert entry["question"] in ITEMS
            assert list(ITEMS).index(entry["question"]) < list(ITEMS).index(q.id)
            if entry["operator"] == "exists":
                assert isinstance(entry["answerBoolean"], bool)  # que-7


@settings(max_examples=200, deadline=None)
@given(answers=_answer_strategy())
def test_enable_when_agrees_with_asks_when(answers: dict[str, list[Any]]) -> None:
    facts = facts_of(answers)
    for q in SKIPPED:
        assert q.asks_when is not None
        asks = q.asks_when.holds(facts)
        shown = enabled(ITEMS[q.id], answers)
        if skip(KB, q).exact:
            assert shown == asks, (q.id, answers)
        else:
            assert shown or not asks, f"{q.id} is hidden although spasmcare would ask it"


def test_a_condition_r4_cannot_state_is_wider_and_said_in_words() -> None:
    wider = [q for q in SKIPPED if not skip(KB, q).exact]
    assert [q.id for q in wider] == ["pregnant"]  # sex, and an age range that holds unknown
    item = ITEMS["pregnant"]
    said = [e["valueString"] for e in item["extension"] if e["url"] == ASKED_WHEN]
    assert said and "age" in said[0] and "sex" in said[0]
    assert "pregnant" in FORM["description"] and "asked-when" in FORM["description"]
    # what it keeps: never asked of a man
    male = {"valueCoding": options(KB, next(q for q in KB.questions if q.id == "sex"))["male"]}
    assert not enabled(item, {"sex": [male]})
    assert enabled(item, {})


def test_required_codes_and_no_internal_references() -> None:
    assert ITEMS["where"]["required"] is True
    assert sum(1 for i in FORM["item"] if i.get("required")) == 1
    severity = ITEMS["severity"]
    verified = {c.code for c in KB.codes if c.status == "verified"}
    assert {c["code"] for c in severity.get("code", ())} <= verified  # only verified codes
    assert {c["system"] for c in FORM.get("code", ())} <= {
        "http://snomed.info/sct",
        "http://hl7.org/fhir/sid/icd-10",
        "http://hl7.org/fhir/sid/icd-10-cm",
    }
    unverified = {c.code for c in KB.codes if c.status == "unverified"}
    assert not {c["code"] for c in FORM.get("code", ())} & unverified
    for item in FORM["item"]:
        assert "prefix" not in item
        assert "case field" not in item["text"] and "_" not in item["text"]
        for answer in item.get("answerOption", ()):
            assert answer["valueCoding"]["display"]


@pytest.mark.parametrize("item", FORM["item"], ids=lambda i: i["linkId"])
def test_no_empty_choice_item(item: dict[str, Any]) -> None:
    if item["type"] == "choice":
        assert item.get("answerOption"), f"{item['linkId']} is a choice with nothing to choose"


def test_the_whole_list_items_are_hidden() -> None:
    for name in ("associated", "recent"):
        item = ITEMS[f"case.{name}"]
        assert {"url": HIDDEN, "valueBoolean": True} in item["extension"]
        assert item["readOnly"] is True
