"""A small in-memory BM25 index: the benchmark's candidate source, and the open-claims index for articles."""

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable

import numpy as np


class BM25Index:
    def __init__(
        self, tokenizer: Callable[[str], list[str]], *, k1: float = 0.9, b: float = 0.4, idf: str = "lucene"
    ):
        """`idf`: "lucene" (log(1 + (N - n + .5)/(n + .5)), never negative) or "okapi" (the classic
        log((N - n + .5)/(n + .5)), negative values floored at a quarter of the mean, as rank_bm25 does)."""
        self.tokenizer = tokenizer
        self.k1, self.b = k1, b
        self.idf_kind = idf
        self.postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self.keys: list[Hashable] = []
        self.lengths: list[int] = []
        self._idf: dict[str, float] | None = None
        # Per term, its postings as arrays: document positions and each posting's length-normalised
        # term weight tf·(k1+1)/(tf + k1·(1 − b + b·len/avg)), which does not depend on the query.
        # Built on the first search after an add, so a query costs one vector add per term.
        self._frozen: dict[str, tuple[np.ndarray, np.ndarray]] | None = None

    def add(self, key: Hashable, text: str, extra_terms: Iterable[str] = ()) -> None:
        terms = self.tokenizer(text) + list(extra_terms)
        doc = len(self.keys)
        self.keys.append(key)
        self.lengths.append(len(terms))
        for term, tf in Counter(terms).items():
            self.postings[term].append((doc, tf))
        self._idf = None
        self._frozen = None

    def __len__(self) -> int:
        return len(self.keys)

    def idf(self, term: str) -> float:
        if self._idf is None:
            n = len(self.keys)
            if self.idf_kind == "okapi":
                raw = {t: math.log((n - len(p) + 0.5) / (len(p) + 0.5)) for t, p in self.postings.items()}
                floor = 0.25 * sum(raw.values()) / max(len(raw), 1)
                self._idf = {t: v if v > 0 else floor for t, v in raw.items()}
            else:
                self._idf = {
                    t: math.log(1 + (n - len(p) + 0.5) / (len(p) + 0.5)) for t, p in self.postings.items()
                }
        return self._idf.get(term, 0.0)

    def search(
        self, query: str, *, limit: int = 50, extra_terms: Iterable[str] = ()
    ) -> list[tuple[Hashable, float]]:
        return self.search_terms(self.tokenizer(query) + list(extra_terms), limit=limit)

    def search_terms(
        self, terms: list[str], *, limit: int = 50, max_terms: int | None = None
    ) -> list[tuple[Hashable, float]]:
        """`max_terms`: for long queries (a whole article), keep only the rarest terms; common ones
        cost the most postings and move the ranking least."""
        if not self.keys:
            return []
        if max_terms is not None:
            counts = Counter(terms)
            keep = set(heapq.nlargest(max_terms, counts, key=lambda t: (self.idf(t), t)))
            terms = [t for t in terms if t in keep]
        frozen = self._freeze()
        scores = np.zeros(len(self.keys), dtype=np.float64)
        touched = np.zeros(len(self.keys), dtype=bool)
        for term, qtf in Counter(terms).items():
            posting = frozen.get(term)
            if posting is None:
                continue
            docs, weights = posting
            scores[docs] += qtf * self.idf(term) * weights  # a term's postings name each document once
            touched[docs] = True
        hit = np.flatnonzero(touched)
        if len(hit) > limit:  # keep every document tied with the limit-th, then order as before
            kth = np.partition(scores[hit], len(hit) - limit)[len(hit) - limit]
            hit = hit[scores[hit] >= kth]
        best = sorted(hit.tolist(), key=lambda doc: (-scores[doc], doc))[:limit]
        return [(self.keys[doc], float(scores[doc])) for doc in best]

    def _freeze(self) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        if self._frozen is None:
            lengths = np.asarray(self.lengths, dtype=np.float64)
            avg = lengths.mean() or 1.0
            k1, b = self.k1, self.b
            frozen = {}
            for term, postings in self.postings.items():
                docs = np.fromiter((d for d, _ in postings), dtype=np.int64, count=len(postings))
                tf = np.fromiter((t for _, t in postings), dtype=np.float64, count=len(postings))
                frozen[term] = (docs, tf * (k1 + 1) / (tf + k1 * (1 - b + b * lengths[docs] / avg)))
            self._frozen = frozen
        return self._frozen
