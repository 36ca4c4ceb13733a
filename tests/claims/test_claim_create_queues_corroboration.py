"""A claim made by any path is sent to the corroboration workers once it commits."""

from pathlib import Path

import pytest

from claimreview import services as claimreview_services
from claims import services
from claims.errors import ApplicationError
from claims.signals import corroboration_requested
from corroboration import tasks
from tests.api.fixtures import auth

DATA = Path(__file__).parents[1] / "claimreview" / "data"


@pytest.fixture
def requested():
    seen: list[int] = []

    def spy(sender, *, claim_ids, **kwargs):
        seen.extend(claim_ids)

    corroboration_requested.connect(spy, dispatch_uid="test-spy")
    yield seen
    corroboration_requested.disconnect(dispatch_uid="test-spy")


@pytest.mark.django_db
def test_it_queues_a_claim_created_by_the_service(requested, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        claim = services.claim_create(text="Northwind opened a plant", language="en")
    assert requested == [claim.pk]


@pytest.mark.django_db
def test_it_queues_nothing_for_a_refused_claim(requested, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ApplicationError):
        services.claim_create(text="", language="en")
    assert requested == []


def test_it_queues_a_claim_created_through_the_api(
    client_api, edit_key, requested, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_api.post(
            "/api/v1/claims/", {"text": "Northwind opened a plant", "language": "en"}, format="json",
            **auth(edit_key),
        )  # fmt: skip
    assert response.status_code == 201
    assert requested == [response.json()["id"]]


@pytest.mark.django_db
def test_it_queues_claims_imported_from_claimreview(requested, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = claimreview_services.claimreview_import(data=(DATA / "afp-graph.json").read_bytes())
    assert report.claims and sorted(requested) == sorted(report.claims)


@pytest.mark.django_db
def test_the_corroboration_room_runs_what_was_requested(monkeypatch, django_capture_on_commit_callbacks):
    ran: list[int] = []
    monkeypatch.setattr(tasks.corroborate_claim, "delay", lambda claim_id, job: ran.append(claim_id))
    with django_capture_on_commit_callbacks(execute=True):
        claim = services.claim_create(text="Northwind opened a plant", language="en")
    assert ran == [claim.pk]
