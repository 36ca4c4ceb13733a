"""The matcher: scores candidate documents for a claim, picks the deciding passage and its stance.

Django-free and shared by production (corroboration.run) and the benchmark (bench.retrieval),
so what is measured is what runs. Candidate generation is someone else's job (see candidates.py):
the matcher only reranks what it is handed, with the lexical score the candidate source gave.
"""

from collections import OrderedDict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from textkit.folding import content_terms
from textkit.quantities import dates, numbers
from textkit.sentences import sentence_spans

from . import relevance as relevance_mod
from . import stance as stance_mod
from .embeddings import Encoder
from .entities import AliasIndex

COMPONENT = "corroboration.matcher"
VERSION = "1.3"

# Weights of the final score: a grid search on the first half of SciFact train's claims (bench/tune.py),
# checked on the second half (docs/benchmarks.md). SciFact names no registry entities, so "entities"
# is set by hand for news.
WEIGHTS = {
    "lexical": 1.0,
    "dense_max": 0.6,
    "dense_doc": 0.6,
    "coverage": 0.25,
    "entities": 0.25,
    "numbers": 0.1,
}
# e5's cosines sit in a narrow band near 1, so its dense scores need more say. Grid-searched the same
# way with the e5 encoder: tuned on either half of the claims, both halves pick these weights, and
# the half not tuned on scores nDCG@10 0.874 / 0.896 (held-out mean 0.885, BM25 0.825).
WEIGHTS_BY_ENCODER = {
    "multilingual-e5-small-q4": {
        "lexical": 0.3,
        "dense_max": 1.0,
        "dense_doc": 0.6,
        "coverage": 0.0,
        "entities": 0.25,
        "numbers": 0.1,
    },
}


@dataclass
class Doc:
    id: Hashable
    title: str
    text: str
    spans: list[tuple[int, int]] | None = None  # sentence offsets into text; split here when None
    version: str = ""  # e.g. the content hash: embeddings are cached per (id, version)
    # Stored embeddings of the title and every sentence (Matcher.embed_all), if the caller has them:
    # then nothing of this document is encoded again.
    vectors: np.ndarray | None = None


@dataclass
class PreparedDoc:
    doc: Doc
    spans: list[tuple[int, int]]
    sentence_terms: list[set[str]]
    terms: set[str]
    numbers: set[float]
    dates: set
    entities: set[int]
    vectors: np.ndarray | None = None  # row 0: the title, then one row per kept sentence
    vector_rows: list[int] = field(default_factory=list)  # sentence index of each row after the title
    # stance.news_doc of the sentences news features read, by their rows (the same for every claim)
    news_sides: dict = field(default_factory=dict, repr=False, compare=False)


@dataclass
class PreparedClaim:
    text: str
    terms: list[str]
    term_set: set[str]
    numbers: set[float]
    dates: set
    entities: set[int]
    vector: np.ndarray | None
    # stance.news_claim(text), once: a claim in the index is paired with every article matched to it
    news_side: stance_mod.NewsClaim | None = field(default=None, repr=False, compare=False)


@dataclass
class Scored:
    doc_id: Hashable
    score: float
    scores: dict[str, float]
    passage: tuple[int, int] | None
    stance: stance_mod.StanceResult | None = None  # None also when the relevance gate turned it away
    relevance: relevance_mod.RelevanceResult | None = None


class Matcher:
    def __init__(
        self,
        *,
        encoder: Encoder | None = None,
        aliases: AliasIndex | None = None,
        max_sentences: int = 12,
        weights: dict[str, float] | None = None,
        cache_size: int = 2000,
    ):
        self.encoder = encoder
        self.aliases = aliases or AliasIndex()
        self.max_sentences = max_sentences
        default = WEIGHTS_BY_ENCODER.get(encoder.name, WEIGHTS) if encoder else WEIGHTS
        self.weights = dict(default, **(weights or {}))
        name = encoder.name if encoder else "lexical"
        self.stance_model = stance_mod.load_model(name)  # SciFact's; used when no news model is there
        self.news_model = stance_mod.load_news_model(name)
        self.relevance_model = relevance_mod.load_model(name)
        self._vector_cache: OrderedDict = OrderedDict()
        self._cache_size = cache_size

    @property
    def version(self) -> str:
        encoder = f"{self.encoder.name}-{self.encoder.version}" if self.encoder else "lexical"
        return f"{VERSION}+{encoder}"

    # --- preparing texts ------------------------------------------------------------------------

    def prepare_claim(self, text: str) -> PreparedClaim:
        terms = content_terms(text)
        vector = self.encoder.queries([text])[0] if self.encoder else None
        return PreparedClaim(
            text=text,
            terms=terms,
            term_set=set(terms),
            numbers=numbers(text),
            dates=dates(text),
            entities=self.aliases.source_ids(text),
            vector=vector,
        )

    def prepare_docs(self, docs: Sequence[Doc], *, focus: PreparedClaim | None = None) -> list[PreparedDoc]:
        """Split, index and (with an encoder) embed documents; sentences are embedded in one batch."""
        prepared = []
        for doc in docs:
            spans = doc.spans if doc.spans is not None else sentence_spans(doc.text)
            sentence_terms = [set(content_terms(doc.text[a:b])) for a, b in spans]
            title_terms = set(content_terms(doc.title))
            full = f"{doc.title}\n{doc.text}"
            prepared.append(
                PreparedDoc(
                    doc=doc,
                    spans=spans,
                    sentence_terms=sentence_terms,
                    terms=title_terms.union(*sentence_terms),
                    numbers=numbers(full),
                    dates=dates(full),
                    entities=self.aliases.source_ids(full),
                )
            )
        if self.encoder:
            self._embed(prepared, focus)
        return prepared

    def refocus(self, p: PreparedDoc, focus: PreparedClaim) -> PreparedDoc:
        """The document prepared for another claim: the same split and terms, with the embedding rows
        of the sentences that claim picks (a long text embeds only some). Nothing is split or indexed
        again, and with stored embeddings nothing is encoded either."""
        if p.vectors is None or self.rows_to_embed(p, focus) == p.vector_rows:
            return p
        again = replace(p, vectors=None, vector_rows=[])
        self._embed([again], focus)
        return again

    def _embed(self, prepared: list[PreparedDoc], focus: PreparedClaim | None) -> None:
        pending: list[tuple[PreparedDoc, list[int]]] = []
        texts: list[str] = []
        for p in prepared:
            rows = self.rows_to_embed(p, focus)
            stored = p.doc.vectors
            if stored is not None and len(stored) == 1 + len(p.spans):
                p.vectors, p.vector_rows = stored[[0, *(1 + i for i in rows)]], rows
                continue
            key = (p.doc.id, p.doc.version, tuple(rows))
            cached = self._vector_cache.get(key)
            if cached is not None:
                self._vector_cache.move_to_end(key)
                p.vectors, p.vector_rows = cached, rows
                continue
            pending.append((p, rows))
            texts.append(p.doc.title or " ")
            texts.extend(p.doc.text[a:b] for a, b in (p.spans[i] for i in rows))
        if not texts:
            return
        vectors = self.encoder.passages(texts)
        offset = 0
        for p, rows in pending:
            p.vectors, p.vector_rows = vectors[offset : offset + 1 + len(rows)], rows
            offset += 1 + len(rows)
            self._vector_cache[(p.doc.id, p.doc.version, tuple(rows))] = p.vectors
            if len(self._vector_cache) > self._cache_size:
                self._vector_cache.popitem(last=False)

    def embed_all(self, docs: Sequence[Doc]) -> list[np.ndarray]:
        """Embeddings of each document's title and every sentence, in one batch: what is stored per
        article, so that later matches only select rows (see Doc.vectors)."""
        if not self.encoder:
            raise ValueError("no encoder configured")
        texts, sizes = [], []
        for doc in docs:
            spans = doc.spans if doc.spans is not None else sentence_spans(doc.text)
            texts.append(doc.title or " ")
            texts.extend(doc.text[a:b] for a, b in spans)
            sizes.append(1 + len(spans))
        vectors = self.encoder.passages(texts) if texts else None
        out, offset = [], 0
        for size in sizes:
            out.append(vectors[offset : offset + size])
            offset += size
        return out

    def rows_to_embed(self, p: PreparedDoc, focus: PreparedClaim | None) -> list[int]:
        """Which sentences to embed: all of a short text; of a long one, those sharing the most with the claim."""
        n = len(p.spans)
        if n <= self.max_sentences:
            return list(range(n))
        if focus is None:
            return list(range(self.max_sentences))
        entity_spans = self._entity_sentences(p, focus)
        ranked = sorted(
            range(n),
            key=lambda i: (-(len(p.sentence_terms[i] & focus.term_set) + 2 * (i in entity_spans)), i),
        )
        return sorted(ranked[: self.max_sentences])

    def _entity_sentences(self, p: PreparedDoc, focus: PreparedClaim) -> set[int]:
        if not focus.entities:
            return set()
        hits = set()
        for mention in self.aliases.mentions(p.doc.text):
            if mention.source_id in focus.entities:
                for i, (a, b) in enumerate(p.spans):
                    if a <= mention.start < b:
                        hits.add(i)
        return hits

    # --- scoring ----------------------------------------------------------------------------------

    def score(
        self,
        claim: PreparedClaim,
        docs: Sequence[PreparedDoc],
        *,
        lexical: dict[Hashable, float] | None = None,
        with_stance: bool = True,
    ) -> list[Scored]:
        """Rank the documents for the claim, best first, each with its scores, passage and stance."""
        lexical = lexical or {}
        top_lexical = max(lexical.values(), default=0.0) or 1.0
        w = self.weights
        results = []
        for p in docs:
            s = self._features(claim, p)
            s["lexical"] = lexical.get(p.doc.id, 0.0) / top_lexical
            s["score"] = round(sum(w[k] * s[k] for k in w), 6)
            passage_index = s.pop("_passage")
            passage = p.spans[passage_index] if passage_index is not None else None
            results.append(Scored(p.doc.id, s["score"], s, passage))
        if with_stance:
            self.attach_stances([(claim, p, r) for p, r in zip(docs, results, strict=True)])
        results.sort(key=lambda r: (-r.score, str(r.doc_id)))
        return results

    def _features(self, claim: PreparedClaim, p: PreparedDoc) -> dict:
        n_terms = len(claim.term_set) or 1
        coverages = [len(t & claim.term_set) / n_terms for t in p.sentence_terms]
        cosines = np.zeros(len(p.spans), dtype=np.float32)
        title_cos = 0.0
        if p.vectors is not None and claim.vector is not None:
            sims = p.vectors @ claim.vector
            title_cos = float(sims[0])
            for row, i in enumerate(p.vector_rows):
                cosines[i] = sims[row + 1]
        passage = None
        if p.spans:
            combined = cosines + np.asarray(coverages, dtype=np.float32)
            passage = int(np.argmax(combined))
        top = np.sort(cosines)[::-1]
        dense_max = float(max(top[0] if len(top) else 0.0, title_cos))
        dense_doc = stance_mod.float_mean(top[:2]) if len(top) else 0.0
        shared_entities = claim.entities & p.entities
        return {
            "dense_max": round(dense_max, 4),
            "dense_doc": round((dense_doc + title_cos) / 2, 4),
            "coverage": round(len(claim.term_set & p.terms) / n_terms, 4),
            "passage_coverage": round(coverages[passage], 4) if passage is not None else 0.0,
            "passage_cosine": round(float(cosines[passage]), 4) if passage is not None else 0.0,
            "entities": round(len(shared_entities) / len(claim.entities), 4) if claim.entities else 0.0,
            "numbers": round(len(claim.numbers & p.numbers) / len(claim.numbers), 4)
            if claim.numbers
            else 0.0,
            "dates": round(len(claim.dates & p.dates) / len(claim.dates), 4) if claim.dates else 0.0,
            "_passage": passage,
        }

    def attach_stance(self, claim: PreparedClaim, p: PreparedDoc, result: Scored) -> Scored:
        """Decide relevance and then stance of a result scored without them (cheaper: only for results
        worth keeping). A result the relevance gate turns away keeps stance None: it is not evidence."""
        return self.attach_stances([(claim, p, result)])[0]

    def attach_stances(self, items: Sequence[tuple[PreparedClaim, PreparedDoc, Scored]]) -> list[Scored]:
        """attach_stance for many (claim, document, result) at once: the same decisions, with each
        model run once over all the pairs' features instead of once per pair."""
        passages = [p.spans.index(r.passage) if r.passage is not None else None for _, p, r in items]
        xs = (
            [self.news_features(c, p, i, r.scores) for (c, p, r), i in zip(items, passages, strict=True)]
            if self._news_path()
            else [None] * len(items)
        )
        related_p = self._batch_proba(self.relevance_model, xs)
        for (claim, p, result), x, rp in zip(items, xs, related_p, strict=True):
            result.relevance = self.relevance(claim, p, x, probability=None if rp is None else rp[1])
        stance_p = self._batch_proba(
            self.news_model,
            [x if r.relevance.related else None for (_, _, r), x in zip(items, xs, strict=True)],
        )
        for (claim, p, result), i, x, sp in zip(items, passages, xs, stance_p, strict=True):
            if result.relevance.related:
                result.stance = self._stance(claim, p, i, result.scores, news_x=x, news_proba=sp)
        return [r for _, _, r in items]

    @staticmethod
    def _batch_proba(model, xs: list) -> list:
        """The model's probabilities for each x it can read (None for the others), in one product."""
        usable = [
            i for i, x in enumerate(xs) if x is not None and model is not None and model.n_features == len(x)
        ]
        out: list = [None] * len(xs)
        if usable:
            for i, row in zip(usable, model.predict_proba(np.stack([xs[i] for i in usable])), strict=True):
                out[i] = row
        return out

    def _news_path(self) -> bool:
        return self.news_model is not None or self.relevance_model is not None

    def relevance(self, claim: PreparedClaim, p: PreparedDoc, x: np.ndarray | None, *, probability=None):
        """The relevance gate (relevance.decide) on the document's news features."""
        if x is None:
            return relevance_mod.RelevanceResult(True, None, "no relevance model: not gated")
        return relevance_mod.decide(
            x,
            self.relevance_model,
            claim_entities=bool(claim.entities),
            claim_dates=bool(claim.dates),
            doc_dates=bool(p.dates),
            probability=probability,
        )

    def stance_features(
        self, claim: PreparedClaim, p: PreparedDoc, passage_index: int | None, s: dict
    ) -> np.ndarray:
        text = p.doc.text[slice(*p.spans[passage_index])] if passage_index is not None else p.doc.title
        claim_vec = passage_vec = None
        if self.encoder and p.vectors is not None and passage_index in p.vector_rows:
            claim_vec = claim.vector
            passage_vec = p.vectors[1 + p.vector_rows.index(passage_index)]
        elif self.encoder:
            claim_vec, passage_vec = claim.vector, np.zeros_like(claim.vector)
        return stance_mod.features(
            claim.text,
            text,
            cosine=s["passage_cosine"],
            coverage=s["passage_coverage"],
            claim_vec=claim_vec,
            passage_vec=passage_vec,
        )

    def news_features(self, claim: PreparedClaim, p: PreparedDoc, passage_index: int | None, s: dict):
        """The news stance model's and the relevance gate's features (stance.news_features)."""
        with_vectors = p.vectors is not None and claim.vector is not None
        rows = p.vector_rows if with_vectors else list(range(len(p.spans)))
        titled = bool(p.doc.title.strip())  # the title is the article's own summary of its claim
        key = (tuple(rows), titled, p.doc.title, p.doc.text)
        doc_side = p.news_sides.get(key)
        if doc_side is None:
            sentences = [p.doc.text[slice(*p.spans[i])] for i in rows]
            if titled:
                sentences = [p.doc.title, *sentences]
            doc_side = p.news_sides[key] = stance_mod.news_doc(sentences, p.terms)
        vectors = (p.vectors if titled else p.vectors[1:]) if with_vectors else None
        if titled:
            rows = [-1, *rows]
        passage = rows.index(passage_index) if passage_index in rows else None
        if claim.news_side is None:
            claim.news_side = stance_mod.news_claim(claim.text)
        return stance_mod.news_features(
            claim=claim.text,
            claim_vec=claim.vector,
            sentences=doc_side.sentences,
            vectors=vectors,
            passage=passage,
            scores=s,
            doc_terms=p.terms,
            dim=len(claim.vector) if claim.vector is not None else 512,
            claim_side=claim.news_side,
            doc_side=doc_side,
        )

    def _stance(
        self,
        claim: PreparedClaim,
        p: PreparedDoc,
        passage_index: int | None,
        s: dict,
        news_x=None,
        news_proba=None,
    ):
        text = p.doc.text[slice(*p.spans[passage_index])] if passage_index is not None else ""
        subject_in_passage = bool(claim.entities & self.aliases.source_ids(text)) if text else False
        if self.news_model is not None and news_x is not None and self.news_model.n_features == len(news_x):
            return stance_mod.decide_news(
                claim=claim.text,
                passage=text,
                x=news_x,
                model=self.news_model,
                subject_in_passage=subject_in_passage,
                proba=news_proba,
            )
        x = self.stance_features(claim, p, passage_index, s)
        result = stance_mod.decide(
            claim=claim.text,
            passage=text,
            x=x,
            model=self.stance_model,
            subject_in_passage=subject_in_passage,
        )
        return result
