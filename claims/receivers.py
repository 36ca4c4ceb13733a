"""Reactions to what other apps announce. Thin: enqueue a task, nothing else."""

from django.dispatch import receiver

from sources.signals import article_stored

from .tasks import match_article


@receiver(article_stored, dispatch_uid="claims.match_new_article")
def match_new_article(sender, *, article_id: int, **kwargs) -> None:
    """Every new article is matched against the open claims on the cpu queue."""
    match_article.delay(article_id)
