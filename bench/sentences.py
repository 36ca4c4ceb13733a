"""Benchmark of sentence splitting: textkit's one splitter beside the two it replaces, in one run.

    .venv/bin/python bench/sentences.py [--repeat 3] [--shared ../shared]

Speed is CPU time (process_time, best of --repeat), as characters per second, for
  new      textkit.sentences.split_sentences
  corr     corroboration.text.sentence_spans (old corroboration splitter)
  extract  extraction.text.split_sentences (old extraction splitter)
on (a) the real articles of ../shared/data/basil-dev and news-dev (skipped, with the reason, when
../shared is absent) and (b) one synthetic paragraph of 500,000 characters. The old extraction
splitter re-scans the paragraph before every full stop to find the word in front of it, so its cost
grows with the square of a paragraph's length: on (b) it is timed on the first 10,000, 25,000 and
50,000 characters only, and its rate at 500,000 is not measured (it would take minutes).

Quality (basil-dev only, which comes with its sentences): boundary precision and recall against
BASIL's own sentence ends, once over all of them and once leaving out the ends that fall inside a
quotation (BASIL splits quoted speech into sentences; extraction keeps a quote whole on purpose).
Only counts are printed: the texts are the publishers'.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from textkit.sentences import paragraph_spans, quote_spans, split_sentences  # noqa: E402

Splitter = Callable[[str], list[int]]  # sentence end offsets


def _old_splitters() -> dict[str, Splitter | str]:
    """The old splitters, or why one cannot be imported (the apps are being restructured)."""
    found: dict[str, Splitter | str] = {}
    try:
        from corroboration.text import sentence_spans as corr

        found["corr"] = lambda text: [end for _start, end in corr(text)]
    except ImportError as exc:
        found["corr"] = f"not importable: {exc}"
    try:
        from extraction.text import split_sentences as extract

        found["extract"] = lambda text: [s.end for s in extract(text)]
    except ImportError as exc:
        found["extract"] = f"not importable: {exc}"
    return found


def _new(text: str) -> list[int]:
    return [s.end for s in split_sentences(text)]


def basil_articles(shared: Path) -> list[tuple[str, set[int]]]:
    """(text, gold sentence ends): paragraphs joined by blank lines, sentences by spaces (its README)."""
    out = []
    for path in sorted((shared / "data" / "basil-dev" / "articles").glob("*/*.json")):
        article = json.loads(path.read_text(encoding="utf-8"))
        text, ends = "", set()
        paragraphs = [[s.strip() for s in p if s.strip()] for p in article["body-paragraphs"]]
        for sentences in (p for p in paragraphs if p):
            if text:
                text += "\n\n"
            for i, sentence in enumerate(sentences):
                text += (" " if i else "") + sentence
                ends.add(len(text))
        out.append((text, ends))
    return out


def news_articles(shared: Path) -> list[str]:
    path = shared / "data" / "news-dev" / "articles.jsonl"
    if not path.exists():
        return []
    return [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line]


def long_paragraph(chars: int) -> str:
    """One paragraph of `chars` characters, no line breaks: English and Russian sentences of the kinds
    the rules judge (titles, initials, decimals, quotes, abbreviations)."""
    pieces = [
        "Mr. J. Smith of the U.S. Senate said on Jan. 5 that prices rose by 3.5 percent.",
        "«Мы не остановимся. Никогда», — сказал министр, т.е. глава ведомства.",
        'The ministry said "it will act soon." Officials in Washington, D.C. declined to comment.',
        "В 2019 г. выручка выросла на 12 млн руб. Это подтвердил проф. Иванов.",
        "Analysts at Acme Inc. expect a recovery; others disagree!",
    ]
    text, i = "", 0
    while len(text) < chars:
        text += pieces[i % len(pieces)] + " "
        i += 1
    return text[:chars]


def cpu_rate(split: Splitter, texts: list[str], repeat: int) -> float:
    """Characters per CPU second, best of `repeat` runs."""
    chars = sum(len(t) for t in texts)
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        for text in texts:
            split(text)
        best = min(best, time.process_time() - started)
    return chars / best if best > 0 else float("inf")


def boundary_scores(split: Splitter, articles: list[tuple[str, set[int]]]) -> dict[str, tuple[float, float]]:
    counts = {"all": [0, 0, 0], "outside quotes": [0, 0, 0]}  # true pos, predicted, gold
    for text, gold in articles:
        predicted = set(split(text))
        quoted = [span for p in paragraph_spans(text) for span in quote_spans(text, *p)]
        outside = {e for e in gold if not any(a < e < b for a, b in quoted)}
        for name, wanted in (("all", gold), ("outside quotes", outside)):
            # Outside quotes, a predicted end at a gold end inside a quote counts neither way.
            counted = predicted if name == "all" else {e for e in predicted if e in outside or e not in gold}
            counts[name][0] += len(counted & wanted)
            counts[name][1] += len(counted)
            counts[name][2] += len(wanted)
    return {name: (tp / max(1, p), tp / max(1, g)) for name, (tp, p, g) in counts.items()}


def _fmt_rate(rate: float | None) -> str:
    return f"{rate / 1e6:8.2f} M/s" if rate is not None else "       n/a"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()

    old = _old_splitters()
    splitters: dict[str, Splitter] = {"new": _new}
    for name, value in old.items():
        if isinstance(value, str):
            print(f"old {name} splitter skipped: {value}")
        else:
            splitters[name] = value
    print(f"{'input':40s} {'chars':>9s} " + " ".join(f"{name:>12s}" for name in splitters))

    basil: list[tuple[str, set[int]]] = []
    if not (args.shared / "data").is_dir():
        print(f"real articles skipped: {args.shared / 'data'} is absent (the shared data folder)")
    else:
        basil = basil_articles(args.shared)
        news = news_articles(args.shared)
        for label, texts in (
            ("basil-dev (198 English articles)", [t for t, _ in basil]),
            ("news-dev (70, six languages)", news),
        ):
            if not texts:
                print(f"{label}: absent")
                continue
            rates = {name: cpu_rate(split, texts, args.repeat) for name, split in splitters.items()}
            print(
                f"{label:40s} {sum(map(len, texts)):9d} " + " ".join(_fmt_rate(rates[n]) for n in splitters)
            )

    big = long_paragraph(500_000)
    one_shot = max(1, min(args.repeat, 2))
    rates = {name: cpu_rate(split, [big], one_shot) for name, split in splitters.items() if name != "extract"}
    rates.setdefault("extract", None)
    print(
        f"{'one paragraph, 500,000 chars':40s} {len(big):9d} "
        + " ".join(_fmt_rate(rates.get(n)) for n in splitters)
    )
    for size in (10_000, 25_000, 50_000):
        piece = big[:size]
        rates = {name: cpu_rate(split, [piece], one_shot) for name, split in splitters.items()}
        print(
            f"{'one paragraph, first ' + format(size, ',') + ' chars':40s} {size:9d} "
            + " ".join(_fmt_rate(rates[n]) for n in splitters)
        )
    if "extract" in splitters:
        print("(old extract is quadratic in a paragraph's length: not run at 500,000 characters)")

    if basil:
        print("\nsentence ends against basil-dev's own (precision / recall / F1):")
        for name, split in splitters.items():
            scores = boundary_scores(split, basil)
            cells = []
            for scope, (p, r) in scores.items():
                f1 = 2 * p * r / (p + r) if p + r else 0.0
                cells.append(f"{scope}: {p:.3f} / {r:.3f} / {f1:.3f}")
            print(f"  {name:8s} " + "   ".join(cells))


if __name__ == "__main__":
    main()
