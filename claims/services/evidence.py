"""Evidence: link an article to a claim (machine or person), accept or reject a proposed link."""

from __future__ import annotations

from collections.abc import Mapping

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from sources.models import Article, Source

from ..errors import ApplicationError, NotAllowed
from ..models import Claim, Evidence, Independence, ReviewState, Stance
from .audit import audit_record
from .common import validate
from .summary import summary_refresh_later


@transaction.atomic
def evidence_upsert(
    *,
    claim: Claim,
    article: Article,
    stance: str = Stance.MENTIONS,
    independence: str = Independence.UNKNOWN,
    origin: Source | None = None,
    passage_start: int | None = None,
    passage_end: int | None = None,
    scores: Mapping[str, float] | None = None,
    component: str = "",
    component_version: str = "",
    actor: AbstractBaseUser | None = None,
    refresh_summary: bool = True,
) -> Evidence:
    """Link an article to a claim as evidence, or update the link. Safe to run twice.

    A machine (`component` given) never overrides a person: once a reviewer accepted or rejected a
    link, a matcher's re-run leaves it alone, so a rejected link is not proposed again. Every change is
    audited and numbered for the changes feed; the summary is refreshed after commit unless the
    caller (a corroboration run, which refreshes once at its end) says otherwise.
    """
    if not component and actor is None:
        raise ApplicationError("Evidence records who decided it: a component or a person.")
    existing = Evidence.objects.select_for_update().filter(claim=claim, article=article).first()
    if existing is not None and component and existing.review_state != ReviewState.PROPOSED:
        return existing
    before = _evidence_state(existing) if existing is not None else None
    evidence = existing or Evidence(claim=claim, article=article)
    evidence.stance = stance
    evidence.independence = independence
    evidence.origin = origin
    evidence.passage_start, evidence.passage_end = passage_start, passage_end
    evidence.passage = article.text[passage_start:passage_end] if passage_start is not None else ""
    evidence.scores = dict(scores or {})
    evidence.component, evidence.component_version = component, component_version
    evidence.decided_by = actor if not component else None
    evidence.decided_at = timezone.now()
    if not component:
        evidence.review_state = ReviewState.ACCEPTED
    validate(evidence, exclude=["claim", "article"])
    evidence.save()
    after = _evidence_state(evidence)
    if before != after:
        audit_record(
            claim=claim,
            actor=actor,
            action="evidence_added" if existing is None else "evidence_changed",
            changes={"evidence": [before, after]},
        )
        if refresh_summary:
            summary_refresh_later(claim_ids=[claim.pk])
    return evidence


def _evidence_state(evidence: Evidence) -> str:
    return f"{evidence.article.url}: {evidence.stance}, {evidence.independence}, {evidence.review_state}"


@transaction.atomic
def evidence_review(*, evidence: Evidence, accept: bool, actor: AbstractBaseUser) -> Evidence:
    """A person accepts or rejects a proposed evidence link; the decision is theirs from now on."""
    if not actor.has_perm("claims.change_evidence"):
        raise NotAllowed("Only editors and reviewers can accept or reject evidence.")
    evidence.review_state = ReviewState.ACCEPTED if accept else ReviewState.REJECTED
    evidence.decided_by = actor
    evidence.decided_at = timezone.now()
    evidence.save(update_fields=["review_state", "decided_by", "decided_at"])
    audit_record(
        claim=evidence.claim,
        actor=actor,
        action="evidence_accepted" if accept else "evidence_rejected",
        changes={"evidence": [None, evidence.article.url]},
    )
    summary_refresh_later(claim_ids=[evidence.claim_id])
    return evidence
