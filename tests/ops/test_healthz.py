"""/healthz checks the database, the broker, the cache and pending migrations, and answers the health
checker whatever Host it sends (D17). Redis here is a real server on a port of its own, stopped mid-test."""

import shutil
import socket
import subprocess
import time

import pytest
import redis
from django.core.management import call_command

from ops import health

pytestmark = pytest.mark.django_db


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def own_redis(tmp_path):
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    port = _free_port()
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    client = redis.Redis(port=port)
    deadline = time.monotonic() + 20
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            assert time.monotonic() < deadline and process.poll() is None, "redis-server did not start"
            time.sleep(0.1)
    try:
        yield type("OwnRedis", (), {"port": port, "process": process})
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=10)


@pytest.fixture
def on_own_redis(settings, own_redis):
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{own_redis.port}/0"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{own_redis.port}/1",
        }
    }
    return own_redis


def test_healthz_is_503_when_redis_goes_down(client, on_own_redis):
    response = client.get("/healthz")
    assert response.status_code == 200, response.content
    assert response.json()["checks"] == {"database": "ok", "broker": "ok", "cache": "ok", "migrations": "ok"}

    on_own_redis.process.terminate()
    on_own_redis.process.wait(timeout=10)

    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "failing"
    assert body["checks"] == {"database": "ok", "broker": "failing", "cache": "failing", "migrations": "ok"}
    assert "127.0.0.1" not in response.content.decode()  # reasons go to the log, not to the asker


def test_healthz_answers_a_host_outside_allowed_hosts_without_redirecting(client, settings):
    """D17: compose's check asks http://127.0.0.1:8000/healthz; production allows only the site's name
    and redirects plain http to https. Everything else still gets both."""
    settings.ALLOWED_HOSTS = ["claims.example.org"]
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/healthz", HTTP_HOST="127.0.0.1:8000")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "ok"
    assert client.get("/admin/login/", HTTP_HOST="127.0.0.1:8000").status_code == 400
    assert client.get("/admin/login/", HTTP_HOST="claims.example.org").status_code == 301
    assert client.post("/healthz", HTTP_HOST="127.0.0.1:8000").status_code == 400  # only GET/HEAD


@pytest.mark.django_db(transaction=True)
def test_healthz_is_503_while_migrations_are_pending(client, monkeypatch):
    monkeypatch.setattr(health, "_migrated", False)
    call_command("migrate", "ops", "zero", verbosity=0)
    try:
        response = client.get("/healthz")
        assert response.status_code == 503
        assert response.json()["checks"]["migrations"] == "failing"
    finally:
        call_command("migrate", "ops", verbosity=0)
    assert client.get("/healthz").json()["checks"]["migrations"] == "ok"
