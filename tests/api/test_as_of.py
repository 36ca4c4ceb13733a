"""`?as_of=` answers what the API said at that moment: record the answer, change things, ask again."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import TestCase
from django.utils import timezone

from claims import services
from claims.models import Claim
from tests.api.fixtures import add_evidence, auth
from tests.factories import SourceFactory


def _verdict(claim, status, reviewer):
    claim.refresh_from_db()
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.verdict_record(
            claim=claim,
            status=status,
            rationale="Checked again.",
            reviewer=reviewer,
            seen_version=claim.version,
        )


def _results(client_api, path, params=None, **headers):
    response = client_api.get(path, params or {}, **headers)
    assert response.status_code == 200, response.content
    body = response.json()
    return body["results"] if "results" in body else body


def test_it_answers_as_of_a_moment_what_it_answered_then(client_api, make_claim, reviewer, review_key):
    confirmed = make_claim("Huawei sent engineers to DeepSeek", status="confirmed")
    add_evidence(confirmed)
    draft = make_claim("Liang Wenfeng wants more time")
    disputed = make_claim("Ascend chips are one generation behind", status="disputed")

    then = {
        "list": _results(client_api, "/api/v1/claims/", {"page_size": 100}),
        "drafts": _results(client_api, "/api/v1/claims/", {"page_size": 100}, **auth(review_key)),
        "detail": client_api.get(f"/api/v1/claims/{confirmed.pk}/").json(),
        "feed": _results(client_api, "/api/v1/claimreview/", {"page_size": 100}),
        "document": client_api.get(f"/api/v1/claims/{disputed.pk}/claimreview/").json(),
        "confirmed": _results(client_api, "/api/v1/claims/", {"status": "confirmed"}),
    }
    moment = timezone.now()

    # Everything that follows happened after the moment.
    _verdict(confirmed, "false", reviewer)
    add_evidence(confirmed)
    _verdict(draft, "confirmed", reviewer)
    _verdict(disputed, "confirmed", reviewer)
    make_claim("Nvidia shares H20 revenue", status="confirmed")
    now_list = _results(client_api, "/api/v1/claims/", {"page_size": 100})
    assert now_list != then["list"] and len(now_list) == 4

    at = {"as_of": moment.isoformat()}
    assert _results(client_api, "/api/v1/claims/", {"page_size": 100, **at}) == then["list"]
    assert (
        _results(client_api, "/api/v1/claims/", {"page_size": 100, **at}, **auth(review_key))
        == then["drafts"]
    )
    assert client_api.get(f"/api/v1/claims/{confirmed.pk}/", at).json() == then["detail"]
    assert _results(client_api, "/api/v1/claimreview/", {"page_size": 100, **at}) == then["feed"]
    assert client_api.get(f"/api/v1/claims/{disputed.pk}/claimreview/", at).json() == then["document"]
    assert _results(client_api, "/api/v1/claims/", {"status": "confirmed", **at}) == then["confirmed"]
    # And without as_of, the present.
    assert client_api.get(f"/api/v1/claims/{confirmed.pk}/").json()["status"] == "false"


def test_it_does_not_know_a_claim_before_it_existed(client_api, make_claim):
    before = timezone.now() - timedelta(days=1)
    claim = make_claim(status="confirmed")
    response = client_api.get(f"/api/v1/claims/{claim.pk}/", {"as_of": before.isoformat()})
    assert response.status_code == 404
    assert _results(client_api, "/api/v1/claims/", {"as_of": before.date().isoformat()}) == []


def test_it_dates_an_imported_verdict_by_when_we_learned_it(client_api, make_claim, review_key):
    claim = make_claim()
    learned_after = timezone.now()
    Claim.objects.filter(pk=claim.pk).update(created_at=learned_after - timedelta(days=60))
    services.verdict_import(
        claim=claim,
        status="false",
        rationale="Their review.",
        organisation=SourceFactory(kind="organisation"),
        reviewed_at=learned_after - timedelta(days=30),
    )
    assert Claim.objects.get(pk=claim.pk).status == "false"
    # Published a month ago, but not known here until now: as of a week ago it was no verdict.
    week_ago = {"as_of": (learned_after - timedelta(days=7)).isoformat()}
    assert client_api.get(f"/api/v1/claims/{claim.pk}/", week_ago).status_code == 404
    seen_by_reviewer = client_api.get(f"/api/v1/claims/{claim.pk}/", week_ago, **auth(review_key)).json()
    assert seen_by_reviewer["status"] == "unreviewed" and seen_by_reviewer["verdict"] is None
    assert client_api.get(f"/api/v1/claims/{claim.pk}/").json()["verdict"]["status"] == "false"


def test_it_refuses_an_as_of_that_is_not_a_moment(client_api, db):
    response = client_api.get("/api/v1/claims/", {"as_of": "last tuesday"})
    assert response.status_code == 400
    assert "as_of" in response.json()["error"]["fields"]
    response = client_api.get("/api/v1/claimreview/", {"as_of": "2025-13-01"})
    assert response.status_code == 400


@pytest.mark.parametrize("n", [1, 20])
def test_it_answers_as_of_in_constant_queries(client_api, make_claim, django_assert_max_num_queries, n):
    for i in range(n):
        add_evidence(make_claim(f"Claim {i}", status="confirmed"))
    at = {"as_of": timezone.now().isoformat(), "page_size": 100}
    # the page + related rows (1 on PostgreSQL, 5 elsewhere) + the history: 3 queries
    with django_assert_max_num_queries(5 if connection.vendor == "postgresql" else 10):
        assert len(_results(client_api, "/api/v1/claims/", at)) == n
    with django_assert_max_num_queries(5):
        assert len(_results(client_api, "/api/v1/claimreview/", at)) == n
