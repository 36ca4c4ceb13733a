"""The claim list and the claim's page. Every write is a service call, audited and in the changes feed."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Q
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from .. import selectors, services
from ..models import Claim
from .common import adopt, describe_changes, status_badge
from .evidence import EvidenceInline, EvidenceReviewMixin
from .export import ClaimExportMixin
from .filters import (
    NeedsRereviewFilter,
    OutletFilter,
    PredictionsDueFilter,
    SourceKindFilter,
    UnnamedOriginFilter,
)
from .parts import PART_SERVICES, AppearanceInline, AttributionLinkInline, ClaimEntityInline
from .summary import summary_html
from .verdicts import VERDICT_ACTIONS, VerdictInline, VerdictPageMixin


class ClaimForm(forms.ModelForm):
    """The claim's own fields, plus the version the editor opened (a later change is a conflict)."""

    seen_version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Claim
        fields = list(services.CLAIM_EDITABLE_FIELDS)
        # A claim is a sentence or two: ten-row boxes pushed the chain below the first screen.
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3, "cols": 90}),
            "summary_en": forms.Textarea(attrs={"rows": 2, "cols": 90}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["seen_version"].initial = self.instance.version

    def clean_seen_version(self):
        seen = self.cleaned_data.get("seen_version")
        if seen is not None and self.instance.pk is not None:
            current = Claim.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
            if current != seen:
                raise forms.ValidationError(
                    f"This claim changed since you opened it (you saw version {seen}, it is now at version "
                    f"{current}). Reload it and make your change again; nothing was saved."
                )
        return seen


@admin.register(Claim)
class ClaimAdmin(VerdictPageMixin, EvidenceReviewMixin, ClaimExportMixin, admin.ModelAdmin):
    form = ClaimForm
    list_display = [
        "short_text",
        "dossier",
        "badge",
        "chain",
        "evidence_count",
        "kind_language",
        "made_on",
    ]
    list_filter = [
        "status",
        NeedsRereviewFilter,
        PredictionsDueFilter,
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
        "entities__name",
    ]
    date_hierarchy = "made_at"
    list_per_page = 50
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "text",
                    ("language", "kind"),
                    "summary_en",
                    "made_at",
                    ("due_at", "prediction_due"),
                    "seen_version",
                    ("badge", "version"),
                    "corroboration_summary",
                ]
            },
        ),
        # Open on demand: twenty rows of history above the chain hid the chain.
        ("Audit trail (latest 20 changes)", {"classes": ["collapse"], "fields": ["audit_trail"]}),
    ]
    readonly_fields = ["badge", "version", "prediction_due", "corroboration_summary", "audit_trail"]
    inlines = [AttributionLinkInline, AppearanceInline, ClaimEntityInline, EvidenceInline, VerdictInline]
    actions = [*VERDICT_ACTIONS, "queue_corroboration"]
    change_form_template = "admin/claims/claim/change_form.html"

    def get_queryset(self, request):
        return selectors.claim_list_for_admin()

    def get_search_results(self, request, queryset, search_term):
        """The admin's word-by-word search, or the whole term as a source's name or alias in any
        spelling: "Хуавэй" finds the claims whose chain or entities name Huawei, or whose text does."""
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if not search_term.strip():
            return found, may_have_duplicates
        named = selectors.claim_search(Claim.objects.all(), search_term, partial=True)
        return queryset.filter(Q(pk__in=found.values("pk")) | Q(pk__in=named.values("pk"))), False

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

    @admin.display(description="kind · language", ordering="kind")
    def kind_language(self, obj: Claim) -> str:
        # One column for two short values: the list fits a 1,400-px window beside its filters.
        return format_html("{}<br><small>{}</small>", obj.get_kind_display(), obj.language)

    @admin.display(description="made", ordering="made_at")
    def made_on(self, obj: Claim) -> str:
        return f"{obj.made_at:%Y-%m-%d}" if obj.made_at else "—"

    @admin.display(description="evidence", ordering="evidence_count")
    def evidence_count(self, obj: Claim) -> int:
        return obj.evidence_count

    @admin.display(description="dossier")
    def dossier(self, obj: Claim) -> str:
        # The dossier app's page (dossier/urls.py), by URL name: claims does not import it.
        return format_html('<a href="{}">Dossier</a>', reverse("dossier:claim", args=[obj.pk]))

    @admin.display(description="re-check when due")
    def prediction_due(self, obj: Claim) -> str:
        if obj.kind != "prediction" or obj.due_at is None:
            return "—"
        if obj.due_queued_at is None:
            return (
                f"Due {obj.due_at:%Y-%m-%d}: it will be corroborated again and join “predictions due” then."
            )
        queue = selectors.predictions_due().filter(pk=obj.pk).exists()
        return f"Due {obj.due_at:%Y-%m-%d}; corroborated again on {obj.due_queued_at:%Y-%m-%d %H:%M}. " + (
            "In the reviewer queue “predictions due”: record a verdict." if queue else "Decided since."
        )

    @admin.display(description="corroboration")
    def corroboration_summary(self, obj: Claim) -> str:
        return summary_html(obj)

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
    #
    # Django's changeform_view runs all of this in one transaction, after every form and formset
    # is valid. Each write passes the version the previous one left (the editor's, for the first),
    # so a concurrent change is a conflict, never silently overwritten.

    def save_model(self, request, obj, form, change):
        if not change:
            created = services.claim_create(
                actor=request.user,
                **{name: form.cleaned_data.get(name) for name in services.CLAIM_EDITABLE_FIELDS},
            )
            adopt(obj, created)
            return
        seen = form.cleaned_data.get("seen_version")
        if seen is not None:
            obj.version = seen
        changed = {
            name: form.cleaned_data[name]
            for name in form.changed_data
            if name in services.CLAIM_EDITABLE_FIELDS
        }
        if changed:
            services.claim_update(claim=obj, actor=request.user, seen_version=obj.version, **changed)

    def save_related(self, request, form, formsets, change):
        for formset in formsets:
            self.save_formset(request, form, formset, change)

    def save_formset(self, request, form, formset, change):
        # Nothing is saved by the formset itself; the change message reads these.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        if formset.model not in PART_SERVICES or not formset.has_changed():
            return  # evidence and verdicts are read-only here
        service, keyword = PART_SERVICES[formset.model][:2]
        claim = form.instance
        service(claim=claim, actor=request.user, seen_version=claim.version, **{keyword: formset.specs()})

    # -- actions

    @admin.action(description="Queue corroboration for selected claims", permissions=["queue_corroboration"])
    def queue_corroboration(self, request, queryset):
        count = services.corroboration_queue(claims=queryset, actor=request.user)
        self.message_user(request, f"Queued corroboration for {count} claim(s).", messages.SUCCESS)

    def get_urls(self):
        return [
            path(
                "<path:object_id>/evidence/<int:evidence_id>/review/",
                self.admin_site.admin_view(self.evidence_review_view),
                name="claims_claim_evidence_review",
            ),
            path(
                "<path:object_id>/verdict/",
                self.admin_site.admin_view(self.verdict_view),
                name="claims_claim_verdict",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_record_verdict": self.has_verdict_permission(request),
            "can_add_evidence": request.user.has_perm("claims.add_evidence"),
        }
        return super().change_view(request, object_id, form_url, extra_context)
