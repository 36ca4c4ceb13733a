"""Train the news stance model and the relevance gate on FNC-1 (optionally pooled with FEVER pairs).

    nice -n 15 python -m corroboration.train_news --stances ../shared/data/fnc-1/train_stances.csv \
        --bodies ../shared/data/fnc-1/train_bodies.csv [--fever ../shared/data/fever-nli/pairs.jsonl]

Writes weights/relevance-<encoder>.npz (related vs unrelated) and weights/news-stance-<encoder>.npz
(agree / disagree / discuss on related pairs, read as SUPPORT / CONTRADICT / NONE). A fifth of the
bodies (fnc.validation_bodies, a hash of the Body ID) is kept out of training and scored at the end;
`bench.stance` scores the committed weights on any files of FNC-1's format.

Data and licences: FNC-1 training half (Fake News Challenge 2017, from the Emergent data set, Craig
Silverman / Tow Center; public domain per the organisers, bodies are publishers' texts); FEVER
(Thorne et al. 2018, CC BY-SA 3.0, the 13,332 entailment-form pairs in ../shared/data/fever-nli).
Only weights and scores are committed. Features are cached in data/bench-cache (git-ignored).
"""

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

from . import fnc
from . import stance as stance_mod
from .embeddings import get_encoder
from .engine import Doc, Matcher
from .mlp import Mlp

FEATURES_VERSION = "3"
STANCE_OF_FNC = {"agree": 0, "disagree": 1, "discuss": 2}


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def fnc_features(matcher: Matcher, stances: Path, bodies_csv: Path, cache_dir: Path | None):
    pairs, bodies = fnc.load(stances, bodies_csv)
    name = matcher.encoder.name if matcher.encoder else "lexical"
    digest = fnc.file_digest(stances, bodies_csv)
    cache = cache_dir / f"fnc-features-{digest}-{name}-v{FEATURES_VERSION}.npy" if cache_dir else None
    if cache and cache.exists():
        return pairs, np.load(cache)
    body_cache = (
        cache_dir / f"fnc-bodies-{fnc.file_digest(bodies_csv)}-{name}.npz" if cache_dir else None
    )  # = _body_cache
    prepared = fnc.prepared_bodies(matcher, bodies, body_cache)
    x = fnc.pair_features(matcher, pairs, prepared, log=log)
    if cache:
        cache.parent.mkdir(parents=True, exist_ok=True)
        np.save(cache, x)
    return pairs, x


def fever_features(matcher: Matcher, path: Path, cache_dir: Path | None, limit: int):
    """FEVER claim/evidence pairs as claim/one-sentence documents: SUPPORTS -> 0, REFUTES -> 1."""
    name = matcher.encoder.name if matcher.encoder else "lexical"
    cache = cache_dir / f"fever-features-{fnc.file_digest(path)}-{name}-{limit}-v{FEATURES_VERSION}.npz"
    if cache_dir and cache.exists():
        data = np.load(cache)
        return data["x"], data["y"]
    rows = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    rng = np.random.default_rng(0)
    rows = [rows[i] for i in sorted(rng.permutation(len(rows))[:limit])]
    docs = [Doc(id=i, title="", text=r["premise"]) for i, r in enumerate(rows)]
    if matcher.encoder:
        vectors = matcher.embed_all(docs)
        for d, v in zip(docs, vectors, strict=True):
            d.vectors = v.astype(np.float16).astype(np.float32)
        claim_vectors = matcher.encoder.queries([r["hypothesis"] for r in rows])
    xs = []
    for i, (r, p) in enumerate(zip(rows, matcher.prepare_docs(docs), strict=True)):
        saved, matcher.encoder = matcher.encoder, None
        pc = matcher.prepare_claim(r["hypothesis"])
        matcher.encoder = saved
        pc.vector = claim_vectors[i] if matcher.encoder else None
        scored = matcher.score(pc, [p], with_stance=False)[0]
        index = p.spans.index(scored.passage) if scored.passage is not None else None
        xs.append(matcher.news_features(pc, p, index, scored.scores))
    x = np.stack(xs)
    y = np.array([0 if r["label"] == "entailment" else 1 for r in rows])
    if cache_dir:
        np.savez(cache, x=x, y=y)
    return x, y


def hard_negatives(pairs: list[fnc.Pair], bodies: dict[int, str], allowed: set[int], per_headline: int = 3):
    """Headlines paired with bodies about another story that name the same people and things.

    FNC-1's unrelated pairs are random, so few share names; these teach the gate that the same entities
    are not the same event. A body is about another story when no headline relates it to this one's
    (bodies are grouped through the headlines that relate to them)."""
    parent = {}

    def root(a):
        while parent.setdefault(a, a) != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for p in pairs:
        if p.stance != "unrelated":
            parent[root(("h", p.headline))] = root(("b", p.body_id))
    body_names = {b: stance_mod.names(bodies[b]) for b in allowed}
    paired = {(p.headline, p.body_id) for p in pairs}
    out = []
    for h in sorted({p.headline for p in pairs if p.body_id in allowed}):
        mine = root(("h", h))
        h_names = stance_mod.names(h)
        if not h_names:
            continue
        ranked = sorted(
            (-len(h_names & names), b)
            for b, names in body_names.items()
            if (h, b) not in paired and root(("b", b)) != mine and h_names & names
        )
        out.extend(fnc.Pair(h, b, "unrelated") for _, b in ranked[:per_headline])
    return out


def macro_f1(gold, pred, n):
    f1s = []
    for c in range(n):
        tp = int(np.sum((gold == c) & (pred == c)))
        denom = int(np.sum(gold == c) + np.sum(pred == c))
        f1s.append(2 * tp / denom if denom else 0.0)
    return float(np.mean(f1s)), f1s


def predict_fnc(relevance: Mlp, stance: Mlp, x: np.ndarray, threshold: float = 0.5) -> np.ndarray:
    """FNC-1 label index (fnc.FNC_LABELS) per row: unrelated below the gate, else the stance argmax."""
    related = relevance.predict_proba(x)[:, 1] >= threshold
    st = stance.predict_proba(x).argmax(axis=1)  # 0 agree, 1 disagree, 2 discuss
    return np.where(related, st, 3)


def _body_cache(args, matcher: Matcher) -> Path | None:
    if not (args.cache_dir and matcher.encoder):
        return None
    return args.cache_dir / f"fnc-bodies-{fnc.file_digest(args.bodies)}-{matcher.encoder.name}.npz"


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="Train the news stance model and the relevance gate.")
    parser.add_argument("--stances", type=Path, required=True)
    parser.add_argument("--bodies", type=Path, required=True)
    parser.add_argument("--fever", type=Path, help="FEVER pairs.jsonl to pool into the stance model")
    parser.add_argument("--fever-limit", type=int, default=13332)
    parser.add_argument("--fever-weight", type=float, default=0.3)
    parser.add_argument("--encoder", default="use")
    parser.add_argument("--hidden", type=int, default=64)
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--dropout", type=float, default=0.3)
    parser.add_argument("--weight-decay", type=float, default=1e-3)
    parser.add_argument("--class-weight", type=float, default=0.5)
    parser.add_argument("--all", action="store_true", help="train on every body (no validation split)")
    parser.add_argument("--out-dir", type=Path, default=stance_mod.WEIGHTS_DIR)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--cache-dir", type=Path, default=Path("data/bench-cache"))
    args = parser.parse_args(argv)

    encoder = get_encoder(args.encoder)
    matcher = Matcher(encoder=encoder)
    name = encoder.name if encoder else "lexical"
    t0 = time.perf_counter()
    pairs, x = fnc_features(matcher, args.stances, args.bodies, args.cache_dir)
    log(f"{len(pairs)} pairs, {x.shape[1]} features ({time.perf_counter() - t0:.0f} s)")
    labels = np.array([fnc.FNC_LABELS.index(p.stance) for p in pairs])
    val_bodies = set() if args.all else fnc.validation_bodies({p.body_id for p in pairs})
    is_val = np.array([p.body_id in val_bodies for p in pairs])
    tr = ~is_val
    related = labels != 3

    # Hard negatives for the gate, mined separately among training and validation bodies.
    _, bodies = fnc.load(args.stances, args.bodies)
    all_bodies = {p.body_id for p in pairs}
    t0 = time.perf_counter()
    hard_tr = hard_negatives(
        [p for p in pairs if p.body_id not in val_bodies], bodies, all_bodies - val_bodies
    )
    hard_val = hard_negatives([p for p in pairs if p.body_id in val_bodies], bodies, val_bodies)
    hard_cache = None
    if args.cache_dir:
        digest = fnc.file_digest(args.stances, args.bodies)
        hard_cache = args.cache_dir / f"fnc-hard-{digest}-{name}-v{FEATURES_VERSION}.npz"
    if hard_cache and hard_cache.exists():
        data = np.load(hard_cache)
        hx_tr, hx_val = data["train"], data["validation"]
    else:
        prepared = fnc.prepared_bodies(matcher, bodies, _body_cache(args, matcher))
        empty = np.zeros((0, x.shape[1]), dtype=np.float32)
        hx_tr = fnc.pair_features(matcher, hard_tr, prepared) if hard_tr else empty
        hx_val = fnc.pair_features(matcher, hard_val, prepared) if hard_val else empty
        if hard_cache:
            np.savez(hard_cache, train=hx_tr, validation=hx_val)
    log(f"{len(hard_tr)} + {len(hard_val)} hard negatives ({time.perf_counter() - t0:.0f} s)")

    t0 = time.perf_counter()
    gate_x = np.concatenate([x[tr], hx_tr])
    gate_y = np.concatenate([related[tr].astype(int), np.zeros(len(hx_tr), dtype=int)])
    relevance = Mlp.fit(
        gate_x,
        gate_y,
        classes=2,
        hidden=32,
        epochs=args.epochs,
        dropout=args.dropout,
        weight_decay=args.weight_decay,
        class_weight=0.5,
    )
    sx, sy = x[tr & related], labels[tr & related]
    sw = np.ones(len(sy), dtype=np.float32)
    if args.fever:
        fx, fy = fever_features(matcher, args.fever, args.cache_dir, args.fever_limit)
        sx, sy = np.concatenate([sx, fx]), np.concatenate([sy, fy])
        sw = np.concatenate([sw, np.full(len(fy), args.fever_weight, dtype=np.float32)])
    stance = Mlp.fit(
        sx,
        sy,
        classes=3,
        hidden=args.hidden,
        epochs=args.epochs,
        dropout=args.dropout,
        weight_decay=args.weight_decay,
        class_weight=args.class_weight,
        sample_weight=sw,
    )
    train_seconds = time.perf_counter() - t0
    result = {"train_pairs": int(tr.sum()), "train_seconds": round(train_seconds, 1)}
    if is_val.any():
        pred = predict_fnc(relevance, stance, x[is_val])
        m, per = macro_f1(labels[is_val], pred, 4)
        if len(hx_val):
            kept_out = relevance.predict_proba(hx_val)[:, 1] < 0.5
            result["hard_negatives_turned_away"] = f"{int(kept_out.sum())}/{len(hx_val)}"
        result.update(
            validation_pairs=int(is_val.sum()),
            validation_bodies=len(val_bodies),
            macro_f1=round(m, 4),
            per_class=dict(zip(fnc.FNC_LABELS, (round(f, 4) for f in per), strict=True)),
        )
    log(json.dumps(result))
    meta = {
        "data": "FNC-1 training half (public domain per the organisers)"
        + (
            f"; FEVER pairs (CC BY-SA 3.0), {args.fever_limit} at weight {args.fever_weight}"
            if args.fever
            else ""
        ),
        "split": "all bodies" if args.all else "Body IDs outside fnc.validation_bodies (80%)",
        "encoder": name,
        "stances_digest": fnc.file_digest(args.stances),
        "features_version": FEATURES_VERSION,
        "features": int(x.shape[1]),
        **result,
    }
    if args.no_write:
        return
    args.out_dir.mkdir(parents=True, exist_ok=True)
    relevance.meta = {
        **meta,
        "labels": ["unrelated", "related"],
        "hard_negatives": f"{len(hard_tr)} same-names pairs about other stories",
    }
    stance.meta = {**meta, "labels": list(stance_mod.NEWS_KINDS)}
    for model, path in (
        (relevance, args.out_dir / f"relevance-{name}.npz"),
        (stance, args.out_dir / f"news-stance-{name}.npz"),
    ):
        model.save(path)
        log(f"wrote {path} ({path.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
