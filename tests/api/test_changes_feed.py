from claims import services
from tests.api.fixtures import auth
from tests.factories import SourceFactory


def poll(client, after="0", **headers):
    response = client.get("/api/v1/changes/", {"after": after}, **headers)
    assert response.status_code == 200, response.json()
    return response.json()


def test_it_lists_claim_chain_and_verdict_changes_in_order(client_api, make_claim, reviewer, edit_key):
    claim = make_claim()
    services.chain_set(claim=claim, chain=[{"source": SourceFactory()}], actor=None, seen_version=1)
    services.verdict_record(
        claim=claim, status="confirmed", rationale="Filed.", reviewer=reviewer, seen_version=2
    )
    body = poll(client_api, **auth(edit_key))
    assert [(c["kind"], c["action"], c["claim_version"]) for c in body["results"]] == [
        ("claim", "claim_created", 1),
        ("chain", "chain_changed", 2),
        ("verdict", "verdict_recorded", 3),
    ]
    seqs = [c["seq"] for c in body["results"]]
    assert seqs == sorted(seqs)
    assert body["next_after"] == str(seqs[-1]) and body["has_more"] is False
    assert poll(client_api, body["next_after"], **auth(edit_key))["results"] == []


def test_it_pages_with_limit(client_api, make_claim, edit_key):
    for n in range(3):
        make_claim(f"Claim {n}")
    first = client_api.get("/api/v1/changes/", {"limit": 2}, **auth(edit_key)).json()
    assert len(first["results"]) == 2 and first["has_more"] is True
    rest = poll(client_api, first["next_after"], **auth(edit_key))
    assert len(rest["results"]) == 1 and rest["has_more"] is False


def test_it_shows_anonymous_callers_changes_to_visible_claims_only(client_api, make_claim):
    make_claim("A draft")
    decided = make_claim("Decided", status="false")
    body = poll(client_api)
    assert {c["claim"] for c in body["results"]} == {decided.pk}


def test_it_refuses_bad_cursors(client_api, db):
    for params in ({"after": "abc"}, {"after": "-1"}, {"limit": "0"}, {"since": "1"}):
        response = client_api.get("/api/v1/changes/", params)
        assert response.status_code == 400
        assert set(params) <= set(response.json()["error"]["fields"])
