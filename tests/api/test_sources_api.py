"""The source registry through the API: search by kind and alias, register and edit with an edit key."""

import pytest

from sources.models import Source, SourceAlias, SourceKind
from sources.services import source_create
from tests.api.fixtures import auth

URL = "/api/v1/sources/"


@pytest.fixture
def registry(db):
    bank = source_create(kind=SourceKind.ORGANISATION, name="Nordbank", aliases=[("Нордбанк", "ru")])
    person = source_create(
        kind=SourceKind.PERSON, name="Ingrid Solberg", role="chief economist", affiliation=bank.pk,
        aliases=["I. Solberg"],
    )  # fmt: skip
    outlet = source_create(kind=SourceKind.OUTLET, name="Coastal Herald")
    return bank, person, outlet


def _names(response):
    assert response.status_code == 200, response.json()
    return [row["name"] for row in response.json()["results"]]


def test_it_searches_by_kind_alias_and_affiliation(client_api, registry):
    bank, person, _ = registry
    assert _names(client_api.get(URL, {"kind": "person"})) == ["Ingrid Solberg"]
    assert _names(client_api.get(URL, {"alias": "  НОРДБАНК "})) == ["Nordbank"]
    assert _names(client_api.get(URL, {"alias": "Nordban"})) == []  # exact, folded: not a substring
    assert _names(client_api.get(URL, {"name": "solb"})) == ["Ingrid Solberg"]
    assert _names(client_api.get(URL, {"name": "нордБАНК"})) == ["Nordbank"]  # any script, any case
    assert _names(client_api.get(URL, {"affiliation": bank.pk})) == ["Ingrid Solberg"]
    detail = client_api.get(f"{URL}{person.pk}/").json()
    assert detail["affiliation"] == {"id": bank.pk, "name": "Nordbank", "kind": "organisation"}
    assert detail["aliases"] == [{"id": person.aliases.get().pk, "name": "I. Solberg", "language": ""}]


def test_an_edit_key_registers_a_person_with_a_new_affiliation(client_api, edit_key, db):
    response = client_api.post(
        URL,
        {
            "kind": "person",
            "name": "Per Vik",
            "role": "harbour master",
            "affiliation": "Tallbay Port",
            "aliases": [{"name": "Пер Вик", "language": "ru"}],
        },
        format="json",
        **auth(edit_key),
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert response["Location"] == f"/api/v1/sources/{data['id']}/"
    assert (data["kind"], data["role"], data["affiliation"]["name"]) == (
        "person",
        "harbour master",
        "Tallbay Port",
    )
    assert data["aliases"][0]["name"] == "Пер Вик"
    assert Source.objects.get(name="Tallbay Port").kind == SourceKind.ORGANISATION


def test_an_outlet_is_registered_with_its_domains(client_api, edit_key, db):
    response = client_api.post(
        URL,
        {"kind": "outlet", "name": "Bay Times", "domains": ["baytimes.example"]},
        format="json",
        **auth(edit_key),
    )
    assert response.status_code == 201, response.json()
    assert Source.objects.get(name="Bay Times").domains.get().domain == "baytimes.example"


@pytest.mark.parametrize(
    "body, field",
    [
        ({"kind": "organisation", "name": "NORDBANK"}, "name"),
        ({"kind": "organisation", "name": "New Org", "aliases": [{"name": "нордбанк"}]}, "name"),
        ({"kind": "person", "name": "A", "affiliation": 987654321}, "affiliation"),
        ({"kind": "martian", "name": "A"}, "kind"),
        ({"kind": "person"}, "name"),
        ({"kind": "person", "name": "A", "colour": "red"}, "colour"),
        ({"kind": "person", "name": "A", "reliability": "Z"}, "reliability"),
        ({"kind": "person", "name": "A", "domains": ["a.example"]}, "domains"),
    ],
)
def test_bad_or_duplicate_sources_are_refused_with_the_field(client_api, edit_key, registry, body, field):
    before = (Source.objects.count(), SourceAlias.objects.count())
    response = client_api.post(URL, body, format="json", **auth(edit_key))
    assert response.status_code == 400, response.json()
    fields = response.json()["error"]["fields"]
    assert any(name == field or name.startswith(f"{field}[") for name in fields), fields
    assert (Source.objects.count(), SourceAlias.objects.count()) == before


def test_a_duplicate_names_the_source_already_registered(client_api, edit_key, registry):
    bank = registry[0]
    response = client_api.post(
        URL, {"kind": "organisation", "name": "nordbank"}, format="json", **auth(edit_key)
    )
    assert f"#{bank.pk}" in response.json()["error"]["fields"]["name"][0]


def test_an_edit_key_changes_a_source_and_the_duplicate_rule_holds(client_api, edit_key, registry):
    bank, person, outlet = registry
    url = f"{URL}{person.pk}/"
    response = client_api.patch(
        url, {"role": "former chief economist", "affiliation": None}, format="json", **auth(edit_key)
    )
    assert response.status_code == 200, response.json()
    assert response.json()["role"] == "former chief economist" and response.json()["affiliation"] is None
    clash = client_api.patch(
        f"{URL}{outlet.pk}/", {"kind": "organisation", "name": "Nordbank"}, format="json", **auth(edit_key)
    )
    assert clash.status_code == 400 and "name" in clash.json()["error"]["fields"]
    assert Source.objects.get(pk=outlet.pk).name == "Coastal Herald"


def test_aliases_are_listed_added_and_removed(client_api, edit_key, registry):
    bank, person, _ = registry
    url = f"{URL}{bank.pk}/aliases/"
    added = client_api.post(url, {"name": "Nord Bank ASA", "language": "en"}, format="json", **auth(edit_key))
    assert added.status_code == 201, added.json()
    assert added.json()["source"] == bank.pk
    assert _names(client_api.get(url)) == ["Nord Bank ASA", "Нордбанк"]
    again = client_api.post(url, {"name": "nord bank asa"}, format="json", **auth(edit_key))
    assert again.status_code == 400 and "name" in again.json()["error"]["fields"]
    taken = client_api.post(
        f"{URL}{source_create(kind=SourceKind.ORGANISATION, name='Sørbank').pk}/aliases/",
        {"name": "NORDBANK"},
        format="json",
        **auth(edit_key),
    )
    assert taken.status_code == 400 and f"#{bank.pk}" in taken.json()["error"]["fields"]["name"][0]
    alias_id = added.json()["id"]
    assert client_api.delete(f"{url}{alias_id}/", **auth(edit_key)).status_code == 204
    assert not SourceAlias.objects.filter(pk=alias_id).exists()
    # An alias is reached only through its own source.
    other = SourceAlias.objects.get(name="Нордбанк")
    assert client_api.delete(f"{URL}{person.pk}/aliases/{other.pk}/", **auth(edit_key)).status_code == 404


def test_writes_need_an_edit_key(client_api, read_key, review_key, registry):
    bank = registry[0]
    body = {"kind": "person", "name": "Somebody"}
    assert client_api.post(URL, body, format="json").status_code == 401
    for key in (read_key, review_key):
        assert client_api.post(URL, body, format="json", **auth(key)).status_code == 403
        assert (
            client_api.patch(f"{URL}{bank.pk}/", {"role": "x"}, format="json", **auth(key)).status_code == 403
        )
        assert (
            client_api.post(f"{URL}{bank.pk}/aliases/", {"name": "x"}, format="json", **auth(key)).status_code
            == 403
        )
    assert not Source.objects.filter(name="Somebody").exists()
