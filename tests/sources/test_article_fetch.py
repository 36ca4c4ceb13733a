import pytest

from sources.errors import BlockedAddress, PermanentFetchError, TransientFetchError
from sources.models import Article, Fetch, FetchStatus
from sources.services import article_fetch, article_store
from tests.sources.conftest import fixture_bytes
from tests.sources.webserver import Reply

pytestmark = pytest.mark.django_db


def test_it_fetches_a_russian_page_into_an_article(web):
    url = web.route("/ru/deepseek-r2", Reply(body=fixture_bytes("article_ru.html")))

    article = article_fetch(url=url)

    assert article.title == "DeepSeek отложила выпуск модели R2 из-за проблем с чипами Huawei"
    assert article.byline == "Анна Воронцова"
    assert article.language == "ru"
    assert article.text.startswith("Китайский разработчик")
    assert "Популярное" not in article.text
    fetch = Fetch.objects.get(url=url)
    assert fetch.status == FetchStatus.DONE and fetch.article == article and fetch.body is None


def test_it_reads_a_cp1251_page_served_with_a_wrong_charset_header(web):
    html = fixture_bytes("article_ru.html").decode("utf-8").replace('<meta charset="utf-8">', "")
    url = web.route("/cp", Reply(body=html.encode("cp1251"), content_type="text/html; charset=utf-8"))

    article = article_fetch(url=url)

    assert "Лян Вэньфэн" in article.text
    assert article.language == "ru"


def test_it_stores_one_article_for_two_urls_with_the_same_canonical_url(web):
    web.route("/2025/08/14/deepseek-r2-delay", Reply(body=fixture_bytes("article_en.html")))
    web.route("/amp/deepseek", Reply(body=fixture_bytes("article_en.html")))  # names the same canonical URL

    first = article_fetch(url=web.url("/2025/08/14/deepseek-r2-delay?utm_campaign=x#comments"))
    second = article_fetch(url=web.url("/amp/deepseek"))

    assert first == second
    assert first.url == web.url("/2025/08/14/deepseek-r2-delay")
    assert Article.objects.count() == 1


def test_it_records_the_same_text_under_another_url_as_a_copy_of_the_first(web):
    html = fixture_bytes("article_en.html").replace(
        b'<link rel="canonical" href="/2025/08/14/deepseek-r2-delay">', b""
    )
    web.route("/original", Reply(body=html))
    web.route("/syndicated", Reply(body=html))

    original = article_fetch(url=web.url("/original"))
    copy = article_fetch(url=web.url("/syndicated"))

    assert copy != original
    assert copy.copy_of == original and original.copy_of is None
    assert copy.content_hash == original.content_hash
    third, created = article_store(url="https://mirror.example/x", text=original.text + "\n")
    assert created and third.copy_of == original


@pytest.mark.parametrize(
    ("reply", "error", "reason"),
    [
        (Reply(status=404, body=b"no"), PermanentFetchError, "HTTP 404"),
        (Reply(body=b"%PDF-1.4", content_type="application/pdf"), PermanentFetchError, "application/pdf"),
        (Reply(body=b"<html><body><nav>Home</nav></body></html>"), PermanentFetchError, "no article text"),
        (Reply(status=503), TransientFetchError, "HTTP 503"),
    ],
)
def test_it_raises_a_readable_reason_and_records_the_failed_fetch(web, reply, error, reason):
    url = web.route("/page", reply)

    with pytest.raises(error, match=reason):
        article_fetch(url=url)

    fetch = Fetch.objects.get(url=url)
    assert reason in fetch.last_error
    assert fetch.status in (FetchStatus.FAILED, FetchStatus.RETRYING)
    assert Article.objects.count() == 0


def test_it_refuses_a_private_url_and_records_why():
    with pytest.raises(PermanentFetchError, match="169.254.169.254 is a link-local address"):
        article_fetch(url="http://169.254.169.254/latest/meta-data/")
    fetch = Fetch.objects.get()
    assert fetch.status == FetchStatus.FAILED and fetch.attempts == 1
    assert "link-local" in fetch.last_error


def test_it_refuses_a_non_http_url_before_recording_anything():
    with pytest.raises(BlockedAddress):
        article_fetch(url="file:///etc/passwd")
    assert Fetch.objects.count() == 0


def test_it_returns_the_stored_article_without_fetching_again(web):
    url = web.route("/ru/deepseek-r2", Reply(body=fixture_bytes("article_ru.html")))
    first = article_fetch(url=url)
    assert article_fetch(url=url) == first
    assert len(web.hits_for("/ru/deepseek-r2")) == 1
