"""Beat's scheduler: django-celery-beat's database scheduler (the database's schedule only), plus a heartbeat in the shared cache on
every tick (at least every HEARTBEAT_EVERY seconds), which `manage.py healthcheck beat` and /healthz read."""

import logging
import time

from django_celery_beat.schedulers import DatabaseScheduler

logger = logging.getLogger("ops.beat")

HEARTBEAT_EVERY = 10.0


class Scheduler(DatabaseScheduler):
    def setup_schedule(self):
        # django-celery-beat writes settings.CELERY_BEAT_SCHEDULE into the database on every start, which
        # would undo operators' edits; here that schedule is only the seed the ops migrations copied in.
        self.install_default_entries(self.schedule)

    def tick(self, *args, **kwargs):
        interval = super().tick(*args, **kwargs)
        self._heartbeat()
        return min(interval, HEARTBEAT_EVERY)

    def _heartbeat(self) -> None:
        from django.core.cache import cache

        from .health import BEAT_HEARTBEAT_KEY

        try:
            cache.set(BEAT_HEARTBEAT_KEY, time.time(), timeout=None)
        except Exception as exc:  # the cache being down must not stop the schedule
            logger.warning("beat heartbeat not written: %s: %s", type(exc).__name__, exc)
