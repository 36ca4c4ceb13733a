"""Thin Celery tasks of the corroboration room: take ids, call a service, safe to run twice.

Routed by name to the `cpu` queue (CELERY_TASK_ROUTES "corroboration.*"). Work asked for through the
receivers has a durable `CorroborationJob` row (corroboration.jobs); `sweep_pending_corroboration`
queues again the jobs whose message was lost.
"""

from celery import shared_task

from claims.models import Claim
from sources.models import Article

from . import jobs, services
from .models import JobKind


@shared_task(name="corroboration.corroborate_claim", acks_late=True)
def corroborate_claim(claim_id: int, job: bool = False) -> dict:
    """Search all articles for coverage of one claim; record evidence and refresh its summary.

    Redelivery is harmless: evidence is keyed by (claim, article) and an unchanged decision is left as is.
    """

    def work() -> dict:
        claim = Claim.objects.filter(pk=claim_id).first()
        if claim is None:
            return {"claim": claim_id, "found": False}
        return services.claim_corroborate(claim=claim)

    result = jobs.job_run(kind=JobKind.CLAIM, target_id=claim_id, work=work, from_job=job)
    return result if result is not None else {"claim": claim_id, "skipped": "done or running elsewhere"}


@shared_task(name="corroboration.match_article", acks_late=True)
def match_article(article_id: int, job: bool = False) -> dict:
    """Match one new article against all open claims (ingestion announces each stored article)."""

    def work() -> dict:
        article = Article.objects.filter(pk=article_id).first()
        if article is None:
            return {"article": article_id, "found": False}
        return services.article_match(article=article)

    result = jobs.job_run(kind=JobKind.ARTICLE, target_id=article_id, work=work, from_job=job)
    return result if result is not None else {"article": article_id, "skipped": "done or running elsewhere"}


TASK_FOR = {JobKind.CLAIM: corroborate_claim, JobKind.ARTICLE: match_article}


def jobs_send(*, kind: str, target_ids: list[int]) -> None:
    """Record the jobs, then send their messages."""
    jobs.jobs_request(kind=kind, target_ids=target_ids)
    for target_id in target_ids:
        TASK_FOR[kind].delay(target_id, job=True)


@shared_task(
    name="corroboration.sweep_pending_corroboration", acks_late=True, soft_time_limit=60, time_limit=90
)
def sweep_pending_corroboration() -> int:
    """Queue again corroboration whose message was lost or whose worker died (beat runs this)."""
    due = jobs.jobs_due()
    for row in due:
        TASK_FOR[row.kind].delay(row.target_id, job=True)
    return len(due)
