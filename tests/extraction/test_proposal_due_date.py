"""Extraction proposes a prediction's due date from its own words, relative to the article's day."""

from datetime import UTC, date, datetime

import pytest

from claims.errors import ApplicationError
from extraction import services
from tests.factories import ArticleFactory, SourceFactory

TEXT = (
    "DeepSeek will release R2 by the end of 2025, the company said.\n\n"
    "Huawei sent engineers to DeepSeek's office last week."
)


@pytest.fixture
def article(db):
    return ArticleFactory(
        outlet=SourceFactory(name="Example Wire"),
        text=TEXT,
        language="en",
        published_at=datetime(2025, 8, 14, 9, 0, tzinfo=UTC),
    )


def test_it_proposes_a_due_date_for_a_prediction_and_none_for_a_fact(article, editor):
    proposals = services.proposals_create(article=article, actor=editor)
    by_kind = {p.payload["kind"]: p.payload for p in proposals}
    assert by_kind["prediction"]["due_at"] == "2025-12-31"
    assert all(p.payload["due_at"] is None for p in proposals if p.payload["kind"] != "prediction")


def test_accepting_keeps_the_due_date_and_the_editor_may_change_it(article, editor):
    proposal = next(
        p
        for p in services.proposals_create(article=article, actor=editor)
        if p.payload["kind"] == "prediction"
    )
    with pytest.raises(ApplicationError) as error:
        services.proposal_accept(
            proposal=proposal, actor=editor, payload={**proposal.payload, "due_at": "soon"}
        )
    assert "due_at" in error.value.fields
    claim = services.proposal_accept(
        proposal=proposal, actor=editor, payload={**proposal.payload, "due_at": "2026-01-15"}
    )
    assert claim.kind == "prediction" and claim.due_at == date(2026, 1, 15)
