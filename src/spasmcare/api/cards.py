"""CDS Hooks cards: the latest spasmcare assessment, the patient's medicines, or an invitation.

Every card follows the CDS Hooks 2.0 card rules: a summary under 140 characters, an indicator
of info, warning or critical, a source whose label is "spasmcare" and whose topic names the
guideline behind the card (from the knowledge base's bibliography), and a fresh uuid.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal

from pydantic import BaseModel, Field

from spasmcare.case import CaseError, parse_case
from spasmcare.engine import plan
from spasmcare.engine.assess import names_of
from spasmcare.engine.facts import facts_of
from spasmcare.fhir.terminology import BASE
from spasmcare.kb import schema
from spasmcare.kb.load import KnowledgeBase
from spasmcare.result import Avoid, FiredRedFlag
from spasmcare.services.sharing import LatestSummary
from spasmcare.vocabulary import urgency

SUMMARY_MAX: Final = 139
"""CDS Hooks: the summary SHALL be under 140 characters."""
LABEL: Final = "spasmcare"
SOURCE_SYSTEM: Final = f"{BASE}/CodeSystem/source"
"""Codes of the knowledge base's bibliography (the source ids of sources.yaml)."""

Indicator = Literal["info", "warning", "critical"]
INDICATORS: Final[dict[str, Indicator]] = {
    "self_care": "info",
    "routine": "info",
    "soon": "warning",
    "urgent": "warning",
    "emergency": "critical",
}


class Coding(BaseModel):
    system: str | None = None
    code: str
    display: str | None = None


class CardSource(BaseModel):
    """Who says so: spasmcare, and the guideline behind the card."""

    label: str
    url: str | None = None
    topic: Coding | None = None


class Card(BaseModel):
    """A CDS Hooks 2.0 card."""

    uuid: str
    summary: str = Field(max_length=SUMMARY_MAX)
    detail: str | None = Field(None, description="GitHub-flavoured Markdown.")
    indicator: Indicator
    source: CardSource


@dataclass(frozen=True)
class Record:
    """What the EHR's prefetch says about the patient: medicine names, age and sex."""

    medications: tuple[str, ...] = ()
    age: int | None = None
    sex: str | None = None
    missing: tuple[str, ...] = ()
    """The prefetch keys the EHR did not send (or sent as null): what was not screened."""


def assessment_card(kb: KnowledgeBase, latest: LatestSummary) -> Card:
    """The card for the latest assessment and the diary rules."""
    result = latest.result
    flags = sorted(
        [*result.red_flags, *latest.diary_reasons], key=lambda f: -urgency(f.disposition)
    )
    disposition = max(
        [result.disposition, *(f.disposition for f in latest.diary_reasons)], key=urgency
    )
    title = kb.dispositions[disposition].title if disposition in kb.dispositions else disposition
    summary = f"spasmcare {latest.at:%Y-%m-%d}: {title}"
    if flags:
        summary += f" - {flags[0].title}"
    lines = [f"**{result.headline}**", ""]
    lines.append(f"Assessed {latest.at:%d %B %Y} with knowledge base {result.knowledge_version}.")
    if result.red_flags:
        lines += ["", "**Red flags**", *(_flag_line(f) for f in result.red_flags)]
    if latest.diary_reasons:
        lines += ["", "**Diary rules since**", *(_flag_line(f) for f in latest.diary_reasons)]
    likely = [c for c in result.causes if c.likelihood != "less_likely"][:3]
    if likely:
        lines += ["", "**Possible causes**"]
        lines += [f"- {c.title} ({c.likelihood.replace('_', ' ')})" for c in likely]
    if result.plan.avoid:
        lines += [
            "",
            "**Over-the-counter pain relief to avoid**",
            *map(_avoid_line, result.plan.avoid),
        ]
    if latest.from_record:
        known = " and ".join(latest.from_record)
        lines += ["", f"Pain relief screened with the EHR's {known} (not in the diary)."]
    lines += ["", f"_{result.disclaimer}_"]
    source = (
        flags[0].sources[0] if flags and flags[0].sources else _fallback_source(kb, disposition)
    )
    return _card(kb, summary, "\n".join(lines), INDICATORS.get(disposition, "warning"), source)


def medicines_card(kb: KnowledgeBase, record: Record, *, invite: bool) -> Card | None:
    """A card on the recorded medicines: links to cramps and the pain-relief screen.

    None when nothing is worth saying, unless ``invite`` (no assessment on record either).
    """
    if not record.medications:
        return None
    links = [link for name in record.medications if (link := _link(kb, name)) is not None]
    avoid, check_first = screen(kb, record)
    unknown = [n for n in record.medications if kb.medicine_names.find(n) is None]
    if not (links or avoid or check_first or invite):
        return None
    parts = []
    if links:
        parts.append("linked to cramps: " + ", ".join(name for name, _ in links))
    if avoid:
        parts.append("avoid " + ", ".join(dict.fromkeys(a.what for a in avoid)))
    summary = (
        "Medicines " + "; ".join(parts) if parts else "No recorded medicine is linked to cramps"
    )
    lines = []
    if links:
        lines += ["**Medicines linked to cramps**"]
        for name, entry in links:
            note = f": {entry.note}" if entry.note else ""
            lines.append(f"- {_md(name)} ({entry.title}, evidence grade {entry.cramp_link}){note}")
        lines.append("")
    if avoid:
        lines += ["**Over-the-counter pain relief to avoid**", *map(_avoid_line, avoid), ""]
    if check_first:
        lines += ["**Check with a pharmacist first**", *map(_avoid_line, check_first), ""]
    if unknown:
        names = ", ".join(_md(n) for n in unknown)
        lines += [f"Not in spasmcare's knowledge base, so not screened: {names}.", ""]
    if invite:
        lines += [_INVITE, ""]
    lines.append(f"_{kb.manifest.disclaimer}_")
    sources = [e.sources[0] for _, e in links if e.sources]
    sources += [a.sources[0] for a in [*avoid, *check_first] if a.sources]
    source = sources[0] if sources else _fallback_source(kb, "self_care")
    indicator: Indicator = "warning" if avoid else "info"
    return _card(kb, summary, "\n".join(lines).strip(), indicator, source)


def invite_card(kb: KnowledgeBase) -> Card:
    """No assessment on record and no medicines to screen: invite a spasmcare check."""
    summary = "No spasmcare check on record: invite the patient to a check for cramps and spasms"
    detail = f"{_INVITE}\n\n_{kb.manifest.disclaimer}_"
    return _card(kb, summary, detail, "info", _fallback_source(kb, "self_care"))


MEDICATION_PREFETCH: Final = ("medicationRequests", "medicationStatements")
_WHAT: Final = {
    "patient": "Patient (age and sex)",
    "medicationRequests": "MedicationRequest list",
    "medicationStatements": "MedicationStatement list",
}


def missing_prefetch_card(kb: KnowledgeBase, record: Record) -> Card | None:
    """Say what was not screened because the EHR sent no prefetch for it: spasmcare does not
    query the FHIR server, so without this card a missing list would read as "all clear"."""
    if not record.missing:
        return None
    what = " or ".join(_WHAT.get(key, key) for key in record.missing)
    medicines = [key for key in record.missing if key in MEDICATION_PREFETCH]
    if medicines:
        summary = f"Medicines not screened: the EHR sent no {what}"
        done = "the medicines were" if len(medicines) == 2 else "the medicines in it were"
    else:
        summary = f"Screened without age or sex: the EHR sent no {what}"
        done = "the pain-relief screen ran without the patient's age and sex, which were"
    detail = (
        f"The call carried no prefetch of the {what}, and spasmcare does not query the EHR's "
        f"FHIR server, so {done} not checked for links to cramps or for over-the-counter pain "
        "relief to avoid. This is not an all-clear: check them in the record, or configure "
        "the EHR to send the prefetch that `GET /cds-services` lists."
        f"\n\n_{kb.manifest.disclaimer}_"
    )
    return _card(kb, summary, detail, "info", _fallback_source(kb, "self_care"))


def screen(kb: KnowledgeBase, record: Record) -> tuple[list[Avoid], list[Avoid]]:
    """The over-the-counter pain-relief screen for what the record says."""
    case: dict[str, Any] = {"medications": list(record.medications)}
    if record.age is not None and 0 <= record.age <= 120:
        case["age"] = record.age
    if record.sex in ("female", "male", "other"):
        case["sex"] = record.sex
    try:
        return screen_case(kb, case)
    except CaseError:
        return [], []


def screen_case(kb: KnowledgeBase, case: Mapping[str, Any]) -> tuple[list[Avoid], list[Avoid]]:
    """The pain-relief screen of a case (CaseError when it is not a valid, partial case)."""
    parsed = parse_case(dict(case), names_of(kb), partial=True)
    return plan.screen(kb, facts_of(parsed, kb))


_INVITE = (
    "spasmcare has no assessment for this patient. If they have muscle spasms or cramps, "
    "invite them to a spasmcare check: it screens for danger signs, explains likely causes "
    "with their sources and gives a safe self-care plan."
)


def _link(kb: KnowledgeBase, name: str) -> tuple[str, schema.Medicine] | None:
    """The strongest link to cramps of a medicine or any of its classes."""
    ident = kb.medicine_names.find(name)
    if ident is None:
        return None
    linked = [kb.medicines[c] for c in sorted(kb.classes_of(ident)) if c in kb.medicines]
    linked = [m for m in linked if m.cramp_link]
    if not linked:
        return None
    return name, min(linked, key=lambda m: m.cramp_link or "Z")


def _card(kb: KnowledgeBase, summary: str, detail: str, indicator: Indicator, source: str) -> Card:
    return Card(
        uuid=str(uuid.uuid4()),
        summary=shorten(summary),
        detail=detail,
        indicator=indicator,
        source=card_source(kb, source),
    )


def card_source(kb: KnowledgeBase, source_id: str) -> CardSource:
    """spasmcare as the label; the bibliography entry as the topic (and its url)."""
    entry = kb.sources.get(source_id)
    if entry is None:
        return CardSource(label=LABEL, topic=Coding(system=SOURCE_SYSTEM, code=source_id))
    display = f"{entry.authors}: {entry.title}" + (f" ({entry.year})" if entry.year else "")
    topic = Coding(system=SOURCE_SYSTEM, code=entry.id, display=display)
    return CardSource(label=LABEL, url=entry.url, topic=topic)


def _fallback_source(kb: KnowledgeBase, disposition: str) -> str:
    text = kb.dispositions.get(disposition)
    return text.sources[0] if text else next(iter(kb.sources))


def shorten(text: str, limit: int = SUMMARY_MAX) -> str:
    """``text`` cut to ``limit`` characters at a word, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:(")
    return cut + "…"


def _flag_line(flag: FiredRedFlag) -> str:
    because = "; ".join(flag.because)
    return f"- **{flag.title}** ({flag.disposition.replace('_', ' ')}): {because}"


def _avoid_line(item: Avoid) -> str:
    because = f" ({'; '.join(map(_md, item.because))})" if item.because else ""
    return f"- {item.what}: {item.reason}{because}"


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~])")


def _md(text: str) -> str:
    """Text from the EHR, escaped so that it cannot add Markdown or HTML to the detail."""
    return _MARKDOWN.sub(r"\\\1", " ".join(text.split()))


def names_in(values: Sequence[str]) -> tuple[str, ...]:
    """Distinct names, in order, without blanks."""
    return tuple(dict.fromkeys(" ".join(v.split()) for v in values if v.strip()))
