"""Embeddings kept in the database, so each text is encoded once per encoder, not at every match.

Articles: the title and every sentence, stored when an article is first matched (right after
ingestion). Claims: the text and the English summary, stored when a worker first indexes the claim.
Rows are float16; a freshly computed row is rounded the same way, so the first decision made with it
is the one every later match makes. Stale rows (text changed, split differently) are recomputed.
"""

import hashlib

import numpy as np

from sources.models import Article
from textkit.sentences import sentence_spans

from .embeddings import Encoder
from .engine import Doc, Matcher
from .models import ArticleVectors, ClaimVectors


def encoder_key(encoder: Encoder) -> str:
    return f"{encoder.name}-{encoder.version}"


def _values(vectors: np.ndarray) -> tuple[np.ndarray, dict]:
    half = np.asarray(vectors, dtype=np.float16)
    return half, {"rows": half.shape[0], "dim": half.shape[1], "vectors": half.tobytes()}


def article_vectors_ensure(*, articles: list[Article], matcher: Matcher) -> dict[int, np.ndarray]:
    """Each article's stored sentence embeddings for the matcher's encoder, computing and storing those
    missing or stale (text changed, or split differently). {} on the lexical path (no encoder)."""
    if not matcher.encoder or not articles:
        return {}
    encoder = encoder_key(matcher.encoder)
    stored = {
        row.article_id: row
        for row in ArticleVectors.objects.filter(article__in=[a.id for a in articles], encoder=encoder)
    }
    found, missing = {}, []
    for article in articles:
        row = stored.get(article.id)
        expected_rows = 1 + len(sentence_spans(article.text))
        if row is not None and row.content_hash == article.content_hash and row.rows == expected_rows:
            found[article.id] = row.matrix()
        else:
            missing.append(article)
    computed = (
        matcher.embed_all([Doc(id=a.id, title=a.title, text=a.text) for a in missing]) if missing else []
    )
    new_rows = []
    for article, vectors in zip(missing, computed, strict=True):
        found[article.id], values = _values(vectors)
        values["content_hash"] = article.content_hash
        if article.id in stored:
            ArticleVectors.objects.filter(pk=stored[article.id].pk).update(**values)
        else:
            new_rows.append(ArticleVectors(article=article, encoder=encoder, **values))
    # Another worker may store the same article at the same moment: both computed the same rows.
    ArticleVectors.objects.bulk_create(new_rows, ignore_conflicts=True)
    return {k: np.asarray(v, dtype=np.float32) for k, v in found.items()}


def texts_digest(texts: list[str]) -> str:
    return hashlib.sha256("\x1f".join(texts).encode()).hexdigest()


def claim_vectors_ensure(*, texts_by_claim: dict[int, list[str]], encoder: Encoder) -> dict[int, np.ndarray]:
    """Each claim's stored query embeddings (one row per text), encoding and storing those missing or
    stale. `texts_by_claim`: claim id -> its texts in order (the text, then the English summary)."""
    key = encoder_key(encoder)
    ids = list(texts_by_claim)
    stored = {}
    for i in range(0, len(ids), 5000):  # keep each IN list well under SQLite's variable limit
        stored.update(
            (row.claim_id, row)
            for row in ClaimVectors.objects.filter(claim_id__in=ids[i : i + 5000], encoder=key)
        )
    found, missing = {}, []
    for claim_id, texts in texts_by_claim.items():
        row = stored.get(claim_id)
        if row is not None and row.texts_digest == texts_digest(texts) and row.rows == len(texts):
            found[claim_id] = row.matrix()
        else:
            missing.append(claim_id)
    new_rows = []
    for i in range(0, len(missing), 256):
        chunk = missing[i : i + 256]
        flat = [t for claim_id in chunk for t in texts_by_claim[claim_id]]
        vectors, offset = encoder.queries(flat), 0
        for claim_id in chunk:
            texts = texts_by_claim[claim_id]
            found[claim_id], values = _values(vectors[offset : offset + len(texts)])
            offset += len(texts)
            values["texts_digest"] = texts_digest(texts)
            if claim_id in stored:
                ClaimVectors.objects.filter(pk=stored[claim_id].pk).update(**values)
            else:
                new_rows.append(ClaimVectors(claim_id=claim_id, encoder=key, **values))
    ClaimVectors.objects.bulk_create(new_rows, batch_size=1000, ignore_conflicts=True)
    return {k: np.asarray(v, dtype=np.float32) for k, v in found.items()}
