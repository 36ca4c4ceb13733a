"""Verdicts: recorded from a claim's page or the list's actions through services.verdict_record."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse

from .. import services
from ..errors import ApplicationError, ConflictError
from ..models import DECIDED_STATUSES, Claim, ClaimStatus, Evidence, ReviewState, Verdict
from .common import ReadOnlyAdmin, status_badge


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


def make_verdict_action(status: ClaimStatus):
    def action(modeladmin, request, queryset):
        return modeladmin.verdict_page(request, list(queryset), initial_status=status)

    action.__name__ = f"verdict_{status.value}"
    return admin.action(description=f"Mark selected claims as “{status.label}”…", permissions=["verdict"])(
        action
    )


VERDICT_ACTIONS = [
    make_verdict_action(status)
    for status in (
        ClaimStatus.IN_REVIEW,
        ClaimStatus.CONFIRMED,
        ClaimStatus.DISPUTED,
        ClaimStatus.MISLEADING,
        ClaimStatus.FALSE,
        ClaimStatus.UNVERIFIABLE,
        ClaimStatus.RETRACTED,
    )
]


class VerdictPageMixin:
    """The intermediate page of ClaimAdmin that asks for the rationale, then records the verdicts."""

    def has_verdict_permission(self, request):
        return request.user.has_perm("claims.add_verdict")

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

    def verdict_view(self, request, object_id):
        claim = get_object_or_404(Claim.objects.with_chain(), pk=object_id)
        return self.verdict_page(request, [claim], initial_status=claim.status, single=True)


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
