"""`spasmcare kb check`: the shipped knowledge base passes, and broken ones are rejected clearly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from spasmcare.cli import app
from spasmcare.kb.load import check

runner = CliRunner()


def edit(folder: Path, name: str, change) -> None:
    path = folder / name
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


def test_shipped_knowledge_base_meets_the_minimum_counts() -> None:
    result = runner.invoke(app, ["kb", "check", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["ok"] is True and report["errors"] == []
    minimum = {
        "red_flags": 40,
        "causes": 45,
        "care_steps": 20,
        "myths": 3,
        "sources": 30,
        "questions": 25,
        "medicines": 40,
    }
    for kind, least in minimum.items():
        assert report["counts"][kind] >= least, kind
    assert report["counts"]["codes"] > 0


def test_every_rule_of_the_clinical_reference_is_present(kb) -> None:
    refs = {flag.ref for flag in kb.red_flags}
    wanted = (
        {f"E{i}" for i in range(1, 17)}
        | {f"U{i}" for i in range(1, 12)}
        | {f"S{i}" for i in range(1, 7)}
        | {f"R{i}" for i in range(1, 10)}
    )
    assert wanted <= refs, sorted(wanted - refs)


def test_every_red_flag_cause_and_care_step_cites_a_known_source(kb) -> None:
    entries = [*kb.red_flags, *kb.causes.values(), *kb.steps, *kb.myths]
    for entry in entries:
        assert entry.sources, entry.id
        assert set(entry.sources) <= set(kb.sources), entry.id


def test_the_lay_article_myths_are_corrected(kb) -> None:
    claims = " ".join(m.claim.lower() for m in kb.myths)
    for topic in ("lactic acid", "allerg", "inflammation"):
        assert topic in claims, topic


def test_missing_source_is_named_with_file_and_entry(kb_copy: Path) -> None:
    def drop(data):
        data["red_flags"][0]["sources"] = ["no_such_source"]
        return data["red_flags"][0]["id"]

    flag_id = yaml.safe_load((kb_copy / "red_flags.yaml").read_text())["red_flags"][0]["id"]
    edit(kb_copy, "red_flags.yaml", drop)
    report = check(kb_copy)
    assert not report.ok
    assert any(
        str(e).startswith(f"red_flags.yaml: {flag_id}: ") and "no_such_source" in str(e)
        for e in report.errors
    ), report.errors


def test_unknown_case_field_in_a_rule_is_rejected(kb_copy: Path) -> None:
    def break_rule(data):
        data["causes"][0]["findings"][0]["when"] = {"blood_pressure": {"gte": 140}}

    cause_id = yaml.safe_load((kb_copy / "causes.yaml").read_text())["causes"][0]["id"]
    edit(kb_copy, "causes.yaml", break_rule)
    errors = [str(e) for e in check(kb_copy).errors]
    assert any(
        e.startswith(f"causes.yaml: {cause_id}: ") and "unknown case field 'blood_pressure'" in e
        for e in errors
    ), errors


def test_unknown_vocabulary_term_in_a_rule_is_rejected(kb_copy: Path) -> None:
    def break_rule(data):
        data["red_flags"][1]["when"] = {"associated": {"has_any": ["sore_toe"]}}

    edit(kb_copy, "red_flags.yaml", break_rule)
    errors = [str(e) for e in check(kb_copy).errors]
    assert any("'sore_toe' is not a associated term" in e or "sore_toe" in e for e in errors)


def test_duplicate_id_is_rejected(kb_copy: Path) -> None:
    def duplicate(data):
        data["causes"].append(dict(data["causes"][0]))

    cause_id = yaml.safe_load((kb_copy / "causes.yaml").read_text())["causes"][0]["id"]
    edit(kb_copy, "causes.yaml", duplicate)
    errors = [str(e) for e in check(kb_copy).errors]
    assert f"causes.yaml: {cause_id}: duplicate id" in errors


def test_bad_disposition_is_rejected_with_the_allowed_values(kb_copy: Path) -> None:
    def bad(data):
        data["red_flags"][0]["disposition"] = "asap"

    flag_id = yaml.safe_load((kb_copy / "red_flags.yaml").read_text())["red_flags"][0]["id"]
    edit(kb_copy, "red_flags.yaml", bad)
    errors = [str(e) for e in check(kb_copy).errors]
    assert any(
        e.startswith(f"red_flags.yaml: {flag_id}: disposition: 'asap'") and "emergency" in e
        for e in errors
    ), errors


def test_unknown_field_in_an_entry_is_rejected(kb_copy: Path) -> None:
    def extra(data):
        data["steps"][0]["strength"] = "high"

    step_id = yaml.safe_load((kb_copy / "care.yaml").read_text())["steps"][0]["id"]
    edit(kb_copy, "care.yaml", extra)
    errors = [str(e) for e in check(kb_copy).errors]
    assert f"care.yaml: {step_id}: strength: unknown field" in errors


def test_unknown_medicine_in_a_rule_is_rejected(kb_copy: Path) -> None:
    def unknown(data):
        data["red_flags"][0]["when"] = {"medications": {"has_any": ["unobtainium"]}}

    flag_id = yaml.safe_load((kb_copy / "red_flags.yaml").read_text())["red_flags"][0]["id"]
    edit(kb_copy, "red_flags.yaml", unknown)
    errors = [str(e) for e in check(kb_copy).errors]
    assert any(e.startswith(f"red_flags.yaml: {flag_id}: ") and "unobtainium" in e for e in errors)


def test_unreachable_question_is_rejected(kb_copy: Path) -> None:
    def gate_on_later_field(data):
        first = next(q for q in data["questions"] if q["block"] == "A")
        first["asks_when"] = {"home_treatment_tried_days": {"gte": 1}}
        return first["id"]

    first = next(
        q
        for q in yaml.safe_load((kb_copy / "questions.yaml").read_text())["questions"]
        if q["block"] == "A"
    )
    edit(kb_copy, "questions.yaml", gate_on_later_field)
    errors = [str(e) for e in check(kb_copy).errors]
    assert any(e.startswith(f"questions.yaml: {first['id']}: unreachable") for e in errors), errors


def test_cli_exits_non_zero_and_reports_json_for_a_broken_knowledge_base(kb_copy: Path) -> None:
    (kb_copy / "causes.yaml").write_text("causes: [\n")
    result = runner.invoke(app, ["kb", "check", "--json", "--dir", str(kb_copy)])
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["ok"] is False
    assert any(e.startswith("causes.yaml: -: not valid YAML") for e in report["errors"])


@pytest.mark.parametrize("name", ["sources.yaml", "manifest.yaml"])
def test_missing_file_is_reported(kb_copy: Path, name: str) -> None:
    (kb_copy / name).unlink()
    assert f"{name}: -: file is missing" in [str(e) for e in check(kb_copy).errors]


def test_kb_check_counts_how_every_number_is_based(kb_copy: Path) -> None:
    result = runner.invoke(app, ["kb", "check", "--json", "--dir", str(kb_copy)])
    assert result.exit_code == 0, result.output
    counts = json.loads(result.output)["counts"]
    causes = yaml.safe_load((kb_copy / "causes.yaml").read_text())["causes"]
    assert counts["priors_sourced"] + counts["priors_estimate"] == len(causes)
    findings = sum(len(c["findings"]) for c in causes)
    assert counts["likelihood_ratios_sourced"] + counts["likelihood_ratios_estimate"] == findings
    with_threshold = sum("triage" in c for c in causes)
    assert counts["thresholds_sourced"] + counts["thresholds_estimate"] == with_threshold
    assert counts["priors_sourced"] >= 1 and counts["likelihood_ratios_sourced"] >= 1


def test_a_number_without_a_basis_is_rejected(kb_copy: Path) -> None:
    def strip(data):
        del data["causes"][0]["prior_basis"]

    edit(kb_copy, "causes.yaml", strip)
    report = check(kb_copy)
    assert any("prior_basis" in str(e) for e in report.errors), report.errors


def test_a_basis_must_be_either_sourced_or_an_estimate(kb_copy: Path) -> None:
    def both(data):
        data["causes"][0]["prior_basis"] = {"sources": ["nhs_leg_cramps"], "estimate": "guess"}

    edit(kb_copy, "causes.yaml", both)
    report = check(kb_copy)
    assert any("either sources" in str(e) for e in report.errors), report.errors


def test_the_handbook_shows_where_each_number_comes_from(tmp_path: Path, kb) -> None:
    from spasmcare.kb.handbook import markdown

    text = markdown(kb)
    assert "Action threshold:" in text
    assert "sourced from `ctt_statin_muscle_2022`" in text
    assert text.count("estimate:") >= len(kb.causes)
