from tests.api.fixtures import add_evidence, auth


def test_it_answers_304_to_a_matching_etag(client_api, make_claim):
    claim = make_claim(status="confirmed")
    url = f"/api/v1/claims/{claim.pk}/"
    first = client_api.get(url)
    etag = first["ETag"]
    again = client_api.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again["ETag"] == etag and not again.content


def test_it_changes_the_etag_when_the_claim_or_its_evidence_changes(client_api, make_claim, edit_key):
    claim = make_claim(status="confirmed")
    url = f"/api/v1/claims/{claim.pk}/"
    etag = client_api.get(url)["ETag"]
    add_evidence(claim)
    after_evidence = client_api.get(url, HTTP_IF_NONE_MATCH=etag)
    assert after_evidence.status_code == 200 and after_evidence["ETag"] != etag
    etag = after_evidence["ETag"]
    client_api.patch(url, {"summary_en": "new", "version": claim.version}, format="json", **auth(edit_key))
    assert client_api.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_it_answers_304_to_if_modified_since(client_api, make_claim):
    claim = make_claim(status="confirmed")
    url = f"/api/v1/claims/{claim.pk}/"
    last_modified = client_api.get(url)["Last-Modified"]
    assert client_api.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    assert client_api.get(url, HTTP_IF_MODIFIED_SINCE="Sat, 01 Jan 2000 00:00:00 GMT").status_code == 200


def test_it_supports_conditional_get_on_sources_and_articles(client_api, make_claim):
    claim = make_claim(status="confirmed")
    for url in (
        f"/api/v1/sources/{claim.links.first().source_id}/",
        f"/api/v1/articles/{claim.appearances.get().article_id}/",
    ):
        etag = client_api.get(url)["ETag"]
        assert client_api.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_it_changes_a_sources_etag_when_its_track_record_changes(client_api, make_claim, reviewer):
    from claims import services

    claim = make_claim()
    url = f"/api/v1/sources/{claim.links.get(position=1).source_id}/"
    first = client_api.get(url)
    assert "Last-Modified" not in first  # the track record moves without dating the source
    services.verdict_record(
        claim=claim, status="false", rationale="Denied on record.", reviewer=reviewer, seen_version=1
    )
    second = client_api.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200
    assert second.json()["track_record"]["false_or_misleading"] == 1
