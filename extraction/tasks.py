"""Thin task: propose claims for a stored article in the background (e.g. after a fetch)."""

from celery import shared_task

from sources.models import Article

from .errors import ExtractionError
from .services import proposals_create


@shared_task(name="extraction.extract_article_claims", acks_late=True)  # routed to cpu by name
def extract_article_claims(article_id: int) -> dict:
    """Safe to run twice: passages already proposed are not proposed again."""
    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        return {"article": article_id, "found": False}
    try:
        created = proposals_create(article=article, actor=None)
    except ExtractionError as exc:
        # An article whose text cannot be read is not retried: the reason is the result.
        return {"article": article_id, "found": True, "error": exc.message}
    return {"article": article_id, "found": True, "proposed": len(created)}
