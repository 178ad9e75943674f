"""FHIR R4 export and import of the diary: a Bundle (type collection) or NDJSON.

What is exported:

- a pseudonymous **Patient**: a random UUID kept in the diary's home (``fhir-patient-id``),
  no name, no birth date; the profile (age, sex, pregnancy, medicines, conditions) as
  extensions, sex also as ``gender``;
- an **Observation** per episode: pain severity (LOINC 72514-3) as ``valueInteger`` 0-10
  (``dataAbsentReason`` when not recorded), ``effectiveDateTime`` with its UTC offset, the
  body site (SNOMED CT only where codes.yaml has a usable code for the region, otherwise
  text only), the duration as a component in UCUM ``min``, the person's notes as a note, and
  region, side, triggers, what helped, other symptoms and deletion as extensions. A deleted
  episode (kept so that it can be undone) has status ``entered-in-error``;
- per saved assessment: a **QuestionnaireResponse** against a **Questionnaire** generated from
  questions.yaml (item linkId = question id), a **Condition** per likely cause with
  verificationStatus ``provisional`` (likely) or ``differential`` (possible, less likely),
  never ``confirmed``; a **RiskAssessment** whose prediction outcome is the disposition, with
  the fired red flags, their facts and sources as notes, and the saved assessment itself in
  the extension ``.../assessment`` (the case and result as stored, the knowledge-base version;
  see ``assessment``); a **CarePlan** with intent ``proposal`` whose activities are the plan's
  steps (and, with ``doNotPerform``, what to avoid).

Codes and their review status (codes.yaml), decided here:

- ``verified``: a plain coding;
- ``seen_third_party``: the coding is kept, so that a receiving system can match it, but it is
  flagged ``userSelected: false`` with the extension ``.../code-status`` giving the status,
  and the resource carries a note (author "spasmcare") saying that the code is not yet
  verified and that the text is what counts;
- ``unverified``: never exported; the concept travels as ``text`` only.

Every CodeableConcept has ``text``, so no reader depends on a code. Extensions, identifiers,
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
