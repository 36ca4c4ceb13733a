"""The admin's extract page and proposal form under bad or large input (issue 15: D6, D7, D21, D22)."""

from urllib.parse import urlencode

from django.test import Client
from django.urls import reverse

from claims.models import Claim
from extraction.models import ClaimProposal
from sources.models import Article
from tests.extraction.extraction_helpers import chain_form_data
from tests.factories import ArticleFactory

TEXT = (
    "Завод закроют в мае, отметили два источника.\n\nРабочих переведут на другие заводы, сообщили в компании."
)
EXTRACT = "admin:extraction_claimproposal_extract"


def _post_form(client, url, data):
    """As a browser sends a form: URL-encoded (each non-ASCII byte becomes three)."""
    return client.post(url, urlencode(data), content_type="application/x-www-form-urlencoded")


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _proposal(client):
    article = ArticleFactory(text=TEXT)
    client.post(reverse(EXTRACT), {"article": article.pk})
    return ClaimProposal.objects.filter(article=article).order_by("position").first()


def _form(proposal, chain: dict) -> dict:
    return {
        "text": "Завод закроют в мае.",
        "kind": "prediction",
        "span_start": proposal.span_start,
        "span_end": proposal.span_end,
        "entities": "",
        "_accept": "1",
        **chain,
    }


def test_d6_a_link_field_of_the_wrong_type_is_a_form_error_on_its_row(editor):
    # The chain was JSON typed by hand (D6: nesting 1,000 deep); now each link is a row of fields.
    client = _client(editor)
    proposal = _proposal(client)
    page = reverse("admin:extraction_claimproposal_change", args=[proposal.pk])
    chain = chain_form_data([{"kind": "outlet"}, {"kind": "unnamed", "count": "[[[[1]]]]"}])
    response = client.post(page, _form(proposal, chain))
    assert response.status_code == 200
    row = response.context["adminform"].form.chain_formset.forms[1]
    assert row.errors == {"count": ["Enter a whole number."]}
    assert not Claim.objects.exists()


def test_d22_a_chain_of_thousands_of_links_is_refused_in_the_admin(editor):
    client = _client(editor)
    proposal = _proposal(client)
    page = reverse("admin:extraction_claimproposal_change", args=[proposal.pk])
    chain = chain_form_data([{"kind": "outlet"}] + [{"kind": "unnamed", "count": 1}] * 30)
    assert "at most 30 links" in client.post(page, _form(proposal, chain)).content.decode()
    # A hand-made post claiming ten thousand rows: only 30 are ever built.
    chain["chain-TOTAL_FORMS"] = "10000"
    response = client.post(page, _form(proposal, chain))
    assert response.status_code == 200
    assert "at most 30 links" in response.content.decode()
    assert not Claim.objects.exists()


def test_d7_a_long_cyrillic_paste_gets_the_readable_limit_message(editor):
    # 600,000 Cyrillic characters are 7.2 MB URL-encoded, over Django's default 2.5 MB upload limit.
    response = _post_form(
        _client(editor),
        reverse(EXTRACT),
        {"text": "ж" * 600_000, "url": "https://news.example/long", "language": "ru"},
    )
    assert response.status_code == 200
    assert "the limit is 500,000" in response.content.decode()
    assert not Article.objects.exists()


def test_d7_a_body_beyond_any_form_gets_a_readable_page_not_a_bare_400(editor, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    response = _post_form(
        _client(editor), reverse(EXTRACT), {"text": "ж" * 200_000, "url": "https://news.example/x"}
    )
    assert response.status_code == 413
    assert "500,000 characters" in response.content.decode()
    assert not Article.objects.exists()


def test_d21_the_extract_page_searches_articles_instead_of_listing_them_all(editor):
    outlet = ArticleFactory().outlet
    for number in range(40):
        ArticleFactory(title=f"Plant story number {number}", outlet=outlet)
    client = _client(editor)
    page = client.get(reverse(EXTRACT)).content.decode()
    assert page.count("<option") < 10  # language choices, not one option per article
    assert "admin-autocomplete" in page

    found = client.get(
        reverse("admin:autocomplete"),
        {
            "term": "number 17",
            "app_label": "extraction",
            "model_name": "claimproposal",
            "field_name": "article",
        },
    )
    assert found.status_code == 200
    texts = [r["text"] for r in found.json()["results"]]
    assert str(Article.objects.get(title="Plant story number 17")) in texts
    assert len(texts) < 5
