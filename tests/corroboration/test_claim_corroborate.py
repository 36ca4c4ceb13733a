import pytest

from claims.models import Evidence, Independence, Stance
from corroboration.services import claim_corroborate


def _by_article(story):
    keys = {a.pk: k for k, a in story.articles.items()}
    return {keys[e.article_id]: e for e in Evidence.objects.filter(claim=story.claim)}


@pytest.mark.django_db
def test_it_counts_independent_origins_not_articles(story, encoder):
    result = claim_corroborate(claim=story.claim)

    evidence = _by_article(story)
    summary = result["summary"]
    got = {k: (e.stance, e.independence, e.origin.name if e.origin else None) for k, e in evidence.items()}
    assert got == {
        "ft": (Stance.SUPPORTS, Independence.INDEPENDENT, "Financial Times"),
        "technovosti": (Stance.SUPPORTS, Independence.RE_REPORT, "Financial Times"),
        "techdaily": (Stance.SUPPORTS, Independence.RE_REPORT, "Financial Times"),
        "wire": (Stance.SUPPORTS, Independence.SYNDICATED, "Financial Times"),
        "nikkei": (Stance.SUPPORTS, Independence.INDEPENDENT, "Nikkei Asia"),
        "denial": (Stance.DENIED, Independence.INDEPENDENT, "Huawei"),
    }
    # The FT is the claim's own origin: its article and its re-reports confirm nothing.
    assert [ref["name"] for ref in summary["supporting_origins"]] == ["Nikkei Asia"]
    assert summary["refuting_origins"] == []
    assert [ref["name"] for ref in summary["denials"]] == ["Huawei"]
    assert summary["re_reports"] == {"Financial Times": 2}
    assert summary["syndicated_count"] == 1
    assert summary["suggested_grade"] == 2
    assert story.claim.status == "unreviewed"  # the machine never sets a verdict
