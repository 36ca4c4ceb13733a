"""The committed news stance model and relevance gate on coverage written for this test (not FNC-1's)."""

import pytest

from corroboration.embeddings import encoder_available, get_encoder
from corroboration.engine import Doc, Matcher
from corroboration.entities import AliasIndex

pytestmark = pytest.mark.skipif(not encoder_available("use"), reason="the default encoder is not installed")

CLAIM = "Northwind is in talks to buy Eastfield Bank"
DOCS = {
    "support": (
        "Northwind in talks for Eastfield",
        "Northwind is in advanced talks to acquire Eastfield Bank, three people familiar with the matter "
        "said. A deal could be announced within weeks.",
    ),
    "denial": (
        "Northwind denies bank talks",
        'Northwind denied on Saturday that it was in talks to buy Eastfield Bank. "There are no such '
        'negotiations," a spokeswoman said.',
    ),
    "denial_ru": (
        "«Нортвинд» опровергла слухи",
        "Компания «Нортвинд» в субботу опровергла сообщения о переговорах о покупке Eastfield Bank.",
    ),
    "refuted": (
        "Report of Northwind talks is false",
        "A report that Northwind is negotiating to buy Eastfield Bank is false, according to two "
        "executives at Eastfield. No talks have taken place.",
    ),
    "same_names_other_event": (
        "Northwind opens Oslo office",
        "Northwind opened a new office in Oslo on Monday, adding 40 jobs. The company also sponsors the "
        "local football club.",
    ),
    "weather": ("Rain ahead", "Heavy rain is expected across the north of the country this weekend."),
}


@pytest.fixture(scope="module")
def judged():
    aliases = AliasIndex([(1, "Northwind"), (1, "Нортвинд"), (2, "Eastfield Bank")])
    matcher = Matcher(encoder=get_encoder("use"), aliases=aliases)
    assert matcher.news_model is not None and matcher.relevance_model is not None
    claim = matcher.prepare_claim(CLAIM)
    keys = list(DOCS)
    docs = [Doc(i, *DOCS[k]) for i, k in enumerate(keys)]
    return {keys[s.doc_id]: s for s in matcher.score(claim, matcher.prepare_docs(docs))}


def test_the_gate_keeps_the_event_and_turns_away_other_stories(judged):
    for key in ("support", "denial", "denial_ru", "refuted"):
        assert judged[key].relevance.related, (key, judged[key].relevance)
    for key in ("same_names_other_event", "weather"):
        assert not judged[key].relevance.related, (key, judged[key].relevance)
        assert judged[key].stance is None
    assert judged["weather"].relevance.rule.startswith("model")
    assert set(judged["weather"].relevance.evidence) >= {"passage_cosine", "event_terms_share", "entities"}


def test_it_reads_support_refutation_and_the_subjects_denial(judged):
    assert judged["support"].stance.label == "SUPPORT"
    assert judged["refuted"].stance.label == "CONTRADICT"
    for key in ("denial", "denial_ru"):
        assert (
            judged[key].stance.label == "DENIED"
            and judged[key].stance.rule == "denial by the claim's subject"
        )


def test_features_from_the_kept_claim_and_document_sides_are_the_ones_computed_afresh():
    from corroboration import stance

    matcher = Matcher(encoder=get_encoder("use"), aliases=AliasIndex([(1, "Northwind")]))
    claim = matcher.prepare_claim(CLAIM)
    prepared = matcher.prepare_docs([Doc(i, *DOCS[k]) for i, k in enumerate(DOCS)])
    for p in prepared:
        scored = matcher.score(claim, [p], with_stance=False)[0]
        passage = p.spans.index(scored.passage) if scored.passage else None
        first = matcher.news_features(claim, p, passage, scored.scores)  # fills the kept sides
        again = matcher.news_features(claim, p, passage, scored.scores)  # reads them
        sentences = [p.doc.title, *(p.doc.text[a:b] for a, b in p.spans)]
        fresh = stance.news_features(
            claim=claim.text,
            claim_vec=claim.vector,
            sentences=sentences,
            vectors=p.vectors,
            passage=None if passage is None else passage + 1,
            scores=scored.scores,
            doc_terms=p.terms,
        )
        assert claim.news_side is not None and p.news_sides
        assert first.tobytes() == again.tobytes() == fresh.tobytes()
