"""Matching the names the rules found to the Source registry, in one batch, and shaping the output.

Each proposed claim is exactly a body `POST /api/v1/claims/` accepts (claims.services.chains has the
link shape): text, language, kind, span, entities, appearances (the stored article, when there is
one) and the chain, outermost first. A known source is {"id", "name", "kind"}; a name the registry
does not know is {"name", "kind"} and nothing is created until the claim is (through the registry
service, which matches it again first). A chain of one link is the outlet's own statement.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from claims.models import LinkRelation
from sources.models import Source, SourceKind
from textkit.folding import normalize_name

from .proposer import OUTLET, UNNAMED, Extraction, Mention, role_text

# The first link must name a source or say something; a text with no outlet says this.
NO_OUTLET_PHRASE = "the article itself (no outlet recorded)"
# ClaimEntity names hold 300 characters; an all-caps headline can make a longer "name".
MAX_ENTITY = 300
MAX_ENTITIES = 50


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


def _link(mention: Mention, known: dict[str, SourceRef], *, last: bool) -> dict:
    ref = _match(mention, known) if mention.kind != UNNAMED else None
    kind = mention.kind
    if ref is not None:
        source = {"id": ref.id, "name": ref.name, "kind": ref.kind}
        kind = ref.kind
    elif mention.name and mention.kind != UNNAMED:
        # "The Financial Times (FT)" is proposed as "The Financial Times"; the editor may fix it.
        name = re.sub(r"\s*\([^)]*\)", "", mention.name).strip() or mention.name
        source = {"name": name[:300], "kind": kind}
    else:
        source = None
    role = role_text(mention.role).strip()[:300]
    phrase = mention.phrase.strip()[:500]
    if source is None and not phrase:
        phrase = (role or kind)[:500]  # a link names a source or says how it was attributed
    said = last and kind in (SourceKind.PERSON, SourceKind.ORGANISATION)
    return {
        "relation": LinkRelation.SAID_BY.value if said else LinkRelation.CITING.value,
        "kind": kind,
        "source": source,
        "count": mention.count if kind == SourceKind.UNNAMED else None,
        "role": role,
        "phrase": phrase,
        "quote": mention.quote,
    }


def outlet_link(outlet: SourceRef | None) -> dict:
    """The first link: the outlet that carries the claim (reported by it, or its own statement)."""
    return {
        "relation": LinkRelation.REPORTED_BY.value,
        "kind": OUTLET,
        "source": {"id": outlet.id, "name": outlet.name, "kind": outlet.kind} if outlet else None,
        "count": None,
        "role": "",
        "phrase": "" if outlet else NO_OUTLET_PHRASE,
        "quote": "",
    }


def entities_clean(entities: Iterable[str]) -> list[str]:
    out: list[str] = []
    for entity in entities:
        name = " ".join(entity.split())[:MAX_ENTITY].strip()
        if name and name not in out:
            out.append(name)
    return out[:MAX_ENTITIES]


def resolve(
    extraction: Extraction,
    registry: Registry,
    *,
    outlet: SourceRef | None = None,
    article_id: int | None = None,
) -> dict:
    """The extraction as JSON-ready data: each claim a body POST /api/v1/claims/ accepts as it is."""
    keys: set[str] = set()
    for claim in extraction.claims:
        for mention in claim.links:
            keys.update(_keys(mention))
    known = registry.lookup(keys)
    out = []
    for claim in extraction.claims:
        chain = [outlet_link(outlet)]
        chain += [_link(m, known, last=i == len(claim.links) - 1) for i, m in enumerate(claim.links)]
        appearances = (
            [{"article": article_id, "span_start": claim.start, "span_end": claim.end}]
            if article_id is not None
            else []
        )
        out.append(
            {
                "text": claim.text,
                "language": extraction.language,
                "kind": claim.kind,
                "span": [claim.start, claim.end],
                "entities": entities_clean(claim.entities),
                "chain": chain,
                "appearances": appearances,
            }
        )
    return {"language": extraction.language, "claims": out, "warnings": extraction.warnings}
