"""The compose proof: docker-compose.yml's services, started as local processes from the file's own
commands and environment against the machine's PostgreSQL and Redis, come up healthy by their own
healthchecks, and one claim goes web → workers → evidence → API.

What is NOT proven here (no Docker image can be built on these machines, no registry): the images
themselves, the non-root user, and the postgres and redis containers (their healthchecks run as
written against the machine's servers). See README, Production.
"""

import base64
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import psycopg
import pytest
import redis

from tests.ops import compose
from tests.ops.news_server import NewsServer

pytestmark = [pytest.mark.postgres_only, pytest.mark.redis]

APP_SERVICES = ["web", "worker-fetch", "worker-cpu", "beat", "flower"]
HOST = "claims.example.org"
CLAIM_TEXT = "Harbour City council approved a 40 million euro budget for the new tram line to the port."


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def compose_database():
    """A database of its own beside the test database, empty: web's command migrates it."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        pytest.skip("the compose proof runs on PostgreSQL")
    parts = urllib.parse.urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'claimtracker'}_compose_proof"
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    yield {
        "url": parts._replace(path=f"/{name}").geturl(),
        "user": parts.username or "postgres",
        "name": name,
    }
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 3xx is the answer under test


_opener = urllib.request.build_opener(_NoRedirect)


def _request(port, path, *, method="GET", body=None, headers=None, proxied=True):
    """A request as the TLS proxy in front of web passes it on (Host, X-Forwarded-Proto: https)."""
    headers = dict(headers or {})
    if proxied:
        headers.update({"Host": HOST, "X-Forwarded-Proto": "https"})
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", data=data, method=method, headers=headers
    )
    try:
        with _opener.open(request, timeout=20) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def _manage(web: compose.Service, *args: str, extra_env=None) -> str:
    """An operator's `docker compose exec web python manage.py ...`: the web service's environment."""
    result = subprocess.run(
        ["python", "manage.py", *args],
        cwd=compose.ROOT,
        env={**web.env, **(extra_env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)}: {result.stdout}{result.stderr}"
    return result.stdout


def _report(services) -> str:
    lines = []
    for service in services.values():
        lines.append(
            f"--- {service.name} (exit {service.process.poll() if service.process else 'not started'})"
        )
        lines.append(service.output()[-3000:])
        lines.extend(f"healthcheck rc={rc}: {out}" for rc, out in service.health_runs[-2:])
    return "\n".join(lines)


def test_compose_services_come_up_healthy_and_carry_a_claim_to_the_api(tmp_path, redis_url, compose_database):
    started = time.monotonic()
    web_port, flower_port = _free_port(), _free_port()
    flower_auth = f"ops:{secrets.token_urlsafe(12)}"
    runtime = Path(tempfile.mkdtemp(prefix="claimtracker-compose-"))
    static_root, home = runtime / "static", runtime / "home"
    (home / "data").mkdir(parents=True)
    with NewsServer() as news:
        # What an operator's .env holds, pointing the file's variables at this machine's services.
        dotenv = {
            "SECRET_KEY": secrets.token_urlsafe(50),
            "POSTGRES_PASSWORD": "unused-the-local-server-trusts-127.0.0.1",
            "POSTGRES_USER": compose_database["user"],
            "POSTGRES_DB": compose_database["name"],
            "DATABASE_URL": compose_database["url"],
            "CELERY_BROKER_URL": redis_url,
            "CELERY_RESULT_BACKEND": redis_url,
            "CACHE_URL": redis_url,
            "ALLOWED_HOSTS": HOST,
            "CSRF_TRUSTED_ORIGINS": f"https://{HOST}",
            "WEB_BIND": "127.0.0.1",
            "WEB_PORT": str(web_port),
            "WEB_CONCURRENCY": "2",
            "FETCH_CONCURRENCY": "2",
            "CPU_CONCURRENCY": "1",
            "FLOWER_BIND": "127.0.0.1",
            "FLOWER_PORT": str(flower_port),
            "FLOWER_BASIC_AUTH": flower_auth,
            "STATIC_ROOT": str(static_root),
            "CORROBORATION_ENCODER": "none",  # lexical matching: quick to start on a shared machine
            "INGEST_ALLOW_LOOPBACK": "1",
            "INGEST_LOOPBACK_PORTS": str(news.port),
        }
        spec = compose.load(dotenv)
        services = {}
        for name in [*APP_SERVICES, "postgres", "redis"]:
            env = compose.image_env(spec["services"][name], home=home, dotenv=dotenv)
            env["CLAIMTRACKER_DATA_DIR"] = str(home / "data")  # the image's /app/data
            services[name] = compose.Service(name, spec["services"][name], env, tmp_path / f"{name}.log")

        # The image build's collectstatic, as the Dockerfile runs it (into STATIC_ROOT, the image's /app/staticfiles).
        build_env = {
            **compose.image_env({}, home=runtime),
            "STATIC_ROOT": str(static_root),
        }  # no .env in a build
        build = subprocess.run(
            ["sh", "-c", compose.dockerfile_run("collectstatic")],
            cwd=compose.ROOT,
            env=build_env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert build.returncode == 0, build.stdout + build.stderr
        assert (static_root / "staticfiles.json").exists()

        try:
            for name in ("postgres", "redis"):  # not started here: the machine's servers stand in
                result = services[name].healthcheck()
                assert result.returncode == 0, f"{name} healthcheck: {result.stdout}{result.stderr}"

            # check --deploy in the compose environment: no warnings at all.
            web = services["web"]
            deploy = _manage(web, "check", "--deploy", "--fail-level", "WARNING")
            assert "no issues" in deploy

            # Start in compose's order: web once postgres and redis are healthy, the rest once web is.
            web.start()
            assert web.wait_healthy(time.monotonic() + 120), _report(services)
            print(f"web healthy after {time.monotonic() - started:.0f} s")
            for name in ("worker-fetch", "worker-cpu", "beat", "flower"):
                needs = spec["services"][name]["depends_on"]
                assert needs["web"]["condition"] == "service_healthy"
                services[name].start()
            for name in ("worker-fetch", "worker-cpu", "beat", "flower"):
                assert services[name].wait_healthy(time.monotonic() + 90), _report(services)

            print(f"all healthy after {time.monotonic() - started:.0f} s")
            # /healthz answers any Host, over plain http, with every check.
            status, _, body = _request(web_port, "/healthz", proxied=False)
            health = json.loads(body)
            assert status == 200 and health["checks"] == {
                "database": "ok",
                "broker": "ok",
                "cache": "ok",
                "migrations": "ok",
            }
            assert health["beat_last_tick_seconds_ago"] is not None

            # Flower: the workers are visible, behind its login.
            flower = f"http://127.0.0.1:{flower_port}/api/workers?refresh=1"
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(flower, timeout=20)
            assert refused.value.code == 401
            login = urllib.request.Request(
                flower,
                headers={"Authorization": "Basic " + base64.b64encode(flower_auth.encode()).decode()},
            )
            with urllib.request.urlopen(login, timeout=30) as response:
                workers = json.loads(response.read())
            assert {name.split("@")[0] for name in workers} == {"fetch", "cpu"}

            # Without Flower: the operator's command lists the workers that answer, with their queues.
            listing = _manage(web, "healthcheck", "workers")
            assert "queues=default,fetch" in listing and "queues=cpu" in listing, listing
            assert "2 worker(s) answered" in listing

            # The schedule is in the database (seeded by the migration) and an edit takes effect without a
            # restart: poll feeds every 2 s instead of every minute.
            schedule = _manage(
                web,
                "shell",
                "-c",
                "from django_celery_beat.models import IntervalSchedule, PeriodicTask\n"
                "task = PeriodicTask.objects.get(name='sources-poll-due-feeds')\n"
                "task.interval, _ = IntervalSchedule.objects.get_or_create(every=2, period='seconds')\n"
                "task.save()\n"
                "print(sorted(PeriodicTask.objects.values_list('name', flat=True)))",
            )
            for name in (
                "sources-poll-due-feeds",
                "webhooks-dispatch-changes",
                "corroboration-sweep-pending",
            ):
                assert name in schedule

            # The admin and the API docs draw with DEBUG off (D18), their static files served.
            status, _, page = _request(web_port, "/admin/login/")
            assert status == 200, page[:500]
            css = re.search(r'href="(/static/admin/css/[^"]+\.css)"', page.decode()).group(1)
            assert css.startswith("/static/") and css != "/static/admin/css/base.css"  # hashed name
            assert _request(web_port, css)[0] == 200
            assert _request(web_port, "/api/v1/docs/")[0] == 200
            # Plain http from outside the proxy is sent to https (the proxy's job to terminate).
            assert _request(web_port, "/admin/login/", proxied=False, headers={"Host": HOST})[0] == 301

            # An operator creates a login and an API key, and subscribes to the outlet's feed.
            _manage(
                web,
                "createsuperuser",
                "--noinput",
                "--username",
                "ops",
                "--email",
                "ops@example.org",
                extra_env={"DJANGO_SUPERUSER_PASSWORD": secrets.token_urlsafe(16)},
            )
            key = _manage(
                web, "create_api_key", "--name", "proof", "--scope", "edit", "--user", "ops"
            ).split()[-1]
            _manage(web, "add_feed", f"{news.base}/feed.xml", "--outlet", "Harbour Gazette", "--every", "1")

            # web: a claim from another outlet, posted through the API (it queues corroboration).
            auth = {"Authorization": f"Bearer {key}", "X-Request-ID": "proof-request-0001"}
            status, headers, body = _request(
                web_port,
                "/api/v1/claims/",
                method="POST",
                headers=auth,
                body={
                    "text": CLAIM_TEXT,
                    "language": "en",
                    "chain": [
                        {"source": {"name": "Coastal Herald", "kind": "outlet"}, "relation": "reported_by"}
                    ],
                },
            )
            assert status == 201, body
            assert headers["X-Request-ID"] == "proof-request-0001"
            claim = json.loads(body)["id"]

            # beat polls the feed → worker-fetch fetches it and its pages → worker-cpu extracts and matches
            # → evidence, read back through the API.
            deadline = time.monotonic() + 60
            links = []
            while time.monotonic() < deadline and not links:
                status, _, body = _request(web_port, f"/api/v1/claims/{claim}/evidence/", headers=auth)
                assert status == 200, body
                data = json.loads(body)
                links = data["results"] if isinstance(data, dict) else data
                if not links:
                    time.sleep(1)
            assert links, "no evidence within 60 s\n" + _report(services)
            assert any("tram" in json.dumps(link).lower() for link in links), links

            # The API's throttle counters are in the shared cache (Redis), not in each gunicorn worker.
            assert _request(web_port, "/api/v1/sources/")[0] == 200
            assert redis.Redis.from_url(redis_url).keys("*throttle_api_anon_*")

            for name in APP_SERVICES:
                assert services[name].process.poll() is None, f"{name} died\n" + _report(services)
        finally:
            for name in reversed(APP_SERVICES):
                services[name].stop()
            shutil.rmtree(runtime, ignore_errors=True)

    # Logs: one JSON object a line from every app service, request and task ids on the lines, no secrets.
    secrets_used = [dotenv["SECRET_KEY"], flower_auth.split(":")[1], key]
    task_ids, request_ids = set(), set()
    bad = {}
    for name in ("web", "worker-fetch", "worker-cpu", "beat"):
        output = services[name].output()
        for secret in secrets_used:
            assert secret not in output, f"a secret is in {name}'s log"
        not_json = []
        for line in output.splitlines():
            try:
                event = json.loads(line)  # every line is one JSON event
            except ValueError:
                not_json.append(line)
                continue
            assert {"time", "level", "logger", "message", "request_id", "task_id"} <= set(event), line
            if event["task_id"]:
                task_ids.add(event["task_id"])
            if event["request_id"]:
                request_ids.add(event["request_id"])
        if not_json:
            bad[name] = not_json
    assert bad == {}, "lines that are not JSON events:\n" + "\n".join(
        f"{n}: {line}" for n, lines in bad.items() for line in lines
    )
    assert "proof-request-0001" in request_ids
    assert task_ids, "no log line carried a task id"
    print(f"compose proof: {time.monotonic() - started:.0f} s")
