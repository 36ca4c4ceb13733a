"""Corroboration runs: a claim against all articles, an article against all open claims.

Every decision goes through claims.services.evidence_upsert with this component's name, version and
scores, so a person's accept/reject always stands and a rejected link is never proposed again.
"""

from collections import Counter

from django.db import IntegrityError, transaction

from claims import services as claim_services
from claims.models import Claim, ClaimEntity, Evidence, ReviewState, Stance
from sources.models import Article, Source, SourceKind
from textkit.folding import content_terms

from . import registry
from .candidates import ArticleCandidates, get_article_candidates, merge_ranked
from .engine import COMPONENT, Doc, Matcher, Scored
from .independence import ArticleFacts, judge
from .vectors import article_vectors_ensure

CANDIDATES = 50
STANCE_OF = {
    "SUPPORT": Stance.SUPPORTS,
    "CONTRADICT": Stance.REFUTES,
    "DENIED": Stance.DENIED,
    "NONE": Stance.MENTIONS,
}


# Cosine above which a passage bears on a claim by itself, and the lower one that suffices when the
# claim's entities are there too. USE: set on the story tests (translations ≈ 0.6–0.8, unrelated ≈ 0);
# e5 compresses cosines near 1 (unrelated ≈ 0.75), so its values are higher and less calibrated.
RELEVANT_COSINE = {"use-multilingual-v3": (0.55, 0.4), "multilingual-e5-small-q4": (0.86, 0.82)}


def is_relevant(scored: Scored, *, encoder: str | None) -> bool:
    """Whether a ranked article bears on the claim at all (else it is not proposed as evidence)."""
    s = scored.scores
    if s["coverage"] >= 0.5 and s["passage_coverage"] >= 0.3:
        return True
    alone, with_entities = RELEVANT_COSINE.get(encoder, (2.0, 2.0)) if encoder else (2.0, 2.0)
    if s["dense_max"] >= alone:
        return True
    return s["entities"] >= 0.5 and (s["passage_coverage"] >= 0.25 or s["dense_max"] >= with_entities)


def _encoder_name(matcher: Matcher) -> str | None:
    return matcher.encoder.name if matcher.encoder else None


def _facts(article: Article) -> ArticleFacts:
    order = (article.published_at.timestamp() if article.published_at else float("inf"), article.id)
    return ArticleFacts(
        article.id, article.outlet_id, article.text, article.content_hash, article.copy_of_id, order
    )


class _ClaimContext:
    """What independence needs to know about a claim: its chain, carriers, subjects, other coverage."""

    def __init__(self, claim: Claim, matcher: Matcher, outlet_ids: set[int]):
        links = list(claim.links.all().order_by("position"))
        self.chain_source_ids = {link.source_id for link in links[1:] if link.source_id}
        # a statement claim's speaker: coverage quoting them on the record confirms they said it
        speaker = links[-1] if len(links) > 1 else None
        self.statement_of = (
            {speaker.source_id}
            if claim.kind == "statement"
            and speaker is not None
            and speaker.source_id
            and speaker.source_kind in (SourceKind.PERSON, SourceKind.ORGANISATION)
            else set()
        )
        appearance_articles = list(Article.objects.filter(claim_appearances__claim=claim).distinct())
        self.appearance_ids = {a.id for a in appearance_articles}
        self.carrier_outlet_ids = {a.outlet_id for a in appearance_articles if a.outlet_id}
        if links and links[0].source_id and links[0].source_kind == SourceKind.OUTLET:
            self.carrier_outlet_ids.add(links[0].source_id)
        entity_sources = set(
            ClaimEntity.objects.filter(claim=claim, source__isnull=False).values_list("source_id", flat=True)
        )
        self.entity_ids = matcher.aliases.source_ids(f"{claim.text} {claim.summary_en}") | entity_sources
        self.subject_ids = self.entity_ids - outlet_ids
        self.outlet_ids = outlet_ids
        evidence_articles = Article.objects.filter(evidence__claim=claim)
        self.known = {a.id: _facts(a) for a in [*appearance_articles, *evidence_articles]}


def _record(
    claim: Claim,
    scored: list[Scored],
    articles: dict[int, Article],
    matcher: Matcher,
    *,
    alias_index: tuple | None = None,
) -> dict:
    """Write (or leave alone) one evidence row per relevant article; earliest articles first.
    `alias_index`: registry.alias_index() when the caller records for many claims in one go."""
    aliases, outlet_ids = alias_index or registry.alias_index()
    context = _ClaimContext(claim, matcher, outlet_ids)
    others = dict(context.known)
    others.update({s.doc_id: _facts(articles[s.doc_id]) for s in scored})
    other_list = list(others.values())
    copy_origin: dict[int, int | None] = {}
    existing = {e.article_id: e for e in Evidence.objects.filter(claim=claim)}
    counts = Counter()
    for s in sorted(scored, key=lambda s: others[s.doc_id].order):
        article = articles[s.doc_id]
        stance = STANCE_OF[s.stance.label]
        verdict = judge(
            others[s.doc_id],
            aliases=aliases,
            outlet_ids=outlet_ids,
            chain_source_ids=context.chain_source_ids,
            carrier_outlet_ids=context.carrier_outlet_ids,
            subject_ids=context.subject_ids,
            denied=stance == Stance.DENIED,
            others=other_list,
            copy_origin=copy_origin,
            statement_of=context.statement_of,
        )
        copy_origin[article.id] = verdict.origin_id
        start, end = s.passage if s.passage else (None, None)
        scores = {
            **{k: v for k, v in s.scores.items()},
            "stance": s.stance.probabilities,
            "stance_rule": s.stance.rule,
            "relevance": {"rule": s.relevance.rule, **s.relevance.evidence} if s.relevance else None,
            "independence_reason": verdict.reason,
            "attributions": verdict.cited,
        }
        old = existing.get(article.id)
        if old is not None and old.review_state != ReviewState.PROPOSED:
            counts["kept_reviewed"] += 1
            continue
        if old is not None and (
            old.stance,
            old.independence,
            old.origin_id,
            old.passage_start,
            old.passage_end,
            old.component_version,
        ) == (stance, verdict.independence, verdict.origin_id, start, end, matcher.version):
            counts["unchanged"] += 1  # leave decided_at alone: it is when this decision was first made
            continue
        _upsert(
            claim=claim,
            article=article,
            stance=stance,
            independence=verdict.independence,
            origin=Source(pk=verdict.origin_id) if verdict.origin_id else None,
            passage_start=start,
            passage_end=end,
            scores=scores,
            component=COMPONENT,
            component_version=matcher.version,
        )
        counts["updated" if old else "created"] += 1
    return dict(counts)


def _upsert(**kwargs) -> Evidence:
    # Two workers may race to insert the same (claim, article); the loser retries and updates instead.
    for attempt in range(2):
        try:
            with transaction.atomic():
                return claim_services.evidence_upsert(**kwargs, refresh_summary=False)
        except IntegrityError:
            if attempt:
                raise
    raise AssertionError("unreachable")


def _claim_variants(matcher: Matcher, claim: Claim):
    """The claim as stated and, where the desk wrote one, its English summary: scored both ways, best kept."""
    entity_ids = set(
        ClaimEntity.objects.filter(claim=claim, source__isnull=False).values_list("source_id", flat=True)
    )
    variants = [matcher.prepare_claim(t) for t in (claim.text, claim.summary_en) if t.strip()]
    entity_ids = entity_ids.union(*(v.entities for v in variants))
    for v in variants:
        v.entities = entity_ids
    return variants


def _best_variant(matcher: Matcher, variants, prepared, lexical, *, encoder: str | None) -> list[tuple]:
    """Score every document with each claim variant and keep the best variant per document, if the
    matcher's thresholds (cheap) find it relevant at all: (variant, document, scored) to be judged."""
    best: dict = {}
    for variant in variants:
        for s in matcher.score(variant, prepared, lexical=lexical, with_stance=False):
            if s.doc_id not in best or s.score > best[s.doc_id][0].score:
                best[s.doc_id] = (s, variant)
    docs = {p.doc.id: p for p in prepared}
    return [(variant, docs[s.doc_id], s) for s, variant in best.values() if is_relevant(s, encoder=encoder)]


def _judged(matcher: Matcher, items: list[tuple]) -> list[Scored]:
    """The relevance gate, then stance, for all (variant, document, scored) at once (the costly part,
    each model run once over all pairs); those the gate turns away (stance None) are dropped."""
    return sorted((s for s in matcher.attach_stances(items) if s.stance), key=lambda s: -s.score)


def _score_best(matcher: Matcher, variants, prepared, lexical, *, encoder: str | None) -> list[Scored]:
    """Score every document with each claim variant, keep the best variant per document, and decide
    the stance (the costly part) only for the documents relevant enough to be proposed."""
    return _judged(matcher, _best_variant(matcher, variants, prepared, lexical, encoder=encoder))


def _article_doc(article: Article, vectors: dict) -> Doc:
    return Doc(
        id=article.id,
        title=article.title,
        text=article.text,
        version=article.content_hash,
        vectors=vectors.get(article.id),
    )


def claim_matches(
    *, claim: Claim, candidates: ArticleCandidates | None = None, limit: int = CANDIDATES
) -> tuple[list[Scored], dict[int, Article]]:
    """The articles that bear on a claim, scored, best first (writes nothing but article embeddings)."""
    matcher = registry.matcher()
    candidates = candidates or get_article_candidates()
    variants = _claim_variants(matcher, claim)
    entity_ids = variants[0].entities
    queries = [f"{claim.text} {claim.summary_en}".strip()]
    if entity_ids:
        queries.append(" ".join(registry.alias_names(entity_ids)))
    ranked = merge_ranked(*(candidates.search(query=q, limit=limit) for q in queries), limit=limit)
    lexical = {article_id: rank for article_id, rank in ranked}
    articles = {
        a.id: a for a in Article.objects.filter(id__in=lexical).exclude(claim_appearances__claim=claim)
    }
    vectors = article_vectors_ensure(articles=list(articles.values()), matcher=matcher)
    docs = [_article_doc(a, vectors) for a in articles.values()]
    prepared = matcher.prepare_docs(docs, focus=variants[0])
    return _score_best(matcher, variants, prepared, lexical, encoder=_encoder_name(matcher)), articles


def claim_corroborate(
    *, claim: Claim, candidates: ArticleCandidates | None = None, limit: int = CANDIDATES
) -> dict:
    """Search all articles for coverage of the claim, record evidence, refresh the summary."""
    matcher = registry.matcher()
    candidates = candidates or get_article_candidates()
    relevant, articles = claim_matches(claim=claim, candidates=candidates, limit=limit)
    counts = _record(claim, relevant, articles, matcher)
    summary = claim_services.summary_refresh(claim=claim)
    return {
        "claim": claim.pk,
        "candidates": len(articles),
        "evidence": counts,
        "matcher": matcher.version,
        "candidate_source": candidates.name,
        "summary": summary.as_dict(),
    }


def article_matches(*, article: Article, limit: int = 30) -> list[tuple[int, Scored]]:
    """The open claims a new article bears on, as (claim id, scored), best first (writes nothing but
    the article's embeddings, so that claims matched later need not encode it again)."""
    matcher, index = registry.matcher_and_claim_index()
    doc = _article_doc(article, article_vectors_ensure(articles=[article], matcher=matcher))
    prepared = matcher.prepare_docs([doc])[0]
    terms = content_terms(f"{article.title} {article.text}") + [f"ent:{e}" for e in prepared.entities]
    encoder = _encoder_name(matcher)
    # The lowest cosine at which is_relevant() can accept a claim on its embedding.
    min_cosine = RELEVANT_COSINE.get(encoder, (2.0, 2.0))[1] if encoder else 0.0
    found = index.search(terms=terms, vectors=prepared.vectors, limit=limit, min_cosine=min_cosine)
    carried = set(Claim.objects.filter(appearances__article=article).values_list("pk", flat=True))
    top = max(found.values(), default=0.0) or 1.0
    items, owner = [], {}
    for claim_id, rank in found.items():
        if claim_id in carried:
            continue
        variants = index.variants[claim_id]
        doc_for_claim = matcher.refocus(prepared, variants[0])
        for item in _best_variant(
            matcher, variants, [doc_for_claim], {article.id: rank / top}, encoder=encoder
        ):
            owner[id(item[2])] = claim_id
            items.append(item)
    return [(owner[id(s)], s) for s in _judged(matcher, items)]


def article_match(*, article: Article, limit: int = 30) -> dict:
    """Match a new article against every open claim; record evidence for the claims it bears on."""
    matcher = registry.matcher()
    matches = article_matches(article=article, limit=limit)
    claims = Claim.objects.in_bulk([claim_id for claim_id, _ in matches])
    aliases = registry.alias_index()  # once for every claim the article is recorded against
    touched = {}
    for claim_id, scored in matches:
        claim = claims.get(claim_id)
        if claim is None:  # deleted since the index was built
            continue
        touched[claim_id] = _record(claim, [scored], {article.id: article}, matcher, alias_index=aliases)
        claim_services.summary_refresh(claim=claim)
    return {
        "article": article.pk,
        "claims_matched": len(matches),
        "evidence": touched,
        "matcher": matcher.version,
    }
