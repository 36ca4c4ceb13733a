"""Thin Celery tasks: cut deliveries (beat, queue cpu) and send one (queue fetch, network)."""

from celery import shared_task
from django.db import transaction

from . import services


def send_later(delivery_ids: list[int]) -> None:
    """Queue these deliveries for sending once the current transaction (if any) commits."""
    ids = list(delivery_ids)
    if ids:
        transaction.on_commit(lambda: [deliver.delay(pk) for pk in ids])


@shared_task(name="webhooks.dispatch_changes", acks_late=True)
def dispatch_changes() -> dict:
    result = services.webhooks_dispatch()
    send_later(result["created"] + result["requeued"])
    return {"created": len(result["created"]), "requeued": len(result["requeued"])}


@shared_task(name="webhooks.deliver", acks_late=True)
def deliver(delivery_id: int) -> dict:
    result = services.delivery_send(delivery_id=delivery_id)
    if result["outcome"] == "retry":
        deliver.apply_async((delivery_id,), countdown=result["retry_in"])
    return result
