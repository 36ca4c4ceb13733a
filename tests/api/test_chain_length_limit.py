"""Chains have a length limit (issue 15: D22): 10,000 links used to be stored, and every page showing the
claim grew to megabytes."""

from claims import services
from claims.errors import ApplicationError
from claims.models import Claim
from tests.api.fixtures import auth


def test_d22_the_api_refuses_a_chain_over_the_limit(client_api, edit_key):
    chain = [{"kind": "unnamed", "count": 1}] * 10_000
    response = client_api.post(
        "/api/v1/claims/",
        {"text": "Plant closes", "language": "en", "chain": chain},
        format="json",
        **auth(edit_key),
    )
    assert response.status_code == 400
    assert "chain" in response.json()["error"]["fields"]
    assert not Claim.objects.exists()


def test_d22_the_service_refuses_it_for_every_caller(db):
    try:
        services.claim_create(text="Plant closes", language="en", chain=[{"kind": "unnamed"}] * 31)
    except ApplicationError as exc:
        assert "at most 30 links" in exc.fields["chain"][0]
    else:
        raise AssertionError("a 31-link chain was stored")
    assert not Claim.objects.exists()
    services.claim_create(
        text="Plant closes", language="en", chain=[{"kind": "unnamed", "phrase": "people said"}] * 30
    )
