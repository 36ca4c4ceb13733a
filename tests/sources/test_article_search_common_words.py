"""An any-word search leaves out words most articles have, as PostgreSQL's statistics count them."""

import pytest
from django.db import connection

from sources import selectors
from sources.models import Article


@pytest.fixture
def market_news(db):
    if connection.vendor != "postgresql":
        pytest.skip("uses PostgreSQL's statistics of the search index")
    rows = [
        Article(url=f"https://wire.example/{i}", language="en", title=f"Markets {i}",
                text="Shares in the market moved as traders watched the market open.")
        for i in range(300)
    ]  # fmt: skip
    rows += [
        Article(url="https://wire.example/huawei", language="en", title="Huawei Ascend",
                text="Huawei said its Ascend chips trail rivals; the market shrugged."),
        Article(url="https://wire.example/deepseek", language="en", title="DeepSeek R2",
                text="DeepSeek delayed R2 after training on Huawei hardware failed."),
    ]  # fmt: skip
    Article.objects.bulk_create(rows)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE sources_article")
    selectors.forget_common_lexemes()
    yield
    selectors.forget_common_lexemes()


def test_it_ranks_by_the_rare_words_and_skips_the_common_ones(market_news):
    found = selectors.article_search(query="Huawei market", language="en", match="any", limit=50)
    urls = set(Article.objects.filter(id__in=[pk for pk, _ in found]).values_list("url", flat=True))
    # "market" is in almost every article: keeping it would return all 302; the rare word decides.
    assert urls == {"https://wire.example/huawei", "https://wire.example/deepseek"}


def test_a_query_of_only_common_words_still_finds_them(market_news):
    found = selectors.article_search(query="market shares", language="en", match="any", limit=500)
    assert len(found) == 301


def test_an_all_words_search_is_unchanged(market_news):
    found = selectors.article_search(query="Huawei market", language="en", match="all", limit=50)
    assert [Article.objects.get(pk=pk).url for pk, _ in found] == ["https://wire.example/huawei"]
