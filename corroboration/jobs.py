"""Durable state for corroboration work (issue 15, D19): what was asked for and is not done yet.

A Celery message can be lost (a broker purge or restart) or held for the visibility timeout by a
worker that died without acknowledging it. Each request is therefore also a `CorroborationJob` row,
written before its message is sent and deleted when the work is done; `jobs_due` finds rows whose
message seems lost (queued more than CORROBORATION_STALE_SECONDS ago and not started, or started by a
worker whose lease lapsed) so the sweep task can queue them again. Running twice is harmless: evidence
is keyed by (claim, article).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone

from sources.leases import LeaseKeeper

from .models import CorroborationJob, JobStatus


def jobs_request(*, kind: str, target_ids: Iterable[int], now: datetime | None = None) -> None:
    """Record that corroboration of these targets is wanted (again); call before sending the messages."""
    now = now or timezone.now()
    rows = [
        CorroborationJob(kind=kind, target_id=target_id, requested_at=now, enqueued_at=now)
        for target_id in dict.fromkeys(target_ids)
    ]
    if rows:
        CorroborationJob.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["kind", "target_id"],
            update_fields=["requested_at", "enqueued_at", "status", "attempts", "last_error"],
        )


def job_run(*, kind: str, target_id: int, work: Callable[[], Any], from_job: bool) -> Any:
    """Run `work` for one target under the job's lease; the row is deleted once it is done.

    `from_job`: the message was sent for a job row (by a request or the sweep). If that row is gone the
    work was done meanwhile (this is a duplicate): nothing runs, None is returned. A message sent by
    hand (no job) always runs. A row held by a live worker is left to it.
    """
    now = timezone.now()
    rows = CorroborationJob.objects.filter(kind=kind, target_id=target_id, status=JobStatus.PENDING)
    job = rows.first()
    if job is None:
        return None if from_job else work()
    lease_seconds = settings.CORROBORATION_LEASE_SECONDS
    free = Q(lease_until__isnull=True) | Q(lease_until__lt=now)
    taken = rows.filter(free, pk=job.pk).update(
        lease_until=now + timedelta(seconds=lease_seconds), attempts=F("attempts") + 1
    )
    if not taken:
        return None  # a live worker runs it right now

    def renew():
        rows.filter(pk=job.pk).update(lease_until=timezone.now() + timedelta(seconds=lease_seconds))

    try:
        with LeaseKeeper(renew, seconds=lease_seconds):
            result = work()
    except Exception as exc:
        job.refresh_from_db()
        gave_up = job.attempts >= settings.CORROBORATION_MAX_ATTEMPTS
        CorroborationJob.objects.filter(pk=job.pk).update(
            lease_until=None,
            enqueued_at=timezone.now(),  # the sweep tries again after the stale period
            status=JobStatus.FAILED if gave_up else JobStatus.PENDING,
            last_error=f"{type(exc).__name__}: {exc}"[:2000],
        )
        raise
    # Done, unless someone asked again while it ran: then the row stays for that request.
    if not CorroborationJob.objects.filter(pk=job.pk, requested_at=job.requested_at).delete()[0]:
        CorroborationJob.objects.filter(pk=job.pk).update(lease_until=None)
    return result


def jobs_due(*, now: datetime | None = None, limit: int = 5000) -> list[CorroborationJob]:
    """Pending jobs whose message seems lost; marks them queued again now (the caller sends them)."""
    now = now or timezone.now()
    stale = now - timedelta(seconds=settings.CORROBORATION_STALE_SECONDS)
    lost = Q(lease_until__isnull=True, enqueued_at__lt=stale) | Q(lease_until__lt=now)
    due = list(
        CorroborationJob.objects.filter(lost, status=JobStatus.PENDING)
        .order_by("enqueued_at")
        .only("id", "kind", "target_id")[:limit]
    )
    CorroborationJob.objects.filter(id__in=[job.id for job in due]).update(enqueued_at=now)
    return due
