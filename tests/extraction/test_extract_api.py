import pytest
from django.test import Client

from api import services as api_services
from extraction.models import ClaimProposal
from tests.factories import ArticleFactory, UserFactory

URL = "/api/v1/extract/"
TEXT = "The plant will close in May, two people familiar with the plans said."


def _client(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_it_extracts_from_text_for_an_editor(editor):
    response = _client(editor).post(URL, {"text": TEXT, "language": "en"}, content_type="application/json")
    assert response.status_code == 200
    claim = response.json()["claims"][0]
    assert claim["span"] == [0, 27] and claim["chain"][1]["count"] == 2


def test_it_takes_an_edit_key_and_refuses_read_and_review_keys(editor, reviewer):

    _, edit_secret = api_services.api_key_create(name="desk tool", scope="edit", user=editor)
    _, read_secret = api_services.api_key_create(name="reader", scope="read")
    ok = Client().post(
        URL, {"text": TEXT}, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {edit_secret}"
    )
    assert ok.status_code == 200, ok.content
    refused = Client().post(
        URL, {"text": TEXT}, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {read_secret}"
    )
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "permission_denied"


def test_it_refuses_anonymous_outsiders_and_non_staff(db, outsider):
    assert _client().post(URL, {"text": TEXT}, content_type="application/json").status_code == 401
    assert _client(outsider).post(URL, {"text": TEXT}, content_type="application/json").status_code == 403
    plain = UserFactory(username="plain", is_staff=False)
    assert _client(plain).post(URL, {"text": TEXT}, content_type="application/json").status_code == 403


@pytest.mark.parametrize(
    "body, field",
    [
        ({"text": ""}, "text"),
        ({"text": "abc\u0000def" * 20}, "text"),
        ({"text": TEXT, "language": "de"}, "language"),
        ({}, "__all__"),
        ({"text": TEXT, "url": "https://news.example/a"}, "__all__"),
        ({"url": "not a url"}, "url"),
        ({"text": TEXT, "save": True}, "save"),
    ],
)
def test_it_answers_bad_input_with_400_and_the_field(editor, body, field):
    response = _client(editor).post(URL, body, content_type="application/json")
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]


def test_it_stores_proposals_for_an_article(editor):
    article = ArticleFactory(text=TEXT)
    response = _client(editor).post(
        URL, {"article": article.pk, "save": True}, content_type="application/json"
    )
    assert response.status_code == 201
    assert len(response.json()["proposals"]) == 1 == ClaimProposal.objects.filter(article=article).count()


def test_it_extracts_from_a_stored_article_without_saving(editor):
    article = ArticleFactory(text=TEXT)
    response = _client(editor).post(URL, {"article": article.pk}, content_type="application/json")
    assert response.status_code == 200 and len(response.json()["claims"]) == 1
    assert not ClaimProposal.objects.exists()


def test_it_refuses_a_ten_megabyte_body_without_crashing(editor):
    body = '{"text": "' + "слово " * 1_800_000 + '"}'
    response = _client(editor).post(URL, body, content_type="application/json")
    # The API's body limit (1 MB) answers before the view reads the body.
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"
    assert not ClaimProposal.objects.exists()
