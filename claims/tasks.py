"""Thin Celery tasks: take ids, call a service, safe to run twice.

Every claims task is routed to the `cpu` queue by name (CELERY_TASK_ROUTES "claims.*").
"""

from celery import shared_task

from sources.models import Article

from .corroboration import services as corroboration
from .models import Claim


@shared_task(name="claims.tasks.corroborate_claim", acks_late=True)
def corroborate_claim(claim_id: int) -> dict:
    """Search all articles for coverage of one claim; record evidence and refresh its summary.

    Redelivery is harmless: evidence is keyed by (claim, article) and an unchanged decision is left as is.
    """
    claim = Claim.objects.filter(pk=claim_id).first()
    if claim is None:
        return {"claim": claim_id, "found": False}
    return corroboration.claim_corroborate(claim=claim)


@shared_task(name="claims.tasks.match_article", acks_late=True)
def match_article(article_id: int) -> dict:
    """Match one new article against all open claims (ingestion enqueues this for each stored article)."""
    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        return {"article": article_id, "found": False}
    return corroboration.article_match(article=article)


# Extraction's task lives with extraction; imported so the workers register it.
from .extraction.tasks import extract_article_claims  # noqa: E402, F401
