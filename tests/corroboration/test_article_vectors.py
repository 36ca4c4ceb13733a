"""Article embeddings are computed once and stored, so a claim matched later encodes only itself."""

import numpy as np
import pytest

from claims.models import Evidence
from corroboration import registry
from corroboration.models import ArticleVectors
from corroboration.services import article_match, claim_corroborate
from sources.models import Article
from tests.corroboration.counting_encoder import CountingEncoder
from textkit.sentences import sentence_spans


@pytest.fixture
def counting(encoder, monkeypatch):
    if encoder == "none":
        pytest.skip("the lexical path stores no embeddings (see the test below)")
    matcher = registry.matcher()
    counter = CountingEncoder(matcher.encoder)
    monkeypatch.setattr(matcher, "encoder", counter)
    matcher._vector_cache.clear()
    return matcher, counter


def _decisions(claim):
    return {
        e.article_id: (e.stance, e.independence, e.origin_id, e.passage_start, e.passage_end)
        for e in Evidence.objects.filter(claim=claim)
    }


@pytest.mark.django_db
def test_a_second_match_encodes_no_article_again(story, counting):
    matcher, counter = counting
    claim_corroborate(claim=story.claim)
    first = _decisions(story.claim)
    stored = {row.article_id: row for row in ArticleVectors.objects.all()}
    assert set(first) <= set(stored)
    for row in stored.values():
        article = Article.objects.get(pk=row.article_id)
        assert row.rows == 1 + len(sentence_spans(article.text))  # the title and every sentence
        assert row.content_hash == article.content_hash
        assert row.encoder.startswith(matcher.encoder.name)
    assert counter.passage_texts == sum(row.rows for row in stored.values())

    counter.passage_texts = 0
    matcher._vector_cache.clear()  # only the database may remember
    claim_corroborate(claim=story.claim)
    assert counter.passage_texts == 0
    assert _decisions(story.claim) == first


@pytest.mark.django_db
def test_an_article_whose_text_changed_is_encoded_again(story, counting):
    matcher, counter = counting
    claim_corroborate(claim=story.claim)
    nikkei = story.articles["nikkei"]
    Article.objects.filter(pk=nikkei.pk).update(
        text=nikkei.text + " Huawei declined to comment.", content_hash="changed"
    )
    counter.passage_texts = 0
    matcher._vector_cache.clear()
    claim_corroborate(claim=story.claim)

    row = ArticleVectors.objects.get(article=nikkei)
    assert row.content_hash == "changed"
    assert counter.passage_texts == row.rows == 1 + len(sentence_spans(nikkei.text)) + 1
    vectors = row.matrix()
    assert np.isfinite(vectors).all() and vectors.shape[1] == row.dim


@pytest.mark.django_db
def test_a_new_article_is_encoded_when_it_is_matched_after_ingestion(story, counting):
    ft = story.articles["ft"]
    article_match(article=ft)
    assert ArticleVectors.objects.filter(article=ft).count() == 1


@pytest.mark.django_db
def test_the_lexical_path_stores_nothing(story, settings):
    settings.CORROBORATION_ENCODER = "none"
    claim_corroborate(claim=story.claim)
    assert Evidence.objects.filter(claim=story.claim).exists()
    assert not ArticleVectors.objects.exists()
