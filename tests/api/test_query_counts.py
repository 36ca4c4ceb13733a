"""List endpoints cost a constant number of queries, whatever the page size."""

import pytest
from django.db import connection

from claims import services
from claims.models import Claim, Independence
from tests.api.fixtures import add_evidence, auth
from tests.factories import SourceFactory


@pytest.fixture
def many_claims(make_claim):
    def make(n):
        first = make_claim("Claim 0", status="confirmed")
        add_evidence(first)
        add_evidence(first, independence=Independence.RE_REPORT, origin=first.links.get(position=1).source)
        for i in range(1, n):
            make_claim(f"Claim {i}", status="confirmed", outlet=first.links.get(position=0).source)
        for claim in Claim.objects.all()[:5]:
            add_evidence(claim)
        return Claim.objects.count()

    return make


@pytest.mark.parametrize("n", [1, 20, 100])
def test_it_lists_claims_in_constant_queries(client_api, many_claims, django_assert_max_num_queries, n):
    assert many_claims(n) == n
    # the page + its related rows: 1 JSON query on PostgreSQL, 5 on SQLite (verdicts, links,
    # appearances, entities, evidence)
    with django_assert_max_num_queries(2 if connection.vendor == "postgresql" else 7):
        body = client_api.get("/api/v1/claims/", {"page_size": 100, "status": "confirmed"}).json()
    assert len(body["results"]) == n


@pytest.mark.parametrize("n", [1, 20, 100])
def test_it_lists_claims_for_keys_and_claimreview_in_constant_queries(
    client_api, many_claims, django_assert_max_num_queries, read_key, n
):
    many_claims(n)
    # + the key lookup (last-used time is written at most once a minute)
    client_api.get("/api/v1/sources/", **auth(read_key))
    with django_assert_max_num_queries(3 if connection.vendor == "postgresql" else 8):
        assert len(client_api.get("/api/v1/claims/?page_size=100", **auth(read_key)).json()["results"]) == n
    with django_assert_max_num_queries(5):
        assert len(client_api.get("/api/v1/claimreview/?page_size=100").json()["results"]) == n


@pytest.mark.parametrize("n", [1, 20, 100])
def test_it_lists_sources_articles_and_changes_in_constant_queries(
    client_api, django_assert_max_num_queries, db, n
):
    for i in range(n):
        source = SourceFactory(name=f"Source {i}")
        source.aliases.create(name=f"Alias {i}")
        claim = services.claim_create(text=f"Claim {i}", language="en", chain=[{"source": source}])
        Claim.objects.filter(pk=claim.pk).update(status="confirmed")
        add_evidence(claim)
    with django_assert_max_num_queries(3):  # sources + aliases + track records of the page
        assert len(client_api.get("/api/v1/sources/?page_size=100").json()["results"]) >= n
    with django_assert_max_num_queries(1):
        assert len(client_api.get("/api/v1/articles/?page_size=100").json()["results"]) == min(n, 100)
    with django_assert_max_num_queries(1):
        # each claim's creation and its evidence reach the feed
        assert len(client_api.get("/api/v1/changes/?limit=1000").json()["results"]) == 2 * n
