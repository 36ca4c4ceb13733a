"""One function finds or creates a Source: by name or alias and kind, never a duplicate."""

import pytest

from sources.models import Source, SourceAlias, SourceKind
from sources.services import outlet_get_or_create, source_get_or_create

pytestmark = pytest.mark.django_db


def test_finds_an_existing_source_by_an_alias_in_another_script_and_case():
    ft = Source.objects.create(kind=SourceKind.OUTLET, name="Financial Times")
    SourceAlias.objects.create(source=ft, name="Файнэншл таймс", language="ru")

    found, created = source_get_or_create(name="  файнэншл ТАЙМС ", kind=SourceKind.OUTLET)

    assert (found, created) == (ft, False)
    assert Source.objects.count() == 1


def test_creates_once_and_finds_the_same_source_the_second_time():
    nvidia = Source.objects.create(kind=SourceKind.ORGANISATION, name="Nvidia")
    first, created = source_get_or_create(
        name="Jensen Huang", kind=SourceKind.PERSON, role="CEO of Nvidia", affiliation=nvidia
    )
    again, created_again = source_get_or_create(name="JENSEN HUANG", kind=SourceKind.PERSON, role="other")

    assert created and not created_again and again == first
    assert (first.role, first.affiliation) == ("CEO of Nvidia", nvidia)
    assert Source.objects.filter(kind=SourceKind.PERSON).count() == 1


def test_the_kind_separates_sources_of_the_same_name_unless_other_kinds_may_match():
    outlet = outlet_get_or_create(name="Reuters")

    organisation, created = source_get_or_create(name="Reuters", kind=SourceKind.ORGANISATION)
    matched, matched_created = source_get_or_create(
        name="reuters",
        kind=SourceKind.ORGANISATION,
        match_kinds=[SourceKind.ORGANISATION, SourceKind.OUTLET],
    )

    assert created and organisation != outlet and organisation.kind == SourceKind.ORGANISATION
    assert not matched_created and matched == outlet  # the oldest match wins


def test_aliases_are_added_once_and_make_the_source_findable():
    deepseek, _ = source_get_or_create(
        name="DeepSeek", kind=SourceKind.ORGANISATION, aliases=[("Дипсик", "ru"), "DeepSeek AI"]
    )
    same, created = source_get_or_create(
        name="DeepSeek", kind=SourceKind.ORGANISATION, aliases=[("дипсик", "ru")]
    )

    assert same == deepseek and not created
    assert sorted(deepseek.aliases.values_list("name", "language")) == [("DeepSeek AI", ""), ("Дипсик", "ru")]
    assert source_get_or_create(name="Дипсик", kind=SourceKind.ORGANISATION)[0] == deepseek
