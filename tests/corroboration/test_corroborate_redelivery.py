import pytest

from claims.models import Evidence, ReviewState
from claims.services import evidence_review
from corroboration.tasks import corroborate_claim, match_article


@pytest.mark.django_db
def test_it_creates_no_duplicates_when_a_task_is_redelivered(story):
    corroborate_claim.delay(story.claim.pk)
    first = {
        e.pk: (e.stance, e.independence, e.decided_at) for e in Evidence.objects.filter(claim=story.claim)
    }

    corroborate_claim.delay(story.claim.pk)  # the broker redelivers after a lost ack
    match_article.delay(story.articles["ft"].pk)

    again = {
        e.pk: (e.stance, e.independence, e.decided_at) for e in Evidence.objects.filter(claim=story.claim)
    }
    assert len(first) == 6
    assert again == first  # same rows, same decisions, decided_at untouched


@pytest.mark.django_db
def test_it_never_reproposes_a_rejected_link(story, reviewer):
    corroborate_claim.delay(story.claim.pk)
    wire = Evidence.objects.get(claim=story.claim, article=story.articles["wire"])
    evidence_review(evidence=wire, accept=False, actor=reviewer)

    result = corroborate_claim.delay(story.claim.pk).get()

    wire.refresh_from_db()
    assert wire.review_state == ReviewState.REJECTED
    assert result["evidence"]["kept_reviewed"] == 1
    assert result["summary"]["syndicated_count"] == 0  # a rejected link no longer counts


@pytest.mark.django_db
def test_it_reports_a_deleted_claim_instead_of_failing(db):
    assert corroborate_claim.delay(987654).get() == {"claim": 987654, "found": False}
