"""Thin Celery tasks of the corroboration room: take ids, call a service, safe to run twice.

Routed by name to the `cpu` queue (CELERY_TASK_ROUTES "corroboration.*").
"""

from celery import shared_task

from claims.models import Claim
from sources.models import Article

from . import services


@shared_task(name="corroboration.corroborate_claim", acks_late=True)
def corroborate_claim(claim_id: int) -> dict:
    """Search all articles for coverage of one claim; record evidence and refresh its summary.

    Redelivery is harmless: evidence is keyed by (claim, article) and an unchanged decision is left as is.
    """
    claim = Claim.objects.filter(pk=claim_id).first()
    if claim is None:
        return {"claim": claim_id, "found": False}
    return services.claim_corroborate(claim=claim)


@shared_task(name="corroboration.match_article", acks_late=True)
def match_article(article_id: int) -> dict:
    """Match one new article against all open claims (ingestion announces each stored article)."""
    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        return {"article": article_id, "found": False}
    return services.article_match(article=article)
