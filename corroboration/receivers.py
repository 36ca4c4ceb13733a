"""Reactions to what sources and claims announce. Thin: record the job and enqueue its task."""

from django.dispatch import receiver

from claims.signals import corroboration_requested
from sources.signals import article_stored

from .models import JobKind
from .tasks import jobs_send


@receiver(article_stored, dispatch_uid="corroboration.match_new_article")
def match_new_article(sender, *, article_id: int, **kwargs) -> None:
    """Every new article is matched against the open claims on the cpu queue."""
    jobs_send(kind=JobKind.ARTICLE, target_ids=[article_id])


@receiver(corroboration_requested, dispatch_uid="corroboration.corroborate_requested")
def corroborate_requested(sender, *, claim_ids: list[int], **kwargs) -> None:
    """New claims (by any path) and claims a person re-queued are searched for coverage."""
    jobs_send(kind=JobKind.CLAIM, target_ids=list(claim_ids))
