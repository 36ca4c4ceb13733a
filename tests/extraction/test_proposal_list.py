"""The proposal list: kind labels as the claim list shows them, and accept/reject messages that count
only what changed."""

from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from claims.models import Claim
from extraction.models import ClaimProposal
from tests.factories import ArticleFactory

LIST = "admin:extraction_claimproposal_changelist"


def _proposal(kind: str, position: int = 0) -> ClaimProposal:
    article = ArticleFactory(text="The plant will close in May, two sources said. Workers will move.")
    return ClaimProposal.objects.create(
        article=article,
        position=position,
        span_start=0,
        span_end=27,
        language="en",
        extractor_version="test",
        payload={
            "text": "The plant will close in May",
            "kind": kind,
            "span": [0, 27],
            "entities": [],
            "chain": [{"kind": "outlet", "source": None}],
        },
    )


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_list_shows_kind_labels_not_raw_kinds(editor):
    _proposal("fact"), _proposal("prediction")
    html = _client(editor).get(reverse(LIST)).content.decode()
    assert '<td class="field-kind">Fact / event</td>' in html
    assert '<td class="field-kind">Prediction</td>' in html
    assert '<td class="field-kind">fact</td>' not in html


def test_accepting_an_accepted_proposal_again_says_nothing_changed(editor):
    proposal = _proposal("fact")
    client = _client(editor)
    first = client.post(reverse(LIST), {"action": "accept", "_selected_action": [proposal.pk]}, follow=True)
    assert _messages(first) == ["Accepted 1 proposal: 1 claim created."]

    again = client.post(reverse(LIST), {"action": "accept", "_selected_action": [proposal.pk]}, follow=True)

    assert _messages(again) == ["1 proposal was already accepted; nothing changed."]
    assert Claim.objects.count() == 1


def test_a_mixed_selection_counts_only_the_new_acceptances(editor):
    done, fresh = _proposal("fact"), _proposal("fact")
    client = _client(editor)
    client.post(reverse(LIST), {"action": "accept", "_selected_action": [done.pk]}, follow=True)

    response = client.post(
        reverse(LIST), {"action": "accept", "_selected_action": [done.pk, fresh.pk]}, follow=True
    )

    assert _messages(response) == [
        "Accepted 1 proposal: 1 claim created.",
        "1 proposal was already accepted; nothing changed.",
    ]
    assert Claim.objects.count() == 2


def test_rejecting_a_rejected_proposal_again_says_nothing_changed(editor):
    proposal = _proposal("fact")
    client = _client(editor)
    client.post(reverse(LIST), {"action": "reject", "_selected_action": [proposal.pk]}, follow=True)
    response = client.post(
        reverse(LIST), {"action": "reject", "_selected_action": [proposal.pk]}, follow=True
    )
    assert _messages(response) == ["1 proposal was already rejected; nothing changed."]
