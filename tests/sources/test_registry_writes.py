"""The desk's registry writes: one source per name and kind, aliases that find it, bulk import that merges."""

import pytest

from sources.errors import RegistryError
from sources.models import Source, SourceAlias, SourceKind
from sources.services import (
    alias_add,
    outlet_domain_add,
    registry_import,
    source_create,
    source_resolve,
    source_update,
)

pytestmark = pytest.mark.django_db


def test_a_person_is_created_with_role_affiliation_and_aliases():
    person = source_create(
        kind=SourceKind.PERSON,
        name="  Ingrid   Solberg ",
        role="chief economist",
        affiliation="Nordbank",
        aliases=["Ингрид Сольберг", ("I. Solberg", "en")],
    )
    assert person.name == "Ingrid Solberg" and person.role == "chief economist"
    assert person.affiliation.name == "Nordbank" and person.affiliation.kind == SourceKind.ORGANISATION
    assert sorted(person.aliases.values_list("name", "language")) == [
        ("I. Solberg", "en"),
        ("Ингрид Сольберг", ""),
    ]


def test_a_duplicate_by_folded_name_or_alias_is_refused_naming_the_source():
    bank = source_create(kind=SourceKind.ORGANISATION, name="Nordbank", aliases=["Nord Bank ASA"])
    for name in ("NORDBANK", "nord  bank asa"):
        with pytest.raises(RegistryError) as err:
            source_create(kind=SourceKind.ORGANISATION, name=name)
        assert f"#{bank.pk}" in err.value.fields["name"][0]
    # Another kind may share the name (an outlet and a company called alike).
    assert source_create(kind=SourceKind.OUTLET, name="Nordbank").kind == SourceKind.OUTLET
    assert Source.objects.filter(kind=SourceKind.ORGANISATION).count() == 1


def test_an_alias_of_another_source_of_the_kind_is_refused_and_its_own_name_is_not_an_alias():
    one = source_create(kind=SourceKind.PERSON, name="Ola Nord")
    two = source_create(kind=SourceKind.PERSON, name="Kari Nord")
    with pytest.raises(RegistryError, match="another source"):
        alias_add(source=two, name="ola nord")
    with pytest.raises(RegistryError):
        alias_add(source=one, name="OLA NORD")
    alias_add(source=one, name="O. Nord", language="en")
    with pytest.raises(RegistryError):
        alias_add(source=one, name="o. nord")
    assert SourceAlias.objects.count() == 1


def test_an_update_keeps_the_duplicate_rule_and_refuses_a_person_as_affiliation():
    source_create(kind=SourceKind.PERSON, name="Ola Nord")
    kari = source_create(kind=SourceKind.PERSON, name="Kari Nord")
    with pytest.raises(RegistryError) as err:
        source_update(source=kari, name="Ola  Nord")
    assert "name" in err.value.fields
    with pytest.raises(RegistryError) as err:
        source_update(source=kari, affiliation=kari.pk)
    assert "affiliation" in err.value.fields
    updated = source_update(source=kari, role="mayor", affiliation="Tallbay Council")
    assert (updated.role, updated.affiliation.name) == ("mayor", "Tallbay Council")
    assert Source.objects.get(pk=kari.pk).name == "Kari Nord"


def test_resolving_a_name_prefers_the_exact_name_then_the_links_kind():
    org = source_create(kind=SourceKind.ORGANISATION, name="Tallbay Port", aliases=["The Port"])
    outlet = source_create(kind=SourceKind.OUTLET, name="The Port")
    assert source_resolve(name="the port", kind=SourceKind.ORGANISATION).source == org
    assert source_resolve(name="the port", kind=SourceKind.PERSON).source == outlet  # exact name wins
    found = source_resolve(name="tallbay port", kind=SourceKind.OUTLET)
    assert (found.source, found.how) == (org, "name")
    new = source_resolve(name="Per Vik", kind=SourceKind.PERSON, role="harbour master")
    assert new.created and new.source.role == "harbour master"
    assert source_resolve(name="PER VIK", kind=SourceKind.PERSON).how == "name"


def test_a_domain_belongs_to_one_outlet():
    herald = source_create(kind=SourceKind.OUTLET, name="Coastal Herald")
    other = source_create(kind=SourceKind.OUTLET, name="Bay Times")
    assert (
        outlet_domain_add(source=herald, domain="WWW.Coastal-Herald.example").domain
        == "coastal-herald.example"
    )
    with pytest.raises(RegistryError, match="another outlet"):
        outlet_domain_add(source=other, domain="coastal-herald.example")
    with pytest.raises(RegistryError):
        outlet_domain_add(source=source_create(kind=SourceKind.PERSON, name="P"), domain="p.example")


def test_an_import_creates_merges_and_reports_bad_rows_and_is_idempotent():
    existing = source_create(kind=SourceKind.ORGANISATION, name="Nordbank")
    rows = [
        {"kind": "person", "name": "Ingrid Solberg", "role": "chief economist", "affiliation": "Nordbank",
         "aliases": "Ингрид Сольберг@ru|I. Solberg"},
        {"kind": "org", "name": "NORDBANK", "description": "A lender.", "aliases": ["Nord Bank ASA"]},
        {"kind": "outlet", "name": "Coastal Herald", "domains": "coastal-herald.example"},
        {"kind": "martian", "name": "Zork"},
        {"kind": "person", "name": ""},
        {"kind": "person", "name": "X", "colour": "red"},
        "not JSON: Expecting value",
    ]  # fmt: skip
    report = registry_import(rows)
    assert [r.status for r in report] == [
        "created",
        "merged",
        "created",
        "failed",
        "failed",
        "failed",
        "failed",
    ]
    assert report[1].source_id == existing.pk
    assert "kind" in report[3].message and "name" in report[4].message and "colour" in report[5].message
    person = Source.objects.get(name="Ingrid Solberg")
    assert person.affiliation == existing and person.aliases.get(name="Ингрид Сольберг").language == "ru"
    existing.refresh_from_db()
    assert existing.description == "A lender." and existing.aliases.filter(name="Nord Bank ASA").exists()
    count = (Source.objects.count(), SourceAlias.objects.count())

    again = registry_import(rows[:3])

    assert [r.status for r in again] == ["unchanged", "unchanged", "unchanged"]
    assert (Source.objects.count(), SourceAlias.objects.count()) == count


def test_an_import_never_overwrites_what_the_desk_set():
    source_create(kind=SourceKind.PERSON, name="Per Vik", role="harbour master")
    [row] = registry_import([{"kind": "person", "name": "per vik", "role": "fisherman"}])
    assert row.status == "unchanged" and Source.objects.get(name="Per Vik").role == "harbour master"


def _admin_add(admin_client, **fields):
    data = {"kind": "organisation", "name": "", "role": "", "reliability": "", "description": ""}
    for prefix in ("aliases", "domains"):
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    return admin_client.post("/admin/sources/source/add/", data | fields)


def test_the_admin_refuses_a_duplicate_name_of_the_same_kind(admin_client):
    bank = source_create(kind=SourceKind.ORGANISATION, name="Nordbank", aliases=["Nord Bank ASA"])
    response = _admin_add(admin_client, name="nord bank  asa")
    assert (
        response.status_code == 200 and f"#{bank.pk}" in response.context["adminform"].form.errors["name"][0]
    )
    assert _admin_add(admin_client, name="Sørbank").status_code == 302
    assert Source.objects.filter(kind=SourceKind.ORGANISATION).count() == 2
