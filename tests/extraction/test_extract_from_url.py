"""Extraction from a URL goes through the coverage fetcher: a real page on a local server, and the guard."""

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from api import services as api_services
from extraction.models import ClaimProposal
from sources.models import Article
from tests.sources.conftest import fixture_bytes
from tests.sources.webserver import LocalWeb, Reply


@pytest.fixture
def web(settings):
    settings.INGEST_ALLOW_LOOPBACK = True
    settings.INGEST_DOMAIN_DELAY = 0.0
    settings.INGEST_POLITENESS_REDIS_URL = ""
    settings.INGEST_TOTAL_TIMEOUT = 5.0
    server = LocalWeb()
    server.routes["/ru/deepseek"] = Reply(body=fixture_bytes("article_ru.html"))
    yield server
    server.close()


def test_the_command_fetches_the_page_and_stores_proposals(db, web, capsys):
    call_command("extract_claims", "--url", web.url("/ru/deepseek"))
    article = Article.objects.get(url=web.url("/ru/deepseek"))
    assert article.language == "ru" and article.text
    count = ClaimProposal.objects.filter(article=article).count()
    assert count >= 1
    assert f"{count} new proposal(s) stored for article {article.pk}" in capsys.readouterr().out


def test_the_api_fetches_a_url_for_an_edit_key(editor, web):

    _, secret = api_services.api_key_create(name="desk tool", scope="edit", user=editor)
    response = Client().post(
        "/api/v1/extract/",
        {"url": web.url("/ru/deepseek"), "save": True},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert response.status_code == 201, response.content
    assert response.json()["proposals"]


def test_a_refused_address_is_a_field_error_and_nothing_is_stored(editor, web, settings):
    settings.INGEST_ALLOW_LOOPBACK = False  # production: loopback is a private address
    client = Client()
    client.force_login(editor)
    response = client.post(
        "/api/v1/extract/", {"url": web.url("/ru/deepseek")}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "url" in response.json()["error"]["fields"]
    assert web.hits == []  # the guard refused before connecting
    assert not Article.objects.exists()
    with pytest.raises(CommandError, match="could not be fetched"):
        call_command("extract_claims", "--url", web.url("/ru/deepseek"))


def test_the_admin_extract_page_fetches_a_url_given_alone(client, editor, web):
    client.force_login(editor)
    response = client.post(
        reverse("admin:extraction_claimproposal_extract"), {"url": web.url("/ru/deepseek"), "language": ""}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ClaimProposal.objects.filter(article__url=web.url("/ru/deepseek")).exists()
