"""The handbook: the whole knowledge base as a document a clinician can review without YAML."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from markdown_it import MarkdownIt

from spasmcare.kb import rules, schema
from spasmcare.kb.load import KnowledgeBase
from spasmcare.vocabulary import DISPOSITIONS, urgency


def markdown(kb: KnowledgeBase) -> str:
    """The handbook as Markdown."""
    return "\n".join(_sections(kb)) + "\n"


def html(kb: KnowledgeBase) -> str:
    """The handbook as a self-contained HTML page (no external requests)."""
    env = Environment(loader=PackageLoader("spasmcare.kb"), autoescape=select_autoescape())
    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(markdown(kb))
    return env.get_template("handbook.html").render(body=body, version=kb.version)


def write(kb: KnowledgeBase, folder: Path) -> list[Path]:
    """Write handbook.md and handbook.html into ``folder``; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / "handbook.md", folder / "handbook.html"]
    paths[0].write_text(markdown(kb), encoding="utf-8")
    paths[1].write_text(html(kb), encoding="utf-8")
    return paths


def _cite(kb: KnowledgeBase, ids: list[str]) -> str:
    return ", ".join(f"`{i}`" for i in ids) or "none"


def _basis(kb: KnowledgeBase, basis: schema.Basis) -> str:
    """Where a number comes from, in words."""
    if basis.estimate:
        return f"estimate: {basis.estimate}"
    figure = f": {basis.figure}" if basis.figure else ""
    return f"sourced from {_cite(kb, basis.sources)}{figure}"


def _sections(kb: KnowledgeBase) -> Iterator[str]:
    m = kb.manifest
    reviewers = ", ".join(m.reviewed_by) or "not yet reviewed"
    yield f"# {m.name}\n\nVersion {kb.version}. Reviewed by: {reviewers}.\n"
    yield f"> {m.disclaimer}\n"
    yield "## Red flags\n\nWhen several rules hold, the most urgent disposition wins.\n"
    for level in reversed(DISPOSITIONS):
        flags = [f for f in kb.red_flags if f.disposition == level]
        if flags:
            yield f"### {kb.dispositions[level].title}\n"
        for f in sorted(flags, key=lambda f: -urgency(f.disposition)):
            yield (
                f"#### {f.ref} {f.title} (`{f.id}`)\n\n**When:** {rules.describe(f.when)}\n\n"
                f"**Why it matters:** {f.explanation}\n\n**What to do:** {f.action}\n\n"
                f"Points to: {', '.join(f.causes) or 'none'}. Review: {f.review}. "
                f"Sources: {_cite(kb, f.sources)}\n"
            )
    yield (
        "## Causes\n\nEach cause's probability is its prior odds times the likelihood ratios of "
        "the findings present. A serious cause with an action threshold raises the disposition "
        "when its probability reaches the threshold. Every number says where it comes from: "
        "*sourced* (with the figure the source reports) or *estimate* (with the reason).\n"
    )
    for c in sorted(kb.causes.values(), key=lambda c: c.title):
        gate = f"**Considered only when:** {rules.describe(c.requires)}\n\n" if c.requires else ""
        rows = "\n".join(
            f"| {fi.text} | {rules.describe(fi.when)} | {fi.weight:+.1f} | "
            f"{_basis(kb, fi.basis) if fi.basis else 'as the cause'} |"
            for fi in c.findings
        )
        triage = (
            f"**Action threshold:** {c.triage.disposition.replace('_', ' ')} at a probability of "
            f"{c.triage.threshold:g} or more ({_basis(kb, c.triage.basis)})"
            + (f", except when {rules.describe(c.triage.unless)}" if c.triage.unless else "")
            + ".\n\n"
            if c.triage
            else ""
        )
        yield (
            f"### {c.title} (`{c.id}`)\n\n{c.summary}\n\nPrior: {c.prior:g} "
            f"({_basis(kb, c.prior_basis)}). Serious: {'yes' if c.serious else 'no'}.\n\n"
            f"{triage}{gate}Likelihood ratios: {_basis(kb, c.weights_basis)}, unless a row says "
            f"otherwise.\n\n| finding | condition | log LR | basis |\n"
            f"|---|---|---|---|\n{rows}\n\nNext steps: {c.next_steps or '-'}\n\n"
            f"Sources: {_cite(kb, c.sources)}\n"
        )
    yield "## Care steps\n"
    for s in kb.steps:
        applies = rules.describe(s.applies_when) if s.applies_when else "always"
        cautions = "".join(
            f"\n- Caution: {c.text}" + (f" (when {rules.describe(c.when)})" if c.when else "")
            for c in s.cautions
        )
        yield (
            f"### {s.title} (`{s.id}`)\n\n{s.text}\n\nEvidence: **{s.evidence}**. Kind: "
            f"{s.kind}. Dispositions: {', '.join(s.dispositions)}. Applies: {applies}.\n"
            f"{cautions}\n\nSources: {_cite(kb, s.sources)}\n"
        )
    yield "## Popular claims and what the evidence says\n"
    for y in kb.myths:
        yield (
            f"### \u201c{y.claim}\u201d (`{y.id}`)\n\nVerdict: **{y.verdict}**. {y.evidence}\n\n"
            f"Sources: {_cite(kb, y.sources)}\n"
        )
    yield "## Safety-netting\n"
    yield "\n".join(f"- {line.text} ({_cite(kb, line.sources)})" for line in kb.safety_net) + "\n"
    yield "## Over-the-counter pain relief screen\n"
    for d in kb.otc_screen:
        items = "\n".join(
            f"- **{kind}** when {rules.describe(i.when)}: {i.reason}"
            for kind, group in (("Avoid", d.stop), ("Check first", d.caution))
            for i in group
        )
        doses = "\n".join(f"- {dose.jurisdiction}: {dose.text}" for dose in d.label_max)
        cited = _cite(kb, d.sources)
        yield f"### {d.title}\n\n{items}\n\nLabel maximum:\n\n{doses}\n\nSources: {cited}\n"
    yield "## Medicines\n\n| id | kind | names | classes | cramp link |\n|---|---|---|---|---|"
    yield (
        "\n".join(
            f"| {x.id} | {x.kind} | {', '.join([x.title, *x.synonyms])} | "
            f"{', '.join(x.classes)} | {x.cramp_link or ''} |"
            for x in kb.medicines.values()
        )
        + "\n"
    )
    yield "## Questions\n"
    for q in kb.questions:
        when = f" Asked when: {rules.describe(q.asks_when)}." if q.asks_when else ""
        yield f"- **{q.ref}** ({q.type}, fills `{q.field}`): {q.text}{when}"
    yield "\n## Codes\n\n| concept | system | code | display | status |\n|---|---|---|---|---|"
    yield (
        "\n".join(
            f"| {c.concept} | {c.system} | {c.code} | {c.display} | {c.status} |" for c in kb.codes
        )
        + "\n"
    )
    yield "## Sources\n"
    for src in kb.sources.values():
        link = f" <{src.url}>" if src.url else ""
        yield (
            f"- `{src.id}` {src.tag or ''} {src.authors}. *{src.title}*. {src.year or ''}. "
            f"{src.kind}; "
            f"{'checked' if src.checked else 'not yet checked'}.{link}\n"
        )
