"""A small in-memory BM25 index: the benchmark's candidate source, and the open-claims index for articles."""

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable


class BM25Index:
    def __init__(self, tokenizer: Callable[[str], list[str]], *, k1: float = 0.9, b: float = 0.4):
        self.tokenizer = tokenizer
        self.k1, self.b = k1, b
        self.postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self.keys: list[Hashable] = []
        self.lengths: list[int] = []
        self._idf: dict[str, float] | None = None

    def add(self, key: Hashable, text: str, extra_terms: Iterable[str] = ()) -> None:
        terms = self.tokenizer(text) + list(extra_terms)
        doc = len(self.keys)
        self.keys.append(key)
        self.lengths.append(len(terms))
        for term, tf in Counter(terms).items():
            self.postings[term].append((doc, tf))
        self._idf = None

    def __len__(self) -> int:
        return len(self.keys)

    def idf(self, term: str) -> float:
        if self._idf is None:
            n = len(self.keys)
            self._idf = {
                t: math.log(1 + (n - len(p) + 0.5) / (len(p) + 0.5)) for t, p in self.postings.items()
            }
        return self._idf.get(term, 0.0)

    def search(
        self, query: str, *, limit: int = 50, extra_terms: Iterable[str] = ()
    ) -> list[tuple[Hashable, float]]:
        return self.search_terms(self.tokenizer(query) + list(extra_terms), limit=limit)

    def search_terms(self, terms: list[str], *, limit: int = 50) -> list[tuple[Hashable, float]]:
        if not self.keys:
            return []
        avg = sum(self.lengths) / len(self.lengths) or 1.0
        k1, b = self.k1, self.b
        scores: dict[int, float] = defaultdict(float)
        for term, qtf in Counter(terms).items():
            postings = self.postings.get(term)
            if not postings:
                continue
            idf = self.idf(term)
            for doc, tf in postings:
                norm = tf + k1 * (1 - b + b * self.lengths[doc] / avg)
                scores[doc] += qtf * idf * tf * (k1 + 1) / norm
        best = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:limit]
        return [(self.keys[doc], score) for doc, score in best]
