from extraction.models import ClaimProposal
from extraction.tasks import extract_article_claims
from tests.factories import ArticleFactory


def test_it_proposes_claims_for_an_article_once(db):
    article = ArticleFactory(text="The plant will close in May, two people familiar with the plans said.")
    assert extract_article_claims.delay(article.pk).get() == {
        "article": article.pk,
        "found": True,
        "proposed": 1,
    }
    assert extract_article_claims.delay(article.pk).get()["proposed"] == 0
    assert ClaimProposal.objects.filter(article=article).count() == 1


def test_it_reports_unreadable_text_and_a_missing_article(db):
    article = ArticleFactory(text="   ")
    assert extract_article_claims.delay(article.pk).get()["error"] == "The text is empty."
    assert extract_article_claims.delay(999_999).get() == {"article": 999_999, "found": False}
