import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Exit 0 if the part named is alive, non-zero with the reason otherwise (compose healthchecks). "
        "`beat`: beat ticked within --max-age seconds; `workers`: list the workers that answer a ping, "
        "with their queues; `web`: the checks of /healthz, here."
    )

    def add_arguments(self, parser):
        parser.add_argument("part", choices=["beat", "workers", "web"])
        parser.add_argument("--max-age", type=float, default=60.0, help="beat: seconds (default 60)")
        parser.add_argument("--timeout", type=float, default=5.0, help="workers: seconds to wait")

    def handle(self, *args, part, max_age, timeout, **options):
        getattr(self, f"_{part}")(max_age=max_age, timeout=timeout)

    def _beat(self, *, max_age, timeout):
        from ops.health import beat_heartbeat_age

        if settings.CACHES["default"]["BACKEND"].endswith("LocMemCache"):
            raise CommandError("beat's heartbeat needs a shared cache: set CACHE_URL=redis://…")
        age = beat_heartbeat_age()
        if age is None:
            raise CommandError("beat has not ticked yet (no heartbeat in the cache)")
        if age > max_age:
            raise CommandError(f"beat last ticked {age:.0f} s ago (more than {max_age:.0f} s)")
        self.stdout.write(f"beat ticked {age:.1f} s ago")

    def _workers(self, *, max_age, timeout):
        from claimtracker.celery import app

        if not settings.CELERY_BROKER_URL:
            raise CommandError("no CELERY_BROKER_URL: tasks run in-process, there are no workers")
        inspect = app.control.inspect(timeout=timeout)
        started = time.monotonic()
        replies = inspect.active_queues() or {}
        if not replies:
            raise CommandError(f"no worker answered within {timeout:.0f} s")
        for name in sorted(replies):
            queues = ",".join(sorted(q["name"] for q in replies[name]))
            self.stdout.write(f"{name}\tqueues={queues}")
        self.stdout.write(f"{len(replies)} worker(s) answered in {time.monotonic() - started:.1f} s")

    def _web(self, *, max_age, timeout):
        from ops.health import run_checks

        results = run_checks()
        for name, value in results.items():
            self.stdout.write(f"{name}: {value}")
        if any(value != "ok" for value in results.values()):
            raise CommandError("failing: " + ", ".join(n for n, v in results.items() if v != "ok"))
