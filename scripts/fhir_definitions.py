"""Write the FHIR definitions the export relies on (StructureDefinitions of spasmcare's
extensions, its CodeSystems) to docs/fhir: ``python scripts/fhir_definitions.py``.

Run it after changing an extension or the knowledge base's terms; a test fails while the
published files differ from what the code makes.
"""

from __future__ import annotations

import json
from pathlib import Path

from spasmcare.fhir import definitions, questionnaire
from spasmcare.kb.load import load_default

FOLDER = Path(__file__).resolve().parents[1] / "docs" / "fhir"


def published() -> dict[str, str]:
    """Each file's name and text, as they are published."""
    kb = load_default()
    form = questionnaire.questionnaire(kb, "spasmcare-intake")
    return {
        name: json.dumps(value, indent=2, ensure_ascii=False) + "\n"
        for name, value in definitions.files(kb, form).items()
    }


def main() -> None:
    FOLDER.mkdir(parents=True, exist_ok=True)
    for old in FOLDER.glob("*.json"):
        old.unlink()
    for name, text in published().items():
        (FOLDER / name).write_text(text, encoding="utf-8")
        print(f"wrote {FOLDER.name}/{name}")


if __name__ == "__main__":
    main()
