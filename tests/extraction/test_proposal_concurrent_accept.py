import threading

import pytest
from django.db import connection

from claims.models import Claim
from extraction import services
from extraction.models import ClaimProposal
from tests.factories import ArticleFactory


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_it_makes_one_claim_when_two_editors_accept_at_once(editor):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: two concurrent transactions")
    article = ArticleFactory(text="The plant will close in May, two people familiar with the plans said.")
    proposal = services.proposals_create(article=article, actor=editor)[0]
    barrier = threading.Barrier(2)
    results, errors = [], []

    def accept():
        try:
            barrier.wait(timeout=10)
            claim = services.proposal_accept(proposal=ClaimProposal.objects.get(pk=proposal.pk), actor=editor)
            results.append(claim.pk)
        except Exception as exc:  # noqa: BLE001 - asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=accept) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == [] and len(results) == 2 and results[0] == results[1]
    assert Claim.objects.count() == 1
