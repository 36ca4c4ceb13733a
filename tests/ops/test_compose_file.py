"""The compose file, the Dockerfile, the production lock and .env.example agree with each other and with
what the code reads. (The services themselves are started by test_compose_proof.py.)"""

import re
from pathlib import Path

import pytest

from tests.ops import compose

ROOT = Path(__file__).resolve().parents[2]
SECRETS = {"SECRET_KEY": "k", "POSTGRES_PASSWORD": "p", "FLOWER_BASIC_AUTH": "u:p"}


def test_interpolation_follows_compose_rules():
    env = {"A": "1", "EMPTY": ""}
    assert (
        compose.interpolate("${A} $A ${B:-two} ${EMPTY:-d} ${EMPTY-d} $$HOSTNAME", env)
        == "1 1 two d  $HOSTNAME"
    )
    assert compose.interpolate("${B:-x${A:-y}z}", env) == "x1z"
    with pytest.raises(compose.InterpolationError, match="B: set B"):
        compose.interpolate("${B:?set B}", env)


def test_secrets_are_required_and_addresses_default_to_the_compose_services():
    with pytest.raises(compose.InterpolationError, match="SECRET_KEY"):
        compose.load({"POSTGRES_PASSWORD": "p", "FLOWER_BASIC_AUTH": "u:p"})
    env = compose.load(SECRETS)["services"]["web"]["environment"]
    assert env["DATABASE_URL"] == "postgres://claimtracker:p@postgres:5432/claimtracker"
    assert env["CELERY_BROKER_URL"] == "redis://redis:6379/0"
    assert env["CACHE_URL"] == "redis://redis:6379/2"  # shared throttle counters
    assert env["DEBUG"] == "0"


def test_every_service_has_a_healthcheck_and_the_app_waits_for_a_healthy_web():
    services = compose.load(SECRETS)["services"]
    assert set(services) == {"postgres", "redis", "web", "worker-fetch", "worker-cpu", "beat", "flower"}
    for name, service in services.items():
        assert service["healthcheck"]["test"], name
    for name in ("worker-fetch", "worker-cpu", "beat", "flower"):
        assert services[name]["depends_on"]["web"] == {"condition": "service_healthy"}
    assert "FLOWER_BASIC_AUTH" in services["flower"]["environment"]


def test_web_runs_one_shell_line_migrate_then_gunicorn():
    command = compose.argv(compose.load(SECRETS)["services"]["web"]["command"])
    assert command[:2] == ["sh", "-c"] and "\n" not in command[2]  # a newline would end the command early
    assert "collectstatic" not in command[2]  # done at build time; the app user cannot write /app
    assert re.search(r"exec gunicorn claimtracker\.wsgi:application .*--bind 0\.0\.0\.0:8000", command[2])


def test_the_image_installs_only_the_production_lock_collects_static_and_drops_root():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "pip install --no-cache-dir -r requirements-prod.lock" in dockerfile
    assert "requirements.lock" not in dockerfile.replace("requirements-prod.lock", "")
    lines = dockerfile.splitlines()
    collect = next(i for i, line in enumerate(lines) if "collectstatic" in line)
    user = next(i for i, line in enumerate(lines) if line.startswith("USER "))
    assert collect < user and lines[user] == "USER app"
    prod = (ROOT / "requirements-prod.lock").read_text().lower()
    for dev_only in ("pytest", "ruff", "schemathesis", "factory-boy"):
        assert f"\n{dev_only}==" not in prod, dev_only
    for runtime in ("django==", "celery==", "gunicorn==", "django-celery-beat==", "flower==", "spacy=="):
        assert f"\n{runtime}" in prod, runtime


def _variables_read_by_the_code() -> set[str]:
    names = set()
    pattern = re.compile(
        r'(?:environ(?:\.get)?[\[(]|getenv\(|env_(?:bool|int|float|list)\()"([A-Z][A-Z0-9_]+)"'
    )
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT).parts
        if parts[0] in {".venv", "tests", "bench"} or "migrations" in parts:
            continue
        names |= set(pattern.findall(path.read_text()))
    return names


def test_env_example_names_every_setting_the_code_and_the_compose_file_read():
    example = (ROOT / ".env.example").read_text()
    named = set(re.findall(r"^#?([A-Z][A-Z0-9_]+)=", example, re.MULTILINE))
    in_compose = set(re.findall(r"\$\{([A-Z][A-Z0-9_]+)", (ROOT / "docker-compose.yml").read_text()))
    in_code = _variables_read_by_the_code()
    assert {"DATABASE_URL", "CACHE_URL", "LOG_FORMAT"} <= in_code
    # Django itself reads DJANGO_SETTINGS_MODULE; compose sets the rest of the process environment.
    missing = (in_code | in_compose) - named - {"DJANGO_SETTINGS_MODULE"}
    assert missing == set()
