import pytest

from extraction.proposer import extract
from extraction.registry import MemoryRegistry, resolve
from tests.extraction.extraction_helpers import SEED, SEED_SKIP_REASON, registry_sources

pytestmark = pytest.mark.skipif(not SEED.exists(), reason=SEED_SKIP_REASON)


@pytest.fixture(scope="module")
def result():
    text = SEED.read_text(encoding="utf-8")
    return text, resolve(extract(text), MemoryRegistry(registry_sources()))


def _claim(result, phrase):
    text, out = result
    at = text.index(phrase)
    return next(c for c in out["claims"] if c["span"][0] <= at < c["span"][1])


def test_it_proposes_about_ten_claims(result):
    assert 9 <= len(result[1]["claims"]) <= 14


def test_it_cites_the_ft_with_two_unnamed_sources(result):
    chain = _claim(result, "Huawei направила на помощь")["chain"]
    assert [link["kind"] for link in chain] == ["outlet", "outlet", "unnamed"]
    assert chain[1]["source"]["name"] == "Financial Times" and chain[1]["source"]["id"]
    assert chain[2]["count"] == 2 and "два источника" in chain[2]["phrase"]


def test_it_resolves_the_paper_anaphora_to_the_ft(result):
    chain = _claim(result, "использовала чипы Nvidia")["chain"]
    assert chain[1]["source"]["name"] == "Financial Times" and chain[1]["phrase"] == "издания"


def test_it_names_the_expert_with_his_quote(result):
    claim = _claim(result, "Это вопрос времени")
    expert = claim["chain"][-1]
    assert expert["kind"] == "person" and expert["source"] == {"name": "Ритвик Гупта", "kind": "person"}
    assert "Калифорнийского университета" in expert["role"]
    assert "Это вопрос времени" in expert["quote"]
    assert _claim(result, "проблемы роста")["chain"][-1]["quote"] == "проблемы роста"


def test_it_attributes_the_ceo_statement_by_role(result):
    claim = _claim(result, "уступают американским")
    ceo = claim["chain"][-1]
    assert ceo["kind"] == "person" and ceo["source"] is None and ceo["role"] == "глава Huawei"
    assert claim["kind"] == "statement"


def test_it_marks_the_background_statement_as_the_outlets_own(result):
    claim = _claim(result, "Nvidia согласилась")
    # A chain of one link, the outlet's, is the outlet's own statement.
    assert [(link["kind"], link["relation"]) for link in claim["chain"]] == [("outlet", "reported_by")]
