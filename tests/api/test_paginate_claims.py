import base64
import json

from claims.models import Claim
from tests.factories import ClaimFactory


def _decided(n):
    claims = [ClaimFactory() for _ in range(n)]
    Claim.objects.update(status="confirmed")
    return claims


def test_it_walks_forward_and_back_with_cursors(client_api, db):
    _decided(7)
    expected = list(Claim.objects.order_by("-created_at", "-id").values_list("id", flat=True))
    seen, url, pages = [], "/api/v1/claims/?page_size=3", []
    while url:
        body = client_api.get(url).json()
        pages.append(body)
        seen += [c["id"] for c in body["results"]]
        url = body["next"]
    assert seen == expected
    assert [len(p["results"]) for p in pages] == [3, 3, 1]
    assert pages[0]["previous"] is None
    back = client_api.get(pages[2]["previous"]).json()
    assert [c["id"] for c in back["results"]] == expected[3:6]
    back = client_api.get(back["previous"]).json()
    assert [c["id"] for c in back["results"]] == expected[0:3]
    assert back["previous"] is None


def test_it_neither_repeats_nor_skips_when_claims_arrive_meanwhile(client_api, db):
    _decided(4)
    first = client_api.get("/api/v1/claims/?page_size=2&ordering=id").json()
    _decided(2)  # newer claims land while the consumer pages
    second = client_api.get(first["next"]).json()
    got = [c["id"] for c in first["results"] + second["results"]]
    assert got == sorted(got) and len(set(got)) == 4


def test_it_keeps_ties_in_a_stable_order(client_api, db):
    claims = _decided(5)
    Claim.objects.update(created_at=claims[0].created_at)  # all at the same instant
    seen, url = [], "/api/v1/claims/?page_size=2"
    while url:
        body = client_api.get(url).json()
        seen += [c["id"] for c in body["results"]]
        url = body["next"]
    assert seen == sorted((c.pk for c in claims), reverse=True)


def test_it_refuses_bad_cursors(client_api, db):
    _decided(3)
    forged = base64.urlsafe_b64encode(json.dumps({"o": "-created_at", "v": "x", "k": 1, "d": "n"}).encode())
    other = client_api.get("/api/v1/claims/?page_size=1&ordering=id").json()["next"].split("cursor=")[1]
    for cursor in ["garbage", "%%%", forged.decode(), "e30", other]:
        response = client_api.get("/api/v1/claims/", {"cursor": cursor})
        assert response.status_code == 400, cursor
        assert "cursor" in response.json()["error"]["fields"]
