import pytest

from claims.models import Evidence, Independence, Stance
from corroboration.services import article_match


@pytest.mark.django_db
def test_it_matches_a_new_article_against_open_claims(story, encoder):
    nikkei = story.articles["nikkei"]

    result = article_match(article=nikkei)

    evidence = Evidence.objects.get(claim=story.claim, article=nikkei)
    assert (evidence.stance, evidence.independence) == (Stance.SUPPORTS, Independence.INDEPENDENT)
    assert evidence.component == "corroboration.matcher" and evidence.component_version
    assert evidence.passage and evidence.passage in nikkei.text
    assert "score" in evidence.scores and "stance" in evidence.scores
    assert result["evidence"][story.claim.pk] == {"created": 1}
    assert [r["name"] for r in story.claim.corroboration.supporting_origins] == ["Nikkei Asia"]


@pytest.mark.django_db
def test_it_leaves_claims_alone_for_an_unrelated_article(story, encoder):
    article_match(article=story.articles["unrelated"])

    assert not Evidence.objects.filter(claim=story.claim).exists()
