"""The claim's API page carries what the corroboration workers found, as the admin shows it."""

import pytest
from django.test import Client

from claims import services
from claims.corroboration.services import claim_corroborate
from claims.models import CorroborationSummary


@pytest.mark.django_db
def test_the_claim_shows_independent_origins_re_reports_and_the_suggested_grade(story, reviewer):
    claim_corroborate(claim=story.claim)
    services.verdict_record(
        claim=story.claim,
        status="confirmed",
        rationale="Nikkei's own engineers confirm it.",
        reviewer=reviewer,
        seen_version=story.claim.version,
    )
    summary = CorroborationSummary.objects.get(claim=story.claim)

    body = Client().get(f"/api/v1/claims/{story.claim.pk}/").json()["evidence_summary"]

    assert sorted(o["name"] for o in body["supporting_origins"]) == ["Financial Times", "Nikkei Asia"]
    assert [o["name"] for o in body["refuting_origins"]] == ["Huawei"]
    assert body["re_reports"] == summary.re_report_count + summary.syndicated_count == 3
    assert body["suggested_grade"] == summary.suggested_grade and body["grade_reason"] == summary.grade_reason
    assert body["needs_rereview"] is False
