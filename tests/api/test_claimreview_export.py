from claimreview import services as claimreview_services
from claims.models import CLAIMREVIEW_RATINGS, ClaimStatus
from sources.models import SourceKind
from tests.factories import SourceFactory


def test_it_exports_a_decided_claim_as_claimreview(client_api, make_claim):
    gupta = SourceFactory(kind=SourceKind.PERSON, name="Ritwik Gupta", role="AI expert at UC Berkeley")
    claim = make_claim(
        "Huawei has growing pains", status="confirmed", chain=[{"source": SourceFactory()}, {"source": gupta}]
    )
    response = client_api.get(f"/api/v1/claims/{claim.pk}/claimreview/")
    assert response.status_code == 200
    doc = response.json()
    assert doc["@context"] == "https://schema.org" and doc["@type"] == "ClaimReview"
    assert doc["claimReviewed"] == "Huawei has growing pains"
    assert doc["url"].endswith(f"/api/v1/claims/{claim.pk}/claimreview/")
    assert doc["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 5,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "True",
    }
    assert doc["author"]["name"] == "Claimtracker"
    item = doc["itemReviewed"]
    assert item["author"] == {
        "@type": "Person",
        "name": "Ritwik Gupta",
        "jobTitle": "AI expert at UC Berkeley",
    }
    assert item["firstAppearance"]["url"] == claim.appearances.get().article.url
    assert len(item["appearance"]) == 1


def test_it_maps_every_decided_status_to_a_rating(client_api, make_claim):
    for status in ["false", "misleading", "disputed", "unverifiable", "retracted"]:
        claim = make_claim(f"Claim {status}", status=status)
        rating = client_api.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()["reviewRating"]
        assert (rating["ratingValue"], rating["alternateName"]) == CLAIMREVIEW_RATINGS[status]


def test_it_does_not_export_undecided_claims(client_api, make_claim, edit_key):
    claim = make_claim()
    from tests.api.fixtures import auth

    assert client_api.get(f"/api/v1/claims/{claim.pk}/claimreview/", **auth(edit_key)).status_code == 404


def test_it_attributes_imported_verdicts_to_their_organisation(client_api, db):
    from pathlib import Path

    claimreview_services.claimreview_import(
        data=(Path(__file__).parents[1] / "claimreview" / "data" / "maldita-factcheck.html").read_bytes()
    )
    feed = client_api.get("/api/v1/claimreview/").json()
    assert feed["results"][0]["author"] == {"@type": "Organization", "name": "Maldita.es"}
    assert feed["results"][0]["reviewRating"]["alternateName"] == "False"


def test_it_pages_the_feed_of_all_decided_claims(client_api, make_claim):
    decided = [make_claim(f"C{n}", status=ClaimStatus.CONFIRMED) for n in range(3)]
    make_claim("draft")
    first = client_api.get("/api/v1/claimreview/", {"page_size": 2}).json()
    second = client_api.get(first["next"]).json()
    urls = [d["url"] for d in first["results"] + second["results"]]
    assert len(urls) == 3 and all("/claimreview/" in u for u in urls)
    assert second["next"] is None
    assert {c.text for c in decided} == {d["claimReviewed"] for d in first["results"] + second["results"]}
