"""Predictions carry a due date; when it comes they are corroborated again once and join the reviewer queue."""

from datetime import date, timedelta

import pytest
from django.test import TestCase
from django.utils import timezone

from claims import selectors, services
from claims.errors import ApplicationError
from claims.models import AuditEntry, Claim
from claims.signals import corroboration_requested


@pytest.fixture
def requested():
    """Claim ids announced for corroboration (what the corroboration workers hear)."""
    heard = []

    def listen(sender, claim_ids, **kwargs):
        heard.extend(claim_ids)

    corroboration_requested.connect(listen, dispatch_uid="test-requested")
    yield heard
    corroboration_requested.disconnect(dispatch_uid="test-requested")


def _prediction(due, text="Huawei will ship Ascend 920 by the end of 2025", **extra):
    return services.claim_create(text=text, language="en", kind="prediction", due_at=due, **extra)


def test_it_queues_a_prediction_that_fell_due_once(db, requested):
    yesterday = timezone.now().date() - timedelta(days=1)
    due = _prediction(yesterday)
    later = _prediction(timezone.now().date() + timedelta(days=30), text="Later")
    requested.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert services.predictions_due_queue() == [due.pk]
    assert requested == [due.pk]
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert services.predictions_due_queue() == []  # once
    assert requested == [due.pk]
    assert AuditEntry.objects.filter(claim=due, action="prediction_due").count() == 1
    assert Claim.objects.get(pk=later.pk).due_queued_at is None


def test_it_lists_due_predictions_for_reviewers_until_decided(db, reviewer):
    due = _prediction(date(2025, 12, 31))
    services.predictions_due_queue(today=date(2026, 1, 1))
    assert list(selectors.predictions_due()) == [due]
    due.refresh_from_db()
    services.verdict_record(
        claim=due, status="false", rationale="Not shipped.", reviewer=reviewer, seen_version=due.version
    )
    assert list(selectors.predictions_due()) == []


def test_a_new_due_date_queues_it_again_when_that_comes(db, editor):
    due = _prediction(date(2025, 12, 31))
    services.predictions_due_queue(today=date(2026, 1, 1))
    due.refresh_from_db()
    services.claim_update(claim=due, actor=editor, seen_version=due.version, due_at=date(2026, 6, 30))
    assert services.predictions_due_queue(today=date(2026, 1, 2)) == []
    assert services.predictions_due_queue(today=date(2026, 7, 1)) == [due.pk]


def test_only_a_prediction_has_a_due_date(db):
    with pytest.raises(ApplicationError) as error:
        services.claim_create(text="Huawei shipped", language="en", kind="fact", due_at=date(2026, 1, 1))
    assert "due_at" in error.value.fields


def test_the_api_and_the_admin_show_the_due_date(db, client, client_api, edit_key, django_user_model):
    from tests.api.fixtures import auth

    response = client_api.post(
        "/api/v1/claims/",
        {"text": "R2 ships in May", "language": "en", "kind": "prediction", "due_at": "2026-05-31"},
        format="json",
        **auth(edit_key),
    )
    assert response.status_code == 201, response.content
    assert response.json()["due_at"] == "2026-05-31"
    bad = client_api.post(
        "/api/v1/claims/",
        {"text": "x", "language": "en", "due_at": "2026-05-31"},
        format="json",
        **auth(edit_key),
    )
    assert bad.status_code == 400 and "due_at" in bad.json()["error"]["fields"]
    claim = Claim.objects.get(pk=response.json()["id"])
    services.predictions_due_queue(today=date(2026, 6, 1))
    client.force_login(django_user_model.objects.create_superuser("boss", "b@example.org", "pw"))
    page = client.get(f"/admin/claims/claim/{claim.pk}/change/").content.decode()
    assert "Due 2026-05-31; corroborated again on" in page and "predictions due" in page
    queue = client.get("/admin/claims/claim/?due=yes").content.decode()
    assert "R2 ships in May" in queue
