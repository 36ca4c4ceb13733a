"""Thin Celery tasks: take ids, call a service, safe to run twice."""

from celery import shared_task

from . import selectors


@shared_task(name="claims.corroborate_claim", acks_late=True)
def corroborate_claim(claim_id: int) -> dict:
    """Look for coverage that corroborates or contradicts a claim.

    Matching lands with the corroboration issue; until then the run only reports what the claim
    already has, so the admin action, the queue and the workers are exercised end to end.
    """
    return selectors.claim_corroboration_state(claim_id=claim_id)


# Extraction's task lives with extraction; imported so the workers register it.
from .extraction.tasks import extract_article_claims  # noqa: E402, F401
