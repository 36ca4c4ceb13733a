"""News stance of the committed models on any files in FNC-1's format, as the engine decides it.

    python -m bench.stance --stances ../shared/data/fnc-1/train_stances.csv \
        --bodies ../shared/data/fnc-1/train_bodies.csv

Each headline is matched to its body as a claim to an article (Matcher.score: relevance gate, then
stance); the engine's labels map back to FNC-1's: turned away by the gate -> unrelated, SUPPORT ->
agree, CONTRADICT or DENIED -> disagree, NONE -> discuss. Prints one JSON object with macro_f1 over the
four classes, per_class F1 and the confusion matrix. When the committed weights were trained on this
very stances file, only the bodies kept out of training (fnc.validation_bodies) are scored.
"""

import argparse
import hashlib
import json
import os
import sys
import time
from pathlib import Path

from corroboration import fnc
from corroboration.embeddings import get_encoder
from corroboration.engine import Matcher


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def scores(gold: list[str], pred: list[str]) -> dict:
    per_class, confusion = {}, {}
    for c in fnc.FNC_LABELS:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == c and p == c)
        denom = gold.count(c) + pred.count(c)
        per_class[c] = round(2 * tp / denom, 4) if denom else 0.0
        confusion[c] = {
            p: sum(1 for g, q in zip(gold, pred, strict=True) if g == c and q == p) for p in fnc.FNC_LABELS
        }
    return {
        "macro_f1": round(sum(per_class.values()) / len(per_class), 4),
        "per_class": per_class,
        "accuracy": round(sum(1 for g, p in zip(gold, pred, strict=True) if g == p) / max(len(gold), 1), 4),
        "confusion_gold_to_predicted": confusion,
    }


def run(args) -> dict:
    pairs, bodies = fnc.load(args.stances, args.bodies)
    if any(p.stance is None for p in pairs):
        raise SystemExit(f"{args.stances} has pairs without a Stance: nothing to score them against")
    encoder = get_encoder(args.encoder)
    matcher = Matcher(encoder=encoder)
    model = matcher.news_model
    how = "all pairs of the file"
    if model is not None and model.meta.get("stances_digest") == fnc.file_digest(args.stances):
        if model.meta.get("split") == "all bodies":
            raise SystemExit(
                "the committed weights were trained on every body of this file: no held-out part"
            )
        held_out = fnc.validation_bodies({p.body_id for p in pairs})
        pairs = [p for p in pairs if p.body_id in held_out]
        how = f"the {len(held_out)} bodies kept out of training (fnc.validation_bodies), their pairs only"
    bodies = {b: bodies[b] for b in {p.body_id for p in pairs}}
    log(f"{len(pairs)} pairs, {len(bodies)} bodies; engine {matcher.version}")
    t0 = time.perf_counter()
    cache = None
    if encoder and args.cache_dir:
        ids = hashlib.sha256(",".join(map(str, sorted(bodies))).encode()).hexdigest()[:8]
        cache = args.cache_dir / f"fnc-bodies-{fnc.file_digest(args.bodies)}-{ids}-{encoder.name}.npz"
    prepared = fnc.prepared_bodies(matcher, bodies, cache)
    prepare_seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    timings = {}
    pred = fnc.engine_labels(matcher, pairs, prepared, log=log, timings=timings)
    decide_seconds = time.perf_counter() - t0
    gold = [p.stance for p in pairs]
    return {
        "stances_file": str(args.stances),
        "bodies_file": str(args.bodies),
        "evaluated_on": how,
        "pairs": len(pairs),
        "gold_counts": {c: gold.count(c) for c in fnc.FNC_LABELS},
        "engine": matcher.version,
        "news_model": model.meta if model else "none committed for this encoder: the SciFact model and rules",
        "relevance_model": "committed" if matcher.relevance_model else "none: not gated",
        **scores(gold, pred),
        "prepare_seconds": round(prepare_seconds, 1),
        "decide_ms_per_pair": round(1000 * decide_seconds / max(len(pairs), 1), 2),
        "inference_ms_per_pair": {
            "matcher_scores": round(1000 * timings["score"] / max(len(pairs), 1), 2),
            "relevance_gate_and_stance": round(1000 * timings["gate_and_stance"] / max(len(pairs), 1), 2),
        },
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stances", type=Path, required=True)
    parser.add_argument("--bodies", type=Path, required=True)
    parser.add_argument("--encoder", default=os.environ.get("CORROBORATION_ENCODER", "auto"))
    parser.add_argument("--cache-dir", type=Path, default=Path("data/bench-cache"))
    args = parser.parse_args(argv)
    for path in (args.stances, args.bodies):
        if not path.exists():
            parser.exit(2, f"{path} does not exist (FNC-1's training half lives in ../shared/data/fnc-1)\n")
    print(json.dumps(run(args), indent=2))


if __name__ == "__main__":
    main()
