"""Shared by the extraction tests and bench/extraction.py: fixtures on disk and the registry they use."""

import json
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "deepseek-r2-ascend-2025-08-14.ru.txt"
SEED_SKIP_REASON = f"the seed article {SEED} is not here (../shared exists only on the team's machines)"


def registry_sources() -> list[dict]:
    return json.loads((FIXTURES / "registry.json").read_text())["sources"]


def labelled_articles(group: str) -> list[tuple[str, str, dict]]:
    """(name, text, expected) for every article in tuning/ or heldout/ (and the seed, if present)."""
    out = []
    if group == "seed":
        if SEED.exists():
            expected = json.loads((FIXTURES / "seed" / (SEED.stem + ".expected.json")).read_text())
            out.append((SEED.name, SEED.read_text(encoding="utf-8"), expected))
        return out
    for path in sorted((FIXTURES / group).glob("*.txt")):
        expected = json.loads(path.with_suffix(".expected.json").read_text())
        out.append((path.stem, path.read_text(encoding="utf-8"), expected))
    return out


LINK_ROW_FIELDS = ("kind", "relation", "source", "new_source", "count", "role", "phrase", "quote")


def chain_form_data(links: list[dict], *, initial: int = 0) -> dict:
    """The proposal page's chain rows as the browser posts them (prefix "chain"), in order."""
    data = {
        "chain-TOTAL_FORMS": str(len(links)),
        "chain-INITIAL_FORMS": str(initial),
        "chain-MIN_NUM_FORMS": "0",
        "chain-MAX_NUM_FORMS": "30",
    }
    for i, link in enumerate(links):
        data[f"chain-{i}-ORDER"] = str(link.get("ORDER", i + 1))
        for name in LINK_ROW_FIELDS:
            value = link.get(name)
            data[f"chain-{i}-{name}"] = "" if value is None else str(value)
        if link.get("DELETE"):
            data[f"chain-{i}-DELETE"] = "on"
    return data
