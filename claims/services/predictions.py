"""Predictions that fell due: corroborated again, once, and put in the reviewer queue."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from ..models import Claim, ClaimKind
from .audit import audit_record
from .corroboration import corroboration_request


def predictions_due_queue(*, today: date | None = None) -> list[int]:
    """Queue every prediction due by `today` (default: today, UTC) that was not queued yet.

    Each claim is taken by compare-and-swap on `due_queued_at`, so two beats (or a beat and a
    redelivered message) never queue one prediction twice. Returns the ids queued now.
    """
    today = today or timezone.now().date()
    queued = []
    candidates = Claim.objects.filter(
        kind=ClaimKind.PREDICTION, due_at__lte=today, due_queued_at__isnull=True
    ).values_list("pk", flat=True)
    for pk in list(candidates):
        with transaction.atomic():
            now = timezone.now()
            if Claim.objects.filter(pk=pk, due_queued_at__isnull=True).update(due_queued_at=now) != 1:
                continue
            claim = Claim.objects.get(pk=pk)
            audit_record(
                claim=claim,
                actor=None,
                action="prediction_due",
                changes={"due_at": [None, claim.due_at.isoformat()], "queued_at": [None, now.isoformat()]},
            )
            corroboration_request(claim_ids=[pk])
        queued.append(pk)
    return queued
