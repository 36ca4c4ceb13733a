"""Claim search understands the registry's aliases: "Хуавэй" finds Huawei's claims, "Файнэншл таймс"
finds the FT's, whether the source is on the chain, among the entities, or only named in the text.
Runs on PostgreSQL (full-text) and on SQLite (every word)."""

import pytest
from rest_framework.test import APIClient

from api import services as api_services
from claims import services
from claims.models import Claim
from claims.selectors import claim_search
from sources.models import SourceAlias, SourceKind
from tests.factories import SourceFactory


@pytest.fixture
def world(db, editor):
    huawei = SourceFactory(name="Huawei", kind=SourceKind.ORGANISATION)
    SourceAlias.objects.create(source=huawei, name="Хуавэй", language="ru")
    ft = SourceFactory(name="Financial Times", kind=SourceKind.OUTLET)
    SourceAlias.objects.create(source=ft, name="Файнэншл таймс", language="ru")
    outlet = SourceFactory(name="Harbour Tribune", kind=SourceKind.OUTLET)

    def claim(text, *, chain=(), entities=()):
        return services.claim_create(
            text=text,
            language="en",
            chain=[{"source": outlet.pk}, *({"source": s.pk} for s in chain)],
            entities=list(entities),
            actor=editor,
        )

    return {
        "entity": claim(
            "Ascend shipments slipped to May", entities=[{"name": "Huawei", "source": huawei.pk}]
        ),
        "text": claim("Huawei cut prices of its accelerators"),
        "chain": claim("Training runs failed twice", chain=[ft]),
        # a bare entity name, no registry source: matched by the spellings the registry knows
        "ft_entity": claim("The newspaper corrected its report", entities=["Financial Times"]),
        "other": claim("Rain is expected in the north"),
    }


def _ids(claims) -> set[int]:
    return {c.pk for c in claims}


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("Хуавэй", {"entity", "text"}),
        ("хуавэй", {"entity", "text"}),  # folded case, Cyrillic too (SQLite's LIKE folds ASCII only)
        ("Файнэншл таймс", {"chain", "ft_entity"}),
        ("Huawei", {"entity", "text"}),
        ("accelerators", {"text"}),  # plain words still match the text
        ("nothing like this", set()),
    ],
)
def test_the_selector_expands_a_name_through_the_alias_table(world, term, expected):
    found = _ids(claim_search(Claim.objects.all(), term))
    assert found == {world[name].pk for name in expected}


def test_the_admin_search_box_finds_claims_by_an_alias_of_an_entity(world, client, editor):
    client.force_login(editor)
    for term, expected in [("Хуавэй", {"entity", "text"}), ("Файнэншл", {"chain", "ft_entity"})]:
        response = client.get("/admin/claims/claim/", {"q": term})
        assert response.status_code == 200
        shown = _ids(response.context["cl"].result_list)
        assert shown == {world[name].pk for name in expected}, term


def test_the_api_q_filter_finds_claims_by_an_alias(world, editor):
    _, raw = api_services.api_key_create(name="edit key", scope="edit", user=editor)
    api = APIClient()
    response = api.get("/api/v1/claims/", {"q": "Хуавэй"}, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200, response.json()
    assert {c["id"] for c in response.json()["results"]} == {world["entity"].pk, world["text"].pk}
