"""Train the stance model on SciFact-format data and write weights/stance-<encoder>.npz.

    python -m corroboration.train_stance --claims ../shared/data/scifact/claims_train.jsonl \
        --corpus ../shared/data/scifact/corpus.jsonl [--encoder use|none]

Data: SciFact (Wadden et al. 2020), claims CC BY 4.0, abstracts ODC-By 1.0. One example per cited
document: the claim, the passage the matcher picks, and the gold label (SUPPORT, CONTRADICT, or none).
The weights record a digest of the claims file, so the benchmark knows to cross-validate instead of
scoring the model on claims it was trained on.
"""

import argparse
from pathlib import Path

import numpy as np

from . import stance as stance_mod
from .embeddings import get_encoder
from .engine import Matcher
from .scifact import file_digest, load_claims, load_corpus, stance_rows


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="Train the corroboration stance model.")
    parser.add_argument("--claims", type=Path, required=True)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--encoder", default="auto", help="use, e5 or none (the lexical model)")
    parser.add_argument("--out-dir", type=Path, default=stance_mod.WEIGHTS_DIR)
    args = parser.parse_args(argv)

    claims = load_claims(args.claims)
    cited = {d for c in claims for d in c.cited}
    docs = [d for d in load_corpus(args.corpus) if d.id in cited]
    encoder = get_encoder(args.encoder)
    matcher = Matcher(encoder=encoder)
    prepared = {p.doc.id: p for p in matcher.prepare_docs(docs)}
    rows = stance_rows(matcher, claims, prepared)
    x = np.stack([r[1] for r in rows])
    y = np.array([r[2] for r in rows])
    model = stance_mod.SoftmaxModel.fit(x, y, l2=stance_mod.L2)
    model.meta = {
        "data": "SciFact claims (CC BY 4.0) + corpus (ODC-By 1.0)",
        "claims_file": args.claims.name,
        "claims_digest": file_digest(args.claims),
        "examples": int(len(y)),
        "labels": list(stance_mod.LABELS),
        "encoder": encoder.name if encoder else "lexical",
        "features": int(x.shape[1]),
    }
    args.out_dir.mkdir(parents=True, exist_ok=True)
    path = args.out_dir / f"stance-{model.meta['encoder']}.npz"
    model.save(path)
    print(f"wrote {path} ({path.stat().st_size} bytes) from {len(y)} examples, {x.shape[1]} features")


if __name__ == "__main__":
    main()
