"""Every write on the claim's admin page goes through a service: audited, numbered, refreshed."""

import pytest
from django.urls import reverse

from claims import services
from claims.errors import ApplicationError
from claims.models import (
    AttributionLink,
    AuditEntry,
    ChangeEntry,
    ChangeKind,
    Claim,
    CorroborationSummary,
    Evidence,
    ReviewState,
)
from sources.models import SourceKind
from tests.factories import ArticleFactory, ClaimFactory, EvidenceFactory, SourceFactory

LINK_FIELDS = ["position", "relation", "source", "source_kind", "count", "phrase", "quote"]


def _management(prefix: str, total: int = 0, initial: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def _page_data(claim: Claim, **overrides) -> dict:
    """The claim page's form as the browser would send it back unchanged."""
    claim = Claim.objects.get(pk=claim.pk)
    data = {
        "text": claim.text,
        "language": claim.language,
        "kind": claim.kind,
        "summary_en": claim.summary_en,
        "seen_version": str(claim.version),
    }
    links = list(claim.links.order_by("position"))
    data.update(_management("links", total=len(links), initial=len(links)))
    for i, link in enumerate(links):
        data[f"links-{i}-id"] = str(link.pk)
        data[f"links-{i}-claim"] = str(claim.pk)
        for name in LINK_FIELDS:
            value = getattr(link, "source_id" if name == "source" else name)
            data[f"links-{i}-{name}"] = "" if value is None else str(value)
    for prefix in ["appearances", "entities", "evidence", "verdicts"]:
        data.update(_management(prefix))
    data.update(overrides)
    return data


@pytest.fixture
def chained_claim(db, editor):
    outlet = SourceFactory(name="Вестник ИИ")
    return services.claim_create(
        text="Huawei sent engineers to DeepSeek",
        language="en",
        chain=[{"source": outlet.pk}, {"kind": SourceKind.UNNAMED, "count": 2, "phrase": "two sources"}],
        actor=editor,
    )


def _change_url(claim):
    return reverse("admin:claims_claim_change", args=[claim.pk])


# --- chain edits --------------------------------------------------------------------------------------


def test_editing_a_chain_is_audited_and_fed_as_a_chain_change(client, editor, chained_claim):
    ft = SourceFactory(name="Financial Times")
    client.force_login(editor)
    data = _page_data(chained_claim, **_management("links", total=3, initial=2))
    data.update({"links-2-position": "1", "links-2-relation": "citing", "links-2-source": str(ft.pk)})
    data.update({"links-1-position": "2", "links-2-source_kind": "", "links-2-phrase": ""})
    data.update({"links-2-count": "", "links-2-quote": ""})
    before = ChangeEntry.objects.count()

    response = client.post(_change_url(chained_claim), data)

    assert response.status_code == 302, response.content.decode()[:3000]
    claim = Claim.objects.get(pk=chained_claim.pk)
    assert claim.chain_display() == "Вестник ИИ ← Financial Times ← 2 unnamed sources — «two sources»"
    assert [link.position for link in claim.links.order_by("position")] == [0, 1, 2]
    entry = AuditEntry.objects.get(claim=claim, action="chain_changed", actor=editor)
    assert entry.changes == {
        "chain": [
            "Вестник ИИ ← 2 unnamed sources — «two sources»",
            "Вестник ИИ ← Financial Times ← 2 unnamed sources — «two sources»",
        ]
    }
    change = ChangeEntry.objects.get(seq__gt=before)  # exactly one new entry
    assert (change.claim_id_ref, change.action, change.kind) == (claim.pk, "chain_changed", ChangeKind.CHAIN)
    assert change.claim_version == claim.version == chained_claim.version + 1


def test_saving_the_page_unchanged_writes_nothing(client, editor, chained_claim):
    client.force_login(editor)
    entries = AuditEntry.objects.count()
    response = client.post(_change_url(chained_claim), _page_data(chained_claim))
    assert response.status_code == 302
    assert AuditEntry.objects.count() == entries
    assert Claim.objects.get(pk=chained_claim.pk).version == chained_claim.version


def test_deleting_a_link_renumbers_the_chain(client, editor, chained_claim):
    client.force_login(editor)
    data = _page_data(chained_claim, **{"links-1-DELETE": "on"})
    assert client.post(_change_url(chained_claim), data).status_code == 302
    claim = Claim.objects.get(pk=chained_claim.pk)
    assert claim.chain_display() == "Вестник ИИ"
    assert AuditEntry.objects.filter(claim=claim, action="chain_changed").count() == 1


def test_reordering_links_is_one_chain_change(client, editor, chained_claim):
    client.force_login(editor)
    swap = {"links-0-position": "1", "links-1-position": "0"}
    swap.update({"links-0-relation": "citing", "links-1-relation": "reported_by"})
    assert client.post(_change_url(chained_claim), _page_data(chained_claim, **swap)).status_code == 302
    claim = Claim.objects.get(pk=chained_claim.pk)
    assert claim.chain_display() == "2 unnamed sources — «two sources» ← Вестник ИИ"
    assert AuditEntry.objects.filter(claim=claim, action="chain_changed").count() == 1


def test_a_broken_chain_rule_is_a_form_error_on_its_row(client, editor, chained_claim):
    """No 500 and nothing written: the row says what to fix."""
    client.force_login(editor)
    data = _page_data(chained_claim, **{"links-1-phrase": "", "links-1-source_kind": "person"})
    data["links-1-count"] = ""
    response = client.post(_change_url(chained_claim), data)
    assert response.status_code == 200
    assert "A chain link needs a source or the verbatim attribution phrase" in response.content.decode()
    claim = Claim.objects.get(pk=chained_claim.pk)
    assert claim.chain_display() == "Вестник ИИ ← 2 unnamed sources — «two sources»"
    assert claim.version == chained_claim.version
    assert not AuditEntry.objects.filter(claim=claim, action="chain_changed").exists()


def test_the_services_field_errors_land_on_the_rows_they_name(client, editor, chained_claim, monkeypatch):
    """ApplicationError.fields from the chain service ("chain[1].kind") become that row's form errors."""

    def refuse(claim, chain):
        raise ApplicationError(
            "Please correct the errors below.",
            fields={"chain[1].kind": ["Not this kind."], "chain[7].phrase": ["No such row."]},
        )

    monkeypatch.setattr(services, "build_links", refuse)
    client.force_login(editor)
    response = client.post(_change_url(chained_claim), _page_data(chained_claim, **{"links-1-count": "3"}))
    assert response.status_code == 200
    chain_formset = next(
        f.formset for f in response.context["inline_admin_formsets"] if f.formset.model is AttributionLink
    )
    assert chain_formset.forms[1].errors["source_kind"] == ["Not this kind."]
    assert chain_formset.non_form_errors() == ["No such row."]
    assert Claim.objects.get(pk=chained_claim.pk).version == chained_claim.version


def test_a_stale_claim_page_is_a_conflict_and_saves_nothing(client, editor, chained_claim):
    client.force_login(editor)
    stale = _page_data(chained_claim, text="Edited text")
    services.claim_update(claim=chained_claim, actor=editor, summary_en="Someone else's summary")

    response = client.post(_change_url(chained_claim), stale)

    assert response.status_code == 200
    assert "This claim changed since you opened it" in response.content.decode()
    claim = Claim.objects.get(pk=chained_claim.pk)
    assert claim.text == "Huawei sent engineers to DeepSeek" and claim.summary_en == "Someone else's summary"


def test_editing_text_and_chain_together_audits_both(client, editor, chained_claim):
    client.force_login(editor)
    data = _page_data(chained_claim, text="Huawei sent ten engineers", **{"links-1-count": "3"})
    assert client.post(_change_url(chained_claim), data).status_code == 302
    claim = Claim.objects.get(pk=chained_claim.pk)
    assert claim.text == "Huawei sent ten engineers" and claim.version == chained_claim.version + 2
    actions = set(AuditEntry.objects.filter(claim=claim).values_list("action", flat=True))
    assert actions == {"claim_created", "claim_changed", "chain_changed"}


# --- appearances and entities -------------------------------------------------------------------------


def test_appearances_and_entities_are_set_through_services_and_refresh_nothing(
    client, editor, chained_claim, django_capture_on_commit_callbacks
):
    article = ArticleFactory(text="Huawei sent engineers to DeepSeek, sources said.")
    huawei = SourceFactory(name="Huawei", kind=SourceKind.ORGANISATION)
    client.force_login(editor)
    data = _page_data(
        chained_claim, **_management("appearances", total=1), **_management("entities", total=1)
    )
    data.update({"appearances-0-article": str(article.pk), "appearances-0-span_start": "0"})
    data.update({"appearances-0-span_end": "33", "entities-0-name": "Huawei"})
    data["entities-0-source"] = str(huawei.pk)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(_change_url(chained_claim), data)

    assert response.status_code == 302, response.content.decode()[:3000]
    assert callbacks == []  # no summary refresh: neither part bears on corroboration
    claim = Claim.objects.get(pk=chained_claim.pk)
    assert claim.appearances.get().quote == "Huawei sent engineers to DeepSeek"
    assert claim.entities.get().source == huawei
    entries = {e.action: e for e in AuditEntry.objects.filter(claim=claim, actor=editor)}
    assert entries["appearances_changed"].changes == {"appearances": [[], [f"{article.url} [0:33]"]]}
    assert entries["entities_changed"].changes == {"entities": [[], ["Huawei (Huawei)"]]}
    assert claim.version == chained_claim.version + 2
    fed = set(ChangeEntry.objects.filter(claim_id_ref=claim.pk).values_list("action", flat=True))
    assert {"appearances_changed", "entities_changed"} <= fed


# --- evidence on the claim's page ---------------------------------------------------------------------


def test_the_claim_page_shows_evidence_without_editable_fields(client, editor, reviewer):
    evidence = EvidenceFactory()
    for user in (editor, reviewer):
        client.force_login(user)
        response = client.get(_change_url(evidence.claim))
        html = response.content.decode()
        evidence_formset = next(
            f for f in response.context["inline_admin_formsets"] if f.formset.model is Evidence
        )
        assert not evidence_formset.has_add_permission and not evidence_formset.has_change_permission
        assert not evidence_formset.has_delete_permission
        for field in ["article", "stance", "independence", "origin", "passage_start", "DELETE"]:
            assert f'name="evidence-0-{field}"' not in html
        assert 'name="evidence-__prefix__-article"' not in html  # no "add another" row either
        review_url = reverse("admin:claims_claim_evidence_review", args=[evidence.claim_id, evidence.pk])
        assert f'formaction="{review_url}"' in html
        assert "test-matcher 1" in html  # provenance


@pytest.mark.parametrize(
    "decision, state", [("accept", ReviewState.ACCEPTED), ("reject", ReviewState.REJECTED)]
)
def test_a_reviewer_decides_on_evidence_from_the_claim_page(
    client, reviewer, decision, state, django_capture_on_commit_callbacks
):
    evidence = EvidenceFactory()
    other = ClaimFactory()
    client.force_login(reviewer)
    url = reverse("admin:claims_claim_evidence_review", args=[evidence.claim_id, evidence.pk])

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(url, {"decision": decision})

    assert response.status_code == 302 and response["Location"] == _change_url(evidence.claim)
    evidence.refresh_from_db()
    assert evidence.review_state == state and evidence.decided_by == reviewer
    entry = AuditEntry.objects.get(claim=evidence.claim, action=f"evidence_{decision}ed")
    assert entry.actor == reviewer
    change = ChangeEntry.objects.get(claim_id_ref=evidence.claim_id)
    assert change.kind == ChangeKind.EVIDENCE and change.action == f"evidence_{decision}ed"
    assert len(callbacks) == 1  # one refresh, of this claim's summary only
    assert CorroborationSummary.objects.filter(claim=evidence.claim).exists()
    assert not CorroborationSummary.objects.filter(claim=other).exists()


def test_an_outsider_cannot_decide_on_evidence(client, outsider, django_capture_on_commit_callbacks):
    evidence = EvidenceFactory()
    client.force_login(outsider)
    url = reverse("admin:claims_claim_evidence_review", args=[evidence.claim_id, evidence.pk])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(url, {"decision": "accept"})
    assert response.status_code == 403
    evidence.refresh_from_db()
    assert evidence.review_state == ReviewState.PROPOSED
    assert callbacks == [] and not AuditEntry.objects.exists() and not ChangeEntry.objects.exists()
    assert not CorroborationSummary.objects.exists()


def test_the_review_view_takes_only_a_post_for_that_claims_evidence(client, reviewer):
    evidence = EvidenceFactory()
    client.force_login(reviewer)
    url = reverse("admin:claims_claim_evidence_review", args=[evidence.claim_id, evidence.pk])
    assert client.get(url).status_code == 405
    assert client.post(url, {"decision": "maybe"}).status_code == 400
    elsewhere = reverse("admin:claims_claim_evidence_review", args=[ClaimFactory().pk, evidence.pk])
    assert client.post(elsewhere, {"decision": "accept"}).status_code == 404
    evidence.refresh_from_db()
    assert evidence.review_state == ReviewState.PROPOSED and not AuditEntry.objects.exists()


def test_the_review_view_is_csrf_protected(reviewer):
    from django.test import Client

    evidence = EvidenceFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(reviewer)
    url = reverse("admin:claims_claim_evidence_review", args=[evidence.claim_id, evidence.pk])
    assert client.post(url, {"decision": "accept"}).status_code == 403
    evidence.refresh_from_db()
    assert evidence.review_state == ReviewState.PROPOSED


def test_editing_evidence_by_hand_goes_through_the_service(client, editor):
    evidence = EvidenceFactory(scores={"score": 0.9})
    client.force_login(editor)
    url = reverse("admin:claims_evidence_change", args=[evidence.pk])
    data = {"stance": "refutes", "independence": "independent", "origin": "", "passage_start": ""}
    data["passage_end"] = ""
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    evidence.refresh_from_db()
    assert (evidence.stance, evidence.decided_by, evidence.component) == ("refutes", editor, "")
    assert evidence.review_state == ReviewState.ACCEPTED and evidence.scores == {"score": 0.9}
    assert AuditEntry.objects.get(action="evidence_changed").actor == editor


def test_the_summary_admin_speaks_plainly(client, reviewer, story):
    from corroboration.services import claim_corroborate

    claim_corroborate(claim=story.claim)
    client.force_login(reviewer)
    html = client.get(reverse("admin:claims_corroborationsummary_changelist")).content.decode()
    assert "Re-reports" in html and "Re report count" not in html
    summary = CorroborationSummary.objects.get(claim=story.claim)
    page = client.get(reverse("admin:claims_corroborationsummary_change", args=[summary.pk]))
    assert "Syndicated copies" in page.content.decode() and "Re report" not in page.content.decode()
