"""The in-memory BM25 index against the formula computed by hand, term by term."""

import math
from collections import Counter

import pytest

from corroboration.bm25 import BM25Index

DOCS = [
    "the council approved the budget on monday",
    "the budget was cut by the council",
    "a storm closed the port",
    "port workers went on strike over the budget",
    "the mayor resigned",
]


def by_hand(query: list[str], *, k1: float = 0.9, b: float = 0.4) -> dict[int, float]:
    docs = [d.split() for d in DOCS]
    n = len(docs)
    avg = sum(len(d) for d in docs) / n
    scores: dict[int, float] = {}
    for term, qtf in Counter(query).items():
        having = [i for i, d in enumerate(docs) if term in d]
        if not having:
            continue
        idf = math.log(1 + (n - len(having) + 0.5) / (len(having) + 0.5))
        for i in having:
            tf = docs[i].count(term)
            part = qtf * idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * len(docs[i]) / avg))
            scores[i] = scores.get(i, 0.0) + part
    return scores


@pytest.fixture
def index():
    index = BM25Index(str.split)
    for i, text in enumerate(DOCS):
        index.add(f"doc{i}", text)
    return index


def test_scores_and_order_match_the_formula(index):
    query = ["budget", "council", "port", "budget"]
    expected = by_hand(query)
    got = index.search_terms(query, limit=10)
    assert [key for key, _ in got] == [f"doc{i}" for i in sorted(expected, key=lambda i: (-expected[i], i))]
    for key, score in got:
        assert score == pytest.approx(expected[int(key[3:])], rel=1e-9)


def test_limit_keeps_the_best_and_breaks_ties_by_insertion_order(index):
    # "the" is in every document: twice in doc0 and doc1, once in the others (ranked by length).
    got = index.search_terms(["the"], limit=3)
    expected = by_hand(["the"])
    ranked = sorted(expected, key=lambda i: (-expected[i], i))[:3]
    assert [key for key, _ in got] == [f"doc{i}" for i in ranked]


def test_documents_added_after_a_search_are_found(index):
    assert index.search_terms(["harbour"]) == []
    index.add("late", "the harbour reopened")
    assert [key for key, _ in index.search_terms(["harbour"])] == ["late"]


def test_unknown_terms_and_an_empty_index_find_nothing(index):
    assert index.search_terms(["zeppelin"]) == []
    assert BM25Index(str.split).search_terms(["budget"]) == []
