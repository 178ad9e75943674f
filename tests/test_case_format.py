"""The case model: strict checking with errors that name the key, the value and what is allowed."""

from __future__ import annotations

import pytest

from spasmcare.case import CaseError, parse_case
from spasmcare.engine.assess import names_of
from spasmcare.vocabulary import REGIONS


def parse(kb, raw):
    return parse_case(raw, names_of(kb))


def errors_of(kb, raw) -> list[str]:
    with pytest.raises(CaseError) as caught:
        parse(kb, raw)
    return [str(e) for e in caught.value.errors]


def test_region_is_required(kb) -> None:
    (error,) = errors_of(kb, {"age": 40})
    assert error.startswith("region: is required; allowed: head, face")


def test_unknown_key_names_the_key_and_the_allowed_keys(kb) -> None:
    (error,) = errors_of(kb, {"region": "calf", "blood_pressure": 120})
    assert error.startswith("blood_pressure: unknown key; allowed keys:")
    assert "severity_0_10" in error


def test_value_outside_an_enumeration_names_value_and_allowed(kb) -> None:
    (error,) = errors_of(kb, {"region": "elbow"})
    assert error == "region: 'elbow' is not allowed; allowed: " + ", ".join(REGIONS)


def test_every_problem_is_reported_at_once(kb) -> None:
    errors = errors_of(
        kb,
        {
            "region": "calf",
            "age": 130,
            "sex": "F",
            "pregnant": "yes",
            "associated": ["fever", "sore"],
            "severity_0_10": 7.5,
        },
    )
    keys = sorted(e.split(":")[0] for e in errors)
    assert keys == ["age", "associated", "pregnant", "severity_0_10", "sex"]
    assert any("130 is out of range; allowed: an integer from 0 to 120" in e for e in errors)
    assert any("'sore' not allowed" in e and "fever" not in e.split(";")[0] for e in errors)


@pytest.mark.parametrize("value", [True, "42", None, [1]])
def test_wrong_types_are_errors_not_crashes(kb, value) -> None:
    if value is None:
        assert parse(kb, {"region": "calf", "age": value}).age is None
        return
    (error,) = errors_of(kb, {"region": "calf", "age": value})
    assert error.startswith("age: ") and "integer" in error


def test_whole_number_floats_are_accepted_for_integer_fields(kb) -> None:
    assert parse(kb, {"region": "calf", "age": 42.0}).age == 42


def test_not_json_object_is_a_clear_error(kb) -> None:
    assert errors_of(kb, "[1, 2]") == ["case: a case is a JSON object of keys and values"]
    assert errors_of(kb, "{oops")[0].startswith("case: not valid JSON")


@pytest.mark.parametrize(
    ("given", "canonical"),
    [
        ("Acetaminophen", "paracetamol"),
        ("paracetamol", "paracetamol"),
        ("ATORVASTATIN", "atorvastatin"),
        ("Thiazide-Diuretic", "thiazide_diuretic"),
        ("thiazide diuretic", "thiazide_diuretic"),
        ("frusemide", "furosemide"),
        ("albuterol", "salbutamol"),
    ],
)
def test_medicine_names_are_normalised(kb, given: str, canonical: str) -> None:
    case = parse(kb, {"region": "calf", "medications": [given]})
    assert case.medications == (canonical,)
    assert case.warnings == ()


@pytest.mark.parametrize(
    ("given", "canonical"),
    [
        ("Chronic Kidney Disease", "chronic_kidney_disease"),
        ("underactive thyroid", "hypothyroidism"),
        ("pregnant", "pregnancy"),
    ],
)
def test_condition_names_are_normalised(kb, given: str, canonical: str) -> None:
    assert parse(kb, {"region": "calf", "conditions": [given]}).conditions == (canonical,)


def test_unknown_names_are_kept_and_reported_as_warnings(kb) -> None:
    case = parse(kb, {"region": "calf", "medications": ["Zorblax 20", "statin"]})
    assert case.medications == ("zorblax_20", "statin")
    (warning,) = case.warnings
    assert "medications: 'Zorblax 20' is not in the knowledge base" in warning


def test_pregnancy_as_a_condition_sets_pregnant(kb) -> None:
    assert parse(kb, {"region": "calf", "conditions": ["pregnancy"]}).pregnant is True
    assert parse(kb, {"region": "calf", "pregnant": False}).pregnant is False
