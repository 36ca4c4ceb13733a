"""Reactions to what sources and claims announce. Thin: enqueue a task, nothing else."""

from django.dispatch import receiver

from claims.signals import corroboration_requested
from sources.signals import article_stored

from .tasks import corroborate_claim, match_article


@receiver(article_stored, dispatch_uid="corroboration.match_new_article")
def match_new_article(sender, *, article_id: int, **kwargs) -> None:
    """Every new article is matched against the open claims on the cpu queue."""
    match_article.delay(article_id)


@receiver(corroboration_requested, dispatch_uid="corroboration.corroborate_requested")
def corroborate_requested(sender, *, claim_ids: list[int], **kwargs) -> None:
    """New claims (by any path) and claims a person re-queued are searched for coverage."""
    for claim_id in claim_ids:
        corroborate_claim.delay(claim_id)
