"""Verdicts: a reviewer's decision on the version they saw; verdicts other fact-checkers published."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from sources.models import Source

from ..errors import ApplicationError, ConflictError, NotAllowed
from ..models import DECIDED_STATUSES, Claim, ClaimStatus, Evidence, Verdict
from .audit import audit_record
from .common import bump_version
from .summary import summary_refresh_later


def verdict_record(
    *,
    claim: Claim,
    status: str,
    rationale: str,
    reviewer: AbstractBaseUser,
    seen_version: int,
    evidence: Iterable[Evidence] = (),
) -> Verdict:
    """Record a reviewer's verdict on the claim version they saw.

    When two reviewers act on the same version, the first to commit wins; the other gets a
    ConflictError carrying the claim as it now is, and nothing of theirs is written.
    """
    if status not in ClaimStatus.values:
        raise ApplicationError(
            "Unknown status.",
            fields={"status": [f"{status!r} is not a status; use one of: {', '.join(ClaimStatus.values)}."]},
        )
    if reviewer is None or not reviewer.has_perm("claims.add_verdict"):
        raise NotAllowed("Only reviewers can record verdicts.")
    rationale = (rationale or "").strip()
    if status in DECIDED_STATUSES and not rationale:
        raise ApplicationError(
            "A decision needs a rationale.",
            fields={
                "rationale": [f"Say why the claim is {ClaimStatus(status).label.lower()}: what it rests on."]
            },
        )
    evidence = list(evidence)
    foreign = [e.pk for e in evidence if e.claim_id != claim.pk]
    if foreign:
        raise ApplicationError(
            "Evidence belongs to another claim.",
            fields={"evidence": [f"Evidence {foreign} is not about this claim."]},
        )
    with transaction.atomic():
        now = timezone.now()
        updated = Claim.objects.filter(pk=claim.pk, version=seen_version).update(
            status=status, version=F("version") + 1, updated_at=now
        )
        if updated != 1:
            current = Claim.objects.get(pk=claim.pk)
            raise ConflictError(
                f"Someone else changed this claim since you saw it (you saw version {seen_version}; it is now "
                f"version {current.version}, status {current.get_status_display()}). Your verdict was not "
                f"recorded: reload the claim and decide again.",
                current=current,
            )
        verdict = Verdict.objects.create(
            claim=claim,
            status=status,
            rationale=rationale,
            reviewer=reviewer,
            claim_version=seen_version,
            created_at=now,
            recorded_at=now,
        )
        verdict.evidence.set(evidence)
        Claim.objects.filter(pk=claim.pk).update(current_verdict=verdict)
        audit_record(
            claim=claim,
            actor=reviewer,
            action="verdict_recorded",
            changes={"status": [claim.status, status], "rationale": [None, rationale]},
        )
        summary_refresh_later(claim_ids=[claim.pk])
    claim.refresh_from_db()
    return verdict


@transaction.atomic
def verdict_import(
    *,
    claim: Claim,
    status: str,
    rationale: str,
    organisation: Source,
    reviewed_at: datetime,
    actor: AbstractBaseUser | None = None,
) -> Verdict:
    """Record a verdict another fact-checking organisation published (a ClaimReview).

    It is attributed to the organisation, not to a reviewer here, and is "as of" its publication
    time: it becomes current only if nothing later was decided on the claim.
    """
    if status not in DECIDED_STATUSES:
        raise ApplicationError(
            "Unknown status.", fields={"status": [f"{status!r} is not a decision this desk records."]}
        )
    rationale = (rationale or "").strip()
    if not rationale:
        raise ApplicationError(
            "A decision needs a rationale.", fields={"rationale": ["Say what it rests on."]}
        )
    seen = Claim.objects.values_list("version", flat=True).get(pk=claim.pk)
    bump_version(claim, seen_version=None)
    verdict = Verdict.objects.create(
        claim=claim,
        status=status,
        rationale=rationale,
        reviewer=None,
        organisation=organisation,
        claim_version=seen,
        created_at=reviewed_at,
        recorded_at=timezone.now(),
    )
    current = Verdict.objects.filter(claim=claim).order_by("-created_at", "-id").first()
    Claim.objects.filter(pk=claim.pk).update(status=current.status, current_verdict=current)
    previous = claim.status
    claim.refresh_from_db()
    audit_record(
        claim=claim,
        actor=actor,
        action="verdict_imported",
        changes={"status": [previous, claim.status], "organisation": [None, organisation.name]},
    )
    summary_refresh_later(claim_ids=[claim.pk])
    return verdict
