from claims.models import AuditEntry, Claim
from tests.api.fixtures import auth
from tests.factories import ArticleFactory, SourceFactory


def test_it_creates_a_claim_with_its_chain(client_api, edit_key, editor):
    ft, article = SourceFactory(name="Financial Times"), ArticleFactory()
    response = client_api.post(
        "/api/v1/claims/",
        {
            "text": "Huawei sent engineers to DeepSeek",
            "language": "en",
            "chain": [
                {"source": article.outlet_id},
                {"source": ft.pk},
                {"kind": "unnamed", "count": 2, "phrase": "people familiar with the matter"},
            ],
            "appearances": [{"article": article.pk, "span_start": 0, "span_end": 8}],
            "entities": ["Huawei", "DeepSeek"],
        },
        format="json",
        **auth(edit_key),
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert [link["display"] for link in data["chain"]][1:] == [
        "Financial Times",
        "2 unnamed sources — «people familiar with the matter»",
    ]
    assert data["appearances"][0]["quote"] == article.text[0:8]
    assert AuditEntry.objects.get(action="claim_created").actor == editor


def test_it_changes_fields_and_the_chain_with_the_version_seen(client_api, make_claim, edit_key):
    claim = make_claim()
    url = f"/api/v1/claims/{claim.pk}/"
    response = client_api.patch(
        url, {"summary_en": "R2 delayed", "version": 1}, format="json", **auth(edit_key)
    )
    assert response.status_code == 200 and response.json()["version"] == 2
    response = client_api.put(
        url + "chain/",
        {"version": 2, "chain": [{"source": SourceFactory().pk}]},
        format="json",
        **auth(edit_key),
    )
    assert response.status_code == 200 and len(response.json()["chain"]) == 1


def test_it_refuses_a_stale_edit_with_409(client_api, make_claim, edit_key):
    claim = make_claim()
    url = f"/api/v1/claims/{claim.pk}/"
    client_api.patch(url, {"summary_en": "first", "version": 1}, format="json", **auth(edit_key))
    response = client_api.patch(url, {"summary_en": "second", "version": 1}, format="json", **auth(edit_key))
    assert response.status_code == 409
    assert response.json()["error"]["current"]["summary_en"] == "first"
    assert Claim.objects.get().summary_en == "first"


def test_it_adds_evidence_by_hand(client_api, make_claim, edit_key, editor):
    claim = make_claim()
    article = ArticleFactory()
    response = client_api.post(
        f"/api/v1/claims/{claim.pk}/evidence/",
        {"article": article.pk, "stance": "supports", "independence": "independent"},
        format="json",
        **auth(edit_key),
    )
    assert response.status_code == 201, response.json()
    assert response.json()["provenance"]["decided_by"] == editor.username
    assert response.json()["review_state"] == "accepted"
    missing = client_api.post(
        f"/api/v1/claims/{claim.pk}/evidence/",
        {"article": 10**9, "stance": "supports"},
        format="json",
        **auth(edit_key),
    )
    assert missing.status_code == 400 and "article" in missing.json()["error"]["fields"]
