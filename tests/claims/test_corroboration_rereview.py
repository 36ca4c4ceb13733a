from datetime import UTC, datetime

import pytest

from claims.models import Stance
from claims.services import verdict_record
from corroboration.services import claim_corroborate
from sources.models import Article, Source, SourceKind

REBUTTAL = (
    "Training of DeepSeek's R2 model on Huawei Ascend chips did not fail, two engineers at the company said, "
    "and the release was not delayed because of the chips. The engineers said the runs on Ascend completed."
)


@pytest.mark.django_db
def test_it_flags_a_decided_claim_that_gets_independent_refuting_evidence(story, reviewer, client):
    claim_corroborate(claim=story.claim)
    story.claim.refresh_from_db()
    verdict_record(
        claim=story.claim,
        status="confirmed",
        rationale="FT and Nikkei Asia independently",
        reviewer=reviewer,
        seen_version=story.claim.version,
    )
    story.claim.refresh_from_db()
    assert story.claim.corroboration.needs_rereview is False

    Article.objects.create(
        url="https://scmp.example/deepseek-ascend-fine",
        outlet=Source.objects.create(name="South China Morning Post", kind=SourceKind.OUTLET),
        title="DeepSeek engineers say Ascend training did not fail",
        language="en",
        published_at=datetime(2025, 8, 16, tzinfo=UTC),
        text=REBUTTAL,
    )
    result = claim_corroborate(claim=story.claim)

    assert [r["name"] for r in result["summary"]["refuting_origins"]] == ["South China Morning Post"]
    assert result["summary"]["needs_rereview"] is True
    assert "South China Morning Post" in result["summary"]["rereview_reason"]
    assert story.claim.evidence.get(article__url__contains="scmp").stance == Stance.REFUTES
    assert story.claim.status == "confirmed"  # flagged for a person; the machine changes no verdict

    client.force_login(reviewer)
    queue = client.get("/admin/claims/claim/?rereview=yes")
    assert queue.status_code == 200
    assert str(story.claim)[:40] in queue.content.decode()
