"""GET /healthz: the database, the broker, the cache and pending migrations, each checked for real.

200 `{"status": "ok", "checks": {...}}` when all pass, 503 with the failing check's name otherwise (the
reason goes to the log, not to whoever asks). Answered by a middleware placed before the host check
and the HTTPS redirect, so a load balancer or `docker compose`'s healthcheck may ask on
http://127.0.0.1:8000/healthz whatever ALLOWED_HOSTS says; nothing else is served that way.
"""

import logging
import secrets
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse

logger = logging.getLogger("ops.health")

HEALTH_PATHS = {"/healthz", "/healthz/"}
BEAT_HEARTBEAT_KEY = "claimtracker:beat:heartbeat"

_migrated = False  # once fully migrated, only a new deploy (a new process) brings new migrations


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def check_broker() -> None:
    url = settings.CELERY_BROKER_URL
    if not url:
        return  # the embedded default: tasks run in-process, there is no broker to reach
    from kombu import Connection

    with Connection(url, connect_timeout=2, transport_options={"socket_timeout": 2}) as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=3)
        conn.default_channel  # noqa: B018  (opens a channel: with Redis, a PING)


def check_cache() -> None:
    token = secrets.token_hex(8)
    cache.set("claimtracker:healthz", token, timeout=30)
    if cache.get("claimtracker:healthz") != token:
        raise RuntimeError("the cache did not keep a value")


def check_migrations() -> None:
    global _migrated
    if _migrated:
        return
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        raise RuntimeError(f"{len(plan)} migration(s) not applied: run manage.py migrate")
    _migrated = True


CHECKS = {
    "database": check_database,
    "broker": check_broker,
    "cache": check_cache,
    "migrations": check_migrations,
}


def beat_heartbeat_age() -> float | None:
    """Seconds since beat last ticked (ops.beat.Scheduler writes it to the shared cache), None if never."""
    stamp = cache.get(BEAT_HEARTBEAT_KEY)
    return None if stamp is None else max(0.0, time.time() - float(stamp))


def run_checks() -> dict[str, str]:
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as exc:
            logger.error("health check %s failed: %s: %s", name, type(exc).__name__, exc)
            results[name] = "failing"
        else:
            results[name] = "ok"
    return results


def healthz_response():
    results = run_checks()
    healthy = all(value == "ok" for value in results.values())
    body = {"status": "ok" if healthy else "failing", "checks": results}
    try:
        age = beat_heartbeat_age()
    except Exception:
        age = None
    body["beat_last_tick_seconds_ago"] = None if age is None else round(age, 1)
    response = JsonResponse(body, status=200 if healthy else 503)
    response["Cache-Control"] = "no-store"
    return response


class HealthMiddleware:
    """Serves /healthz before anything reads the Host header (first in MIDDLEWARE but for the request id)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info in HEALTH_PATHS and request.method in {"GET", "HEAD"}:
            return healthz_response()
        return self.get_response(request)
