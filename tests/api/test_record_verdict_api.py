from claims.models import ClaimStatus, Verdict
from tests.api.fixtures import auth


def test_it_records_a_verdict_on_the_version_seen(client_api, make_claim, review_key, reviewer):
    claim = make_claim()
    response = client_api.post(
        f"/api/v1/claims/{claim.pk}/verdicts/",
        {"status": "confirmed", "rationale": "Reuters confirmed it on the record.", "version": 1},
        format="json",
        **auth(review_key),
    )
    assert response.status_code == 201, response.json()
    assert response.json()["reviewer"] == reviewer.username
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.CONFIRMED and claim.version == 2


def test_it_answers_a_stale_version_with_409_and_the_current_state(client_api, make_claim, review_key):
    claim = make_claim()
    url = f"/api/v1/claims/{claim.pk}/verdicts/"
    first = {"status": "disputed", "rationale": "Huawei denies it.", "version": 1}
    assert client_api.post(url, first, format="json", **auth(review_key)).status_code == 201
    late = {"status": "confirmed", "rationale": "Looks right.", "version": 1}
    response = client_api.post(url, late, format="json", **auth(review_key))
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "conflict"
    assert error["current"]["status"] == "disputed"
    assert error["current"]["version"] == 2
    assert error["current"]["verdict"]["rationale"] == "Huawei denies it."
    assert Verdict.objects.count() == 1


def test_it_requires_a_rationale_and_a_version(client_api, make_claim, review_key):
    claim = make_claim()
    response = client_api.post(
        f"/api/v1/claims/{claim.pk}/verdicts/", {"status": "false"}, format="json", **auth(review_key)
    )
    assert response.status_code == 400
    assert "version" in response.json()["error"]["fields"]
    response = client_api.post(
        f"/api/v1/claims/{claim.pk}/verdicts/",
        {"status": "false", "version": 1, "rationale": " "},
        format="json",
        **auth(review_key),
    )
    assert response.status_code == 400
    assert "rationale" in response.json()["error"]["fields"]
