import pytest

from sources.selectors import article_search
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles():
    return {
        "ru": ArticleFactory(
            language="ru",
            title="DeepSeek отложила выпуск модели R2",
            text="Обучение на чипах Huawei Ascend закончилось неудачей, сообщают источники. Лян Вэньфэн недоволен.",
        ),
        "en": ArticleFactory(
            language="en",
            title="DeepSeek delays R2 after Huawei chip training setbacks",
            text="Training runs on Huawei's Ascend chips failed repeatedly, people familiar with the matter said.",
        ),
        "nvidia": ArticleFactory(
            language="en",
            title="Nvidia to share China revenue with Washington",
            text="Nvidia agreed to pay the US government a share of H20 chip revenue from China.",
        ),
        "weather": ArticleFactory(
            language="en", title="Storm warning", text="Heavy rain is expected on Friday."
        ),
    }


def test_it_finds_russian_inflected_forms(articles):
    # "чипы" (nominative) finds "чипах" (prepositional) through the Russian stemmer.
    assert [aid for aid, _ in article_search(query="чипы Huawei", language="ru")] == [articles["ru"].id]


def test_it_finds_english_inflected_forms_best_first(articles):
    results = article_search(query="Huawei chip training", language="en")
    ids = [aid for aid, _ in results]
    assert ids[0] == articles["en"].id
    assert articles["weather"].id not in ids
    ranks = [rank for _, rank in results]
    assert ranks == sorted(ranks, reverse=True) and all(rank > 0 for rank in ranks)


def test_it_matches_names_across_languages_without_a_language(articles):
    ids = {aid for aid, _ in article_search(query="DeepSeek")}
    assert ids == {articles["ru"].id, articles["en"].id}


def test_it_ranks_any_word_matches_for_long_texts(articles):
    claim = "Nvidia will share H20 revenue from China with the US Treasury"
    all_words = article_search(query=claim, language="en")
    any_word = article_search(query=claim, language="en", match="any")
    assert all_words == []  # no article mentions the Treasury
    assert any_word[0][0] == articles["nvidia"].id


def test_it_honours_the_limit_and_empty_queries(articles):
    assert len(article_search(query="DeepSeek", limit=1)) == 1
    assert article_search(query="   ") == []
    assert article_search(query="zzzunknownword") == []
