"""Reactions to what the claims services announce. Thin: enqueue a task, nothing else."""

from django.dispatch import receiver

from .signals import summary_stale
from .tasks import refresh_summary


@receiver(summary_stale, dispatch_uid="claims.refresh_stale_summary")
def refresh_stale_summary(sender, *, claim_ids: list[int], **kwargs) -> None:
    for claim_id in claim_ids:
        refresh_summary.delay(claim_id)
