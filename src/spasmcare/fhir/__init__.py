"""FHIR R4 export and import of the diary: a Bundle (type collection) or NDJSON.

What is exported:

- a pseudonymous **Patient**: a random UUID kept in the diary's home (``fhir-patient-id``),
  no name, no birth date; the profile (age, sex, pregnancy, medicines, conditions) as
  extensions, sex also as ``gender``;
- an **Observation** per episode: pain severity (LOINC 72514-3 once verified) as
  ``valueInteger`` 0-10 (``dataAbsentReason`` when not recorded), ``effectiveDateTime`` with
  its UTC offset, the body site with its laterality (SNOMED CT once verified), a component for
  the finding (muscle cramp or spasm) and one for the duration in UCUM ``min``, the person's
  notes as a note, and
  region, side, triggers, what helped, other symptoms and deletion as extensions. A deleted
  episode (kept so that it can be undone) has status ``entered-in-error``;
- per saved assessment: a **QuestionnaireResponse** against a **Questionnaire** generated from
  questions.yaml (item linkId = question id), a **Condition** per likely cause with
  clinicalStatus ``active``, category ``encounter-diagnosis`` and verificationStatus
  ``provisional`` (likely) or ``differential`` (possible, less likely), never ``confirmed``;
  a **RiskAssessment** whose prediction outcome is the disposition (coded in spasmcare's
  CodeSystem ``disposition``), with
  the fired red flags, their facts and sources as notes, and the saved assessment itself in
  the extension ``.../assessment`` (the case and result as stored, the knowledge-base version;
  see ``assessment``); a **CarePlan** with intent ``proposal`` whose activities are the plan's
  steps (and, with ``doNotPerform``, what to avoid).

Codes of standard terminologies come only from codes.yaml, and only ``verified`` ones (checked
in the terminology's own browser or release files, recorded in ``checked_against`` and
``checked_on``) are exported; any other concept travels as ``text`` only (``spasmcare kb
codes`` lists what awaits that check). The codes FHIR itself defines are in ``hl7``, checked
against the FHIR R4 definitions. Every CodeableConcept has ``text``, so no reader depends on a
code. The StructureDefinitions of the extensions and the CodeSystems are published under
docs/fhir (``definitions``). NDJSON goes to one file, or to a folder as FHIR Bulk Data, one
file per resource type. Extensions, identifiers,
the questionnaire and its answer codes live under ``https://spasmcare.org/fhir``; no code of a
standard terminology is made up here.

Import reads such a file back (a Bundle, or NDJSON) all or nothing, and restores the profile,
the episodes and the saved assessments exactly, ids and the link from an assessment to its
episode included. Every resource is validated against the official R4 JSON schema (``r4``).
From another system's record (``foreign``) it takes the birth date (as an age) and sex, active
medicines, current conditions and pain scores (LOINC 72514-3); ``report`` says what was read,
used and left out and why, and a file naming more than one patient is refused. Check-ins and
self-care steps are not exported to FHIR; use the JSON export to move a whole diary.

``export`` writes, ``read`` reads, ``patient`` keeps the pseudonymous Patient id; importing the
package imports none of them.
"""
