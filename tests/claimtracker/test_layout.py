"""The agreed layout: sources/ knows nothing of claims; docker-compose.yml has the production shape."""

import ast
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def test_sources_never_imports_claims():
    offenders = []
    for path in (ROOT / "sources").rglob("*.py"):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            offenders += [
                f"{path.relative_to(ROOT)}: {n}" for n in names if n == "claims" or n.startswith("claims.")
            ]
    assert offenders == []


def test_docker_compose_has_web_workers_beat_postgres_and_redis_with_health_checks():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"web", "worker-fetch", "worker-cpu", "beat", "postgres", "redis"} <= set(services)
    for name, service in services.items():
        assert "healthcheck" in service and service["healthcheck"]["test"], f"{name} has no health check"
    assert "celery -A claimtracker worker" in services["worker-cpu"]["command"]
    assert "-Q cpu" in services["worker-cpu"]["command"] and "-Q fetch" in services["worker-fetch"]["command"]
    assert "celery -A claimtracker beat" in services["beat"]["command"]
    assert "gunicorn claimtracker.wsgi" in services["web"]["command"]
    for name in ("web", "worker-fetch", "worker-cpu", "beat"):
        env = services[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgres://") and env["CELERY_BROKER_URL"].startswith(
            "redis://"
        )
        assert env["DEBUG"] == "0"
        assert services[name]["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert (ROOT / "Dockerfile").exists()


def test_the_ci_script_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    readme = (ROOT / "README.md").read_text()
    assert "make demo" in readme and "make test" in readme
