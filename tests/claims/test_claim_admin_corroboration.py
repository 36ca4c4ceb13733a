import pytest

from corroboration.services import claim_corroborate


@pytest.mark.django_db
def test_it_shows_evidence_stance_independence_and_summary_on_the_claims_page(story, reviewer, client):
    claim_corroborate(claim=story.claim)
    client.force_login(reviewer)

    page = client.get(f"/admin/claims/claim/{story.claim.pk}/change/").content.decode()

    assert "Suggested credibility 2" in page
    assert "Independent supporting origins: Nikkei Asia" in page
    assert "Denied by: Huawei" in page
    assert "Re-reports: Financial Times ×2; syndicated copies: 1" in page
    assert "Denied by subject" in page and "Syndicated copy" in page and "Re-report of an origin" in page
    assert "credits it" in page  # why it is a re-report
    assert "corroboration.matcher" in page  # provenance


@pytest.mark.django_db
def test_it_lists_the_reviewer_queue(story, reviewer, client):
    claim_corroborate(claim=story.claim)
    client.force_login(reviewer)

    response = client.get("/admin/claims/corroborationsummary/?needs_rereview__exact=0")

    assert response.status_code == 200
    assert str(story.claim)[:40] in response.content.decode()
