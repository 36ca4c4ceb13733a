import pytest

from claims import services
from claims.errors import ApplicationError
from claims.models import AttributionLink, AuditEntry, Claim
from sources.models import SourceKind
from tests.factories import ArticleFactory, SourceFactory


def test_it_creates_a_claim_with_its_chain_appearance_and_audit_entry(editor):
    outlet = SourceFactory(name="Вестник ИИ")
    ft = SourceFactory(name="Financial Times")
    article = ArticleFactory(outlet=outlet, text="Об этом пишет FT со ссылкой на два источника.")
    claim = services.claim_create(
        text="DeepSeek перенесла R2",
        language="ru",
        chain=[
            {"source": outlet},
            {"source": ft, "phrase": "пишет FT"},
            {"kind": SourceKind.UNNAMED, "count": 2, "phrase": "со ссылкой на два источника"},
        ],
        appearances=[{"article": article, "span_start": 0, "span_end": 10}],
        entities=["DeepSeek", "deepseek", "R2"],
        actor=editor,
    )
    assert (
        claim.chain_display()
        == "Вестник ИИ ← Financial Times ← 2 unnamed sources — «со ссылкой на два источника»"
    )
    assert claim.origin().count == 2
    assert [link.relation for link in claim.links.all()] == ["reported_by", "citing", "citing"]
    assert claim.appearances.get().quote == "Об этом пи"
    assert sorted(claim.entities.values_list("name", flat=True)) == ["DeepSeek", "R2"]
    entry = AuditEntry.objects.get(claim=claim)
    assert entry.actor == editor and entry.action == "claim_created"
    assert entry.changes["chain"][1] == claim.chain_display()


@pytest.mark.parametrize(
    "link, field, message",
    [
        (
            {"kind": SourceKind.PERSON, "count": 2, "phrase": "said"},
            "chain[1].count",
            "Only an unnamed group",
        ),
        (
            {"kind": SourceKind.UNNAMED},
            "chain[1].phrase",
            "needs a source or the verbatim attribution phrase",
        ),
        ({"phrase": "somebody said"}, "chain[1].kind", "Say what kind of source"),
    ],
)
def test_it_rejects_a_bad_chain_link_and_saves_nothing(editor, link, field, message):
    outlet = SourceFactory()
    with pytest.raises(ApplicationError) as err:
        services.claim_create(
            text="X happened", language="en", chain=[{"source": outlet}, link], actor=editor
        )
    assert field in err.value.fields
    assert message in " ".join(err.value.fields[field])
    assert Claim.objects.count() == 0 and AttributionLink.objects.count() == 0


def test_it_rejects_a_named_source_given_the_wrong_kind(editor):
    person = SourceFactory(kind=SourceKind.PERSON, name="Liang Wenfeng")
    with pytest.raises(ApplicationError) as err:
        services.claim_create(
            text="X", language="en", chain=[{"source": person, "kind": SourceKind.OUTLET}], actor=editor
        )
    assert "registered as person" in err.value.fields["chain[0].source_kind"][0]


def test_it_rejects_an_empty_claim_text(editor):
    with pytest.raises(ApplicationError) as err:
        services.claim_create(text="   ", language="en", actor=editor)
    assert "text" in err.value.fields


def test_it_rejects_a_span_past_the_end_of_the_article(editor):
    article = ArticleFactory(text="short")
    with pytest.raises(ApplicationError) as err:
        services.claim_create(
            text="X",
            language="en",
            appearances=[{"article": article, "span_start": 0, "span_end": 50}],
            actor=editor,
        )
    assert "has only 5 characters" in err.value.fields["appearances[0].span_end"][0]
    assert Claim.objects.count() == 0


def test_it_replaces_a_chain_atomically_and_audits_it(editor):
    outlet, ft = SourceFactory(name="Outlet"), SourceFactory(name="FT")
    claim = services.claim_create(text="X", language="en", chain=[{"source": outlet}], actor=editor)
    with pytest.raises(ApplicationError):
        services.chain_set(
            claim=claim,
            chain=[{"source": outlet}, {"kind": SourceKind.PERSON, "count": 3, "phrase": "p"}],
            actor=editor,
        )
    assert Claim.objects.get(pk=claim.pk).chain_display() == "Outlet"
    services.chain_set(claim=claim, chain=[{"source": outlet}, {"source": ft}], actor=editor, seen_version=1)
    claim.refresh_from_db()
    assert claim.chain_display() == "Outlet ← FT" and claim.version == 2
    assert AuditEntry.objects.filter(claim=claim, action="chain_changed").get().changes == {
        "chain": ["Outlet", "Outlet ← FT"]
    }


def test_it_updates_claim_fields_with_an_audit_diff(editor):
    claim = services.claim_create(text="Old text", language="en", actor=editor)
    services.claim_update(claim=claim, actor=editor, seen_version=1, text="New text")
    entry = AuditEntry.objects.get(claim=claim, action="claim_changed")
    assert entry.changes == {"text": ["Old text", "New text"]}
    with pytest.raises(ApplicationError):
        services.claim_update(claim=claim, actor=editor, status="confirmed")
