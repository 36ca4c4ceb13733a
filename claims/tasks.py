"""Thin Celery tasks of the claims room: take ids, call a service, safe to run twice.

Routed by name to the `cpu` queue (CELERY_TASK_ROUTES "claims.*").
"""

from celery import shared_task

from . import services
from .models import Claim


@shared_task(name="claims.refresh_summary", acks_late=True)
def refresh_summary(claim_id: int) -> dict:
    """Recompute a claim's stored corroboration summary from its evidence, chain and verdict."""
    claim = Claim.objects.filter(pk=claim_id).first()
    if claim is None:
        return {"claim": claim_id, "found": False}
    summary = services.summary_refresh(claim=claim)
    return {"claim": claim_id, "found": True, "suggested_grade": summary.suggested_grade}


@shared_task(name="claims.queue_due_predictions", acks_late=True)
def queue_due_predictions() -> dict:
    """Beat: predictions that fell due are corroborated again, once, and join "predictions due"."""
    return {"queued": services.predictions_due_queue()}
