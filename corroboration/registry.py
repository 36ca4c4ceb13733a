"""Process-wide, self-refreshing views of the database the matcher needs: aliases, open claims, the matcher.

Each is rebuilt when a cheap signature query says its rows changed, so a long-lived worker sees new
sources and claims without a restart, and never encodes anything before Celery forks it (lazy).
"""

import threading

import numpy as np
from django.db import connections, router

from claims.models import Claim, ClaimEntity, ClaimStatus
from sources.models import Source, SourceAlias, SourceKind
from textkit.folding import content_terms

from .bm25 import BM25Index
from .embeddings import get_encoder
from .engine import Matcher
from .entities import AliasIndex
from .vectors import claim_vectors_ensure

_lock = threading.RLock()
_state: dict = {}


def _signatures(*, claims: bool) -> tuple[tuple, tuple | None]:
    """The sources' signature (count and latest change of sources and of aliases) and, with `claims`,
    the open claims' (count and latest change of open claims and of their registry entities): cheap
    aggregates that change whenever a cached view's rows do. One round trip for all of them: a new
    article asks for both, and each query costs more in the driver than in the database."""
    parts = [
        (Source.objects.values("id", "updated_at"), "COUNT(q.id), MAX(q.updated_at)"),
        (SourceAlias.objects.values("id"), "COUNT(q.id), MAX(q.id)"),
    ]
    if claims:
        parts += [
            (open_claims().values("id", "updated_at"), "COUNT(q.id), MAX(q.updated_at)"),
            (ClaimEntity.objects.values("id"), "COUNT(q.id), MAX(q.id)"),
        ]
    selects, params = [], []
    for i, (queryset, columns) in enumerate(parts):
        sql, sql_params = queryset.order_by().query.sql_with_params()
        selects.append(f"(SELECT {columns} FROM ({sql}) q) s{i}")
        params.extend(sql_params)
    with connections[router.db_for_read(Claim)].cursor() as cursor:
        cursor.execute(f"SELECT * FROM {', '.join(selects)}", params)
        row = tuple(cursor.fetchone())
    return row[:4], (row[4:] if claims else None)


def _sources_signature() -> tuple:
    return _signatures(claims=False)[0]


def alias_index(*, signature: tuple | None = None) -> tuple[AliasIndex, set[int]]:
    """Every registry name and alias → its source; and the ids of outlets. `signature`: the sources'
    signature when the caller has just read it (_signatures)."""
    signature = signature or _sources_signature()
    with _lock:
        cached = _state.get("aliases")
        if cached and cached[0] == signature:
            return cached[1], cached[2]
        names = list(Source.objects.values_list("id", "name"))
        names += list(SourceAlias.objects.values_list("source_id", "name"))
        outlets = set(Source.objects.filter(kind=SourceKind.OUTLET).values_list("id", flat=True))
        index = AliasIndex(names)
        _state["aliases"] = (signature, index, outlets)
        return index, outlets


def alias_names(source_ids: set[int]) -> list[str]:
    names = list(Source.objects.filter(id__in=source_ids).values_list("name", flat=True))
    names += list(SourceAlias.objects.filter(source_id__in=source_ids).values_list("name", flat=True))
    return names


def matcher(*, sources_signature: tuple | None = None) -> Matcher:
    index, _ = alias_index(signature=sources_signature)
    with _lock:
        current = _state.get("matcher")
        if current is None:
            current = _state["matcher"] = Matcher(encoder=get_encoder())
        current.aliases = index
        return current


def open_claims():
    """Claims new coverage is matched against: all but those retracted by their source."""
    return Claim.objects.exclude(status=ClaimStatus.RETRACTED)


class ClaimIndex:
    """An in-memory index of open claims: stemmed terms plus registry entities, and embeddings if any."""

    def __init__(self, matcher: Matcher, previous: "ClaimIndex | None" = None):
        """`previous`: the index this one replaces; what it learnt of each claim text that is still
        there (the text's side of the news features, computed on first use) is kept, not recomputed."""
        self.ids: list[int] = []
        news_sides = (
            {v.text: v.news_side for vs in previous.variants.values() for v in vs if v.news_side is not None}
            if previous is not None
            else {}
        )
        self.bm25 = BM25Index(content_terms)
        entity_sources: dict[int, set[int]] = {}
        for claim_id, source_id in ClaimEntity.objects.filter(source__isnull=False).values_list(
            "claim_id", "source_id"
        ):
            entity_sources.setdefault(claim_id, set()).add(source_id)
        # Each claim's prepared variants (text, English summary), so matching an article encodes nothing
        # but the article itself.
        self.variants: dict[int, list] = {}
        encoder, matcher.encoder = matcher.encoder, None
        try:
            texts, owners = [], []
            for claim_id, text, summary in (
                open_claims().values_list("id", "text", "summary_en").order_by("id")
            ):
                full = f"{text} {summary}"
                variants = [matcher.prepare_claim(t) for t in (text, summary) if t.strip()]
                entities = entity_sources.get(claim_id, set()).union(*(v.entities for v in variants))
                for v in variants:
                    v.entities = entities
                    v.news_side = news_sides.get(v.text)
                    texts.append(v.text)
                    owners.append(v)
                self.variants[claim_id] = variants
                self.bm25.add(claim_id, full, [f"ent:{e}" for e in entities])
                self.ids.append(claim_id)
        finally:
            matcher.encoder = encoder
        self.vectors = None
        if encoder and texts:
            # A rebuild (any claim edited, any verdict recorded) looks up only texts not seen before in
            # this process; the first build reads them from the database, encoding only claims that are
            # new or changed since a worker last stored them.
            cache = _state.setdefault("claim_vectors", {})
            unseen = {
                claim_id: [v.text for v in variants]
                for claim_id, variants in self.variants.items()
                if any((encoder.name, v.text) not in cache for v in variants)
            }
            for claim_id, rows in claim_vectors_ensure(texts_by_claim=unseen, encoder=encoder).items():
                for text, vector in zip(unseen[claim_id], rows, strict=True):
                    cache[(encoder.name, text)] = vector
            for v in owners:
                v.vector = cache[(encoder.name, v.text)]
            live = {(encoder.name, t) for t in texts}
            for key in [k for k in cache if k not in live]:
                del cache[key]
            # Every variant's row (a Russian claim's English summary is nearer to English coverage),
            # with the position of its claim in self.ids.
            # Rows are grouped by claim, in the order of self.ids: group g starts at row_starts[g] and
            # belongs to claim position group_owner[g] (a claim with no text has no row).
            rows = [(i, v.vector) for i, claim_id in enumerate(self.ids) for v in self.variants[claim_id]]
            self.vector_owner = np.array([i for i, _ in rows])
            self.row_starts = np.flatnonzero(np.r_[True, self.vector_owner[1:] != self.vector_owner[:-1]])
            self.group_owner = self.vector_owner[self.row_starts]
            self.vectors = np.stack([vector for _, vector in rows]).astype(np.float32)

    def search(
        self, *, terms: list[str], vectors: np.ndarray | None, limit: int = 30, min_cosine: float = 0.0
    ) -> dict[int, float]:
        """Claims sharing the rarest terms, plus the nearest by embedding down to `min_cosine` (below it a
        claim could not be judged relevant by its embedding, so scoring it would be wasted)."""
        found = dict(self.bm25.search_terms(terms, limit=limit, max_terms=64))
        if self.vectors is not None and vectors is not None and len(vectors):
            row_best = (np.asarray(vectors, dtype=np.float32) @ self.vectors.T).max(axis=0)
            best = np.maximum.reduceat(row_best, self.row_starts)  # each claim's best variant
            owners = np.flatnonzero(best >= min_cosine)
            if len(owners) > limit:
                owners = owners[np.argpartition(-best[owners], limit - 1)[:limit]]
            for g in owners[np.argsort(-best[owners], kind="stable")]:
                found.setdefault(self.ids[self.group_owner[g]], 0.0)
        return found


def claim_index() -> ClaimIndex:
    return matcher_and_claim_index()[1]


def matcher_and_claim_index() -> tuple[Matcher, ClaimIndex]:
    """The matcher and the index of open claims, both checked against one signature query."""
    sources, claims = _signatures(claims=True)
    signature = (claims, sources)
    m = matcher(sources_signature=sources)
    with _lock:
        cached = _state.get("claims")
        if cached and cached[0] == signature:
            return m, cached[1]
        index = ClaimIndex(m, previous=cached[1] if cached else None)
        _state["claims"] = (signature, index)
        return m, index


def reset() -> None:
    """Forget every cached view (tests that rebuild the database between cases)."""
    with _lock:
        _state.clear()
