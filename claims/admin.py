"""The editors' and reviewers' desk. Every write goes through claims.services."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Subquery
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from sources.models import Source, SourceKind

from . import selectors, services
from .errors import ApplicationError, ConflictError
from .models import (
    DECIDED_STATUSES,
    Appearance,
    AttributionLink,
    AuditEntry,
    Claim,
    ClaimEntity,
    ClaimStatus,
    CorroborationSummary,
    Evidence,
    ReviewState,
    Verdict,
)

STATUS_COLOURS = {
    ClaimStatus.UNREVIEWED: "#6b7280",
    ClaimStatus.IN_REVIEW: "#2563eb",
    ClaimStatus.CONFIRMED: "#15803d",
    ClaimStatus.DISPUTED: "#b45309",
    ClaimStatus.MISLEADING: "#c2410c",
    ClaimStatus.FALSE: "#b91c1c",
    ClaimStatus.UNVERIFIABLE: "#7c3aed",
    ClaimStatus.RETRACTED: "#374151",
}


def status_badge(status: str) -> str:
    return format_html(
        '<span class="ct-badge" style="background:{};color:#fff;padding:2px 8px;border-radius:10px;'
        'white-space:nowrap;font-size:11px">{}</span>',
        STATUS_COLOURS.get(status, "#6b7280"),
        ClaimStatus(status).label,
    )


def describe_changes(changes: dict) -> str:
    """One line per changed field: "status: unreviewed → confirmed"."""
    lines = []
    for field, (old, new) in changes.items():
        lines.append(f"{field}: {new}" if old in (None, "") else f"{field}: {old} → {new}")
    return format_html_join("", "<div>{}</div>", ((line,) for line in lines))


# --- list filters -------------------------------------------------------------------------------------


class NeedsRereviewFilter(admin.SimpleListFilter):
    """The reviewer queue: decided claims that got new independent refuting evidence."""

    title = "re-review"
    parameter_name = "rereview"

    def lookups(self, request, model_admin):
        return [("yes", "Needs re-review")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(corroboration__needs_rereview=True)
        return queryset


class OutletFilter(admin.SimpleListFilter):
    title = "outlet"
    parameter_name = "outlet"

    def lookups(self, request, model_admin):
        outlets = Source.objects.filter(kind=SourceKind.OUTLET, attributions__isnull=False).distinct()
        return [(str(s.pk), s.name) for s in outlets]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(links__source_id=self.value()).distinct()
        return queryset


class SourceKindFilter(admin.SimpleListFilter):
    title = "source kind in chain"
    parameter_name = "source_kind"

    def lookups(self, request, model_admin):
        return SourceKind.choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(
                Exists(AttributionLink.objects.filter(claim=OuterRef("pk"), source_kind=self.value()))
            )
        return queryset


class UnnamedOriginFilter(admin.SimpleListFilter):
    title = "origin"
    parameter_name = "origin"

    def lookups(self, request, model_admin):
        return [("unnamed", "Unnamed sources only"), ("named", "Named origin")]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        deepest_kind = Subquery(
            AttributionLink.objects.filter(claim=OuterRef("pk"))
            .order_by("-position")
            .values("source_kind")[:1]
        )
        queryset = queryset.annotate(origin_kind=deepest_kind)
        if self.value() == "unnamed":
            return queryset.filter(origin_kind=SourceKind.UNNAMED)
        return queryset.exclude(origin_kind=SourceKind.UNNAMED).exclude(origin_kind=None)


# --- inlines ------------------------------------------------------------------------------------------


class AttributionLinkForm(forms.ModelForm):
    class Meta:
        model = AttributionLink
        fields = ["position", "relation", "source", "source_kind", "count", "phrase", "quote"]
        widgets = {"quote": forms.Textarea(attrs={"rows": 2, "cols": 40})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source_kind"].required = False
        self.fields["source_kind"].help_text = "Leave empty to take the kind of the chosen source."

    def clean(self):
        data = super().clean()
        source = data.get("source")
        if source is not None and not data.get("source_kind"):
            data["source_kind"] = source.kind
            self.instance.source_kind = source.kind
        elif source is None and not data.get("source_kind"):
            self.add_error("source_kind", "Say what kind of source this is, or choose a source.")
        return data


class AttributionLinkInline(admin.TabularInline):
    model = AttributionLink
    form = AttributionLinkForm
    extra = 0
    ordering = ["position"]
    autocomplete_fields = ["source"]
    verbose_name = "attribution link (0 = outermost)"
    verbose_name_plural = "attribution chain — outermost (the article's outlet) first"


class AppearanceInline(admin.TabularInline):
    model = Appearance
    extra = 0
    autocomplete_fields = ["article"]
    fields = ["article", "span_start", "span_end", "quote"]
    readonly_fields = ["quote"]


class ClaimEntityInline(admin.TabularInline):
    model = ClaimEntity
    extra = 0
    autocomplete_fields = ["source"]


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    autocomplete_fields = ["article", "origin"]
    fields = [
        "article",
        "stance",
        "independence",
        "origin",
        "passage_start",
        "passage_end",
        "review_state",
        "provenance",
        "passage_excerpt",
        "why",
    ]
    readonly_fields = ["review_state", "provenance", "passage_excerpt", "why"]

    @admin.display(description="deciding passage")
    def passage_excerpt(self, obj: Evidence) -> str:
        return obj.passage[:300] or "—"

    @admin.display(description="why")
    def why(self, obj: Evidence) -> str:
        scores = obj.scores or {}
        if not scores:
            return "—"
        parts = [f"score {scores.get('score', '')}"]
        if scores.get("stance_rule"):
            parts.append(f"stance by {scores['stance_rule']}")
        if scores.get("independence_reason"):
            parts.append(scores["independence_reason"])
        return "; ".join(parts)

    @admin.display(description="decided by")
    def provenance(self, obj: Evidence) -> str:
        if obj.pk is None:
            return "—"
        who = obj.decided_by or f"{obj.component} {obj.component_version}".strip()
        return f"{who}, {obj.decided_at:%Y-%m-%d %H:%M}"


class VerdictInline(admin.TabularInline):
    model = Verdict
    extra = 0
    can_delete = False
    fields = ["created_at", "badge", "rationale", "reviewer", "organisation", "claim_version"]
    readonly_fields = fields
    ordering = ["-created_at", "-id"]
    verbose_name_plural = "verdict history (newest first)"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="status")
    def badge(self, obj: Verdict) -> str:
        return status_badge(obj.status)


# --- the verdict form (intermediate page) --------------------------------------------------------------


class VerdictForm(forms.Form):
    status = forms.ChoiceField(choices=ClaimStatus.choices)
    rationale = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5, "cols": 80}),
        required=False,
        help_text="Required for every decision (confirmed, disputed, false, …): what does it rest on?",
    )
    evidence = forms.ModelMultipleChoiceField(
        queryset=Evidence.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The evidence this verdict rests on.",
    )

    def __init__(self, *args, claims: list[Claim], **kwargs):
        super().__init__(*args, **kwargs)
        if len(claims) == 1:
            self.fields["evidence"].queryset = (
                claims[0].evidence.exclude(review_state=ReviewState.REJECTED).select_related("article")
            )
        else:
            del self.fields["evidence"]  # evidence is per claim: choose it on one claim's page

    def clean(self):
        data = super().clean()
        if data.get("status") in DECIDED_STATUSES and not (data.get("rationale") or "").strip():
            self.add_error("rationale", "Say why: a decision needs a rationale.")
        return data


def _make_verdict_action(status: ClaimStatus):
    def action(modeladmin, request, queryset):
        return modeladmin.verdict_page(request, list(queryset), initial_status=status)

    action.__name__ = f"verdict_{status.value}"
    return admin.action(description=f"Mark selected claims as “{status.label}”…", permissions=["verdict"])(
        action
    )


# --- claims -------------------------------------------------------------------------------------------


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["short_text", "badge", "chain", "evidence_count", "language", "kind", "made_at"]
    list_filter = [
        "status",
        NeedsRereviewFilter,
        OutletFilter,
        SourceKindFilter,
        UnnamedOriginFilter,
        "language",
        "kind",
        ("made_at", admin.DateFieldListFilter),
    ]
    search_fields = [
        "text",
        "summary_en",
        "links__phrase",
        "links__source__name",
        "links__source__aliases__name",
    ]
    date_hierarchy = "made_at"
    list_per_page = 50
    fields = [
        "text",
        "language",
        "summary_en",
        "kind",
        "made_at",
        "badge",
        "version",
        "corroboration_summary",
        "audit_trail",
    ]
    readonly_fields = ["badge", "version", "corroboration_summary", "audit_trail"]
    inlines = [AttributionLinkInline, AppearanceInline, ClaimEntityInline, EvidenceInline, VerdictInline]
    actions = [
        _make_verdict_action(ClaimStatus.IN_REVIEW),
        _make_verdict_action(ClaimStatus.CONFIRMED),
        _make_verdict_action(ClaimStatus.DISPUTED),
        _make_verdict_action(ClaimStatus.MISLEADING),
        _make_verdict_action(ClaimStatus.FALSE),
        _make_verdict_action(ClaimStatus.UNVERIFIABLE),
        _make_verdict_action(ClaimStatus.RETRACTED),
        "queue_corroboration",
    ]
    change_form_template = "admin/claims/claim/change_form.html"

    def get_queryset(self, request):
        return selectors.claim_list_for_admin()

    def has_verdict_permission(self, request):
        return request.user.has_perm("claims.add_verdict")

    def has_queue_corroboration_permission(self, request):
        return request.user.has_perm("claims.queue_corroboration")

    # -- columns

    @admin.display(description="claim", ordering="text")
    def short_text(self, obj: Claim) -> str:
        return str(obj)

    @admin.display(description="status", ordering="status")
    def badge(self, obj: Claim) -> str:
        return status_badge(obj.status)

    @admin.display(description="attribution chain")
    def chain(self, obj: Claim) -> str:
        return obj.chain_display()

    @admin.display(description="evidence", ordering="evidence_count")
    def evidence_count(self, obj: Claim) -> int:
        return obj.evidence_count

    @admin.display(description="corroboration")
    def corroboration_summary(self, obj: Claim) -> str:
        summary = CorroborationSummary.objects.filter(claim=obj).first() if obj.pk else None
        if summary is None:
            return "Not checked yet: use “Queue corroboration”."
        re_reports = ", ".join(f"{n} of {origin}" for origin, n in summary.re_reports.items()) or "none"
        return format_html(
            "{}<b>Suggested credibility {}</b> ({})<br>Independent supporting origins: {}<br>"
            "Refuting origins: {}<br>Denied by: {}<br>Re-reports: {}; syndicated copies: {}; same outlet: {}"
            "<br>Last check: {} <small>(machine suggestion, not a verdict)</small>",
            format_html('<p style="color:#b91c1c"><b>Needs re-review:</b> {}</p>', summary.rereview_reason)
            if summary.needs_rereview
            else "",
            summary.suggested_grade,
            summary.grade_reason,
            summary.names(summary.supporting_origins),
            summary.names(summary.refuting_origins),
            summary.names(summary.denials),
            re_reports,
            summary.syndicated_count,
            summary.same_outlet_count,
            f"{summary.last_checked_at:%Y-%m-%d %H:%M}" if summary.last_checked_at else "never",
        )

    @admin.display(description="audit trail")
    def audit_trail(self, obj: Claim) -> str:
        entries = obj.audit_entries.select_related("actor")[:20] if obj.pk else []
        if not entries:
            return "—"
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    f"{e.at:%Y-%m-%d %H:%M:%S}",
                    e.actor or "system",
                    e.action.replace("_", " "),
                    describe_changes(e.changes),
                )
                for e in entries
            ),
        )
        return format_html(
            "<table><tr><th>when</th><th>who</th><th>what</th><th>changes</th></tr>{}</table>", rows
        )

    # -- writes through the services

    def save_model(self, request, obj, form, change):
        if not change:
            created = services.claim_create(
                actor=request.user,
                **{name: form.cleaned_data.get(name) for name in services.CLAIM_EDITABLE_FIELDS},
            )
            obj.pk, obj.version, obj.created_at = created.pk, created.version, created.created_at
            obj._state.adding = False
            obj._state.db = created._state.db
            return
        changed = {
            name: form.cleaned_data[name]
            for name in form.changed_data
            if name in services.CLAIM_EDITABLE_FIELDS
        }
        if changed:
            services.claim_update(claim=obj, actor=request.user, **changed)

    def save_related(self, request, form, formsets, change):
        claim = form.instance
        before = services.claim_parts_snapshot(claim=claim)
        super().save_related(request, form, formsets, change)
        services.claim_parts_changed(claim=claim, actor=request.user, before=before)

    def save_formset(self, request, form, formset, change):
        if formset.model is Evidence:
            now = timezone.now()
            for evidence_form in formset.forms:
                if evidence_form.has_changed() and evidence_form.instance is not None:
                    evidence_form.instance.decided_by = request.user
                    evidence_form.instance.decided_at = now
                    evidence_form.instance.component = ""
                    evidence_form.instance.component_version = ""
                    evidence_form.instance.review_state = ReviewState.ACCEPTED
        if formset.model is Appearance:
            for appearance_form in formset.forms:
                inst = appearance_form.instance
                if appearance_form.has_changed() and inst.article_id and inst.span_start is not None:
                    inst.quote = inst.article.text[inst.span_start : inst.span_end]
        super().save_formset(request, form, formset, change)

    # -- actions

    @admin.action(description="Queue corroboration for selected claims", permissions=["queue_corroboration"])
    def queue_corroboration(self, request, queryset):
        count = services.corroboration_queue(claims=queryset, actor=request.user)
        self.message_user(request, f"Queued corroboration for {count} claim(s).", messages.SUCCESS)

    def verdict_page(self, request, claims: list[Claim], *, initial_status: str, single: bool = False):
        """Ask for the rationale, then record one verdict per claim on the version the reviewer saw."""
        if not self.has_verdict_permission(request):
            raise PermissionDenied
        if "apply" in request.POST:
            form = VerdictForm(request.POST, claims=claims)
            if form.is_valid():
                recorded, conflicts = 0, []
                for claim in claims:
                    try:
                        seen = int(request.POST.get(f"version_{claim.pk}", ""))
                    except ValueError:
                        seen = -1
                    try:
                        services.verdict_record(
                            claim=claim,
                            status=form.cleaned_data["status"],
                            rationale=form.cleaned_data["rationale"],
                            reviewer=request.user,
                            seen_version=seen,
                            evidence=form.cleaned_data.get("evidence") or (),
                        )
                        recorded += 1
                    except ConflictError as exc:
                        conflicts.append(f"“{claim}”: {exc.message}")
                    except ApplicationError as exc:
                        conflicts.append(f"“{claim}”: {exc}")
                if recorded:
                    self.message_user(request, f"Recorded {recorded} verdict(s).", messages.SUCCESS)
                for text in conflicts:
                    self.message_user(request, text, messages.ERROR)
                if single:
                    return HttpResponseRedirect(reverse("admin:claims_claim_change", args=[claims[0].pk]))
                return None
        else:
            form = VerdictForm(initial={"status": initial_status}, claims=claims)
        context = {
            **self.admin_site.each_context(request),
            "title": "Record a verdict",
            "opts": self.model._meta,
            "claims": claims,
            "form": form,
            "single": single,
            "action": request.POST.get("action", ""),
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/claims/claim/verdict_form.html", context)

    def get_urls(self):
        return [
            path(
                "<path:object_id>/verdict/",
                self.admin_site.admin_view(self.verdict_view),
                name="claims_claim_verdict",
            ),
            *super().get_urls(),
        ]

    def verdict_view(self, request, object_id):
        claim = get_object_or_404(Claim.objects.with_chain(), pk=object_id)
        return self.verdict_page(request, [claim], initial_status=claim.status, single=True)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "can_record_verdict": self.has_verdict_permission(request)}
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ["claim", "article", "stance", "independence", "review_state", "component", "decided_at"]
    list_filter = ["stance", "independence", "review_state", "component"]
    search_fields = ["claim__text", "article__title", "article__url"]
    list_select_related = ["claim", "article"]
    autocomplete_fields = ["claim", "article", "origin"]
    readonly_fields = ["component", "component_version", "decided_by", "decided_at", "scores", "review_state"]
    actions = ["accept", "reject"]

    def has_add_permission(self, request):
        return False  # evidence is added on the claim's page, where the claim is in view

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
        obj.decided_by, obj.decided_at = request.user, timezone.now()
        obj.component = obj.component_version = ""
        obj.review_state = ReviewState.ACCEPTED
        super().save_model(request, obj, form, change)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Verdict)
class VerdictAdmin(ReadOnlyAdmin):
    """Verdicts are events: recorded from the claim's page, never edited or deleted."""

    list_display = ["claim", "badge", "reviewer", "organisation", "created_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["claim__text", "rationale"]
    list_select_related = ["claim", "reviewer", "organisation"]

    @admin.display(description="status", ordering="status")
    def badge(self, obj: Verdict) -> str:
        return status_badge(obj.status)


@admin.register(CorroborationSummary)
class CorroborationSummaryAdmin(ReadOnlyAdmin):
    """The reviewer queue: filter on “needs re-review” to see decided claims with new refuting evidence."""

    list_display = ["claim", "suggested_grade", "needs_rereview", "re_report_count", "last_checked_at"]
    list_filter = ["needs_rereview", "suggested_grade"]
    search_fields = ["claim__text"]
    list_select_related = ["claim"]
    ordering = ["-needs_rereview", "-last_checked_at"]


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "action", "claim_label"]
    list_filter = ["action"]
    search_fields = ["claim_label"]
    list_select_related = ["actor"]


# The review desk for extracted proposals registers itself.
