"""Matching the names the rules found to the Source registry, in one batch, and shaping the output.

A name the registry does not know becomes a *proposed* source ({"id": null, "new": true}); nothing is
created until an editor accepts the claim.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from sources.models import Source, SourceKind
from textkit.folding import normalize_name

from .proposer import OUTLET, OWN, UNNAMED, Extraction, Mention, role_text


@dataclass(frozen=True)
class SourceRef:
    id: int | None
    name: str
    kind: str


class Registry(Protocol):
    def lookup(self, keys: set[str]) -> dict[str, SourceRef]:
        """Known sources by normalised name or alias, for the normalised `keys` asked about."""


class DatabaseRegistry:
    """The Source registry in the database; one query per article, whatever its length."""

    def lookup(self, keys: set[str]) -> dict[str, SourceRef]:
        if not keys:
            return {}
        found: dict[str, SourceRef] = {}
        by_name = Source.objects.filter(normalized_name__in=keys).values_list(
            "normalized_name", "id", "name", "kind"
        )
        for key, pk, name, kind in by_name:
            found.setdefault(key, SourceRef(pk, name, kind))
        by_alias = Source.objects.filter(aliases__normalized__in=keys).values_list(
            "aliases__normalized", "id", "name", "kind"
        )
        for key, pk, name, kind in by_alias.order_by("id"):
            found.setdefault(key, SourceRef(pk, name, kind))
        return found


class MemoryRegistry:
    """A registry held in memory (benchmarks, tests of the rules without a database)."""

    def __init__(self, sources: Iterable[dict]):
        self._index: dict[str, SourceRef] = {}
        for i, spec in enumerate(sources, start=1):
            ref = SourceRef(i, spec["name"], spec["kind"])
            for name in [spec["name"], *spec.get("aliases", [])]:
                self._index.setdefault(normalize_name(name), ref)

    def lookup(self, keys: set[str]) -> dict[str, SourceRef]:
        return {key: self._index[key] for key in keys if key in self._index}


def _keys(mention: Mention) -> list[str]:
    return [normalize_name(n) for n in mention.names()]


def _match(mention: Mention, known: dict[str, SourceRef]) -> SourceRef | None:
    for key in _keys(mention):
        if key in known:
            return known[key]
    return None


def _link(mention: Mention, known: dict[str, SourceRef]) -> dict:
    ref = _match(mention, known) if mention.kind != UNNAMED else None
    kind = mention.kind
    if ref is not None:
        source = {"id": ref.id, "name": ref.name, "new": False}
        kind = ref.kind
    elif mention.name and mention.kind != UNNAMED:
        # "The Financial Times (FT)" is proposed as "The Financial Times"; the editor may fix it.
        name = re.sub(r"\s*\([^)]*\)", "", mention.name).strip() or mention.name
        source = {"id": None, "name": name, "new": True}
    else:
        source = None
    return {
        "kind": kind,
        "source": source,
        "role": role_text(mention.role)[:300],
        "count": mention.count if kind == SourceKind.UNNAMED else None,
        "phrase": mention.phrase[:500],
        "quote": mention.quote,
    }


def resolve(extraction: Extraction, registry: Registry, *, outlet: SourceRef | None = None) -> dict:
    """The extraction as JSON-ready data, every chain outermost first, names matched to the registry."""
    keys: set[str] = set()
    for claim in extraction.claims:
        for mention in claim.links:
            keys.update(_keys(mention))
    known = registry.lookup(keys)
    article_source = {"id": outlet.id, "name": outlet.name, "new": False} if outlet else None
    out = []
    for claim in extraction.claims:
        chain = [
            {
                "kind": OUTLET if claim.links else OWN,
                "source": article_source,
                "role": "",
                "count": None,
                "phrase": "",
                "quote": "",
            }
        ]
        chain += [_link(m, known) for m in claim.links]
        out.append(
            {
                "text": claim.text,
                "kind": claim.kind,
                "span": [claim.start, claim.end],
                "entities": claim.entities,
                "chain": chain,
            }
        )
    return {"language": extraction.language, "claims": out, "warnings": extraction.warnings}
