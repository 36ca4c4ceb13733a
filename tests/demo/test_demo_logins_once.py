"""`make demo` prints the admin URL and the logins once, last, with the port it serves on."""

import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

REPO = Path(__file__).resolve().parents[2]


def _demo_commands(port: int) -> list[list[str]]:
    """The `manage.py` commands `make demo` runs, in order (make -n prints them without running)."""
    out = subprocess.run(
        ["make", "-n", "demo", f"PORT={port}", "BIN=.venv/bin"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    commands = []
    for line in out.splitlines():
        words = shlex.split(line.lstrip("@"))
        if "manage.py" in words:
            commands.append(words[words.index("manage.py") + 1 :])
    return commands


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_demo_prints_the_login_url_once_with_its_port(db, capsys, settings):
    settings.DEBUG = True
    commands = _demo_commands(8765)
    assert commands[-1] == ["runserver", "127.0.0.1:8765"]
    loads = [args for args in commands if args[0] == "load_demo"]
    assert len(loads) == 2  # the data first, the logins last (after ingest_demo's output)

    for args in loads:
        call_command(*args)

    out = capsys.readouterr().out
    assert out.count("Admin: ") == 1 and out.count("password:") == 3
    assert "Admin: http://127.0.0.1:8765/admin/" in out
    assert "8000" not in out
    assert out.rstrip().splitlines()[-1].lstrip().startswith("reviewer")
