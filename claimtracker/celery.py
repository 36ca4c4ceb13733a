"""The Celery app. Without CELERY_BROKER_URL the tasks run in-process (settings: always-eager)."""

import os

from celery import Celery, signals

from ops.logs import configure_from_settings, route_celery_messages

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimtracker.settings")

app = Celery("claimtracker")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
route_celery_messages()


@signals.celeryd_init.connect
def _log_as_configured(**kwargs):
    """The worker's first messages (a warning about its user, say) already in the project's log format."""
    configure_from_settings()


@app.task(name="claimtracker.ping")
def ping() -> str:
    """Health check: a worker that answers this is consuming from the broker."""
    return "pong"
