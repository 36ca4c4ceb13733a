"""Benchmark of the attribution reader: who each statement is credited to, on real news, and its speed.

    .venv/bin/python -m bench.attribution [--reader module:function] [--split dev|test|all]
                                          [--shared ../shared] [--dump PATH] [--repeat 1]

The reader is a callable `read(text, language=None)` returning an object with `.statements` (each
with `.start`, `.end`, `.quotes`, `.chain`: sources outermost first, each with `.kind` in outlet /
person / organisation / group, `.name` (None for an unnamed group), `.count`, `.role`,
`.affiliation`, `.cue`) and `.rereport_of` (the article's origin source, or None). It is read by
duck typing (attributes or mapping keys). Default: `attribution.read`. (The baseline adapter over
the old extractor was removed with the old readers; its numbers stay in docs/benchmarks.md.)

news-dev (../shared/data/news-dev, labels in bench/data/news_dev_labels.jsonl), per split and language:
  link recall     a labelled statement is recalled when a predicted statement overlaps its span and
                  the predicted chain names the labelled source. "inner": the innermost link of the
                  prediction matches the innermost link of the label (the one credited with the
                  content); "any": some link of the predicted chain matches some link of the label.
  link precision  over predicted statements with a non-empty chain: it overlaps a labelled
                  statement and names its source (inner / any as above).
  re-report       per article: the predicted rereport_of names the labelled origin, or both are null
                  (accuracy); precision / recall over the articles with an origin.
  Names match when they are equal after folding (textkit.folding.normalize_name, accents and quote
  marks dropped, a leading "the" dropped), through bench/data/news_dev_aliases.json or the test
  registry's aliases (tests/extraction/fixtures/registry.json), when all the words of one are in the
  other, or (CJK / Hangul) when one contains the other; a person also by the last name (a Cyrillic
  ending of up to two letters allowed: "Новака" / "Новак"). An unnamed group is matched by any
  predicted group (kind) whose count, when both give one, is the same, or by a source naming the
  group's affiliation ("a Google spokesman").

basil-dev (../shared/data/basil-dev): every annotated quote whose speaker is not "other…"; recalled
  when a predicted statement overlaps the quote and a link of its chain names the speaker: the last
  token of the underscore-joined speaker, folded, against the last word of a link's name (people) or
  any word of a link's name / role / affiliation / description (group speakers such as
  "Democratic_lawmakers"). Per outlet (fox / nyt / hpo) and overall; a sample of the predicted
  chains is written to --dump (outside the repository) for judging precision by hand.

speed: CPU time of the reader over every news-dev and basil-dev text, and over one synthetic
  500,000-character paragraph the bench writes itself, each beside textkit.sentences.split_sentences
  in the same run (ratio = reader time / splitter time).

Only ids, offsets, names and counts are printed or dumped: the texts are the publishers'.
When ../shared is absent the real-data parts are skipped with the reason.
"""

from __future__ import annotations

import argparse
import importlib
import json
import random
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from textkit.folding import normalize_name  # noqa: E402
from textkit.sentences import split_sentences  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
LABELS = DATA / "news_dev_labels.jsonl"
ALIASES = DATA / "news_dev_aliases.json"
REGISTRY = ROOT / "tests" / "extraction" / "fixtures" / "registry.json"
LANGUAGES = ("en", "ru", "uk", "zh", "de", "ko")
SYNTHETIC_CHARS = 500_000

Reader = Callable[..., object]


# ------------------------------------------------------------------------------------------------
# Reading the reader's output by duck typing.


def _get(obj: object, name: str, default=None):
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


@dataclass
class Link:
    kind: str
    name: str | None = None
    count: int | None = None
    role: str | None = None
    affiliation: str | None = None
    description: str | None = None
    cue: str | None = None


@dataclass
class Statement:
    start: int
    end: int
    chain: list[Link] = field(default_factory=list)


@dataclass
class Reading:
    statements: list[Statement]
    rereport_of: str | None


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return _get(value, "name")


# The reader calls a nameless group "unnamed" (attribution.model.UNNAMED); the labels say "group".
_KINDS = {"unnamed": "group"}


def as_link(obj: object) -> Link:
    count = _get(obj, "count")
    return Link(
        kind=_KINDS.get(str(_get(obj, "kind") or ""), str(_get(obj, "kind") or "")),
        name=_get(obj, "name"),
        count=int(count) if isinstance(count, int | float) else None,
        role=_text(_get(obj, "role")),
        affiliation=_text(_get(obj, "affiliation")),
        description=_text(_get(obj, "description")),
        cue=_get(obj, "cue"),
    )


def as_reading(result: object) -> Reading:
    statements = []
    for s in _get(result, "statements") or []:
        statements.append(
            Statement(
                int(_get(s, "start")), int(_get(s, "end")), [as_link(x) for x in _get(s, "chain") or []]
            )
        )
    return Reading(statements, _text(_get(result, "rereport_of")))


# ------------------------------------------------------------------------------------------------
# Name matching.

_QUOTES = "\"'«»“”„‟‘’‚《》〈〉「」『』<>()[]（）"
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_TOKEN_SPLIT = re.compile(r"[\s·•・_]+")


def fold_name(value: str | None) -> str:
    """The form names are compared in: normalize_name, accents and quote marks dropped, no leading 'the'."""
    text = normalize_name(value or "")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = unicodedata.normalize("NFC", text).replace("ё", "е")
    text = "".join(" " if c in _QUOTES else c for c in text)
    text = " ".join(text.replace(",", " ").split())
    return text[4:] if text.startswith("the ") else text


def _tokens(value: str) -> list[str]:
    return [t for t in _TOKEN_SPLIT.split(fold_name(value)) if t]


def _same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    # Inflected or cut-off forms: "новака" / "новак", BASIL's "calder" / "calderon".
    return len(short) >= 4 and long_.startswith(short) and len(long_) - len(short) <= 2


class Names:
    """Alias groups: every spelling of one source maps to one key."""

    def __init__(self, groups: Iterable[Iterable[str]] = ()):
        self._key: dict[str, int] = {}
        self._spellings: dict[int, set[str]] = defaultdict(set)
        for i, group in enumerate(groups):
            for name in group:
                folded = fold_name(name)
                if folded:
                    self._key.setdefault(folded, i)
                    self._spellings[self._key[folded]].add(folded)

    def _forms(self, folded: str) -> set[str]:
        key = self._key.get(folded)
        return {folded} | (self._spellings[key] if key is not None else set())

    def same(self, a: str | None, b: str | None, *, person: bool = False) -> bool:
        fa, fb = fold_name(a), fold_name(b)
        if not fa or not fb:
            return False
        if fa == fb:
            return True
        ka, kb = self._key.get(fa), self._key.get(fb)
        if ka is not None and ka == kb:
            return True
        return any(_close(x, y, person) for x in self._forms(fa) for y in self._forms(fb))


def _close(fa: str, fb: str, person: bool) -> bool:
    """Two folded spellings that name one source: containment (CJK), last name, or all words of one in the other."""
    if _CJK.search(fa) or _CJK.search(fb):
        short, long_ = sorted((fa, fb), key=len)
        if len(short) >= 2 and short in long_:
            return True
    ta, tb = _tokens(fa), _tokens(fb)
    if person and ta and tb and _same_word(ta[-1], tb[-1]):
        return True
    short, long_ = sorted((ta, tb), key=len)
    return (
        bool(short) and len("".join(short)) >= 3 and all(any(_same_word(w, v) for v in long_) for w in short)
    )


def load_names(extra: Iterable[Iterable[str]] = ()) -> Names:
    groups: list[list[str]] = []
    if ALIASES.exists():
        for canonical, aliases in json.loads(ALIASES.read_text(encoding="utf-8"))["aliases"].items():
            groups.append([canonical, *aliases])
    if REGISTRY.exists():
        for source in json.loads(REGISTRY.read_text(encoding="utf-8"))["sources"]:
            groups.append([source["name"], *source.get("aliases", [])])
    groups.extend(list(g) for g in extra)
    return Names(groups)


def names_source(label: dict, link: Link, names: Names) -> bool:
    """Does the predicted link name the labelled source?"""
    if label["kind"] == "group":
        if link.kind == "group":
            return label.get("count") is None or link.count is None or label["count"] == link.count
        aff = label.get("affiliation")
        return bool(aff) and (names.same(aff, link.name) or names.same(aff, link.affiliation))
    person = label["kind"] == "person"
    if names.same(label["name"], link.name, person=person):
        return True
    # "a Google spokesman" names Google when the label credits the organisation.
    return not person and names.same(label["name"], link.affiliation)


# ------------------------------------------------------------------------------------------------
# news-dev scoring.


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return min(a1, b1) > max(a0, b0)


def score_article(labelled: list[dict], predicted: list[Statement], names: Names) -> Counter:
    c = Counter(labelled=len(labelled))
    for lab in labelled:
        over = [p for p in predicted if p.chain and _overlaps(lab["start"], lab["end"], p.start, p.end)]
        if any(names_source(lab["chain"][-1], p.chain[-1], names) for p in over):
            c["recalled_inner"] += 1
        if any(names_source(x, q, names) for p in over for x in lab["chain"] for q in p.chain):
            c["recalled_any"] += 1
    for p in predicted:
        if not p.chain:
            continue
        c["predicted"] += 1
        over = [lab for lab in labelled if _overlaps(lab["start"], lab["end"], p.start, p.end)]
        if any(names_source(lab["chain"][-1], p.chain[-1], names) for lab in over):
            c["precise_inner"] += 1
        if any(names_source(x, q, names) for lab in over for x in lab["chain"] for q in p.chain):
            c["precise_any"] += 1
    return c


def score_rereport(label: str | None, predicted: str | None, names: Names) -> Counter:
    c = Counter(articles=1)
    if label is not None:
        c["labelled"] += 1
    if predicted is not None:
        c["predicted"] += 1
    if label is None and predicted is None:
        c["correct"] += 1
    elif label is not None and predicted is not None and names.same(label, predicted):
        c["correct"] += 1
        c["true_positive"] += 1
    return c


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


def _f1(p: float | None, r: float | None) -> float | None:
    return round(2 * p * r / (p + r), 3) if p and r else (0.0 if p is not None and r is not None else None)


def link_scores(c: Counter) -> dict:
    out = {"labelled": c["labelled"], "predicted": c["predicted"]}
    for how in ("inner", "any"):
        p, r = _ratio(c[f"precise_{how}"], c["predicted"]), _ratio(c[f"recalled_{how}"], c["labelled"])
        out[how] = {"precision": p, "recall": r, "f1": _f1(p, r)}
    return out


def rereport_scores(c: Counter) -> dict:
    return {
        "articles": c["articles"],
        "accuracy": _ratio(c["correct"], c["articles"]),
        "precision": _ratio(c["true_positive"], c["predicted"]),
        "recall": _ratio(c["true_positive"], c["labelled"]),
    }


def news_dev(
    reader: Reader, articles: list[dict], labels: list[dict], names: Names, splits: list[str]
) -> dict:
    """Scores per split ("dev", "test", "all") and language, plus per-article predictions."""
    texts = {a["id"]: a for a in articles}
    links: dict[tuple[str, str], Counter] = defaultdict(Counter)
    rereports: dict[tuple[str, str], Counter] = defaultdict(Counter)
    per_article = []
    for label in labels:
        if label["split"] not in splits:
            continue
        article = texts[label["id"]]
        reading = as_reading(reader(article["text"], language=article["language"]))
        c = score_article(label["statements"], reading.statements, names)
        r = score_rereport(label["rereport_of"], reading.rereport_of, names)
        for split in (label["split"], "all") if len(splits) > 1 else (label["split"],):
            for lang in (label["language"], "overall"):
                links[(split, lang)] += c
                rereports[(split, lang)] += r
        per_article.append(
            {
                "id": label["id"],
                "rereport_of": reading.rereport_of,
                "labelled_origin": label["rereport_of"],
                **c,
            }
        )
    report: dict = {}
    for (split, lang), c in sorted(links.items()):
        report.setdefault(split, {})[lang] = {
            "links": link_scores(c),
            "rereport": rereport_scores(rereports[(split, lang)]),
        }
    return {"scores": report, "articles": per_article}


def load_news(shared: Path) -> tuple[list[dict], str | None]:
    path = shared / "data" / "news-dev" / "articles.jsonl"
    if not path.exists():
        return [], f"news-dev skipped: {path} is absent (the shared data folder)"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()], None


def load_labels(path: Path = LABELS) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# ------------------------------------------------------------------------------------------------
# basil-dev.

_GROUP_WORDS = {"democrats", "republicans", "lawmakers", "officials"}


def is_group_speaker(speaker: str) -> bool:
    parts = [p for p in speaker.split("_") if p]
    return any(p[:1].islower() for p in parts) or parts[-1].lower() in _GROUP_WORDS


def names_speaker(speaker: str, chain: list[Link]) -> bool:
    target = _tokens(speaker.split("_")[-1] if "_" in speaker else speaker)
    if not target:
        return False
    last = target[-1]
    if is_group_speaker(speaker):
        words = [
            w for x in chain for f in (x.name, x.role, x.affiliation, x.description) if f for w in _tokens(f)
        ]
        return any(_same_word(last, w) for w in words)
    return any(x.name and _tokens(x.name) and _same_word(last, _tokens(x.name)[-1]) for x in chain)


def load_basil(shared: Path) -> tuple[list[dict], str | None]:
    root = shared / "data" / "basil-dev"
    if not (root / "articles").is_dir():
        return [], f"basil-dev skipped: {root} is absent (the shared data folder)"
    items = []
    for path in sorted((root / "articles").glob("*/*.json")):
        article = json.loads(path.read_text(encoding="utf-8"))
        text = "\n\n".join(" ".join(p) for p in article["body-paragraphs"])
        ann_path = root / "annotations" / path.parent.name / f"{path.stem}_ann.json"
        quotes = []
        if ann_path.exists():
            for a in json.loads(ann_path.read_text(encoding="utf-8"))["phrase-level-annotations"]:
                speaker = (a.get("speaker") or "").strip()
                if a.get("quote") != "yes" or not speaker or speaker.lower().startswith("other"):
                    continue
                start = text.find(a["txt"])
                quotes.append({"speaker": speaker, "start": start, "end": start + len(a["txt"])})
        items.append(
            {
                "id": path.stem,
                "outlet": str(article.get("source", "")).lower(),
                "text": text,
                "quotes": quotes,
            }
        )
    return items, None


def basil_dev(reader: Reader, items: list[dict], dump: Path | None, sample: int = 80) -> dict:
    c: dict[str, Counter] = defaultdict(Counter)
    chains = []
    for item in items:
        reading = as_reading(reader(item["text"], language="en"))
        for s in reading.statements:
            if s.chain:
                chains.append(
                    {
                        "id": item["id"],
                        "start": s.start,
                        "end": s.end,
                        "chain": [
                            {
                                "kind": x.kind,
                                "name": x.name,
                                "count": x.count,
                                "role": x.role,
                                "affiliation": x.affiliation,
                                "cue": x.cue,
                            }
                            for x in s.chain
                        ],
                    }
                )
        for q in item["quotes"]:
            for key in (item["outlet"], "overall"):
                c[key]["quotes"] += 1
                c[key]["group_speakers"] += is_group_speaker(q["speaker"])
            if q["start"] < 0:
                for key in (item["outlet"], "overall"):
                    c[key]["not_found"] += 1
                continue
            over = [
                s for s in reading.statements if s.chain and _overlaps(q["start"], q["end"], s.start, s.end)
            ]
            hit_any = any(names_speaker(q["speaker"], s.chain) for s in over)
            hit_inner = any(names_speaker(q["speaker"], s.chain[-1:]) for s in over)
            person = not is_group_speaker(q["speaker"])
            for key in (item["outlet"], "overall"):
                c[key]["recalled_any"] += hit_any
                c[key]["recalled_inner"] += hit_inner
                c[key]["overlapped"] += bool(over)
                c[key]["recalled_person"] += hit_any and person
    out = {
        key: {
            "quotes": v["quotes"],
            "group_speakers": v["group_speakers"],
            "recall": _ratio(v["recalled_any"], v["quotes"]),
            "recall_inner": _ratio(v["recalled_inner"], v["quotes"]),
            # the quotes whose speaker is one person ("Nancy_Pelosi"), without the group-annotated ones
            "recall_person": _ratio(v["recalled_person"], v["quotes"] - v["group_speakers"]),
            "overlapped": v["overlapped"],
            "not_found": v["not_found"],
        }
        for key, v in sorted(c.items())
    }
    if dump is not None and chains:
        picked = random.Random(11).sample(chains, min(sample, len(chains)))
        dump.parent.mkdir(parents=True, exist_ok=True)
        with dump.open("w", encoding="utf-8") as f:
            for row in sorted(picked, key=lambda r: (r["id"], r["start"])):
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
        out["sample"] = {"path": str(dump), "chains": len(picked), "of": len(chains)}
    return out


# ------------------------------------------------------------------------------------------------
# Speed.

_FIRST = ["Anna", "Boris", "Clara", "David", "Elena", "Felix", "Greta", "Hugo"]
_LAST = ["Novak", "Marsh", "Okafor", "Lindqvist", "Petrov", "Tanaka", "Moreau", "Silva"]
_BODY = [
    "the council would review the budget next spring",
    "two plants had been closed after the flood",
    "exports rose by 4 percent in the third quarter",
    "the agreement was not yet final",
]


def synthetic_paragraph(chars: int = SYNTHETIC_CHARS, seed: int = 7) -> str:
    """One paragraph of invented attributed sentences, exactly `chars` long (no real text)."""
    rnd = random.Random(seed)
    parts, size = [], 0
    while size < chars:
        who = f"{rnd.choice(_FIRST)} {rnd.choice(_LAST)}"
        body = rnd.choice(_BODY)
        form = rnd.randrange(4)
        if form == 0:
            s = f'"{body.capitalize()}," {who} said.'
        elif form == 1:
            s = f"{who} told reporters that {body}."
        elif form == 2:
            s = f"According to people familiar with the matter, {body}."
        else:
            s = f"The Daily Ledger reported, citing three officials, that {body}."
        parts.append(s)
        size += len(s) + 1
    return " ".join(parts)[:chars]


def _cpu(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(max(1, repeat)):
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return best


def speed(reader: Reader, texts: list[tuple[str, str | None]], repeat: int = 1) -> dict:
    out = {}
    if texts:
        r = _cpu(lambda: [reader(t, language=lang) for t, lang in texts], repeat)
        s = _cpu(lambda: [split_sentences(t, language=lang) for t, lang in texts], repeat)
        out["real"] = {
            "articles": len(texts),
            "chars": sum(len(t) for t, _ in texts),
            "reader_articles_per_s": round(len(texts) / r, 1) if r else None,
            "splitter_articles_per_s": round(len(texts) / s, 1) if s else None,
            "reader_s": round(r, 3),
            "splitter_s": round(s, 3),
            "ratio": round(r / s, 1) if s else None,
        }
    big = synthetic_paragraph()
    r = _cpu(lambda: reader(big, language="en"), repeat)
    s = _cpu(lambda: split_sentences(big, language="en"), repeat)
    out["synthetic_500k"] = {
        "chars": len(big),
        "reader_s": round(r, 3),
        "splitter_s": round(s, 3),
        "ratio": round(r / s, 1) if s else None,
    }
    return out


# ------------------------------------------------------------------------------------------------
# The reader to measure.


def load_reader(spec: str | None) -> tuple[Reader, str]:
    if spec:
        module, _, func = spec.partition(":")
        return getattr(importlib.import_module(module), func or "read"), spec
    module = importlib.import_module("attribution")
    return module.read, "attribution:read"


# ------------------------------------------------------------------------------------------------


def _fmt(v) -> str:
    return "  -  " if v is None else f"{v:.3f}"


def print_table(summary: dict) -> None:
    nd = summary.get("news_dev")
    if isinstance(nd, dict):
        print("\nnews-dev links (inner: innermost source; any: some source of the chain) and re-reports")
        print(
            f"{'split':5} {'lang':8} {'lab':>4} {'pred':>5}  {'P in':>5} {'R in':>5} {'F1 in':>5}  "
            f"{'P any':>5} {'R any':>5} {'F1any':>5}  {'rr acc':>6} {'rr P':>5} {'rr R':>5}"
        )
        for split in [k for k in ("dev", "test", "all") if k in nd]:
            langs = nd[split]
            for lang in [*LANGUAGES, "overall"]:
                if lang not in langs:
                    continue
                lk, rr = langs[lang]["links"], langs[lang]["rereport"]
                print(
                    f"{split:5} {lang:8} {lk['labelled']:>4} {lk['predicted']:>5}  "
                    f"{_fmt(lk['inner']['precision'])} {_fmt(lk['inner']['recall'])} {_fmt(lk['inner']['f1'])}  "
                    f"{_fmt(lk['any']['precision'])} {_fmt(lk['any']['recall'])} {_fmt(lk['any']['f1'])}  "
                    f"{_fmt(rr['accuracy']):>6} {_fmt(rr['precision'])} {_fmt(rr['recall'])}"
                )
    basil = summary.get("basil_dev")
    if isinstance(basil, dict):
        print("\nbasil-dev speaker recall (quotes with a named speaker)")
        for key in ("fox", "nyt", "hpo", "overall"):
            if key in basil:
                b = basil[key]
                print(
                    f"  {key:8} quotes {b['quotes']:>4} (groups {b['group_speakers']:>3})  recall {_fmt(b['recall'])}"
                    f"  innermost {_fmt(b['recall_inner'])}  one-person speakers {_fmt(b['recall_person'])}"
                    f"  overlapped {b['overlapped']}"
                )
        if "sample" in basil:
            print(
                f"  sample of {basil['sample']['chains']} predicted chains written to {basil['sample']['path']}"
            )
    sp = summary.get("speed", {})
    if "real" in sp:
        r = sp["real"]
        print(
            f"\nspeed: {r['articles']} real articles: reader {r['reader_articles_per_s']} articles/s, "
            f"splitter {r['splitter_articles_per_s']} articles/s (reader/splitter time {r['ratio']}x)"
        )
    if "synthetic_500k" in sp:
        r = sp["synthetic_500k"]
        print(
            f"speed: one {r['chars']:,}-char paragraph: reader {r['reader_s']} s, splitter {r['splitter_s']} s "
            f"({r['ratio']}x)"
        )


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reader", help="module:function to measure (default: attribution:read)")
    parser.add_argument("--split", choices=["dev", "test", "all"], default="all")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument(
        "--dump", type=Path, default=Path("/tmp/claimtracker-bench/attribution-basil-sample.jsonl")
    )
    parser.add_argument("--repeat", type=int, default=1, help="speed: best of N runs")
    parser.add_argument("--no-speed", action="store_true")
    args = parser.parse_args(argv)

    reader, reader_name = load_reader(args.reader)
    names = load_names()
    summary: dict = {"reader": reader_name, "split": args.split}
    speed_texts: list[tuple[str, str | None]] = []

    articles, why = load_news(args.shared)
    if why:
        summary["news_dev"] = why
    else:
        splits = ["dev", "test"] if args.split == "all" else [args.split]
        result = news_dev(reader, articles, load_labels(args.labels), names, splits)
        summary["news_dev"] = result["scores"]
        speed_texts += [(a["text"], a["language"]) for a in articles]

    items, why = load_basil(args.shared)
    if why:
        summary["basil_dev"] = why
    else:
        summary["basil_dev"] = basil_dev(reader, items, args.dump)
        speed_texts += [(i["text"], "en") for i in items]

    if not args.no_speed:
        summary["speed"] = speed(reader, speed_texts, args.repeat)
    for key in ("news_dev", "basil_dev"):
        if isinstance(summary[key], str):
            print(summary[key])
    print(json.dumps(summary, ensure_ascii=False, indent=1))
    print_table(summary)
    return summary


if __name__ == "__main__":
    main()
