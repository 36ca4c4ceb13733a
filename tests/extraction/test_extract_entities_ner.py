"""Entities with and without the optional natasha NER; the rules path must work without it."""

import pytest

from extraction import ner
from extraction.proposer import extract

TEXT = (
    "По мнению эксперта из Калифорнийского университета в Беркли Ритвика Гупты, Huawei переживает "
    "«проблемы роста» в Китае."
)


def test_it_finds_entities_by_rules_alone(settings):
    settings.EXTRACTION_NER = "off"
    assert not ner.enabled()
    claim = extract(TEXT).claims[0]
    assert "Huawei" in claim.entities
    assert claim.links[-1].name == "Ритвик Гупта"


def test_it_adds_natasha_entities_in_the_nominative_when_installed(settings):
    pytest.importorskip(
        "natasha", reason="natasha is optional (pip install .[ner]); rules-only path tested above"
    )
    settings.EXTRACTION_NER = "auto"
    claim = extract(TEXT).claims[0]
    assert "Китай" in claim.entities and "Huawei" in claim.entities
