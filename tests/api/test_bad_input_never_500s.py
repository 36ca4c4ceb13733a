"""Input that used to crash the API with a 500 (issue 15: D1, D2, D3, D4). Each gets a 4xx in the API's
error format instead."""

import pytest

from claims.models import Claim
from tests.api.fixtures import auth

DEEP = "[" * 1000 + "]" * 1000


@pytest.mark.parametrize(
    "path",
    ["/api/v1/claims/", "/api/v1/extract/", "/api/v1/claimreview/import/"],
)
def test_d1_deeply_nested_json_is_refused_not_a_500(client_api, edit_key, path):
    response = client_api.post(path, DEEP, content_type="application/json", **auth(edit_key))

    assert response.status_code == 400 if "import" not in path else 200, response.content[:300]
    if response.status_code == 400:
        assert "nested more than" in response.json()["error"]["message"]
    else:  # ClaimReview import reports a block it cannot read and imports the rest
        assert "nested more than" in response.json()["errors"][0]["reason"]
    assert not Claim.objects.exists()


def test_d1_deep_json_in_a_verdict_or_object_value_is_refused(client_api, review_key, make_claim):
    claim = make_claim()
    body = '{"status": "confirmed", "rationale": ' + '{"a": ' * 900 + "1" + "}" * 900 + "}"
    response = client_api.post(
        f"/api/v1/claims/{claim.pk}/verdicts/", body, content_type="application/json", **auth(review_key)
    )
    assert response.status_code == 400
    assert response.json()["error"]["status"] == 400


def test_d1_a_crafted_deep_cursor_is_refused(db, client_api):
    import base64

    cursor = base64.urlsafe_b64encode(DEEP.encode()).decode().rstrip("=")
    response = client_api.get("/api/v1/claims/", {"cursor": cursor})
    assert response.status_code == 400
    assert "cursor" in response.json()["error"]["fields"]


@pytest.mark.parametrize(
    "path, params",
    [
        ("/api/v1/claims/", {"made_after": "2025-01-01T00:00:00+20:00"}),
        ("/api/v1/claims/", {"verdict_before": "2025-01-01T00:00:00-16:00"}),
        ("/api/v1/articles/", {"published_after": "2025-01-01T00:00:00+20:00"}),
        ("/api/v1/claims/", {"made_after": "2025-01-01T00:00:00+23:59"}),
    ],
)
def test_d2_offsets_beyond_what_postgresql_takes_still_filter(client_api, make_claim, path, params):
    response = client_api.get(path, params)
    assert response.status_code == 200, response.content[:300]


@pytest.mark.parametrize(
    "value",
    [
        "9999-12-31T23:59:59.999999-23:59",
        "9999-12-31T23:59:59-01:00",
        "0001-01-01T00:00:00+01:00",
    ],
)
@pytest.mark.parametrize("name", ["made_before", "made_after", "verdict_before", "verdict_after"])
def test_d2_d3_moments_outside_the_utc_calendar_are_refused_with_the_reason(db, client_api, name, value):
    response = client_api.get("/api/v1/claims/", {name: value})
    assert response.status_code == 400, response.content[:300]
    assert "outside the years 1 to 9999" in response.json()["error"]["fields"][name][0]


@pytest.mark.parametrize(
    "path, name",
    [("/api/v1/claims/", "source"), ("/api/v1/claims/", "outlet"), ("/api/v1/articles/", "outlet")],
)
@pytest.mark.parametrize("value", ["9223372036854775808", "99999999999999999999999", "-9223372036854775809"])
def test_d3_ids_beyond_a_bigint_are_refused(db, client_api, path, name, value):
    response = client_api.get(path, {name: value})
    assert response.status_code == 400, response.content[:300]
    assert name in response.json()["error"]["fields"]


def test_d3_the_largest_bigint_id_is_a_valid_filter(db, client_api):
    response = client_api.get("/api/v1/claims/", {"source": str(2**63 - 1)})
    assert response.status_code == 200 and response.json()["results"] == []


NUL_REVIEW = (
    b'{"@type": "ClaimReview", "claimReviewed": "The plant\\u0000 closes in May", '
    b'"author": {"@type": "Organization", "name": "Check\\u0000Desk"}, '
    b'"itemReviewed": {"author": "Plant\\u0000 owner"}, '
    b'"reviewRating": {"alternateName": "False\\u0000"}}'
)


def test_d4_nul_in_claimreview_import_is_dropped_not_a_500(client_api, edit_key):
    response = client_api.post(
        "/api/v1/claimreview/import/", NUL_REVIEW, content_type="application/json", **auth(edit_key)
    )
    assert response.status_code == 200, response.content[:300]
    assert response.json()["created"] == 1
    claim = Claim.objects.get()
    assert claim.text == "The plant closes in May"
    assert claim.current_verdict.organisation.name == "Check Desk"
    assert claim.status == "false"


def test_d4_nul_in_claimreview_import_command(db, tmp_path, capsys):
    from django.core.management import call_command

    path = tmp_path / "review.json"
    path.write_bytes(NUL_REVIEW)
    call_command("import_claimreview", str(path))
    assert "1 created" in capsys.readouterr().out
    assert Claim.objects.get().text == "The plant closes in May"
