"""Evidence: read-only on the claim's page with Accept / Reject; added by hand on the Evidence page.

Every write is a service call: `evidence_review` for a decision, `evidence_upsert` for a link added or
changed by a person, so each is audited, numbered for the changes feed and refreshes the summary.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import Truncator

from .. import services
from ..models import Evidence, ReviewState
from .common import adopt

REVIEW_PERMISSION = "claims.change_evidence"


def why(obj: Evidence) -> str:
    scores = obj.scores or {}
    if not scores:
        return "—"
    parts = [f"score {scores.get('score', '')}"]
    if scores.get("stance_rule"):
        parts.append(f"stance by {scores['stance_rule']}")
    if scores.get("independence_reason"):
        parts.append(scores["independence_reason"])
    return "; ".join(parts)


def provenance(obj: Evidence) -> str:
    if obj.pk is None:
        return "—"
    who = obj.decided_by or f"{obj.component} {obj.component_version}".strip()
    return f"{who}, {obj.decided_at:%Y-%m-%d %H:%M}"


PASSAGE_SHOWN = 160


class EvidenceInline(admin.TabularInline):
    """Shown, never edited here: one compact row a link; a decision is a button (evidence_review),
    a new link is added on the Evidence page. The passage is cut short; the full text opens in place."""

    model = Evidence
    extra = 0
    can_delete = False
    fields = ["coverage", "reading", "origin_name", "passage_excerpt", "decision", "review"]
    readonly_fields = fields
    template = "admin/claims/claim/evidence_inline.html"
    verbose_name_plural = (
        "evidence (read-only here: accept or reject with the buttons; add with “Add evidence”)"
    )

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article__outlet", "origin", "decided_by")

    def get_formset(self, request, obj=None, **kwargs):
        # Inline instances are made per request, so this is this request's answer.
        self.can_review = request.user.has_perm(REVIEW_PERMISSION)
        return super().get_formset(request, obj, **kwargs)

    @admin.display(description="coverage")
    def coverage(self, obj: Evidence) -> str:
        if obj.pk is None:
            return "—"
        title = " ".join((obj.article.title or obj.article.url).split())
        outlet = obj.article.outlet.name if obj.article.outlet_id else ""
        return format_html(
            '<a href="{}" title="{}">{}</a>{}',
            reverse("admin:claims_evidence_change", args=[obj.pk]),
            title,
            Truncator(title).chars(70),
            format_html("<br><small>{}</small>", outlet) if outlet else "",
        )

    @admin.display(description="stance · independence")
    def reading(self, obj: Evidence) -> str:
        return format_html(
            "{}<br><small>{}</small>", obj.get_stance_display(), obj.get_independence_display()
        )

    @admin.display(description="origin")
    def origin_name(self, obj: Evidence) -> str:
        return obj.origin.name if obj.origin_id else "—"

    @admin.display(description="deciding passage")
    def passage_excerpt(self, obj: Evidence) -> str:
        text = " ".join((obj.passage or "").split())
        if not text:
            return "—"
        if len(text) <= PASSAGE_SHOWN:
            return text
        return format_html(
            '<details class="ct-passage"><summary title="{}">{}</summary>{}</details>',
            text,
            Truncator(text).chars(PASSAGE_SHOWN),
            text,
        )

    @admin.display(description="decision")
    def decision(self, obj: Evidence) -> str:
        if obj.pk is None:
            return "—"
        who = obj.decided_by or obj.component or "—"  # the component's version is in the hover text
        return format_html(
            '{}<br><small title="{}">{}, {}</small>',
            obj.get_review_state_display(),
            f"{provenance(obj)}; {why(obj)}",
            who,
            f"{obj.decided_at:%Y-%m-%d}",
        )

    @admin.display(description="review")
    def review(self, obj: Evidence) -> str:
        if obj.pk is None or not getattr(self, "can_review", False):
            return "—"
        # The buttons submit the page's form (and its CSRF token) to the review view, not to the claim.
        url = reverse("admin:claims_claim_evidence_review", args=[obj.claim_id, obj.pk])
        button = (
            '<button type="submit" formaction="{}" formmethod="post" name="decision" value="{}">{}</button>'
        )
        return format_html(
            "{} {}",
            format_html(button, url, "accept", "Accept") if obj.review_state != ReviewState.ACCEPTED else "",
            format_html(button, url, "reject", "Reject") if obj.review_state != ReviewState.REJECTED else "",
        )


class EvidenceReviewMixin:
    """ClaimAdmin's small view behind the Accept / Reject buttons."""

    def evidence_review_view(self, request, object_id, evidence_id):
        """POST only (admin_view adds the CSRF check); needs claims.change_evidence, else 403."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not request.user.has_perm(REVIEW_PERMISSION):
            raise PermissionDenied
        return _evidence_review(self, request, object_id, evidence_id)


def _evidence_review(model_admin, request, object_id, evidence_id):
    evidence = get_object_or_404(
        Evidence.objects.select_related("claim", "article"), pk=evidence_id, claim_id=object_id
    )
    decision = request.POST.get("decision")
    if decision not in ("accept", "reject"):
        return HttpResponseBadRequest("Say accept or reject.")
    services.evidence_review(evidence=evidence, accept=decision == "accept", actor=request.user)
    done = "Accepted" if decision == "accept" else "Rejected"
    model_admin.message_user(request, f"{done} evidence: {evidence.article}.", messages.SUCCESS)
    return HttpResponseRedirect(reverse("admin:claims_claim_change", args=[evidence.claim_id]))


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ["claim_short", "article_short", "stance", "independence", "review_state", "decided_on"]
    list_display_links = ["claim_short"]
    list_filter = ["stance", "independence", "review_state", "component"]
    search_fields = ["claim__text", "article__title", "article__url"]
    list_select_related = ["claim", "article", "decided_by"]
    autocomplete_fields = ["claim", "article", "origin"]
    fields = [
        "claim",
        "article",
        "stance",
        "independence",
        "origin",
        "passage_start",
        "passage_end",
        "passage",
        "review_state",
        "decided",
        "why_scores",
    ]
    readonly_fields = ["passage", "review_state", "decided", "why_scores"]
    actions = ["accept", "reject"]

    def get_readonly_fields(self, request, obj=None):
        # A link is one claim and one article: to link another, add another.
        return [*self.readonly_fields, "claim", "article"] if obj is not None else self.readonly_fields

    # Short columns: at full length the claim alone pushed the stance and state out of a 1,400-px window.
    @admin.display(description="claim", ordering="claim")
    def claim_short(self, obj: Evidence) -> str:
        return Truncator(str(obj.claim)).chars(60)

    @admin.display(description="article", ordering="article__title")
    def article_short(self, obj: Evidence) -> str:
        title = " ".join((obj.article.title or obj.article.url).split())
        return format_html('<span title="{}">{}</span>', title, Truncator(title).chars(50))

    @admin.display(description="decided", ordering="decided_at")
    def decided_on(self, obj: Evidence) -> str:
        return f"{obj.decided_by or obj.component}, {obj.decided_at:%Y-%m-%d}"

    @admin.display(description="decided by")
    def decided(self, obj: Evidence) -> str:
        return provenance(obj)

    @admin.display(description="why")
    def why_scores(self, obj: Evidence) -> str:
        return why(obj)

    @admin.action(description="Accept selected evidence links", permissions=["change"])
    def accept(self, request, queryset):
        for evidence in queryset:
            services.evidence_review(evidence=evidence, accept=True, actor=request.user)
        self.message_user(request, f"Accepted {queryset.count()} evidence link(s).", messages.SUCCESS)

    @admin.action(description="Reject selected evidence links (never proposed again)", permissions=["change"])
    def reject(self, request, queryset):
        for evidence in queryset:
            services.evidence_review(evidence=evidence, accept=False, actor=request.user)
        self.message_user(request, f"Rejected {queryset.count()} evidence link(s).", messages.SUCCESS)

    def save_model(self, request, obj, form, change):
        """A person's link: the service records them as its decider, accepted, audited."""
        saved = services.evidence_upsert(
            claim=obj.claim,
            article=obj.article,
            stance=obj.stance,
            independence=obj.independence,
            origin=obj.origin,
            passage_start=obj.passage_start,
            passage_end=obj.passage_end,
            scores=obj.scores if change else None,
            actor=request.user,
        )
        adopt(obj, saved)
