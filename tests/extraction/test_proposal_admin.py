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


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_it_extracts_pasted_text_and_lists_the_proposals(editor):
    client = _client(editor)
    response = client.post(
        reverse("admin:extraction_claimproposal_extract"),
        {"text": TEXT, "url": "https://news.example/plant", "language": "ru"},
    )
    assert response.status_code == 302
    article = Article.objects.get(url="https://news.example/plant")
    assert ClaimProposal.objects.filter(article=article).count() == 2
    listing = client.get(response["Location"])
    assert "Завод закроют в мае" in listing.content.decode()


def test_it_saves_no_article_when_the_pasted_text_is_bad(editor):
    response = _client(editor).post(
        reverse("admin:extraction_claimproposal_extract"),
        {"text": "\x01\x02\x03" * 50 + "abc", "url": "https://news.example/x"},
    )
    assert response.status_code == 200 and "binary" in response.content.decode()
    assert not Article.objects.exists()


def test_it_accepts_and_rejects_from_the_list(editor):
    article = ArticleFactory(text=TEXT)
    client = _client(editor)
    client.post(reverse("admin:extraction_claimproposal_extract"), {"article": article.pk})
    first, second = ClaimProposal.objects.filter(article=article).order_by("position")
    url = reverse("admin:extraction_claimproposal_changelist")
    client.post(url, {"action": "accept", "_selected_action": [first.pk]})
    client.post(url, {"action": "accept", "_selected_action": [first.pk]})
    client.post(url, {"action": "reject", "_selected_action": [second.pk]})
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.state, second.state) == ("accepted", "rejected")
    assert Claim.objects.count() == 1


def test_it_accepts_an_edited_proposal_from_its_page(editor):
    article = ArticleFactory(text=TEXT)
    client = _client(editor)
    client.post(reverse("admin:extraction_claimproposal_extract"), {"article": article.pk})
    proposal = ClaimProposal.objects.filter(article=article).order_by("position").first()
    page = reverse("admin:extraction_claimproposal_change", args=[proposal.pk])
    assert "Save and accept" in client.get(page).content.decode()
    form = {
        "text": "Завод закроют в мае 2026 года.",
        "kind": "prediction",
        "span_start": proposal.span_start,
        "span_end": proposal.span_end,
        "entities": "Завод",
        "_accept": "1",
        **chain_form_data([{"kind": "outlet"}]),
    }
    client.post(page, form)
    claim = Claim.objects.get()
    assert claim.text == "Завод закроют в мае 2026 года." and claim.kind == "prediction"


def test_it_keeps_outsiders_out(outsider):
    response = _client(outsider).get(reverse("admin:extraction_claimproposal_extract"))
    assert response.status_code == 403
