"""The relevance gate: is a passage about the claim's event, or only about the same people and things?

Decided before stance (engine.Matcher.attach_stance) by a small model the project trains on FNC-1's
related vs unrelated headline/body pairs (corroboration.train_news; weights/relevance-<encoder>.npz),
reading the matcher's scores, the embedding agreement of the claim with its closest sentences, and the
share of the claim's own words other than names found in the document (the event, not the entities).
The claim's registry entities and dates raise the bar: a document naming none of the claim's
entities, or dated only at other dates than the claim's, must be clearly about the event to link.
Without the weights (or the package that computes the features) the gate lets everything through and
says so; the matcher's thresholds (services.is_relevant) still apply.
"""

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from . import stance as stance_mod
from .stance import NEWS_HAND_NAMES

THRESHOLD = 0.5
# Asked of a document sharing none of the claim's registry entities, or none of its dates.
THRESHOLD_WITHOUT_ENTITIES = 0.8
THRESHOLD_OTHER_DATES = 0.8
SHOWN = ("passage_cosine", "cosine_top3", "coverage", "event_terms_share", "names_share", "entities", "dates")


@dataclass
class RelevanceResult:
    related: bool
    probability: float | None
    rule: str
    evidence: dict = field(default_factory=dict)  # what decided it, for the reviewer


@lru_cache(maxsize=4)
def load_model(encoder_name: str):
    from .mlp import Mlp

    path = stance_mod.WEIGHTS_DIR / f"relevance-{encoder_name}.npz"
    return Mlp.load(path) if path.exists() else None


def decide(
    x: np.ndarray,
    model,
    *,
    claim_entities: bool,
    claim_dates: bool,
    doc_dates: bool,
    probability: float | None = None,
) -> RelevanceResult:
    """Whether the document bears on the claim's event, from its news features (stance.news_features).
    `probability`: the model's p(related) for x when the caller has computed it for many pairs at once."""
    shown = {k: round(float(x[NEWS_HAND_NAMES.index(k)]), 4) for k in SHOWN}
    if model is None or model.n_features != x.shape[0]:
        return RelevanceResult(True, None, "no relevance model for these features: not gated", shown)
    p = float(model.predict_proba(x[None, :])[0, 1]) if probability is None else float(probability)
    threshold, why = THRESHOLD, "model"
    if claim_entities and shown["entities"] == 0.0:
        threshold, why = THRESHOLD_WITHOUT_ENTITIES, "model; none of the claim's entities named"
    if claim_dates and doc_dates and shown["dates"] == 0.0:
        threshold = max(threshold, THRESHOLD_OTHER_DATES)
        why += "; none of the claim's dates"
    related = p >= threshold
    rule = f"{why}: p(related) {p:.2f} {'>=' if related else '<'} {threshold}"
    return RelevanceResult(related, round(p, 4), rule, shown)
