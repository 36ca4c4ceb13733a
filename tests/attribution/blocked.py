"""Reading a text in a fresh interpreter with one optional package switched off by its variable."""

import json
import os
import subprocess
import sys

_CODE = (
    "import json, sys, attribution; text, language = sys.argv[1:3]; r = attribution.read(text, language=language);"
    "print(json.dumps([r.engine, [s.name for st in r.statements for s in st.chain]]))"
)


def read_blocked(switch: str, text: str, language: str) -> tuple[str, list, str]:
    """(engine, names of every chain link, stderr) with `switch`=1 set, as a deployment would run it."""
    env = dict(os.environ, **{switch: "1"})
    out = subprocess.run(
        [sys.executable, "-c", _CODE, text, language], env=env, capture_output=True, text=True, check=True
    )
    engine, names = json.loads(out.stdout)
    return engine, names, out.stderr


_MANY = (
    "import json, sys, attribution; items = json.load(sys.stdin); out = []\n"
    "for text, language in items:\n"
    "    r = attribution.read(text, language=language)\n"
    "    out.append([[[s.kind, s.count if s.kind == 'unnamed' else s.name] for s in st.chain] for st in r.statements])\n"
    "print(json.dumps(out))"
)


def chains_blocked(switches: tuple[str, ...], items: list[tuple[str, str]]) -> list[list[list[list]]]:
    """Each (text, language) read in one fresh interpreter with every switch in `switches`=1 set: per text,
    its statements' chains as [kind, name] links ([kind, count] for unnamed groups)."""
    env = dict(os.environ, **dict.fromkeys(switches, "1"))
    out = subprocess.run(
        [sys.executable, "-c", _MANY],
        input=json.dumps(items),
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


_TRIPLES = (
    "import json, sys, attribution; texts, language = json.load(sys.stdin)\n"
    "print(json.dumps([[[[s.kind, s.name, s.count] for s in st.chain]"
    " for st in attribution.read(t, language=language).statements] for t in texts]))"
)


def triples_blocked(switch: str, texts: list[str], language: str) -> list[list[list[tuple]]]:
    """Each text read in one fresh interpreter with `switch`=1 set: per text, its statements' chains as
    (kind, name, count) links."""
    out = subprocess.run(
        [sys.executable, "-c", _TRIPLES],
        input=json.dumps([texts, language]),
        env=dict(os.environ, **{switch: "1"}),
        capture_output=True,
        text=True,
        check=True,
    )
    return [[[tuple(link) for link in chain] for chain in chains] for chains in json.loads(out.stdout)]
