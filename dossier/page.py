"""What the dossier template shows, from one loaded Dossier (no queries here)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import format_html

from claims.models import Evidence, Independence, ReviewState, Stance

from .selectors import Dossier
from .svg import Event, render_timeline, render_tree
from .tree import build_tree, cue, origin_name, outlet_name

CONTEXT_CHARS = 180


@dataclass
class EvidenceRow:
    evidence: Evidence
    outlet: str
    origin: str
    cue: str
    reason: str
    passage_html: str
    decided: str
    proposed_by: str


def passage_in_context(evidence: Evidence) -> str:
    """The deciding passage marked inside the text around it ("… before <mark>passage</mark> after …")."""
    text = evidence.article.text or ""
    start, end = evidence.passage_start, evidence.passage_end
    if start is None or end is None or end > len(text):
        return format_html("<mark>{}</mark>", evidence.passage) if evidence.passage else "—"
    a = max(0, start - CONTEXT_CHARS)
    b = min(len(text), end + CONTEXT_CHARS)
    before, after = text[a:start], text[end:b]
    if a > 0:
        before = "…" + before.split(" ", 1)[-1] if " " in before else "…" + before
    if b < len(text):
        after = (after.rsplit(" ", 1)[0] if " " in after else after) + "…"
    return format_html("{}<mark>{}</mark>{}", before, text[start:end], after)


def decided(evidence: Evidence) -> tuple[str, str]:
    """(who decided it now, what proposed it): a person, or a component and its version."""
    machine = f"{evidence.component} {evidence.component_version}".strip()
    when = f"{evidence.decided_at:%Y-%m-%d %H:%M}"
    if evidence.decided_by is not None:
        return f"{evidence.decided_by.get_username()} (person), {when}", machine
    return f"{machine}, {when}", ""


def evidence_rows(dossier: Dossier) -> list[EvidenceRow]:
    rows = []
    for e in dossier.evidence:
        who, machine = decided(e)
        rows.append(
            EvidenceRow(
                evidence=e,
                outlet=outlet_name(e),
                origin=origin_name(e) if e.origin_id else "",
                cue=cue(e),
                reason=(e.scores or {}).get("independence_reason", ""),
                passage_html=passage_in_context(e),
                decided=who,
                proposed_by=machine,
            )
        )
    return rows


def timeline_events(dossier: Dossier) -> list[Event]:
    events = []
    first = dossier.first_seen
    if first is not None:
        carrier = dossier.links[0].display() if dossier.links else "first seen"
        events.append(Event("first", first, carrier, "claim"))
    for e in dossier.live_evidence:
        at = e.article.published_at
        if at is None:
            continue
        if e.stance in (Stance.REFUTES, Stance.DENIED):
            tone = "denied" if e.stance == Stance.DENIED else "refutes"
            word = "denied" if e.stance == Stance.DENIED else "refutes"
            events.append(Event("against", at, f"{origin_name(e)} ({word})", tone, e.pk))
        elif e.independence in (Independence.RE_REPORT, Independence.SYNDICATED, Independence.SAME_OUTLET):
            events.append(Event("rereport", at, origin_name(e), "rereport", e.pk))
        elif e.independence == Independence.INDEPENDENT and e.stance == Stance.SUPPORTS:
            events.append(Event("independent", at, origin_name(e), "independent", e.pk))
    for verdict in dossier.verdicts:
        who = verdict.reviewer.get_username() if verdict.reviewer else str(verdict.organisation)
        events.append(
            Event("verdict", verdict.created_at, f"{verdict.get_status_display()} ({who})", "chain")
        )
    return events


def dossier_context(dossier: Dossier) -> dict:
    rejected = sum(1 for e in dossier.evidence if e.review_state == ReviewState.REJECTED)
    return {
        "dossier": dossier,
        "claim": dossier.claim,
        "tree_html": render_tree(build_tree(dossier)),
        "timeline_html": render_timeline(timeline_events(dossier)),
        "rows": evidence_rows(dossier),
        "rejected_count": rejected,
    }
