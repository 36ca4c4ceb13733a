"""The agreed layout: sources/ knows nothing of claims; docker-compose.yml has the production shape."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


# The rooms, lowest first; a room imports only from rooms of a lower rank (docs/DESIGN.md).
RANKS = {
    "textkit": 0,
    "attribution": 1,
    "sources": 1,
    "claims": 2,
    "extraction": 3,
    "corroboration": 3,
    "claimreview": 3,
    "records": 3,
    "dossier": 3,
    "api": 4,
    "webhooks": 5,
    "demo": 6,
    # Operations (health, logs, the beat schedule): imports no room.
    "ops": 0,
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_every_room_imports_only_from_the_rooms_below_it():
    offenders = []
    for room, rank in RANKS.items():
        for path in (ROOT / room).rglob("*.py"):
            for name in _imports(path) & set(RANKS):
                if name != room and RANKS[name] >= rank:
                    offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []


def _module_graph() -> dict[str, set[str]]:
    """Every import between the project's modules, in functions too (a hidden cycle is still one)."""
    modules = {}
    for room in [*RANKS, "claimtracker"]:
        for path in (ROOT / room).rglob("*.py"):
            if "migrations" not in path.parts:
                name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
                modules[name] = path
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = (
                    package.split(".")[: len(package.split(".")) - max(node.level - 1, 0)]
                    if node.level
                    else []
                )
                module = ".".join([*base, node.module] if node.module else base)
                targets = [f"{module}.{alias.name}" for alias in node.names] + [module]
            else:
                continue
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name and not name.startswith(target + "."):
                    graph[name].add(target)
    return graph


def test_no_module_imports_itself_in_a_circle():
    graph = _module_graph()
    cycles = []

    def visit(node, path, seen):
        for nxt in graph[node]:
            if nxt == path[0]:
                cycles.append(" -> ".join([*path, nxt]))
            elif nxt not in seen and nxt > path[0]:
                seen.add(nxt)
                visit(nxt, [*path, nxt], seen)

    for start in sorted(graph):
        visit(start, [start], {start})
    assert cycles == []


def test_docker_compose_has_web_workers_beat_postgres_and_redis_with_health_checks():
    from tests.ops.compose import load

    compose = load({"SECRET_KEY": "k", "POSTGRES_PASSWORD": "p", "FLOWER_BASIC_AUTH": "u:p"})
    services = compose["services"]
    assert {"web", "worker-fetch", "worker-cpu", "beat", "flower", "postgres", "redis"} <= set(services)
    for name, service in services.items():
        assert "healthcheck" in service and service["healthcheck"]["test"], f"{name} has no health check"
    assert "celery -A claimtracker --quiet worker" in services["worker-cpu"]["command"]
    assert "-Q cpu" in services["worker-cpu"]["command"] and "-Q fetch" in services["worker-fetch"]["command"]
    assert "celery -A claimtracker --quiet beat" in services["beat"]["command"]
    assert "gunicorn claimtracker.wsgi" in services["web"]["command"]
    for name in ("web", "worker-fetch", "worker-cpu", "beat", "flower"):
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
