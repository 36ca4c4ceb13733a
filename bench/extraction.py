"""Benchmark of claim extraction: quality on hand-labelled articles, and speed.

    .venv/bin/python bench/extraction.py [--repeat 30]

Quality, per group (tuning / held-out / seed) and language:
  claims   — a proposed claim matches a labelled one when its span covers at least half of the
             label's anchor phrase (one-to-one); precision = matched / proposed, recall = matched / labelled.
  links    — over matched claims, the cited links below the article's own outlet, compared as
             (kind, source, count); "kind only" compares kinds alone.
  kind     — share of matched claims whose kind (fact/statement/prediction/opinion) is right.
Speed: articles per second for the full extractor (rules + in-memory registry matching) against a
baseline run side by side (the sentence splitter alone, the floor any extractor pays), plus the time
for one 400,000-character input (the size limit is 500,000).
"""

import argparse
import re
import time
from collections import Counter
from pathlib import Path

from bench import django_env  # noqa: F401  (Django set up before the models)
from extraction.proposer import extract
from extraction.registry import MemoryRegistry, resolve
from tests.extraction.extraction_helpers import SEED_SKIP_REASON, labelled_articles, registry_sources
from textkit.folding import normalize_name
from textkit.sentences import split_sentences

ROOT = Path(__file__).resolve().parents[1]


def _link_key(link: dict, *, kind_only: bool = False) -> tuple:
    if kind_only:
        return (link["kind"],)
    source = link.get("source")
    name = source.get("name") if isinstance(source, dict) else source
    return (link["kind"], normalize_name(name) if name else None, link.get("count"))


def score(text: str, expected: dict, result: dict) -> Counter:
    c = Counter()
    predicted = result["claims"]
    c["proposed"] += len(predicted)
    c["labelled"] += len(expected["claims"])
    used: set[int] = set()
    for label in expected["claims"]:
        a_start = text.index(label["anchor"])
        a_end = a_start + len(label["anchor"])
        best, best_overlap = None, 0
        for i, claim in enumerate(predicted):
            if i in used:
                continue
            start, end = claim["span"]
            overlap = max(0, min(end, a_end) - max(start, a_start))
            if overlap * 2 >= (a_end - a_start) and overlap > best_overlap:
                best, best_overlap = i, overlap
        if best is None:
            continue
        used.add(best)
        c["matched"] += 1
        claim = predicted[best]
        c["kind_right"] += claim["kind"] == label["kind"]
        for kind_only, prefix in ((False, ""), (True, "k_")):
            want = Counter(_link_key(link, kind_only=kind_only) for link in label["chain"])
            got = Counter(_link_key(link, kind_only=kind_only) for link in claim["chain"][1:])
            c[prefix + "links_labelled"] += sum(want.values())
            c[prefix + "links_proposed"] += sum(got.values())
            c[prefix + "links_right"] += sum((want & got).values())
    return c


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f} ({a}/{b})" if b else "n/a"


def quality(registry: MemoryRegistry) -> list[str]:
    lines = [
        "| group | lang | articles | claim P | claim R | link P (kind,source,count) | link R | link P (kind) | link R (kind) | kind acc. |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for group in ("tuning", "heldout", "heldout-final", "seed"):
        articles = labelled_articles(group)
        if group == "seed" and not articles:
            lines.append(f"| seed | ru | skipped: {SEED_SKIP_REASON} |")
            continue
        by_lang: dict[str, Counter] = {}
        for _name, text, expected in articles:
            outlet = expected.get("outlet")
            result = resolve(
                extract(text, language=expected["language"], outlet=outlet, use_ner=False), registry
            )
            by_lang.setdefault(expected["language"], Counter()).update(score(text, expected, result))
            by_lang[expected["language"]]["articles"] += 1
        for lang, c in sorted(by_lang.items()):
            lines.append(
                f"| {group} | {lang} | {c['articles']} | {_ratio(c['matched'], c['proposed'])} | "
                f"{_ratio(c['matched'], c['labelled'])} | {_ratio(c['links_right'], c['links_proposed'])} | "
                f"{_ratio(c['links_right'], c['links_labelled'])} | {_ratio(c['k_links_right'], c['k_links_proposed'])} | "
                f"{_ratio(c['k_links_right'], c['k_links_labelled'])} | {_ratio(c['kind_right'], c['matched'])} |"
            )
    return lines


def speed(registry: MemoryRegistry, repeat: int) -> list[str]:
    groups = ("tuning", "heldout", "heldout-final", "seed")
    texts = [text for group in groups for _n, text, _e in labelled_articles(group)]
    rounds = []
    for _ in range(3):
        t0 = time.perf_counter()
        for _ in range(repeat):
            for text in texts:
                split_sentences(text)
        baseline = time.perf_counter() - t0
        t0 = time.perf_counter()
        for _ in range(repeat):
            for text in texts:
                resolve(extract(text, use_ner=False), registry)
        full = time.perf_counter() - t0
        rounds.append((baseline, full))
    baseline, full = min(rounds, key=lambda r: r[1])
    n = repeat * len(texts)
    big = (texts[0] + "\n\n") * (400_000 // (len(texts[0]) + 2))
    t0 = time.perf_counter()
    claims = len(extract(big, use_ner=False).claims)
    big_seconds = time.perf_counter() - t0
    lines = []
    from extraction import ner

    if ner.enabled():
        russian = [t for t in texts if re.search(r"[а-яё]", t[:200], re.I)]
        extract(russian[0])  # load the models outside the timing
        timings = {}
        for use_ner in (False, True):
            t0 = time.perf_counter()
            for _ in range(max(1, repeat // 3)):
                for text in russian:
                    extract(text, language="ru", use_ner=use_ner)
            timings[use_ner] = time.perf_counter() - t0
        m = max(1, repeat // 3) * len(russian)
        lines.append(
            f"- Russian with natasha NER: {m / timings[True]:,.0f} articles/s vs {m / timings[False]:,.0f} without "
            f"({timings[True] / timings[False]:.1f}× the time; model load not included)"
        )
    else:
        lines.append("- natasha not installed: NER timing skipped (rules only)")
    return lines + [
        f"- articles: {len(texts)} texts × {repeat} repeats = {n} extractions, best of 3 rounds",
        f"- extractor: {n / full:,.0f} articles/s ({full / n * 1000:.2f} ms per article, mean {sum(map(len, texts)) // len(texts)} chars)",
        f"- baseline (sentence splitting only): {n / baseline:,.0f} articles/s",
        f"- ratio extractor / baseline time: {full / baseline:.1f}×",
        f"- one {len(big):,}-character input: {big_seconds:.2f} s, {claims:,} claims proposed",
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    registry = MemoryRegistry(registry_sources())
    print("\n".join(quality(registry)))
    print()
    print("\n".join(speed(registry, args.repeat)))


if __name__ == "__main__":
    main()
