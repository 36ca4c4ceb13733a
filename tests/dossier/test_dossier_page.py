"""The dossier page: permissions as the claim admin's, constant queries, escaped pictures, writes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import Evidence, ReviewState, Stance
from dossier.page import dossier_context
from dossier.selectors import dossier_get
from dossier.svg import fit, text_width

from .story import claim_with_evidence


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_it_renders_in_the_same_number_of_queries_for_3_and_30_evidence_rows(client, reviewer):
    small, large = claim_with_evidence(3, tag="small"), claim_with_evidence(30, tag="large")
    client.force_login(reviewer)
    url = lambda claim: reverse("dossier:claim", args=[claim.pk])  # noqa: E731
    _queries(client, url(small))  # warm the session and the content types
    assert _queries(client, url(small)) == _queries(client, url(large))
    assert Evidence.objects.filter(claim=large).count() == 30


def test_it_draws_every_evidence_row_once_and_groups_the_re_reports(db):
    claim = claim_with_evidence(30, tag="tree")
    context = dossier_context(dossier_get(claim_id=claim.pk))
    tree = str(context["tree_html"])
    for evidence in Evidence.objects.filter(claim=claim):
        assert tree.count(f'href="#evidence-{evidence.pk}"') == 1
    re_reports = (
        Evidence.objects.filter(claim=claim, independence="re_report").exclude(stance="refutes").count()
    )
    assert f"{re_reports} re-reports of Harbour Wire tree" in tree
    assert (
        "Denied by the subject (1)" in tree and "Refuted by" in tree and "Independent confirmations" in tree
    )
    assert "copy of article" in tree  # syndicated copies hang under their original
    assert str(context["timeline_html"]).startswith("<svg")


def test_it_escapes_what_it_draws(db):
    claim = claim_with_evidence(3, tag="esc")
    claim.summary_en = "<script>alert(1)</script> & friends"
    claim.save()
    tree = str(dossier_context(dossier_get(claim_id=claim.pk))["tree_html"])
    assert "<script>" not in tree and "&lt;script&gt;" in tree


def test_it_cuts_long_labels_to_their_box():
    label = fit("Financial Times " * 40, 300, 12)
    assert label.endswith("…") and text_width(label, 12) <= 300
    assert text_width("据英国《金融时报》报道", 12) > text_width("abcdefghijk", 12)


def test_it_lets_a_reviewer_reject_in_place_and_comes_back(client, reviewer):
    claim = claim_with_evidence(3, tag="rev")
    evidence = Evidence.objects.filter(claim=claim).first()
    client.force_login(reviewer)
    url = reverse("dossier:evidence_review", args=[claim.pk, evidence.pk])
    response = client.post(url, {"decision": "reject"})
    assert response.status_code == 302
    assert response["Location"] == reverse("dossier:claim", args=[claim.pk]) + f"#evidence-{evidence.pk}"
    evidence.refresh_from_db()
    assert evidence.review_state == ReviewState.REJECTED and evidence.decided_by == reviewer
    assert client.get(url).status_code == 405
    assert client.post(url, {"decision": "maybe"}).status_code == 400


def test_it_forbids_outsiders(client, outsider):
    claim = claim_with_evidence(3, tag="out")
    evidence = Evidence.objects.filter(claim=claim).first()
    client.force_login(outsider)
    assert client.get(reverse("dossier:claim", args=[claim.pk])).status_code == 403
    review = reverse("dossier:evidence_review", args=[claim.pk, evidence.pk])
    assert client.post(review, {"decision": "reject"}).status_code == 403
    verdict = reverse("dossier:verdict", args=[claim.pk])
    assert client.post(verdict, {"status": "false", "rationale": "x", "seen_version": 1}).status_code == 403
    evidence.refresh_from_db()
    assert evidence.review_state == ReviewState.PROPOSED


def test_it_shows_editors_the_dossier_without_the_verdict_form(client, editor):
    claim = claim_with_evidence(3, tag="ed")
    client.force_login(editor)
    page = client.get(reverse("dossier:claim", args=[claim.pk])).content.decode()
    assert "origin-tree" in page and 'id="verdict-form"' not in page


def test_it_records_a_verdict_on_the_version_seen_and_refuses_a_stale_one(client, reviewer):
    claim = claim_with_evidence(3, tag="ver")
    resting = Evidence.objects.filter(claim=claim, stance=Stance.SUPPORTS).first()
    client.force_login(reviewer)
    url = reverse("dossier:verdict", args=[claim.pk])
    form = {"status": "confirmed", "rationale": "Two independent reports.", "seen_version": claim.version}
    response = client.post(url, {**form, "evidence": [resting.pk]})
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == "confirmed"
    assert list(claim.verdicts.latest().evidence.all()) == [resting]
    stale = client.post(url, {**form, "status": "false"}, follow=True)
    assert "Someone else changed this claim" in stale.content.decode()
    claim.refresh_from_db()
    assert claim.status == "confirmed" and claim.verdicts.count() == 1


def test_it_asks_for_a_rationale_and_keeps_what_was_typed(client, reviewer):
    claim = claim_with_evidence(3, tag="why")
    client.force_login(reviewer)
    url = reverse("dossier:verdict", args=[claim.pk])
    response = client.post(url, {"status": "false", "rationale": " ", "seen_version": claim.version})
    assert response.status_code == 200
    assert "a decision needs a rationale" in response.content.decode()
    claim.refresh_from_db()
    assert claim.verdicts.count() == 0


@pytest.mark.parametrize("path", ["dossier:claim"])
def test_it_is_one_click_from_the_claim_list_and_page(client, reviewer, path):
    claim = claim_with_evidence(3, tag="nav")
    client.force_login(reviewer)
    target = reverse(path, args=[claim.pk])
    assert target in client.get(reverse("admin:claims_claim_changelist")).content.decode()
    assert target in client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()


def test_it_shows_a_claim_with_no_chain_and_no_evidence(client, reviewer):
    from tests.factories import ClaimFactory

    claim = ClaimFactory(made_at=None)
    client.force_login(reviewer)
    page = client.get(reverse("dossier:claim", args=[claim.pk])).content.decode()
    assert "origin-tree" in page and "No evidence yet" in page and "Nothing to draw yet" in page
    assert client.get(reverse("dossier:claim", args=[claim.pk + 1000])).status_code == 404
