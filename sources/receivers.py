"""sources' own reactions to what its services announce. Thin: enqueue a task, nothing else.

The services never import the tasks (the tasks import the services); they announce committed work
on `fetches_ready` and this module queues it. In eager mode (no broker) `.delay` runs in-process.
"""

from django.dispatch import receiver

from .models import Fetch
from .signals import FETCH_JOB_EXTRACT, fetches_ready
from .tasks import extract_page, run_fetch


@receiver(fetches_ready, sender=Fetch, dispatch_uid="sources.queue_fetches")
def queue_fetches(sender, *, jobs: list[tuple[str, int]], **kwargs) -> None:
    for job, fetch_id in jobs:
        (extract_page if job == FETCH_JOB_EXTRACT else run_fetch).delay(fetch_id)
