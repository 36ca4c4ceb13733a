"""One summary: the admin, the API and `manage.py corroborate` show the same stored row, kept fresh."""

import io

import pytest
from django.core.management import call_command
from django.test import Client

from api import services as api_services
from claims import services
from claims.models import CorroborationSummary, Evidence, Stance
from corroboration.services import claim_corroborate


def _api_summary(story, editor) -> dict:
    _, key = api_services.api_key_create(name="desk", scope="edit", user=editor)  # sees unreviewed claims
    response = Client().get(f"/api/v1/claims/{story.claim.pk}/", HTTP_AUTHORIZATION=f"Bearer {key}")
    return response.json()["evidence_summary"]


def _surfaces(story, editor) -> dict:
    """What each surface says are the independent supporting origins and the grade."""
    api = _api_summary(story, editor)
    admin = Client()
    admin.force_login(editor)
    page = admin.get(f"/admin/claims/claim/{story.claim.pk}/change/").content.decode()
    stored = CorroborationSummary.objects.get(claim=story.claim)
    return {
        "stored": ([r["name"] for r in stored.supporting_origins], stored.suggested_grade),
        "api": ([r["name"] for r in api["supporting_origins"]], api["suggested_grade"]),
        "admin_names": f"Independent supporting origins: {stored.names(stored.supporting_origins)}" in page,
        "admin_grade": f"Suggested credibility {stored.suggested_grade}" in page,
    }


@pytest.mark.django_db
def test_it_shows_one_summary_on_every_surface(story, editor, reviewer, django_capture_on_commit_callbacks):
    out = io.StringIO()
    call_command("corroborate", str(story.claim.pk), stdout=out)
    assert "independent supporting origins: Nikkei Asia;" in out.getvalue()

    seen = _surfaces(story, editor)
    # The FT is the claim's own origin: its article, re-reports and syndicated copy confirm nothing.
    assert seen["stored"] == seen["api"] == (["Nikkei Asia"], 2)
    assert seen["admin_names"] and seen["admin_grade"]
    body = _api_summary(story, editor)
    assert [o["name"] for o in body["refuting_origins"]] == ["Huawei"]  # the subject's denial
    assert body["re_reports"] == 3

    # A reviewer rejecting the only independent confirmation refreshes the summary everywhere.
    nikkei = Evidence.objects.get(claim=story.claim, article=story.articles["nikkei"])
    with django_capture_on_commit_callbacks(execute=True):  # the refresh runs once the review commits
        services.evidence_review(evidence=nikkei, accept=False, actor=reviewer)
    seen = _surfaces(story, editor)
    assert seen["stored"] == seen["api"] == ([], 4)
    assert seen["admin_names"] and seen["admin_grade"]


@pytest.mark.django_db
def test_a_verdict_clears_the_rereview_flag_it_answers(story, reviewer, django_capture_on_commit_callbacks):
    claim_corroborate(claim=story.claim)
    story.claim.refresh_from_db()
    services.verdict_record(
        claim=story.claim,
        status="confirmed",
        rationale="Confirmed.",
        reviewer=reviewer,
        seen_version=story.claim.version,
    )
    story.claim.refresh_from_db()
    refuting = Evidence.objects.filter(claim=story.claim).first()
    with django_capture_on_commit_callbacks(execute=True):
        services.evidence_upsert(
            claim=story.claim, article=refuting.article, stance=Stance.REFUTES, independence="independent",
            actor=reviewer,
        )  # fmt: skip
    assert CorroborationSummary.objects.get(claim=story.claim).needs_rereview is True

    story.claim.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.verdict_record(
            claim=story.claim,
            status="disputed",
            rationale="An independent report contradicts it.",
            reviewer=reviewer,
            seen_version=story.claim.version,
        )
    summary = CorroborationSummary.objects.get(claim=story.claim)
    assert summary.needs_rereview is False
    assert (
        Client().get(f"/api/v1/claims/{story.claim.pk}/").json()["evidence_summary"]["needs_rereview"]
        is False
    )
