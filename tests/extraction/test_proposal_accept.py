import pytest

from claims.errors import ConflictError, NotAllowed
from claims.models import AttributionLink, Claim
from extraction import services
from extraction.models import ClaimProposal, ProposalState
from sources.models import Source, SourceAlias, SourceKind
from tests.factories import ArticleFactory, SourceFactory

TEXT = (
    "Завод «Север» закроют в мае. Об этом пишет FT со ссылкой на два источника.\n\n"
    "«Это вынужденная мера», — сказал директор завода Иван Петров."
)


@pytest.fixture
def article(db):
    ft = SourceFactory(name="Financial Times")
    SourceAlias.objects.create(source=ft, name="FT")
    return ArticleFactory(outlet=SourceFactory(name="Вестник ИИ"), text=TEXT, language="ru")


def test_it_stores_proposals_once_per_passage(article, editor):
    first = services.proposals_create(article=article, actor=editor)
    again = services.proposals_create(article=article, actor=editor)
    assert len(first) == 2 and again == []
    assert ClaimProposal.objects.filter(article=article, state=ProposalState.PROPOSED).count() == 2


def test_it_accepts_a_proposal_into_a_claim_with_chain_span_and_corroboration(
    article, editor, django_capture_on_commit_callbacks
):
    proposal = services.proposals_create(article=article, actor=editor)[0]
    with django_capture_on_commit_callbacks() as callbacks:
        claim = services.proposal_accept(proposal=proposal, actor=editor)
    assert claim.chain_display() == "Вестник ИИ ← Financial Times ← 2 unnamed sources — «два источника»"
    appearance = claim.appearances.get()
    assert appearance.quote == "Завод «Север» закроют в мае" and appearance.article == article
    assert len(callbacks) == 1  # corroboration queued on commit
    proposal.refresh_from_db()
    assert (
        proposal.state == ProposalState.ACCEPTED and proposal.claim == claim and proposal.decided_by == editor
    )


def test_it_does_not_duplicate_when_accepted_twice(article, editor):
    proposal = services.proposals_create(article=article, actor=editor)[0]
    first = services.proposal_accept(proposal=proposal, actor=editor)
    second = services.proposal_accept(proposal=ClaimProposal.objects.get(pk=proposal.pk), actor=editor)
    assert first == second and Claim.objects.count() == 1


def test_it_creates_a_proposed_source_only_on_accept(article, editor):
    proposals = services.proposals_create(article=article, actor=editor)
    quote = proposals[1]
    assert quote.payload["chain"][-1]["source"] == {"name": "Иван Петров", "kind": "person"}
    assert not Source.objects.filter(name="Иван Петров").exists()
    claim = services.proposal_accept(proposal=quote, actor=editor)
    person = Source.objects.get(name="Иван Петров")
    assert person.kind == SourceKind.PERSON and "директор завода" in person.role
    assert claim.origin().source == person and claim.origin().quote == "Это вынужденная мера"


def test_it_accepts_an_edited_proposal(article, editor):
    proposal = services.proposals_create(article=article, actor=editor)[0]
    payload = {**proposal.payload, "text": "Завод «Север» закроют в мае 2026 года.", "kind": "prediction"}
    payload["chain"] = payload["chain"][:2]
    claim = services.proposal_accept(proposal=proposal, actor=editor, payload=payload)
    assert claim.text == "Завод «Север» закроют в мае 2026 года." and claim.kind == "prediction"
    assert claim.links.count() == 2


def test_it_saves_nothing_when_an_edit_is_bad(article, editor):
    proposal = services.proposals_create(article=article, actor=editor)[0]
    payload = {**proposal.payload, "span": [5, 10_000], "chain": [{"kind": "martian"}]}
    with pytest.raises(Exception) as err:
        services.proposal_accept(proposal=proposal, actor=editor, payload=payload)
    assert {"span", "chain[0].kind"} <= set(err.value.fields)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PROPOSED
    assert Claim.objects.count() == 0 and AttributionLink.objects.count() == 0


def test_it_rejects_and_then_refuses_to_accept(article, editor):
    proposal = services.proposals_create(article=article, actor=editor)[0]
    services.proposal_reject(proposal=proposal, actor=editor)
    with pytest.raises(ConflictError):
        services.proposal_accept(proposal=proposal, actor=editor)
    assert Claim.objects.count() == 0


def test_it_lets_only_editors_accept(article, editor, reviewer, outsider):
    proposal = services.proposals_create(article=article, actor=editor)[0]
    for person in (reviewer, outsider):
        with pytest.raises(NotAllowed):
            services.proposal_accept(proposal=proposal, actor=person)
    assert Claim.objects.count() == 0


def test_it_accepts_a_shouted_headline_without_overlong_entities(editor):
    text = ("BREAKING " * 80).strip() + " THE PLANT WILL CLOSE IN MAY, TWO SOURCES SAID."
    article = ArticleFactory(text=text)
    proposal = services.proposals_create(article=article, actor=editor)[0]
    claim = services.proposal_accept(proposal=proposal, actor=editor)
    assert all(len(name) <= 300 for name in claim.entities.values_list("name", flat=True))
