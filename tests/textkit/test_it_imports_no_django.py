"""textkit stays Django-free: no module of it imports Django, DRF or the project's apps."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = ("django", "rest_framework", "claims", "sources", "claimtracker")


def test_no_textkit_module_imports_django_or_the_apps():
    offenders = []
    for path in sorted((ROOT / "textkit").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            else:
                continue
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in FORBIDDEN]
    assert offenders == []


def test_it_runs_without_django_settings():
    code = (
        "import sys, textkit.sentences, textkit.language, textkit.charset, textkit.folding, textkit.quantities\n"
        "textkit.sentences.split_sentences('Ein Satz. Noch einer.')\n"
        "textkit.language.detect('Ein kurzer deutscher Satz ohne Umlaute')\n"
        "textkit.charset.decode('Привет, мир'.encode('cp1251'), 'koi8-r')\n"
        "textkit.folding.content_terms('Ёлки стоят')\n"
        "assert 'django' not in sys.modules, 'django was imported'\n"
    )
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
