"""The admin for the three personas: editor, reviewer, outsider (staff in neither group)."""

import pytest
from django.contrib import admin
from django.urls import reverse

from claims.models import (
    AttributionLink,
    AuditEntry,
    ChangeEntry,
    Claim,
    Evidence,
    ReviewState,
    Verdict,
)
from demo.data import load_demo
from sources.models import SourceKind
from tests.factories import ArticleFactory, ClaimFactory, EvidenceFactory, SourceFactory

INLINE_PREFIXES = ["links", "appearances", "entities", "evidence", "verdicts"]


def _management(prefix: str, total: int = 0, initial: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def _claim_form(**overrides) -> dict:
    data = {"text": "Huawei sent engineers to DeepSeek", "language": "en", "kind": "fact", "summary_en": ""}
    for prefix in INLINE_PREFIXES:
        data.update(_management(prefix))
    data.update(overrides)
    return data


@pytest.fixture
def claim(db):
    return ClaimFactory()


# --- permission matrix -------------------------------------------------------------------------------

PAGES = [
    # (name, url builder, expected status for editor, reviewer, outsider)
    ("claim list", lambda c: reverse("admin:claims_claim_changelist"), (200, 200, 403)),
    ("claim add", lambda c: reverse("admin:claims_claim_add"), (200, 403, 403)),
    ("claim page", lambda c: reverse("admin:claims_claim_change", args=[c.pk]), (200, 200, 403)),
    ("claim history", lambda c: reverse("admin:claims_claim_history", args=[c.pk]), (200, 200, 403)),
    ("claim delete", lambda c: reverse("admin:claims_claim_delete", args=[c.pk]), (403, 403, 403)),
    ("verdict page", lambda c: reverse("admin:claims_claim_verdict", args=[c.pk]), (403, 200, 403)),
    ("verdict list", lambda c: reverse("admin:claims_verdict_changelist"), (200, 200, 403)),
    ("verdict add", lambda c: reverse("admin:claims_verdict_add"), (403, 403, 403)),
    ("evidence list", lambda c: reverse("admin:claims_evidence_changelist"), (200, 200, 403)),
    ("evidence add", lambda c: reverse("admin:claims_evidence_add"), (200, 403, 403)),
    ("audit list", lambda c: reverse("admin:claims_auditentry_changelist"), (200, 200, 403)),
    ("source add", lambda c: reverse("admin:sources_source_add"), (200, 403, 403)),
    ("article add", lambda c: reverse("admin:sources_article_add"), (200, 403, 403)),
]


@pytest.mark.parametrize("persona_index, persona", list(enumerate(["editor", "reviewer", "outsider"])))
@pytest.mark.parametrize("name, url, expected", PAGES, ids=[p[0] for p in PAGES])
def test_it_enforces_the_permission_matrix_on_pages(
    client, request, claim, persona_index, persona, name, url, expected
):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url(claim)).status_code == expected[persona_index]


def _run_action(client, action: str, claims, **extra):
    return client.post(
        reverse("admin:claims_claim_changelist"),
        {"action": action, "_selected_action": [c.pk for c in claims], **extra},
    )


@pytest.mark.parametrize("persona, allowed", [("editor", False), ("reviewer", True), ("outsider", False)])
def test_only_reviewers_can_record_verdicts_through_the_action(client, request, claim, persona, allowed):
    client.force_login(request.getfixturevalue(persona))
    response = _run_action(
        client,
        "verdict_confirmed",
        [claim],
        apply="1",
        status="confirmed",
        rationale="Two independent reports.",
        **{f"version_{claim.pk}": "1"},
    )
    assert Verdict.objects.filter(claim=claim).exists() is allowed
    if persona == "outsider":
        assert response.status_code == 403


@pytest.mark.parametrize("persona, allowed", [("editor", True), ("reviewer", True), ("outsider", False)])
def test_queue_corroboration_permissions(
    client, request, claim, persona, allowed, django_capture_on_commit_callbacks
):
    client.force_login(request.getfixturevalue(persona))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _run_action(client, "queue_corroboration", [claim])
    assert (len(callbacks) == 1) is allowed


@pytest.mark.parametrize("persona, allowed", [("editor", True), ("reviewer", True), ("outsider", False)])
@pytest.mark.parametrize(
    "action, state", [("accept", ReviewState.ACCEPTED), ("reject", ReviewState.REJECTED)]
)
def test_evidence_review_action_permissions(db, client, request, persona, allowed, action, state):
    evidence = EvidenceFactory()
    client.force_login(request.getfixturevalue(persona))
    client.post(
        reverse("admin:claims_evidence_changelist"), {"action": action, "_selected_action": [evidence.pk]}
    )
    evidence.refresh_from_db()
    assert (evidence.review_state == state) is allowed


@pytest.mark.parametrize("persona, allowed", [("editor", True), ("reviewer", False), ("outsider", False)])
def test_only_editors_can_edit_a_claim(client, request, claim, persona, allowed):
    client.force_login(request.getfixturevalue(persona))
    client.post(reverse("admin:claims_claim_change", args=[claim.pk]), _claim_form(text="Edited text"))
    assert (Claim.objects.get(pk=claim.pk).text == "Edited text") is allowed


# --- verdict workflow ----------------------------------------------------------------------------------


def test_the_verdict_action_asks_for_a_rationale_first(client, reviewer, claim):
    client.force_login(reviewer)
    page = _run_action(client, "verdict_disputed", [claim])
    assert page.status_code == 200
    assert (
        b"Record a verdict" in page.content
        and f'name="version_{claim.pk}" value="1"'.encode() in page.content
    )
    empty = _run_action(
        client,
        "verdict_disputed",
        [claim],
        apply="1",
        status="disputed",
        rationale="",
        **{f"version_{claim.pk}": "1"},
    )
    assert b"a decision needs a rationale" in empty.content
    assert not Verdict.objects.exists()
    _run_action(
        client,
        "verdict_disputed",
        [claim],
        apply="1",
        status="disputed",
        rationale="Huawei denied it.",
        **{f"version_{claim.pk}": "1"},
    )
    claim.refresh_from_db()
    assert claim.status == "disputed" and claim.current_verdict.rationale == "Huawei denied it."


def test_a_stale_verdict_form_reports_the_conflict_and_overwrites_nothing(
    client, reviewer, second_reviewer, claim
):
    client.force_login(second_reviewer)
    client.post(
        reverse("admin:claims_claim_verdict", args=[claim.pk]),
        {"apply": "1", "status": "confirmed", "rationale": "first", f"version_{claim.pk}": "1"},
    )
    client.force_login(reviewer)
    response = client.post(
        reverse("admin:claims_claim_verdict", args=[claim.pk]),
        {"apply": "1", "status": "false", "rationale": "second", f"version_{claim.pk}": "1"},
        follow=True,
    )
    assert "Someone else changed this claim" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == "confirmed" and claim.verdicts.count() == 1


# --- editing claims and chains --------------------------------------------------------------------------


def test_an_editor_adds_a_claim_with_its_chain_and_it_is_audited(client, editor):
    outlet = SourceFactory(name="Вестник ИИ")
    client.force_login(editor)
    data = _claim_form(**_management("links", total=2))
    data.update(
        {
            "links-0-position": "0",
            "links-0-relation": "reported_by",
            "links-0-source": str(outlet.pk),
            "links-0-source_kind": "",
            "links-0-phrase": "",
            "links-0-quote": "",
            "links-0-count": "",
            "links-1-position": "1",
            "links-1-relation": "citing",
            "links-1-source": "",
            "links-1-source_kind": SourceKind.UNNAMED,
            "links-1-count": "2",
            "links-1-phrase": "отметили два источника",
            "links-1-quote": "",
        }
    )
    response = client.post(reverse("admin:claims_claim_add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    claim = Claim.objects.get()
    assert claim.chain_display() == "Вестник ИИ ← 2 unnamed sources — «отметили два источника»"
    assert claim.created_by == editor
    actions = list(AuditEntry.objects.filter(claim=claim).values_list("action", flat=True))
    assert sorted(actions) == ["chain_changed", "claim_created"]


def test_a_bad_chain_link_is_a_form_error_and_nothing_is_saved(client, editor):
    person = SourceFactory(name="Liang Wenfeng", kind=SourceKind.PERSON)
    client.force_login(editor)
    data = _claim_form(**_management("links", total=1))
    data.update(
        {
            "links-0-position": "0",
            "links-0-relation": "said_by",
            "links-0-source": str(person.pk),
            "links-0-source_kind": "",
            "links-0-count": "3",
            "links-0-phrase": "",
            "links-0-quote": "",
        }
    )
    response = client.post(reverse("admin:claims_claim_add"), data)
    assert response.status_code == 200
    assert "Only an unnamed group has a count" in response.content.decode()
    assert Claim.objects.count() == 0 and AttributionLink.objects.count() == 0


def test_a_duplicate_article_url_is_a_form_error(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    response = client.post(
        reverse("admin:sources_article_add"),
        {"url": article.url, "title": "x", "language": "en", "text": "t", "byline": ""},
    )
    assert "An article with this URL is already stored" in response.content.decode()


def test_editor_adding_evidence_by_hand_records_the_person(client, editor, claim):
    """Evidence is added by hand on the Evidence page (the claim's page shows it read-only)."""
    article = ArticleFactory()
    client.force_login(editor)
    data = {
        "claim": str(claim.pk),
        "article": str(article.pk),
        "stance": "supports",
        "independence": "independent",
        "origin": "",
        "passage_start": "",
        "passage_end": "",
    }
    response = client.post(reverse("admin:claims_evidence_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    evidence = Evidence.objects.get(claim=claim)
    assert evidence.decided_by == editor and evidence.review_state == ReviewState.ACCEPTED
    assert evidence.component == ""
    entry = AuditEntry.objects.get(claim=claim, action="evidence_added")
    assert entry.actor == editor
    assert entry.changes["evidence"] == [None, f"{article.url}: supports, independent, accepted"]
    assert ChangeEntry.objects.filter(claim_id_ref=claim.pk, action="evidence_added").exists()


# --- every page renders ---------------------------------------------------------------------------------


def test_every_admin_page_renders_for_a_reviewer(client, reviewer, django_assert_max_num_queries):
    load_demo()
    client.force_login(reviewer)
    assert client.get(reverse("admin:index")).status_code == 200
    for model in admin.site._registry:
        opts = model._meta
        if not reviewer.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            continue
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        assert client.get(changelist).status_code == 200, changelist
        assert client.get(changelist, {"q": "Файнэншл"}).status_code == 200
        for obj in model.objects.all()[:3]:
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
            assert client.get(url).status_code == 200, url


def test_the_claim_list_shows_badges_chains_and_counts_in_constant_queries(
    client, reviewer, django_assert_max_num_queries
):
    load_demo()
    client.force_login(reviewer)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("admin:claims_claim_changelist"))
    html = response.content.decode()
    assert "Вестник ИИ ← Financial Times ← 2 unnamed sources" in html
    assert 'class="ct-badge"' in html and "Confirmed" in html


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"q": "Файнэншл таймс"}, 4),  # FT alias in Russian finds every claim citing the FT
        ({"status__exact": "confirmed"}, 2),
        ({"origin": "unnamed"}, 5),
        ({"source_kind": "person"}, 3),
        ({"language__exact": "en"}, 2),
    ],
)
def test_the_claim_list_filters_and_searches(client, reviewer, params, expected):
    load_demo()
    client.force_login(reviewer)
    response = client.get(reverse("admin:claims_claim_changelist"), params)
    assert response.context["cl"].result_count == expected


def test_queue_corroboration_runs_the_task_in_process_by_default(client, editor, claim):
    """The embedded default: the action's task runs in-process once the request's transaction commits."""
    EvidenceFactory(claim=claim, review_state=ReviewState.REJECTED)
    from corroboration.tasks import corroborate_claim

    result = corroborate_claim.delay(claim.pk).get()
    assert result["claim"] == claim.pk and "summary" in result


def test_the_verdict_page_records_the_evidence_relied_on(client, reviewer, claim):
    relied_on = EvidenceFactory(claim=claim)
    EvidenceFactory(claim=claim, review_state=ReviewState.REJECTED)
    client.force_login(reviewer)
    page = client.get(reverse("admin:claims_claim_verdict", args=[claim.pk]))
    assert len(page.context["form"].fields["evidence"].queryset) == 1  # a rejected link is not offered
    response = client.post(
        reverse("admin:claims_claim_verdict", args=[claim.pk]),
        {
            "apply": "1",
            "status": "confirmed",
            "rationale": "Independent report.",
            "evidence": [relied_on.pk],
            f"version_{claim.pk}": "1",
        },
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert list(claim.current_verdict.evidence.all()) == [relied_on]
    page = client.get(reverse("admin:claims_claim_change", args=[claim.pk]))
    assert "status: unreviewed → confirmed" in page.content.decode()
