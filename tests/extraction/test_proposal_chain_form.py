"""The proposal page edits the chain as rows of fields, written back in the payload's chain shape."""

import pytest
from django.test import Client
from django.urls import reverse

from claims.models import Claim
from extraction.models import ClaimProposal, ProposalState
from sources.models import Source, SourceKind
from tests.extraction.extraction_helpers import chain_form_data
from tests.factories import ArticleFactory, SourceFactory

TEXT = "Huawei will ship the chips in May, two people familiar with the matter told the Harbour Tribune."


@pytest.fixture
def outlet(db):
    return SourceFactory(name="Harbour Tribune", kind=SourceKind.OUTLET)


@pytest.fixture
def proposal(outlet):
    article = ArticleFactory(text=TEXT, outlet=outlet)
    return ClaimProposal.objects.create(
        article=article,
        position=0,
        span_start=0,
        span_end=33,
        language="en",
        extractor_version="test",
        payload={
            "text": "Huawei will ship the chips in May",
            "kind": "prediction",
            "span": [0, 33],
            "entities": ["Huawei"],
            "chain": [
                {"kind": "outlet", "source": {"id": outlet.pk, "name": outlet.name, "kind": "outlet"}},
                {
                    "kind": "outlet",
                    "source": {"id": None, "name": "Nikkei Asia", "new": True},
                    "phrase": "Nikkei",
                },
                {
                    "kind": "unnamed",
                    "source": None,
                    "count": 2,
                    "phrase": "two people familiar with the matter",
                },
            ],
        },
    )


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _page(proposal):
    return reverse("admin:extraction_claimproposal_change", args=[proposal.pk])


def _form(proposal, links, **extra) -> dict:
    return {
        "text": proposal.payload["text"],
        "kind": proposal.payload["kind"],
        "due_at": "",
        "span_start": proposal.span_start,
        "span_end": proposal.span_end,
        "entities": "Huawei",
        **chain_form_data(links, initial=len(proposal.payload["chain"])),
        **extra,
    }


ROWS = [
    {"kind": "outlet", "relation": "reported_by"},  # source filled in by the test: the outlet's id
    {"kind": "outlet", "new_source": "Nikkei Asia", "phrase": "Nikkei"},
    {"kind": "unnamed", "count": 2, "phrase": "two people familiar with the matter"},
]


def test_the_page_shows_the_chain_as_rows_not_json(editor, proposal, outlet):
    response = _client(editor).get(_page(proposal))
    html = response.content.decode()
    assert 'name="chain"' not in html and "&quot;kind&quot;" not in html
    rows = response.context["adminform"].form.chain_formset.forms
    assert [row.initial["kind"] for row in rows[:3]] == ["outlet", "outlet", "unnamed"]
    assert rows[0].initial["source"] == outlet.pk and rows[1].initial["new_source"] == "Nikkei Asia"
    assert rows[2].initial["count"] == 2
    # The source box searches the registry; it is not a <select> of every source.
    assert "admin-autocomplete" in html
    assert "Harbour Tribune (outlet) ← Nikkei Asia (outlet, new source) — «Nikkei»" in html


def test_saved_rows_round_trip_to_the_chain_json(editor, proposal, outlet):
    rows = [{**ROWS[0], "source": outlet.pk}, ROWS[1], {**ROWS[2], "role": "engineers", "quote": "in May"}]
    response = _client(editor).post(_page(proposal), _form(proposal, rows, _continue="1"))
    assert response.status_code == 302, response.content.decode()[:3000]
    proposal.refresh_from_db()
    assert proposal.payload["chain"] == [
        {
            "relation": "reported_by",
            "kind": "outlet",
            "source": {"id": outlet.pk, "name": "Harbour Tribune", "kind": "outlet"},
            "count": None,
            "role": "",
            "phrase": "",
            "quote": "",
        },
        {
            "relation": "",
            "kind": "outlet",
            "source": {"name": "Nikkei Asia", "kind": "outlet"},
            "count": None,
            "role": "",
            "phrase": "Nikkei",
            "quote": "",
        },
        {
            "relation": "",
            "kind": "unnamed",
            "source": None,
            "count": 2,
            "role": "engineers",
            "phrase": "two people familiar with the matter",
            "quote": "in May",
        },
    ]
    assert proposal.state == ProposalState.PROPOSED
    # The saved rows read back as they were sent.
    again = _client(editor).get(_page(proposal)).context["adminform"].form.chain_formset.forms
    assert again[2].initial["role"] == "engineers" and again[1].initial["new_source"] == "Nikkei Asia"


def test_accepting_from_the_rows_creates_the_chain_and_the_new_source(editor, proposal, outlet):
    rows = [{**ROWS[0], "source": outlet.pk}, ROWS[1], ROWS[2]]
    response = _client(editor).post(_page(proposal), _form(proposal, rows, _accept="1"))
    assert response.status_code == 302, response.content.decode()[:3000]
    claim = Claim.objects.get()
    assert claim.chain_display() == (
        "Harbour Tribune ← Nikkei Asia ← 2 unnamed sources — «two people familiar with the matter»"
    )
    assert Source.objects.filter(name="Nikkei Asia", kind=SourceKind.OUTLET).exists()


def test_order_and_delete_rearrange_the_chain(editor, proposal, outlet):
    rows = [
        {**ROWS[0], "source": outlet.pk, "ORDER": 1},
        {**ROWS[1], "DELETE": True},
        {**ROWS[2], "ORDER": 3},
        {"kind": "person", "new_source": "Ivan Petrov", "role": "a Huawei engineer", "ORDER": 2},
    ]
    _client(editor).post(_page(proposal), _form(proposal, rows, _continue="1"))
    proposal.refresh_from_db()
    chain = proposal.payload["chain"]
    assert [(link["kind"], (link["source"] or {}).get("name")) for link in chain] == [
        ("outlet", "Harbour Tribune"),
        ("person", "Ivan Petrov"),
        ("unnamed", None),
    ]


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        ({"kind": "unnamed", "source": "OUTLET", "new_source": "Nikkei"}, "new_source", "not both"),
        ({"kind": "person", "source": "OUTLET"}, "kind", "is registered as outlet"),
        ({"kind": "outlet", "new_source": "Nikkei Asia", "count": 3}, "count", "Only an unnamed group"),
        ({"kind": "", "phrase": "sources said"}, "kind", "This field is required"),
        ({"kind": "unnamed", "count": 0}, "count", "greater than or equal to 1"),
    ],
)
def test_a_bad_link_is_a_field_error_on_its_row_and_nothing_is_saved(
    editor, proposal, outlet, row, field, message
):
    row = {k: (outlet.pk if v == "OUTLET" else v) for k, v in row.items()}
    before = dict(proposal.payload)
    rows = [{**ROWS[0], "source": outlet.pk}, row, ROWS[2]]
    response = _client(editor).post(_page(proposal), _form(proposal, rows, _accept="1"))
    assert response.status_code == 200
    errors = response.context["adminform"].form.chain_formset.forms[1].errors
    assert message in " ".join(errors[field]), errors
    assert "Please correct the chain links below." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.payload == before and proposal.state == ProposalState.PROPOSED
    assert not Claim.objects.exists()


def test_the_services_own_check_lands_on_the_field_it_names(editor, proposal, outlet):
    # The form cannot know the article's length; payload_clean does, and says so on "span end".
    rows = [{**ROWS[0], "source": outlet.pk}, ROWS[1], ROWS[2]]
    data = _form(proposal, rows, _accept="1", span_end=str(len(TEXT) + 50))
    response = _client(editor).post(_page(proposal), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "the article's length" in " ".join(errors["span_end"])
    assert not Claim.objects.exists()


def test_an_empty_chain_is_refused(editor, proposal):
    rows = [{**link, "DELETE": True} for link in ROWS]
    response = _client(editor).post(_page(proposal), _form(proposal, rows, _accept="1"))
    assert response.status_code == 200
    assert "needs at least the article" in response.content.decode()
    assert not Claim.objects.exists()


def test_the_source_box_finds_registry_sources_by_alias(editor, outlet):
    from sources.models import SourceAlias

    SourceAlias.objects.create(source=outlet, name="Харбор Трибюн", language="ru")
    response = _client(editor).get(
        "/admin/autocomplete/",
        {"app_label": "claims", "model_name": "attributionlink", "field_name": "source", "term": "Харбор"},
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Harbour Tribune"]
