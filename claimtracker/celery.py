"""The Celery app. Without CELERY_BROKER_URL the tasks run in-process (settings: always-eager)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimtracker.settings")

app = Celery("claimtracker")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="claimtracker.ping")
def ping() -> str:
    """Health check: a worker that answers this is consuming from the broker."""
    return "pong"
