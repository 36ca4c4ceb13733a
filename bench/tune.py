"""Grid search of the matcher's score weights on the first half of the claims, checked on the second half.

    python -m bench.tune --claims ../shared/data/scifact/claims_train.jsonl \
        --corpus ../shared/data/scifact/corpus.jsonl [--encoder use]

Same candidates as bench.retrieval. Prints the best weight sets found on half A with their nDCG@10 on
half B (claims the search never looked at) and on all claims, then the two-fold check: the best set
found on A scored on B, the best found on B scored on A, and their mean over all claims. Compare a
new feature by that held-out mean, not by its score on the half it was tuned on.
"""

import argparse
import itertools
from pathlib import Path

import numpy as np

from bench.retrieval import CANDIDATES, ndcg_recall, prepare_corpus
from corroboration.bm25 import BM25Index
from corroboration.embeddings import get_encoder
from corroboration.engine import Matcher
from corroboration.scifact import file_digest, load_claims, load_corpus
from textkit.folding import content_terms

KEYS = ["lexical", "dense_max", "dense_doc", "coverage", "entities", "numbers"]
GRID = [[0.3, 0.55, 0.8, 1.0], [0, 0.3, 0.6, 1.0], [0, 0.3, 0.6], [0, 0.25, 0.5], [0], [0, 0.1]]


def evaluate(weights: np.ndarray, part) -> tuple[float, float]:
    results = [ndcg_recall([ids[i] for i in np.argsort(-(x @ weights))], gold) for x, ids, gold in part]
    return round(float(np.mean([n for n, _ in results])), 4), round(
        float(np.mean([r for _, r in results])), 4
    )


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=Path, required=True)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--encoder", default="use")
    parser.add_argument("--cache-dir", type=Path, default=Path("data/bench-cache"))
    parser.add_argument("--k1", type=float, default=0.9)
    parser.add_argument("--b", type=float, default=0.4)
    parser.add_argument("--idf", default="lucene")
    args = parser.parse_args(argv)
    claims = [c for c in load_claims(args.claims) if c.gold]
    docs = load_corpus(args.corpus)
    matcher = Matcher(encoder=get_encoder(args.encoder))
    prepared = {p.doc.id: p for p in prepare_corpus(matcher, docs, args.cache_dir, file_digest(args.corpus))}
    index = BM25Index(content_terms, k1=args.k1, b=args.b, idf=args.idf)
    for d in docs:
        index.add(d.id, f"{d.title} {d.text}")
    ids = list(prepared)
    matrix = None
    if matcher.encoder:
        matrix = np.stack([prepared[i].vectors.mean(axis=0) for i in ids])
        matrix /= np.linalg.norm(matrix, axis=1, keepdims=True) + 1e-9
    data = []
    for c in claims:
        pc = matcher.prepare_claim(c.text)
        lexical = dict(index.search(c.text, limit=CANDIDATES))
        candidates = set(lexical)
        if matrix is not None:
            candidates |= {ids[i] for i in np.argsort(-(matrix @ pc.vector))[:50]}
        scored = matcher.score(pc, [prepared[d] for d in candidates], lexical=lexical, with_stance=False)
        data.append(
            (np.array([[s.scores[k] for k in KEYS] for s in scored]), [s.doc_id for s in scored], set(c.gold))
        )
    half = len(data) // 2
    a, b = data[:half], data[half:]
    ranked = sorted(((evaluate(np.array(w), a)[0], w) for w in itertools.product(*GRID)), reverse=True)
    for score_a, w in ranked[:8]:
        print(
            dict(zip(KEYS, w, strict=True)),
            "A",
            score_a,
            "B",
            evaluate(np.array(w), b),
            "all",
            evaluate(np.array(w), data),
        )
    best_b = max(itertools.product(*GRID), key=lambda w: evaluate(np.array(w), b)[0])
    a_on_b, b_on_a = evaluate(np.array(ranked[0][1]), b)[0], evaluate(np.array(best_b), a)[0]
    print("two-fold: best on A scored on B", a_on_b, "| best on B", dict(zip(KEYS, best_b, strict=True)))
    held_out = round((a_on_b * len(b) + b_on_a * len(a)) / len(data), 4)
    print("  scored on A", b_on_a, "| held-out mean", held_out)
    current = np.array([matcher.weights[k] for k in KEYS])
    halves = {"all": evaluate(current, data), "A": evaluate(current, a), "B": evaluate(current, b)}
    print("current", matcher.weights, halves)


if __name__ == "__main__":
    main()
