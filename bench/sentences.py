"""Benchmark of sentence splitting: textkit's one splitter beside the two it replaces, in one run.

    .venv/bin/python bench/sentences.py [--repeat 3] [--shared ../shared]

Speed is CPU time (process_time, best of --repeat), as characters per second, for
  new      textkit.sentences.split_sentences
  corr     the previous corroboration splitter (corroboration/text.py sentence_spans, now deleted)
  extract  the previous extraction splitter (extraction/text.py split_sentences, now deleted)
on (a) the real articles of ../shared/data/basil-dev and news-dev (skipped, with the reason, when
../shared is absent) and (b) one synthetic paragraph of 500,000 characters. The two previous
splitters are kept below, with their behaviour unchanged, as the baseline this bench compares with (for comparison only:
nothing in the project uses them). The old extraction
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
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from textkit.sentences import paragraph_spans, quote_spans, split_sentences  # noqa: E402

Splitter = Callable[[str], list[int]]  # sentence end offsets


# ------------------------------------------------------------------------------------------------------
# The previous splitters, for comparison only. They are the two that textkit.sentences replaced, copied
# here (ends only, same behaviour) when they were deleted from corroboration/text.py and extraction/text.py, so the bench
# still measures the new splitter against them. Do not import them from anywhere else.

_PREVIOUS_CORR_END = re.compile(r"(?<=[.!?…])[\"'»”)]*\s+(?=[\"'«“(]?[A-ZА-ЯЁ0-9])|\n\s*\n")


def previous_corroboration_ends(text: str) -> list[int]:
    """Sentence ends by the previous corroboration splitter (corroboration.text.sentence_spans)."""
    ends, start = [], 0
    for match in _PREVIOUS_CORR_END.finditer(text):
        end = match.start()
        if text[start:end].strip():
            ends.append(_trimmed_end(text, start, end))
        start = match.end()
    if text[start:].strip():
        ends.append(_trimmed_end(text, start, len(text)))
    return ends


def _trimmed_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


_PREVIOUS_ABBREVIATIONS = set(
    """mr mrs ms dr prof st jr sr inc corp co ltd vs gen gov sen rep u.s u.k u.n e.u no jan feb mar apr
    jun jul aug sep sept oct nov dec approx est fig г гг т д др пр им ул млн млрд трлн тыс руб долл см ст
    проф акад гос англ рус кв обл р н э""".split()
)
_PREVIOUS_BOUNDARY = re.compile(r"[.!?…]+[»\"”“’')\]]*(?=\s)")
_PREVIOUS_NEXT_STARTS = re.compile(r"\s+[«\"“„'(\[—–-]?\s*[\w\d]")


def _previous_quote_spans(paragraph: str, offset: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    low_opener = "„" in paragraph
    pairs = {"«": "»", "„": "“" if low_opener else "”"}
    if not low_opener:
        pairs["“"] = "”"
    stack: list[tuple[str, int]] = []
    straight_open: int | None = None
    for i, ch in enumerate(paragraph):
        if ch in pairs and not (ch == "“" and stack and stack[-1][0] == "„"):
            stack.append((ch, i))
        elif stack and ch == pairs[stack[-1][0]]:
            _opener, at = stack.pop()
            if not stack:
                spans.append((offset + at + 1, offset + i))
        elif ch == '"':
            prev = paragraph[i - 1] if i else " "
            if straight_open is None and (prev.isspace() or prev in "([—–-:"):
                straight_open = i
            elif straight_open is not None:
                if not stack:
                    spans.append((offset + straight_open + 1, offset + i))
                straight_open = None
    spans.sort()
    return spans


def previous_extraction_ends(text: str) -> list[int]:
    """Sentence ends by the previous extraction splitter (extraction.text.split_sentences); its
    look-back for the word before each full stop re-scans the paragraph, so it is quadratic."""
    ends: list[int] = []
    for para in re.finditer(r"[^\n]+", text):
        p_start, p_text = para.start(), para.group()
        if not p_text.strip():
            continue
        quotes = _previous_quote_spans(p_text, p_start)
        cuts = [p_start]
        for m in _PREVIOUS_BOUNDARY.finditer(p_text):
            if any(a <= p_start + m.start() < b for a, b in quotes):
                continue
            if not _PREVIOUS_NEXT_STARTS.match(p_text, m.end()):
                continue
            if p_text[m.end() :].lstrip(" «\"“„'([—–-")[:1].islower():
                continue
            word = re.search(r"([\w.]+)\.$", p_text[: m.start() + 1])
            if m.group().startswith(".") and word:
                token = word.group(1).lower().rstrip(".")
                if token in _PREVIOUS_ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                    continue
            cuts.append(p_start + m.end())
        cuts.append(p_start + len(p_text))
        for start, end in zip(cuts, cuts[1:], strict=False):
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                ends.append(end)
    return ends


def _old_splitters() -> dict[str, Splitter]:
    """The previous splitters (above), by the names the table prints."""
    return {"corr": previous_corroboration_ends, "extract": previous_extraction_ends}


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

    splitters: dict[str, Splitter] = {"new": _new, **_old_splitters()}
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
