"""docker-compose.yml run as local processes: what `docker compose up` would start, without Docker.

Reads the file with PyYAML (merge keys included), interpolates it as compose does (`${VAR}`,
`${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`, `$VAR`, nested defaults, `$$` for a
literal `$`), gives each service's command only the service's `environment` (plus what the image sets:
PATH, HOME, HOSTNAME and the Dockerfile's ENV lines), and runs healthchecks as written: `CMD-SHELL`
through `sh -c`, `CMD` as an argument list.
"""

import os
import re
import shlex
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class InterpolationError(ValueError):
    pass


def interpolate(text: str, env: dict[str, str]) -> str:
    out, i = [], 0
    while i < len(text):
        char = text[i]
        if char != "$":
            out.append(char)
            i += 1
            continue
        nxt = text[i + 1 : i + 2]
        if nxt == "$":
            out.append("$")
            i += 2
        elif nxt == "{":
            depth, j = 1, i + 2
            while j < len(text) and depth:
                if text[j] == "{" and text[j - 1] == "$":
                    depth += 1
                elif text[j] == "}":
                    depth -= 1
                j += 1
            if depth:
                raise InterpolationError(f"unclosed ${{ in {text!r}")
            out.append(_expression(text[i + 2 : j - 1], env))
            i = j
        else:
            match = _NAME.match(text, i + 1)
            if not match:
                raise InterpolationError(f"a lone $ in {text!r} (write $$ for a literal $)")
            out.append(env.get(match.group(), ""))
            i = match.end()
    return "".join(out)


def _expression(body: str, env: dict[str, str]) -> str:
    match = _NAME.match(body)
    if not match:
        raise InterpolationError(f"bad variable ${{{body}}}")
    name, rest = match.group(), body[match.end() :]
    value = env.get(name)
    if not rest:
        return value or ""
    for op in (":-", "-", ":?", "?", ":+", "+"):
        if rest.startswith(op):
            arg = rest[len(op) :]
            unset_or_empty = value is None or (op.startswith(":") and value == "")
            if op in (":-", "-"):
                return interpolate(arg, env) if unset_or_empty else value
            if op in (":?", "?"):
                if unset_or_empty:
                    raise InterpolationError(f"{name}: {interpolate(arg, env)}")
                return value
            return "" if unset_or_empty else interpolate(arg, env)
    raise InterpolationError(f"bad variable ${{{body}}}")


def _interpolate_tree(node, env):
    if isinstance(node, str):
        return interpolate(node, env)
    if isinstance(node, list):
        return [_interpolate_tree(item, env) for item in node]
    if isinstance(node, dict):
        return {key: _interpolate_tree(value, env) for key, value in node.items()}
    return node


def load(env: dict[str, str], path: Path = ROOT / "docker-compose.yml") -> dict:
    """The compose file, interpolated with `env` (compose interpolates the whole file, every service)."""
    return _interpolate_tree(yaml.safe_load(path.read_text()), env)


def dockerfile_env(path: Path = ROOT / "Dockerfile") -> dict[str, str]:
    env = {}
    for line in path.read_text().splitlines():
        if line.startswith("ENV "):
            for item in shlex.split(line[4:]):
                key, _, value = item.partition("=")
                env[key] = value
    return env


def dockerfile_run(containing: str, path: Path = ROOT / "Dockerfile") -> str:
    """The shell command of the Dockerfile's RUN line that contains `containing`."""
    text = path.read_text().replace("\\\n", " ")
    runs = [line[4:].strip() for line in text.splitlines() if line.startswith("RUN ")]
    found = [run for run in runs if containing in run]
    assert len(found) == 1, f"expected one RUN with {containing!r}: {runs}"
    return found[0]


def argv(command) -> list[str]:
    """A compose `command:` as the container would run it (a string is split like a shell word list)."""
    return shlex.split(command) if isinstance(command, str) else [str(part) for part in command]


def healthcheck_argv(test) -> list[str]:
    if isinstance(test, str):
        return ["sh", "-c", test]
    kind, *rest = test
    if kind == "CMD-SHELL":
        return ["sh", "-c", rest[0]]
    if kind == "CMD":
        return [str(part) for part in rest]
    raise ValueError(f"healthcheck test {test!r}: NONE or unknown form")


def seconds(value, default: float) -> float:
    if value is None:
        return default
    match = re.fullmatch(r"(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?", str(value))
    if not match or not any(match.groups()):
        raise ValueError(f"duration {value!r}")
    return int(match.group(1) or 0) * 60 + float(match.group(2) or 0)


def image_env(service: dict, *, home: Path, dotenv: dict[str, str] | None = None) -> dict[str, str]:
    """What a container of the image gets: its ENV lines, a PATH with the image's Python first (here
    the venv's), HOME, HOSTNAME (Docker sets it), the `env_file` (here `dotenv`, the .env the file was
    interpolated with) and the service's `environment:` on top."""
    env = {
        "PATH": f"{ROOT / '.venv' / 'bin'}:/usr/local/bin:/usr/bin:/bin",
        "HOME": str(home),
        "HOSTNAME": socket.gethostname(),
        **dockerfile_env(),
    }
    files = service.get("env_file") or []
    if files:
        assert [entry["path"] for entry in files] == [".env"], files
        env.update(dotenv or {})
    environment = service.get("environment") or {}
    env.update({key: "" if value is None else str(value) for key, value in environment.items()})
    return env


@dataclass
class Service:
    name: str
    spec: dict
    env: dict[str, str]
    log: Path
    process: subprocess.Popen | None = None
    health_runs: list[tuple[int, str]] = field(default_factory=list)

    def start(self, cwd: Path = ROOT) -> None:
        handle = self.log.open("w")
        self.process = subprocess.Popen(
            argv(self.spec["command"]),
            cwd=cwd,
            env=self.env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stop() ends gunicorn's and celery's children
        )

    def healthcheck(self, cwd: Path = ROOT) -> subprocess.CompletedProcess:
        check = self.spec["healthcheck"]
        timeout = seconds(check.get("timeout"), 30)
        try:
            result = subprocess.run(
                healthcheck_argv(check["test"]),
                cwd=cwd,
                env=self.env,
                capture_output=True,
                text=True,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired as exc:
            result = subprocess.CompletedProcess(exc.cmd, 124, "", f"timed out after {timeout} s")
        self.health_runs.append((result.returncode, (result.stdout + result.stderr)[-500:]))
        return result

    def wait_healthy(self, deadline: float, every: float = 1.0) -> bool:
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                return False
            if self.healthcheck().returncode == 0:
                return True
            time.sleep(every)
        return False

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def stop(self, timeout: float = 20) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        except ProcessLookupError:
            pass
