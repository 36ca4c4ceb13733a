"""The corroboration summary: one definition, computed here, stored, and shown as stored everywhere.

Ten re-reports of one anonymous-source story are one origin, not ten confirmations: the summary
counts origins, never articles. Only evidence judged *independent* names a supporting or refuting
origin; re-reports, syndicated copies and the claim's own outlet are counted apart, and a source
already on the claim's chain never confirms it (the origin reporting its own story again confirms
nothing). Every write that can change the answer (evidence upsert / accept / reject, verdicts,
chain edits) calls `summary_refresh_later`, which refreshes it on the workers once it commits.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from ..models import (
    Claim,
    CorroborationSummary,
    Evidence,
    Independence,
    ReviewState,
    Stance,
    SummaryRevision,
)
from ..signals import summary_stale
from .audit import change_record

SUMMARY_COMPONENT = "claims.summary"
SUMMARY_VERSION = "2.0"

REPEATS = {Independence.RE_REPORT, Independence.SYNDICATED, Independence.SAME_OUTLET}


def summary_refresh_later(*, claim_ids: Iterable[int]) -> None:
    """Refresh these claims' summaries on the workers once the current transaction commits."""
    ids = sorted(set(claim_ids))
    if ids:
        transaction.on_commit(lambda: summary_stale.send(sender=Claim, claim_ids=ids))


def claim_origin_id(claim: Claim) -> int | None:
    """The deepest named source in the chain (not the carrying outlet, unless it is the only one)."""
    return _origin_id(list(claim.links.all().order_by("position")))


def _origin_id(chain: list) -> int | None:
    """claim_origin_id of the claim's links, in position order."""
    links = [link for link in chain if link.source_id]
    if not links:
        return None
    deeper = [link for link in links if link.position > 0]
    return (deeper or links)[-1].source_id


def suggest_grade(*, confirmations: int, supporting: int, refuting: int, denied: bool) -> tuple[int, str]:
    """Admiralty information credibility, 1 (confirmed) … 6 (cannot be judged). Never a verdict.

    `confirmations`: independent origins off the claim's chain that support it; `supporting`: any
    supporting coverage at all, re-reports of the claim's own origin included.
    """
    if confirmations and not refuting and not denied:
        return 1, "confirmed by other independent sources"
    if confirmations and confirmations > refuting:
        return 2, "independently confirmed, but denied or contradicted"
    if supporting and not refuting and not denied:
        return 3, "reported by its origin only; no independent confirmation"
    if refuting and not supporting:
        return 5, "contradicted by independent sources and not confirmed"
    if supporting or refuting or denied:
        return 4, "conflicting: denied or contradicted as much as supported"
    return 6, "no coverage that bears on it yet"


def _origin_ref(evidence: Evidence) -> dict:
    """Who an evidence item speaks for: the origin it names, else the outlet that published it."""
    source = evidence.origin or evidence.article.outlet
    if source is not None:
        return {"id": source.pk, "name": source.name, "kind": source.kind}
    return {"id": None, "name": evidence.article.url, "kind": "outlet"}


def _key(ref: dict) -> tuple:
    return ("source", ref["id"]) if ref["id"] is not None else ("url", ref["name"])


def _refs(evidence: Iterable[Evidence]) -> list[dict]:
    found = {}
    for item in evidence:
        ref = _origin_ref(item)
        found.setdefault(_key(ref), ref)
    return sorted(found.values(), key=lambda ref: (ref["name"].casefold(), ref["id"] or 0))


@transaction.atomic
def summary_refresh(*, claim: Claim) -> CorroborationSummary:
    """Recompute and store the claim's summary from its non-rejected evidence, chain and verdict."""
    claim = Claim.objects.select_related("current_verdict").get(pk=claim.pk)
    evidence = list(
        Evidence.objects.filter(claim=claim)
        .exclude(review_state=ReviewState.REJECTED)
        .select_related("origin", "article__outlet")
        .order_by("decided_at", "id")
    )
    chain = list(claim.links.all().order_by("position"))  # one query for the chain and its origin
    chain_ids = {link.source_id for link in chain if link.source_id} | {_origin_id(chain)}
    independent = [e for e in evidence if e.independence == Independence.INDEPENDENT]
    supporting = _refs(
        e for e in independent if e.stance == Stance.SUPPORTS and _origin_ref(e)["id"] not in chain_ids
    )
    refuting = _refs(e for e in independent if e.stance == Stance.REFUTES)
    denials = _refs(e for e in evidence if e.stance == Stance.DENIED)
    re_reports = Counter(_origin_ref(e)["name"] for e in evidence if e.independence == Independence.RE_REPORT)
    any_support = any(e.stance == Stance.SUPPORTS for e in evidence)
    grade, reason = suggest_grade(
        confirmations=len(supporting),
        supporting=len(supporting) or int(any_support),
        refuting=len(refuting),
        denied=bool(denials),
    )
    flagged, why = _needs_rereview(claim, independent)
    summary, _ = CorroborationSummary.objects.select_for_update().get_or_create(claim=claim)
    was_flagged = summary.needs_rereview
    summary.supporting_origins = supporting
    summary.refuting_origins = refuting
    summary.denials = denials
    summary.re_reports = dict(sorted(re_reports.items()))
    summary.re_report_count = sum(re_reports.values())
    summary.syndicated_count = sum(1 for e in evidence if e.independence == Independence.SYNDICATED)
    summary.same_outlet_count = sum(1 for e in evidence if e.independence == Independence.SAME_OUTLET)
    summary.mentions_count = sum(1 for e in evidence if e.stance == Stance.MENTIONS)
    summary.evidence_count = len(evidence)
    summary.suggested_grade, summary.grade_reason = grade, reason
    summary.needs_rereview, summary.rereview_reason = flagged, why
    summary.last_checked_at = timezone.now()
    summary.component, summary.component_version = SUMMARY_COMPONENT, SUMMARY_VERSION
    summary.save()
    # Kept, so an `as_of` answer shows the summary as it stood then (selectors.claims_as_of).
    SummaryRevision.objects.create(claim=claim, at=summary.last_checked_at, data=summary.as_dict())
    if flagged and not was_flagged:
        # Numbered like any change, so the changes feed and webhooks tell consumers (last step: the lock).
        change_record(claim_id=claim.pk, action="rereview_flagged", at=summary.last_checked_at)
    return summary


def _needs_rereview(claim: Claim, independent: list[Evidence]) -> tuple[bool, str]:
    """A verdict stands until independent refuting evidence newer than it comes in."""
    verdict = claim.current_verdict
    if verdict is None:
        return False, ""
    new = [e for e in independent if e.stance == Stance.REFUTES and e.decided_at > verdict.created_at]
    if not new:
        return False, ""
    who = ", ".join(ref["name"] for ref in _refs(new))
    return (
        True,
        f"new independent refuting evidence after the {verdict.get_status_display().lower()} verdict: {who}",
    )
