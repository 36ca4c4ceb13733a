"""Reading FNC-1-format files (stances csv + bodies csv) for the news stance trainer and bench.stance.

Django-free. Any files of the same format work (`Headline, Body ID, Stance` and `Body ID, articleBody`);
the data itself is never needed by the app. FNC-1 (Fake News Challenge stage 1, 2017; derived from the
Emergent data set by Craig Silverman, Tow Center) is described by its organisers as public domain; the
bodies are publishers' texts, so nothing of them is ever copied into the repository.
"""

import csv
import hashlib
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .engine import Doc, Matcher

FNC_LABELS = ("agree", "disagree", "discuss", "unrelated")
csv.field_size_limit(sys.maxsize)


@dataclass
class Pair:
    headline: str
    body_id: int
    stance: str | None  # one of FNC_LABELS, or None when the file has no Stance column


def load(stances_csv: Path, bodies_csv: Path) -> tuple[list[Pair], dict[int, str]]:
    with open(bodies_csv, encoding="utf-8", newline="") as f:
        bodies = {int(row["Body ID"]): row["articleBody"] for row in csv.DictReader(f)}
    pairs = []
    with open(stances_csv, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            stance = (row.get("Stance") or "").strip().lower() or None
            if stance is not None and stance not in FNC_LABELS:
                raise ValueError(f"unknown stance {stance!r} in {stances_csv}")
            body_id = int(row["Body ID"])
            if body_id not in bodies:
                raise ValueError(f"Body ID {body_id} of {stances_csv} is not in {bodies_csv}")
            pairs.append(Pair(row["Headline"], body_id, stance))
    return pairs, bodies


def validation_bodies(body_ids, share: float = 0.2) -> set[int]:
    """The bodies kept out of training: a fixed hash of the Body ID, so every body's pairs go one way."""
    return {
        b for b in body_ids if int(hashlib.sha256(f"fnc-{b}".encode()).hexdigest(), 16) % 1000 < share * 1000
    }


def file_digest(*paths: Path) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(Path(p).read_bytes())
    return h.hexdigest()[:16]


def prepared_bodies(matcher: Matcher, bodies: dict[int, str], cache: Path | None = None) -> dict:
    """Every body split, indexed and (with an encoder) embedded sentence by sentence, as the engine
    does for a stored article; embeddings cached on disk when `cache` is given."""
    ids = sorted(bodies)
    docs = [Doc(id=b, title="", text=bodies[b]) for b in ids]
    if matcher.encoder:
        if cache is not None and cache.exists():
            data = np.load(cache)
            vectors, offsets = data["vectors"], data["offsets"]
            stored = [vectors[offsets[i] : offsets[i + 1]] for i in range(len(ids))]
        else:
            stored, started = [], time.perf_counter()
            for i in range(0, len(docs), 100):
                stored.extend(matcher.embed_all(docs[i : i + 100]))
                print(
                    f"  embedded {len(stored)}/{len(docs)} bodies ({time.perf_counter() - started:.0f} s)",
                    file=sys.stderr,
                    flush=True,
                )
            if cache is not None:
                cache.parent.mkdir(parents=True, exist_ok=True)
                offsets = np.cumsum([0] + [len(v) for v in stored])
                np.savez(cache, vectors=np.concatenate(stored).astype(np.float16), offsets=offsets)
        for doc, v in zip(docs, stored, strict=True):
            # float16 as the database keeps them (corroboration.vectors), so training sees what runs
            doc.vectors = np.asarray(v, dtype=np.float16).astype(np.float32)
    return {p.doc.id: p for p in matcher.prepare_docs(docs)}


def pair_features(matcher: Matcher, pairs: list[Pair], prepared: dict, log=None) -> np.ndarray:
    """The engine's news features (Matcher.news_features) for every headline/body pair, as the engine
    computes them for a claim and an article: the headline is the claim, the body the article."""
    claims = {}
    headlines = sorted({p.headline for p in pairs})
    if matcher.encoder:
        vectors = matcher.encoder.queries(headlines)
    for i, h in enumerate(headlines):
        saved, matcher.encoder = matcher.encoder, None
        claims[h] = matcher.prepare_claim(h)
        matcher.encoder = saved
        claims[h].vector = vectors[i] if matcher.encoder else None
    rows, started = [], time.perf_counter()
    for i, pair in enumerate(pairs):
        pc, doc = claims[pair.headline], prepared[pair.body_id]
        scored = matcher.score(pc, [doc], with_stance=False)[0]
        index = doc.spans.index(scored.passage) if scored.passage is not None else None
        rows.append(matcher.news_features(pc, doc, index, scored.scores))
        if log and (i + 1) % 5000 == 0:
            log(f"  features {i + 1}/{len(pairs)} ({time.perf_counter() - started:.0f} s)")
    return np.stack(rows)


FNC_OF_STANCE = {"SUPPORT": "agree", "CONTRADICT": "disagree", "DENIED": "disagree", "NONE": "discuss"}


def engine_labels(matcher: Matcher, pairs: list[Pair], prepared: dict, log=None, timings=None) -> list[str]:
    """The FNC-1 label the production engine gives each pair: its relevance gate, then its stance
    (Matcher.score, then attach_stance, exactly as a claim is matched to an article). `timings`, if
    given, gets the seconds spent scoring and deciding relevance and stance, in total."""
    timings = {} if timings is None else timings
    headlines = sorted({p.headline for p in pairs})
    vectors = matcher.encoder.queries(headlines) if matcher.encoder else None
    claims = {}
    for i, h in enumerate(headlines):
        saved, matcher.encoder = matcher.encoder, None
        claims[h] = matcher.prepare_claim(h)
        matcher.encoder = saved
        claims[h].vector = vectors[i] if vectors is not None else None
    out, started = [], time.perf_counter()
    timings["score"] = timings["gate_and_stance"] = 0.0
    for i, pair in enumerate(pairs):
        claim, doc = claims[pair.headline], prepared[pair.body_id]
        t0 = time.perf_counter()
        result = matcher.score(claim, [doc], with_stance=False)[0]
        t1 = time.perf_counter()
        matcher.attach_stance(claim, doc, result)
        timings["score"] += t1 - t0
        timings["gate_and_stance"] += time.perf_counter() - t1
        if result.stance is None:
            out.append("unrelated")
        elif result.stance.label == "DENIED":
            out.append("disagree")
        else:  # the news model's own class; the app's label when another model decided
            out.append(result.stance.kind or FNC_OF_STANCE[result.stance.label])
        if log and (i + 1) % 5000 == 0:
            log(f"  decided {i + 1}/{len(pairs)} ({time.perf_counter() - started:.0f} s)")
    return out
