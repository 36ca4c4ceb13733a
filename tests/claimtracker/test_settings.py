"""Settings come from the environment; production mode passes `check --deploy` with no warnings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args: str, env: dict[str, str], tmp_path) -> subprocess.CompletedProcess:
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "CELERY_BROKER_URL"}
    }
    base["CLAIMTRACKER_DATA_DIR"] = str(tmp_path)
    base.setdefault("DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite3'}")
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k" * 20 + "-production-secret-key-with-enough-entropy-9f8e7d",
    "ALLOWED_HOSTS": "claims.example.org",
}


def test_production_settings_pass_check_deploy_without_warnings(tmp_path):
    env = {**PRODUCTION, "STATIC_ROOT": str(tmp_path / "static")}
    not_collected = _manage("check", "--deploy", "--fail-level", "WARNING", env=env, tmp_path=tmp_path)
    assert not_collected.returncode != 0 and "ops.W001" in not_collected.stderr + not_collected.stdout
    collected = _manage("collectstatic", "--noinput", env=env, tmp_path=tmp_path)
    assert collected.returncode == 0, collected.stderr
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=env, tmp_path=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_mode_requires_a_secret_key(tmp_path):
    result = _manage("check", env={"DEBUG": "0", "ALLOWED_HOSTS": "claims.example.org"}, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_development_generates_a_secret_key_once_and_keeps_it(tmp_path):
    first = _manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.SECRET_KEY)",
        env={},
        tmp_path=tmp_path,
    )
    second = _manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.SECRET_KEY)",
        env={},
        tmp_path=tmp_path,
    )
    key = first.stdout.strip().splitlines()[-1]
    assert len(key) > 40 and key == second.stdout.strip().splitlines()[-1]
    assert (tmp_path / "secret_key").read_text().strip() == key


@pytest.mark.parametrize("value", ["maybe", "2"])
def test_a_bad_boolean_stops_start_up(tmp_path, value):
    result = _manage("check", env={"DEBUG": value}, tmp_path=tmp_path)
    assert result.returncode != 0
    assert f"DEBUG='{value}' is not a boolean" in result.stderr


def test_an_unset_broker_runs_tasks_in_process_and_a_redis_url_does_not(tmp_path):
    code = "from django.conf import settings; print(settings.CELERY_TASK_ALWAYS_EAGER)"
    assert _manage("shell", "-c", code, env={}, tmp_path=tmp_path).stdout.strip().endswith("True")
    eager = _manage(
        "shell", "-c", code, env={"CELERY_BROKER_URL": "redis://127.0.0.1:6379/0"}, tmp_path=tmp_path
    )
    assert eager.stdout.strip().endswith("False")
