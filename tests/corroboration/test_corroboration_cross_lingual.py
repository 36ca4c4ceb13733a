import pytest

from claims.models import Evidence
from claims.services import claim_create
from corroboration.services import claim_corroborate


@pytest.mark.django_db
def test_it_finds_english_coverage_for_a_russian_claim(story, encoder):
    claim = claim_create(
        text="Хуавэй направила инженеров в DeepSeek, но обучить модель R2 на чипах Ascend так и не удалось",
        language="ru",
    )  # no English summary: only the text, the registry's aliases and (if installed) embeddings

    claim_corroborate(claim=claim)

    found = set(Evidence.objects.filter(claim=claim).values_list("article_id", flat=True))
    assert {story.articles["ft"].pk, story.articles["nikkei"].pk} <= found
    assert story.articles["unrelated"].pk not in found


@pytest.mark.django_db
def test_it_finds_russian_coverage_for_an_english_claim(story, encoder):
    claim = claim_create(
        text="Liang Wenfeng is unhappy with the progress of DeepSeek's R2 model", language="en"
    )

    claim_corroborate(claim=claim)

    found = set(Evidence.objects.filter(claim=claim).values_list("article_id", flat=True))
    assert (
        story.articles["technovosti"].pk in found
    )  # "Основатель компании Лян Вэньфэн недоволен ходом работ"
    assert story.articles["unrelated"].pk not in found
