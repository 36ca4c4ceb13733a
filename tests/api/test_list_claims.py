from claims.models import Independence, Stance
from tests.api.fixtures import add_evidence, auth
from tests.factories import SourceFactory


def test_it_shows_anonymous_callers_only_decided_claims(client_api, make_claim):
    decided = make_claim("Nvidia will share H20 revenue", status="confirmed")
    make_claim("An unreviewed draft")
    in_review = make_claim("Being looked at", status="in_review")
    body = client_api.get("/api/v1/claims/").json()
    assert [c["id"] for c in body["results"]] == [decided.pk]
    assert client_api.get(f"/api/v1/claims/{in_review.pk}/").status_code == 404


def test_it_shows_read_keys_only_decided_claims(client_api, make_claim, read_key):
    make_claim("An unreviewed draft")
    assert client_api.get("/api/v1/claims/", **auth(read_key)).json()["results"] == []


def test_it_shows_drafts_to_editors_and_reviewers(client_api, make_claim, edit_key, review_key):
    draft = make_claim("An unreviewed draft")
    for key in (edit_key, review_key):
        ids = [c["id"] for c in client_api.get("/api/v1/claims/", **auth(key)).json()["results"]]
        assert ids == [draft.pk]


def test_it_gives_chain_verdict_appearances_and_summary(client_api, make_claim, reviewer):
    claim = make_claim(status="confirmed")
    reuters, bloomberg = SourceFactory(name="Reuters"), SourceFactory(name="Bloomberg")
    add_evidence(claim, outlet=reuters)
    add_evidence(claim, outlet=bloomberg)
    add_evidence(claim, outlet=reuters)  # a second Reuters piece is still one origin
    add_evidence(claim, stance=Stance.REFUTES, outlet=SourceFactory(name="Huawei newsroom"))
    ft = claim.links.get(position=1).source
    for _ in range(3):  # re-reports of the FT story confirm nothing
        add_evidence(claim, independence=Independence.RE_REPORT, origin=ft)

    data = client_api.get(f"/api/v1/claims/{claim.pk}/").json()

    assert data["status"] == "confirmed"
    assert data["verdict"]["rationale"] == "Checked against filings."
    assert data["verdict"]["reviewer"] == reviewer.username
    assert data["verdict"]["organisation"] == {"name": "Claimtracker", "source_id": None}
    assert data["verdict"]["rating"] == {"rating_value": 5, "alternate_name": "True"}
    assert [link["display"] for link in data["chain"]][
        2
    ] == "2 unnamed sources — «people familiar with the matter»"
    assert data["chain"][0]["relation"] == "reported_by"
    assert data["appearances"][0]["span_start"] == 0 and data["appearances"][0]["span_end"] == 20
    assert data["entities"] == ["DeepSeek", "Huawei"]
    summary = data["evidence_summary"]
    assert sorted(o["name"] for o in summary["supporting_origins"]) == ["Bloomberg", "Reuters"]
    assert [o["name"] for o in summary["refuting_origins"]] == ["Huawei newsroom"]
    assert summary["re_reports"] == 3
    assert summary["evidence_count"] == 7


def test_it_lists_sources_with_aliases_and_track_record(client_api, make_claim):
    ft = SourceFactory(name="Financial Times")
    alias = ft.aliases.create(name="Файнэншл таймс", language="ru")
    make_claim("One", status="confirmed", cited=ft)
    make_claim("Two", status="false", cited=ft)
    make_claim("Three", cited=ft)  # undecided: not part of the track record
    body = client_api.get("/api/v1/sources/", {"name": "Файнэншл"}).json()
    assert len(body["results"]) == 1
    source = body["results"][0]
    assert source["aliases"] == [{"id": alias.pk, "name": "Файнэншл таймс", "language": "ru"}]
    record = source["track_record"]
    assert (record["resolved"], record["confirmed"], record["false_or_misleading"], record["disputed"]) == (
        2,
        1,
        1,
        0,
    )
    assert (
        record["as_origin"]["confirmed"] == 1 and record["as_origin"]["false"] == 1
    )  # the deepest named link


def test_it_lists_articles_and_gives_text_in_detail(client_api, make_claim):
    claim = make_claim(status="confirmed")
    article = claim.appearances.get().article
    listed = client_api.get("/api/v1/articles/").json()["results"]
    assert article.pk in [a["id"] for a in listed]
    assert "text" not in listed[0]
    assert client_api.get(f"/api/v1/articles/{article.pk}/").json()["text"] == article.text


def test_it_lists_evidence_and_verdict_history(client_api, make_claim, reviewer):
    from claims import services

    claim = make_claim(status="disputed")
    services.verdict_record(
        claim=claim, status="confirmed", rationale="Reuters confirmed.", reviewer=reviewer, seen_version=2
    )
    add_evidence(claim)
    verdicts = client_api.get(f"/api/v1/claims/{claim.pk}/verdicts/").json()["results"]
    assert [v["status"] for v in verdicts] == ["confirmed", "disputed"]
    evidence = client_api.get(f"/api/v1/claims/{claim.pk}/evidence/").json()["results"]
    assert evidence[0]["provenance"]["component"] == "test-matcher"
