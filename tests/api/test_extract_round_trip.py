"""What POST /api/v1/extract/ proposes, POST /api/v1/claims/ accepts unchanged; names go through the registry."""

import pytest

from claims.models import AuditEntry, Claim
from extraction import services as extraction_services
from extraction.models import ClaimProposal
from sources.models import Source, SourceAlias, SourceKind
from tests.api.fixtures import auth
from tests.factories import ArticleFactory, SourceFactory

TEXT = (
    "The harbour authority will close the northern pier in March, two officials familiar with the plan "
    "told the Coastal Herald. "
    '"We have no choice," said Maria Lindqvist, the port director. '
    "Shipping rates rose by 4% last week, Reuters reported."
)


@pytest.fixture
def herald(db):
    herald = SourceFactory(name="The Coastal Herald", kind=SourceKind.OUTLET)
    SourceAlias.objects.create(source=herald, name="Coastal Herald")
    return herald


def _extract(client_api, key, **body):
    response = client_api.post("/api/v1/extract/", body, format="json", **auth(key))
    assert response.status_code in (200, 201), response.json()
    return response.json()


def _post_claim(client_api, key, body):
    return client_api.post("/api/v1/claims/", body, format="json", **auth(key))


def _proposal(claims, text_part):
    return next(c for c in claims if text_part in c["text"])


def test_every_proposal_of_a_text_is_accepted_unchanged(client_api, edit_key, herald):
    proposed = _extract(client_api, edit_key, text=TEXT, language="en")["claims"]
    assert len(proposed) == 3
    for body in proposed:
        response = _post_claim(client_api, edit_key, body)
        assert response.status_code == 201, response.json()
        assert response.json()["text"] == body["text"]
    assert Claim.objects.count() == 3


def test_a_known_source_is_kept_and_a_new_one_is_created_once(client_api, edit_key, herald):
    proposed = _extract(client_api, edit_key, text=TEXT, language="en")["claims"]
    pier = _proposal(proposed, "northern pier")
    assert pier["chain"][1]["source"] == {"id": herald.pk, "name": herald.name, "kind": "outlet"}
    quote = _proposal(proposed, "no choice")
    assert quote["chain"][-1]["source"] == {"name": "Maria Lindqvist", "kind": "person"}
    assert not Source.objects.filter(name="Maria Lindqvist").exists()

    first = _post_claim(client_api, edit_key, quote)
    second = _post_claim(client_api, edit_key, quote)

    assert first.status_code == second.status_code == 201, (first.json(), second.json())
    person = Source.objects.get(name="Maria Lindqvist")
    assert person.kind == SourceKind.PERSON and person.role == "port director"
    for response in (first, second):
        origin = response.json()["chain"][-1]
        assert origin["source"] == {"id": person.pk, "name": "Maria Lindqvist", "kind": "person"}
        assert (origin["relation"], origin["role"], origin["quote"]) == (
            "said_by",
            "port director",
            "We have no choice",
        )
    # The audit entry says how each name became a source: created the first time, matched the second.
    created, matched = AuditEntry.objects.filter(action="claim_created").order_by("id")
    assert created.changes["sources_resolved"][1] == [
        f"chain[1] “Maria Lindqvist”: created person Maria Lindqvist (#{person.pk})"
    ]
    assert matched.changes["sources_resolved"][1] == [
        f"chain[1] “Maria Lindqvist”: matched by name person Maria Lindqvist (#{person.pk})"
    ]


def test_a_name_matches_an_alias_and_the_registry_kind_wins(client_api, edit_key, herald):
    reuters = SourceFactory(name="Thomson Reuters News", kind=SourceKind.ORGANISATION)
    SourceAlias.objects.create(source=reuters, name="REUTERS")
    rates = _proposal(_extract(client_api, edit_key, text=TEXT, language="en")["claims"], "Shipping")
    # The extractor saw the alias too (one registry): the proposal names the registered source.
    assert rates["chain"][1]["source"]["id"] == reuters.pk
    # Sent by name (as a desk tool might), it is matched through the alias, not created again.
    rates["chain"][1]["source"] = {"name": "reuters", "kind": "outlet"}
    response = _post_claim(client_api, edit_key, rates)
    assert response.status_code == 201, response.json()
    link = response.json()["chain"][1]
    assert link["source"]["id"] == reuters.pk and link["kind"] == "organisation"
    assert Source.objects.filter(normalized_name__contains="reuters").count() == 1


def test_a_proposal_from_a_stored_article_carries_its_appearance(client_api, edit_key, herald):
    article = ArticleFactory(outlet=herald, text=TEXT, language="en")
    proposed = _extract(client_api, edit_key, article=article.pk)["claims"]
    pier = _proposal(proposed, "northern pier")
    assert pier["chain"][0]["source"]["id"] == herald.pk
    assert pier["appearances"] == [
        {"article": article.pk, "span_start": pier["span"][0], "span_end": pier["span"][1]}
    ]
    response = _post_claim(client_api, edit_key, pier)
    assert response.status_code == 201, response.json()
    appearance = response.json()["appearances"][0]
    assert appearance["article"]["id"] == article.pk
    assert appearance["quote"] == TEXT[pier["span"][0] : pier["span"][1]]


def test_saved_proposals_round_trip_and_the_admin_accept_resolves_alike(client_api, edit_key, editor, herald):
    article = ArticleFactory(outlet=herald, text=TEXT, language="en")
    saved = _extract(client_api, edit_key, article=article.pk, save=True)["proposals"]
    assert {"id", "state", "claim"} == set(saved[0])
    by_api = _proposal([p["claim"] for p in saved], "no choice")
    assert _post_claim(client_api, edit_key, by_api).status_code == 201
    person = Source.objects.get(name="Maria Lindqvist")
    # The admin's accept of the same stored proposal finds the source the API created.
    proposal = ClaimProposal.objects.get(pk=next(p["id"] for p in saved if p["claim"] == by_api))
    claim = extraction_services.proposal_accept(proposal=proposal, actor=editor)
    assert claim.origin().source == person
    assert Source.objects.filter(name="Maria Lindqvist").count() == 1


def test_the_span_fills_an_appearance_without_one(client_api, edit_key, herald):
    article = ArticleFactory(outlet=herald, text=TEXT, language="en")
    body = _proposal(_extract(client_api, edit_key, text=TEXT, language="en")["claims"], "northern pier")
    body["appearances"] = [{"article": article.pk}]
    response = _post_claim(client_api, edit_key, body)
    assert response.status_code == 201, response.json()
    assert response.json()["appearances"][0]["span_start"] == body["span"][0]


@pytest.mark.parametrize(
    "source, field",
    [
        (987654321, "chain[1].source"),
        ({"id": 987654321, "name": "Nobody"}, "chain[1].source.id"),
        ({"name": "   "}, "chain[1].source.name"),
        ({"name": "A Person", "kind": "martian"}, "chain[1].source.kind"),
        ({"name": "A Person", "nickname": "x"}, "chain[1].source.nickname"),
        ({"id": 1, "role": "editor"}, "chain[1].source.role"),
        ({"name": "A Person", "affiliation": 987654321}, "chain[1].source.affiliation"),
        ("Maria Lindqvist", "chain[1].source"),
        (True, "chain[1].source"),
    ],
)
def test_a_bad_link_is_refused_with_its_field_and_saves_nothing(client_api, edit_key, herald, source, field):
    body = _proposal(_extract(client_api, edit_key, text=TEXT, language="en")["claims"], "no choice")
    body["chain"][1]["source"] = source
    sources_before = Source.objects.count()
    response = _post_claim(client_api, edit_key, body)
    assert response.status_code == 400, response.json()
    assert field in response.json()["error"]["fields"], response.json()
    assert Claim.objects.count() == 0 and Source.objects.count() == sources_before


def test_a_new_affiliation_is_created_with_the_person_and_a_person_is_no_affiliation(
    client_api, edit_key, herald
):
    body = _proposal(_extract(client_api, edit_key, text=TEXT, language="en")["claims"], "no choice")
    body["chain"][1]["source"] = {
        "name": "Maria Lindqvist",
        "kind": "person",
        "affiliation": "Port of Tallbay",
    }
    response = _post_claim(client_api, edit_key, body)
    assert response.status_code == 201, response.json()
    person = Source.objects.get(name="Maria Lindqvist")
    assert person.affiliation.name == "Port of Tallbay" and person.affiliation.kind == SourceKind.ORGANISATION

    other = SourceFactory(name="Jon Berg", kind=SourceKind.PERSON)
    body["chain"][1]["source"] = {"name": "Anna Holm", "kind": "person", "affiliation": other.pk}
    response = _post_claim(client_api, edit_key, body)
    assert response.status_code == 400
    assert "chain[1].source.affiliation" in response.json()["error"]["fields"]
    assert not Source.objects.filter(name="Anna Holm").exists()


def test_replacing_a_chain_resolves_names_the_same_way(client_api, edit_key, make_claim):
    claim = make_claim()
    response = client_api.put(
        f"/api/v1/claims/{claim.pk}/chain/",
        {
            "version": claim.version,
            "chain": [
                {"source": claim.links.first().source_id},
                {"source": {"name": "Ola Nord", "kind": "person"}, "role": "mayor"},
            ],
        },
        format="json",
        **auth(edit_key),
    )
    assert response.status_code == 200, response.json()
    assert Source.objects.get(name="Ola Nord").role == "mayor"
    entry = AuditEntry.objects.filter(action="chain_changed").get()
    assert "created person Ola Nord" in entry.changes["sources_resolved"][1][0]
