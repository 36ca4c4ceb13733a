"""Stance of a passage towards a claim: cue rules plus a small softmax model the project trains itself.

The model (weights/stance-<encoder>.npz, trained by `python -m corroboration.train_stance` on
SciFact: claims CC BY 4.0, abstracts ODC-By) reads hand-built features and, with an encoder, the
element-wise product of the claim's and the passage's embeddings. Rules decide what the model cannot
have learnt from biomedical abstracts: a subject's denial, and a flat contradiction in numbers.
"""

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from textkit.folding import WORD_RE, content_terms, fold, stem, stopwords
from textkit.quantities import dates, numbers

from .cues import counts as cues_counts
from .cues import presence as cues_presence

WEIGHTS_DIR = Path(__file__).with_name("weights")
LABELS = ("SUPPORT", "CONTRADICT", "NONE")


def _stems(words: str) -> frozenset[str]:
    return frozenset(stem(w) for w in words.split())


NEGATION = _stems(
    "not no never none neither nor without cannot nothing lack lacks lacking absent absence "
    "не нет ни никогда без отсутствует отсутствие никакой никаких"
) | {"n't", "t"}
# "не удалось", "could not", "failed to" state a failure, not the negation of the claim: a claim that
# something failed agrees with a report that it failed, whichever way each language words it.
_FAILURE_RE = re.compile(
    r"\b(?:не\s+(?:удал\w*|смог\w*|получил\w*|получа\w*)|так и не|could\s+not|couldn't|was\s+unable|were\s+unable|"
    r"failed\s+to|did\s+not\s+manage)\b",
    re.I,
)
DENIAL = _stems(
    "deny denies denied denial dismissed refuted untrue baseless groundless false fake rejects rejected "
    "опроверг опровергла опровергли опровержение отрицает отрицают отрицала отвергла отверг ложь ложная "
    "ложные фейк неправда"
)
INCREASE = _stems(
    "increase increases increased increasing raise raises raised higher more greater elevated elevates enhance "
    "enhances enhanced promote promotes promoted improve improves improved up upregulated activates activated "
    "рост выросла вырос увеличил увеличила увеличение выше больше повысил повысила повышение"
)
DECREASE = _stems(
    "decrease decreases decreased decreasing reduce reduces reduced lower less fewer inhibit inhibits inhibited "
    "suppress suppresses suppressed decline declines declined drop drops dropped down downregulated impairs "
    "impaired снизил снизила снижение сократил сократила уменьшил уменьшила ниже меньше падение упал упала"
)
N_HAND = 12
L2 = 10.0


@lru_cache(maxsize=4096)
def _cues(text: str) -> tuple[frozenset[str], bool]:
    folded = _FAILURE_RE.sub(" failure ", fold(text))
    words = frozenset(stem(w) for w in WORD_RE.findall(folded))
    return words, "n't" in folded


@dataclass
class StanceResult:
    label: str  # SUPPORT / CONTRADICT / DENIED / NONE
    probabilities: dict[str, float] = field(default_factory=dict)
    rule: str = ""
    kind: str = ""  # the news model's own class (agree / disagree / discuss), when it decided


@lru_cache(maxsize=4096)  # a claim's or a passage's text comes back for every pair it is in
def _years(text: str) -> frozenset[float]:
    return frozenset(v for kind, v in dates(text) if kind == "year")


@lru_cache(maxsize=4096)
def _quantities(text: str) -> frozenset[float]:
    """Numbers other than years: a different year is a different date, not a different amount."""
    return frozenset(n for n in numbers(text) if not (n.is_integer() and 1900 <= n <= 2100))


def hand_features(claim: str, passage: str, *, cosine: float, coverage: float) -> np.ndarray:
    cw, cn = _cues(claim)
    pw, pn = _cues(passage)
    neg_c = float(bool(cw & NEGATION) or cn)
    neg_p = float(bool(pw & NEGATION) or pn)
    inc_c, dec_c = float(bool(cw & INCREASE)), float(bool(cw & DECREASE))
    inc_p, dec_p = float(bool(pw & INCREASE)), float(bool(pw & DECREASE))
    num_c, num_p = _quantities(claim), _quantities(passage)
    shared = bool(num_c & num_p)
    years_c, years_p = _years(claim), _years(passage)
    return np.array(
        [
            1.0,
            cosine,
            coverage,
            neg_c,
            neg_p,
            float(neg_c != neg_p),
            inc_c * dec_p + dec_c * inc_p,
            inc_c * inc_p + dec_c * dec_p,
            float(
                (bool(num_c) and bool(num_p) and not shared)
                or (bool(years_c) and bool(years_p) and not years_c & years_p)
            ),
            float(shared),
            float(bool(pw & DENIAL)),
            cosine * coverage,
        ],
        dtype=np.float32,
    )


def features(claim: str, passage: str, *, cosine: float, coverage: float, claim_vec=None, passage_vec=None):
    # The embedding product (512 more features) was tried and over-fitted SciFact's 919 pairs
    # (cross-validated macro-F1 0.47 vs 0.56 without); the cosine carries what generalises.
    return hand_features(claim, passage, cosine=cosine, coverage=coverage)


class SoftmaxModel:
    """Multinomial logistic regression; small enough to train in seconds and commit (a few kB)."""

    def __init__(self, weights: np.ndarray, mean: np.ndarray, scale: np.ndarray, meta: dict | None = None):
        self.weights, self.mean, self.scale, self.meta = weights, mean, scale, meta or {}

    @classmethod
    def fit(
        cls,
        x: np.ndarray,
        y: np.ndarray,
        *,
        l2: float = 1.0,
        epochs: int = 400,
        lr: float = 0.5,
        class_weight=True,
    ):
        mean = x.mean(axis=0)
        mean[0] = 0.0
        scale = x.std(axis=0) + 1e-6
        scale[0] = 1.0
        z = (x - mean) / scale
        n, d = z.shape
        k = len(LABELS)
        w = np.zeros((d, k), dtype=np.float64)
        onehot = np.eye(k)[y]
        counts = np.bincount(y, minlength=k).astype(float)
        sample_w = (n / (k * np.maximum(counts, 1)))[y] if class_weight else np.ones(n)
        for _ in range(epochs):
            p = _softmax(z @ w)
            grad = z.T @ ((p - onehot) * sample_w[:, None]) / n + l2 * w / n
            w -= lr * grad
        return cls(w.astype(np.float32), mean.astype(np.float32), scale.astype(np.float32))

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        return _softmax(((x - self.mean) / self.scale) @ self.weights)

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path, weights=self.weights, mean=self.mean, scale=self.scale, meta=json.dumps(self.meta)
        )

    @classmethod
    def load(cls, path: Path) -> "SoftmaxModel":
        data = np.load(path)
        return cls(data["weights"], data["mean"], data["scale"], json.loads(str(data["meta"])))


def _softmax(a: np.ndarray) -> np.ndarray:
    a = a - a.max(axis=-1, keepdims=True)
    e = np.exp(a)
    return e / e.sum(axis=-1, keepdims=True)


@lru_cache(maxsize=4)
def load_model(encoder_name: str) -> SoftmaxModel | None:
    path = WEIGHTS_DIR / f"stance-{encoder_name}.npz"
    return SoftmaxModel.load(path) if path.exists() else None


def subject_denies(passage: str) -> bool:
    """A verb of denial in any of the six languages (cues.DENIAL): with the claim's subject named in the
    passage, the passage is the subject denying it."""
    return cues_counts(passage)[3] > 0


def decide(
    *,
    claim: str,
    passage: str,
    x: np.ndarray,
    model: SoftmaxModel | None,
    subject_in_passage: bool,
) -> StanceResult:
    """The stance label for one claim/passage pair, with what decided it."""
    if model is not None and model.weights.shape[0] == x.shape[0]:
        p = model.predict_proba(x[None, :])[0]
    else:  # no trained weights for this feature set: the rules alone
        p = _rule_probabilities(x)
    probs = {label: round(float(v), 4) for label, v in zip(LABELS, p, strict=True)}
    if subject_in_passage and subject_denies(passage):
        return StanceResult("DENIED", probs, rule="denial by the claim's subject")
    label = LABELS[int(np.argmax(p))]
    return StanceResult(label, probs, rule="model" if model is not None else "rules")


def _rule_probabilities(x: np.ndarray) -> np.ndarray:
    cosine, coverage, neg_mismatch, direction_conflict, number_conflict, denial = (
        x[1],
        x[2],
        x[5],
        x[6],
        x[8],
        x[10],
    )
    related = max(cosine, coverage)
    if related < 0.45:
        return np.array([0.1, 0.1, 0.8])
    if neg_mismatch or direction_conflict or number_conflict or denial:
        return np.array([0.2, 0.7, 0.1])
    return np.array([0.7, 0.1, 0.2])


# --- the news stance model (FNC-1, pooled with FEVER where it helps; corroboration.train_news) ---------

NEWS_KINDS = ("agree", "disagree", "discuss")  # the news model's classes, FNC-1's related ones
TOP = 3
_CAPITALISED_RE = re.compile(r"\b[A-ZА-ЯЁІЇЄҐ][\w'-]+")
_FUNCTION_WORDS = stopwords() | frozenset().union(*(stopwords(lang) for lang in ("de", "uk")))


@lru_cache(maxsize=4096)
def names(text: str) -> frozenset[str]:
    """Stems of capitalised words other than function words: a language-free stand-in for named
    entities ("Northwind is in talks" names Northwind; "The" opening a sentence is no name)."""
    return frozenset(
        stem(w.lower()) for w in _CAPITALISED_RE.findall(text) if w.lower() not in _FUNCTION_WORDS
    )


_SCORE_KEYS = (
    "dense_max",
    "dense_doc",
    "coverage",
    "passage_coverage",
    "passage_cosine",
    "numbers",
    "dates",
    "entities",
)
# Names of the first hand-built features, in order (the reviewer sees some of them; relevance.py reads them).
NEWS_HAND_NAMES = (
    *_SCORE_KEYS,
    "cosine_max",
    "cosine_top3",
    "cosine_mean",
    "cosine_first",
    "share_above_0.4",
    "share_above_0.6",
    "log_sentences",
    "log_claim_terms",
    "names_share",
    "claim_has_names",
    "event_terms_share",
)


def _cue_block(text: str) -> list[float]:
    refute, hedge, negation, denial = cues_counts(text)
    return [float(refute > 0), float(hedge > 0), float(negation > 0), float(denial > 0), float("?" in text)]


def float_mean(x: np.ndarray) -> float:
    """x.mean() of a 1-d float array, as numpy computes it (its sum, over the count as an intp, cast
    back to x's type), without the Python wrapper that costs more than the sum for a few values."""
    return float(x.dtype.type(np.add.reduce(x) / np.intp(len(x))))


@dataclass(frozen=True)
class NewsClaim:
    """What news_features reads of the claim alone: the same for every document it is paired with."""

    terms: frozenset[str]
    names: frozenset[str]
    event_terms: frozenset[str]
    log_terms: float
    cue_block: tuple[float, ...]


def news_claim(claim: str) -> NewsClaim:
    """The claim's side of news_features."""
    claim_terms = frozenset(content_terms(claim))
    claim_names = names(claim)
    return NewsClaim(
        terms=claim_terms,
        names=claim_names,
        event_terms=claim_terms - claim_names,
        log_terms=float(np.log1p(len(claim_terms))),
        cue_block=tuple(_cue_block(claim)),
    )


@dataclass(frozen=True)
class NewsDoc:
    """What news_features reads of the document's sentences alone: the same for every claim."""

    sentences: list[str]
    body: str
    terms: set[str] | frozenset[str]
    log_sentences: float
    cue_block: tuple[float, ...]
    counts: tuple[float, ...]  # the body's cue counts per sentence (capped at 1), then their log1p
    presence: np.ndarray  # cues_presence(body)


def news_doc(sentences: list[str], doc_terms: set[str] | None = None) -> NewsDoc:
    """The document's side of news_features (`sentences` and `doc_terms` as news_features takes them)."""
    body = " ".join(sentences)
    body_counts = cues_counts(body)
    n_sent = max(len(sentences), 1)
    return NewsDoc(
        sentences=sentences,
        body=body,
        terms=doc_terms if doc_terms is not None else set(content_terms(body)),
        log_sentences=float(np.log1p(len(sentences))),
        cue_block=tuple(_cue_block(body)),
        counts=(
            *(min(c / n_sent, 1.0) for c in body_counts),
            *(float(np.log1p(c)) for c in body_counts),
        ),
        presence=cues_presence(body),
    )


def news_features(
    *,
    claim: str,
    claim_vec: np.ndarray | None,
    sentences: list[str],
    vectors: np.ndarray | None,
    passage: int | None,
    scores: dict,
    doc_terms: set[str] | None = None,
    dim: int = 512,
    claim_side: NewsClaim | None = None,
    doc_side: NewsDoc | None = None,
) -> np.ndarray:
    """Features of one claim/document pair for the news stance model and the relevance gate.

    `sentences` are the document's sentences that have a row in `vectors` (same order); `passage` is
    the index (into `sentences`) of the passage the matcher picked. Embedding features are the
    element-wise products of the claim's vector with the passage's and with the mean of the TOP
    sentences closest to the claim; the rest are cue counts (cues.py) over the claim, the passage, the
    closest sentences and the whole document, which refuting and hedging cue words the closest
    sentences and the document hold, lexical overlap and the matcher's own scores.
    `claim_side` / `doc_side`: news_claim(claim) / news_doc(sentences, doc_terms) when the caller keeps
    them for the many pairs a claim or a document is in (the same features, computed once).
    """
    c = claim_side if claim_side is not None else news_claim(claim)
    d = doc_side if doc_side is not None else news_doc(sentences, doc_terms)
    sentences = d.sentences
    n = len(sentences)
    if claim_vec is not None and vectors is not None and n:
        sims = vectors @ claim_vec
        order = np.argsort(-sims)
        top = order[:TOP]
        e_pass = claim_vec * vectors[passage if passage is not None else int(order[0])]
        e_top = claim_vec * vectors[top].mean(axis=0)
        cos = [
            float(sims.max()),
            float_mean(sims[top]),
            float_mean(sims),
            float(sims[0]),
            np.count_nonzero(sims > 0.4) / n,  # == (sims > 0.4).mean(): a count over n, in float64
            np.count_nonzero(sims > 0.6) / n,
        ]
    else:
        top = list(range(min(TOP, n)))
        e_pass = e_top = np.zeros(dim, dtype=np.float32)
        cos = [0.0] * 6
    passage_text = sentences[passage] if passage is not None and n else ""
    top_text = " ".join(sentences[i] for i in top)
    claim_names = c.names
    body_names = names(d.body) if claim_names else frozenset()
    event_terms = c.event_terms
    hand = [
        *[float(scores.get(k, 0.0)) for k in _SCORE_KEYS],
        *cos,
        d.log_sentences,
        c.log_terms,
        len(claim_names & body_names) / len(claim_names) if claim_names else 0.0,
        float(bool(claim_names)),
        len(event_terms & d.terms) / len(event_terms) if event_terms else 0.0,
        *c.cue_block,
        *_cue_block(passage_text),
        *_cue_block(top_text),
        *d.cue_block,
        *d.counts,
        *hand_features(
            claim,
            passage_text,
            cosine=float(scores.get("passage_cosine", 0.0)),
            coverage=float(scores.get("passage_coverage", 0.0)),
        )[1:],
    ]
    cue_words = [cues_presence(top_text), d.presence]
    return np.concatenate([np.asarray(hand, dtype=np.float32), *cue_words, e_pass, e_top]).astype(np.float32)


@lru_cache(maxsize=4)
def load_news_model(encoder_name: str):
    from .mlp import Mlp

    path = WEIGHTS_DIR / f"news-stance-{encoder_name}.npz"
    return Mlp.load(path) if path.exists() else None


# FNC-1's "discuss" is a report of the claim that takes no side ("X is doing Y, the FT reported"). Here
# that is still the claim told again: it supports it, and independence (who it is credited to) decides
# whether it confirms anything. Only a discussion that does not restate the claim is a mention.
RESTATED_COSINE = 0.6
RESTATED_COVERAGE = 0.5


def restates(x: np.ndarray) -> bool:
    """Whether the passage says the claim again (its words or, across languages, its meaning)."""
    return (
        x[NEWS_HAND_NAMES.index("passage_cosine")] >= RESTATED_COSINE
        or x[NEWS_HAND_NAMES.index("passage_coverage")] >= RESTATED_COVERAGE
    )


def decide_news(
    *,
    claim: str,
    passage: str,
    x: np.ndarray,
    model,
    subject_in_passage: bool,
    proba: np.ndarray | None = None,
) -> StanceResult:
    """The stance label from the news model, with the subject's denial ruled first (as decide does).
    `kind` keeps the model's own FNC-1 class (agree / disagree / discuss). `proba`: the model's output
    for x when the caller has computed it for many pairs at once."""
    p = model.predict_proba(x[None, :])[0] if proba is None else proba
    probs = {label: round(float(v), 4) for label, v in zip(NEWS_KINDS, p, strict=True)}
    kind = NEWS_KINDS[int(np.argmax(p))]
    if subject_in_passage and subject_denies(passage):
        return StanceResult("DENIED", probs, rule="denial by the claim's subject", kind=kind)
    if kind == "discuss":
        if restates(x):
            return StanceResult(
                "SUPPORT", probs, rule="news model: reports the claim without taking a side", kind=kind
            )
        return StanceResult(
            "NONE", probs, rule="news model: discusses the subject, does not restate the claim", kind=kind
        )
    label = "SUPPORT" if kind == "agree" else "CONTRADICT"
    return StanceResult(label, probs, rule="news model", kind=kind)
