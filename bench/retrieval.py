"""Retrieval and stance quality of the corroboration engine against plain BM25, in one run.

    python -m bench.retrieval --claims ../shared/data/scifact/claims_train.jsonl \
        --corpus ../shared/data/scifact/corpus.jsonl

Prints one JSON object. Retrieval: document-level nDCG@10 and recall@10 over the claims that have gold
evidence. Stance: macro-F1 over SUPPORT / CONTRADICT / none on each claim's cited documents. When the
committed stance weights were trained on this very claims file, the stance numbers come from 5-fold
cross-validation grouped by shared documents (each fold's model never saw the claims it is scored on,
nor another claim about the same abstract).
"""

import argparse
import hashlib
import json
import math
import os
import sys
import time
from pathlib import Path

import numpy as np

from corroboration import stance as stance_mod
from corroboration.bm25 import BM25Index
from corroboration.embeddings import get_encoder
from corroboration.engine import Matcher
from corroboration.scifact import file_digest, load_claims, load_corpus, news_rows, stance_rows
from textkit.folding import WORD_RE, content_terms

K = 10
CANDIDATES = 100
FOLDS = 5


def ndcg_recall(ranked: list, gold: set, k: int = K) -> tuple[float, float]:
    dcg = sum(1 / math.log2(i + 2) for i, d in enumerate(ranked[:k]) if d in gold)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(len(gold), k)))
    return dcg / ideal, len(set(ranked[:k]) & gold) / len(gold)


def macro_f1(gold: list[int], pred: list[int], n: int = 3) -> float:
    f1s = []
    for c in range(n):
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == c and p != c)
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f1s) / n


def word_tokens(text: str) -> list[str]:
    """Plain lower-cased word tokens, no folding or stemming: the BM25 baseline's tokenizer."""
    return WORD_RE.findall((text or "").lower())


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def prepare_corpus(matcher: Matcher, docs, cache_dir: Path | None, corpus_digest: str):
    """Prepare (split, index, embed) every document once; embeddings are cached on disk by corpus digest."""
    encoder = matcher.encoder
    cache = None
    if encoder and cache_dir:
        cache = cache_dir / f"{corpus_digest}-{encoder.name}-{matcher.max_sentences}.npz"
    vectors = None
    if cache and cache.exists():
        data = np.load(cache)
        vectors, offsets = data["vectors"], data["offsets"]
        matcher_encoder, matcher.encoder = matcher.encoder, None
        prepared = matcher.prepare_docs(docs)
        matcher.encoder = matcher_encoder
        for i, p in enumerate(prepared):
            p.vectors = vectors[offsets[i] : offsets[i + 1]]
            p.vector_rows = list(range(len(p.vectors) - 1))
        return prepared
    prepared, started = [], time.perf_counter()
    for i in range(0, len(docs), 250):
        prepared.extend(matcher.prepare_docs(docs[i : i + 250]))
        log(f"  prepared {len(prepared)}/{len(docs)} documents ({time.perf_counter() - started:.0f} s)")
    if cache:
        cache_dir.mkdir(parents=True, exist_ok=True)
        offsets = np.cumsum([0] + [len(p.vectors) for p in prepared])
        np.savez(cache, vectors=np.concatenate([p.vectors for p in prepared]), offsets=offsets)
    return prepared


def run(args) -> dict:
    claims = load_claims(args.claims)
    docs = load_corpus(args.corpus)
    by_id = {d.id: d for d in docs}
    evaluated = [c for c in claims if c.gold and any(d in by_id for d in c.gold)]
    log(f"{len(claims)} claims, {len(evaluated)} with gold evidence; {len(docs)} documents")
    if args.stance_only:  # only the cited abstracts are needed (and embedded): minutes, not the corpus
        cited = {d for c in claims for d in c.cited}
        matcher = Matcher(encoder=get_encoder(args.encoder))
        docs = [d for d in docs if d.id in cited]
        digest = f"{file_digest(args.corpus)}-cited-{file_digest(args.claims)}"
        prepared = prepare_corpus(matcher, docs, args.cache_dir, digest)
        return {
            "claims_file": str(args.claims),
            "retrieval": "not run (--stance-only)",
            "engine": {
                "version": matcher.version,
                "stance": stance_eval(matcher, claims, {p.doc.id: p for p in prepared}, args),
            },
        }

    # Baseline: plain BM25, lower-cased word tokens over title + abstract.
    t0 = time.perf_counter()
    baseline_index = BM25Index(word_tokens, k1=args.baseline_k1, b=args.baseline_b, idf="okapi")
    for d in docs:
        baseline_index.add(d.id, f"{d.title} {d.text}")
    base_n, base_r = [], []
    for c in evaluated:
        ranked = [key for key, _ in baseline_index.search(c.text, limit=K)]
        n, r = ndcg_recall(ranked, set(c.gold))
        base_n.append(n)
        base_r.append(r)
    baseline_seconds = time.perf_counter() - t0

    # Engine: candidates from an in-memory index over the corpus (stemmed BM25, plus dense neighbours
    # when an encoder is installed), reranked by the production matcher.
    t0 = time.perf_counter()
    encoder = get_encoder(args.encoder)
    matcher = Matcher(encoder=encoder)
    log(f"engine {matcher.version}: preparing the corpus")
    prepared = prepare_corpus(matcher, docs, args.cache_dir, file_digest(args.corpus))
    prepared_by_id = {p.doc.id: p for p in prepared}
    index = BM25Index(content_terms, k1=args.k1, b=args.b)
    for d in docs:
        index.add(d.id, f"{d.title} {d.text}")
    doc_matrix = doc_ids = None
    if encoder:
        doc_ids = [p.doc.id for p in prepared]
        doc_matrix = np.stack([p.vectors.mean(axis=0) for p in prepared])
        doc_matrix /= np.linalg.norm(doc_matrix, axis=1, keepdims=True) + 1e-9
    prepare_seconds = time.perf_counter() - t0

    t0 = time.perf_counter()
    prepared_claims = {}
    eng_n, eng_r = [], []
    for c in evaluated:
        pc = prepared_claims[c.id] = matcher.prepare_claim(c.text)
        lexical = dict(index.search(c.text, limit=CANDIDATES))
        candidates = set(lexical)
        if doc_matrix is not None:
            sims = doc_matrix @ pc.vector
            candidates |= {doc_ids[i] for i in np.argsort(-sims)[: args.dense_candidates]}
        scored = matcher.score(
            pc, [prepared_by_id[d] for d in candidates], lexical=lexical, with_stance=False
        )
        n, r = ndcg_recall([s.doc_id for s in scored], set(c.gold))
        eng_n.append(n)
        eng_r.append(r)
    engine_seconds = time.perf_counter() - t0

    stance = stance_eval(matcher, claims, prepared_by_id, args)

    def mean(xs):
        return round(float(np.mean(xs)), 4) if xs else None

    half = len(evaluated) // 2
    return {
        "claims_file": str(args.claims),
        "corpus_file": str(args.corpus),
        "claims": len(claims),
        "claims_with_gold_evidence": len(evaluated),
        "documents": len(docs),
        "baseline_bm25": {
            "tokens": "lower-cased word tokens, title + abstract",
            "variant": "Okapi BM25 as rank_bm25.BM25Okapi (idf floor 0.25 x mean)",
            "k1": args.baseline_k1,
            "b": args.baseline_b,
            "ndcg@10": mean(base_n),
            "recall@10": mean(base_r),
            "seconds": round(baseline_seconds, 2),
        },
        "engine": {
            "version": matcher.version,
            "candidates": f"stemmed BM25 top {CANDIDATES} (k1={args.k1}, b={args.b})"
            + (f" + dense top {args.dense_candidates}" if encoder else ""),
            "ndcg@10": mean(eng_n),
            "recall@10": mean(eng_r),
            "ndcg@10_first_half": mean(eng_n[:half]),
            "ndcg@10_second_half": mean(eng_n[half:]),
            "prepare_seconds": round(prepare_seconds, 2),
            "rank_seconds": round(engine_seconds, 2),
            "stance": stance,
        },
        "delta": {
            "ndcg@10": round(mean(eng_n) - mean(base_n), 4),
            "recall@10": round(mean(eng_r) - mean(base_r), 4),
        },
        "goals": {
            "ndcg@10_at_least_bm25_plus_0.05": mean(eng_n) >= mean(base_n) + 0.05,
            "recall@10_at_least_0.95": mean(eng_r) >= 0.95,
            "stance_macro_f1_at_least_0.70": (stance["macro_f1"] or 0) >= 0.70,
        },
    }


def _predict(model, rows) -> list[int]:
    out = []
    for _, x, _, passage, claim in rows:
        result = stance_mod.decide(claim=claim, passage=passage, x=x, model=model, subject_in_passage=False)
        label = "CONTRADICT" if result.label == "DENIED" else result.label
        out.append(stance_mod.LABELS.index(label))
    return out


def folds_by_shared_documents(claims) -> dict[int, int]:
    """A fold per claim, keeping claims that cite a common document together.

    SciFact pairs a claim with its negation on the same abstract; splitting only by claim would let a
    model that remembers documents see the test abstract in training. Folds are drawn per connected
    group (claims linked through shared cited documents), by a hash of the group's smallest claim id.
    """
    parent: dict = {}

    def root(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for c in claims:
        for d in c.cited:
            parent[root(("claim", c.id))] = root(("doc", d))
    groups: dict = {}
    for c in claims:
        groups.setdefault(root(("claim", c.id)), []).append(c.id)
    fold = {}
    for members in groups.values():
        f = int(hashlib.sha256(str(min(members)).encode()).hexdigest(), 16) % FOLDS
        fold.update(dict.fromkeys(members, f))
    return fold


def _per_class(gold, pred) -> dict:
    out = {}
    for c, name in enumerate(stance_mod.LABELS):
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == c and p == c)
        out[name] = round(2 * tp / (gold.count(c) + pred.count(c)), 4) if tp else 0.0
    return out


def stance_eval(matcher: Matcher, claims, prepared_by_id, args) -> dict:
    rows = stance_rows(matcher, claims, prepared_by_id)
    gold = [r[2] for r in rows]
    committed = matcher.stance_model
    trained_here = bool(committed and committed.meta.get("claims_digest") == file_digest(args.claims))
    if committed is not None and not trained_here:
        pred = _predict(committed, rows)
        how = "committed weights (trained on other data)"
    else:
        pred = [0] * len(rows)
        fold_of = folds_by_shared_documents(claims)
        for fold in range(FOLDS):
            train = [r for r in rows if fold_of[r[0]] != fold]
            test_idx = [i for i, r in enumerate(rows) if fold_of[r[0]] == fold]
            model = stance_mod.SoftmaxModel.fit(
                np.stack([r[1] for r in train]), np.array([r[2] for r in train]), l2=stance_mod.L2
            )
            for i, p in zip(test_idx, _predict(model, [rows[i] for i in test_idx]), strict=True):
                pred[i] = p
        how = (
            f"{FOLDS}-fold cross-validation, claims that cite a common document kept in one fold "
            "(weights were trained on this file)"
        )
    rules = _predict(None, rows)
    majority = max(range(3), key=gold.count)
    news = None
    if matcher.news_model is not None:
        # What the engine runs on news: the news stance model (FNC-1 + FEVER), never trained on SciFact.
        news_pred = []
        for _, x, _, passage, claim in news_rows(matcher, claims, prepared_by_id):
            label = stance_mod.decide_news(
                claim=claim, passage=passage, x=x, model=matcher.news_model, subject_in_passage=False
            ).label
            news_pred.append(stance_mod.LABELS.index("CONTRADICT" if label == "DENIED" else label))
        news = {
            "evaluation": "committed news stance model, trained on other data ("
            + matcher.news_model.meta.get("data", "")
            + ")",
            "macro_f1": round(macro_f1(gold, news_pred), 4),
            "per_class_f1": _per_class(gold, news_pred),
        }
    per_class = {}
    for c, name in enumerate(stance_mod.LABELS):
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == c and p == c)
        per_class[name] = {
            "gold": gold.count(c),
            "predicted": pred.count(c),
            "f1": round(2 * tp / (gold.count(c) + pred.count(c)), 4) if tp else 0.0,
        }
    return {
        "pairs": len(rows),
        "evaluation": how,
        "macro_f1": round(macro_f1(gold, pred), 4),
        "per_class": per_class,
        "rules_only_macro_f1": round(macro_f1(gold, rules), 4),
        "news_model": news,
        "majority_class_macro_f1": round(macro_f1(gold, [majority] * len(gold)), 4),
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=Path, required=True)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--encoder", default=os.environ.get("CORROBORATION_ENCODER", "auto"))
    parser.add_argument("--baseline-k1", type=float, default=1.5)
    parser.add_argument("--baseline-b", type=float, default=0.75)
    parser.add_argument("--k1", type=float, default=0.9, help="the engine's candidate index")
    parser.add_argument("--b", type=float, default=0.4, help="the engine's candidate index")
    parser.add_argument("--dense-candidates", type=int, default=50)
    parser.add_argument("--cache-dir", type=Path, default=Path("data/bench-cache"))
    parser.add_argument("--stance-only", action="store_true", help="score stance on the cited abstracts only")
    args = parser.parse_args(argv)
    for path in (args.claims, args.corpus):
        if not path.exists():
            parser.exit(2, f"{path} does not exist (the SciFact files live in ../shared/data/scifact)\n")
    print(json.dumps(run(args), indent=2))


if __name__ == "__main__":
    main()
