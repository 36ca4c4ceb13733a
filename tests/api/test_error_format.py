"""Every 4xx has the same shape: {"error": {"status", "code", "message", "fields"}}."""

import pytest

from claims.models import Claim
from tests.api.fixtures import auth


def assert_error(response, status, field=None):
    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert error["status"] == status
    assert error["code"] and error["message"]
    assert isinstance(error["fields"], dict)
    if field is not None:
        assert field in error["fields"], error
    return error


def test_it_answers_malformed_json_with_400(client_api, edit_key):
    response = client_api.post(
        "/api/v1/claims/", data=b'{"text": "x",', content_type="application/json", **auth(edit_key)
    )
    assert_error(response, 400)


def test_it_names_each_wrong_field(client_api, edit_key):
    response = client_api.post(
        "/api/v1/claims/",
        {"text": 5, "language": ["en"], "kind": "rumour", "chain": [{"count": "two", "kind": "alien"}]},
        format="json",
        **auth(edit_key),
    )
    error = assert_error(response, 400)
    assert {"language", "kind", "chain[0].count", "chain[0].kind"} <= set(error["fields"])
    assert Claim.objects.count() == 0


def test_it_refuses_unknown_fields(client_api, edit_key):
    response = client_api.post(
        "/api/v1/claims/",
        {"text": "x", "language": "en", "verdict": "true", "chain": [{"phrase": "said", "souce": 1}]},
        format="json",
        **auth(edit_key),
    )
    error = assert_error(response, 400, "verdict")
    assert "chain[0].souce" in error["fields"]


def test_it_refuses_bodies_over_a_megabyte(client_api, edit_key):
    huge = b'{"text": "' + b"x" * (1024 * 1024 + 10) + b'", "language": "en"}'
    response = client_api.post(
        "/api/v1/claims/", data=huge, content_type="application/json", **auth(edit_key)
    )
    assert_error(response, 413)
    assert Claim.objects.count() == 0


def test_it_refuses_a_json_array_where_an_object_belongs(client_api, edit_key):
    response = client_api.post("/api/v1/claims/", [1, 2], format="json", **auth(edit_key))
    assert_error(response, 400)


@pytest.mark.parametrize(
    "path", ["/api/v1/nope/", "/api/v1/claims/abc/", "/api/v1/claims/99999999999999999999/"]
)
def test_it_answers_unknown_paths_with_404(client_api, db, path):
    assert_error(client_api.get(path), 404)


def test_it_answers_a_missing_claim_with_404(client_api, db):
    assert_error(client_api.get("/api/v1/claims/123/"), 404)


def test_it_answers_a_wrong_method_with_405(client_api, make_claim, edit_key):
    claim = make_claim()
    assert_error(client_api.delete(f"/api/v1/claims/{claim.pk}/", **auth(edit_key)), 405)
    assert_error(client_api.put(f"/api/v1/claims/{claim.pk}/", {}, format="json", **auth(edit_key)), 405)


def test_it_reports_service_rule_errors_per_field(client_api, edit_key):
    response = client_api.post(
        "/api/v1/claims/",
        {"text": "x", "language": "en", "chain": [{"kind": "person", "count": 2, "phrase": "said"}]},
        format="json",
        **auth(edit_key),
    )
    error = assert_error(response, 400)
    assert "chain[0].count" in error["fields"]
