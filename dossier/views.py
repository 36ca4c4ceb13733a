"""The dossier page and its two writes (Accept / Reject an evidence link, record a verdict).

Thin: reads through dossier.selectors, writes through the claims services, permissions as the claim
admin has them (view the claim to see the dossier; claims.change_evidence to review evidence;
claims.add_verdict to record a verdict). Every write redirects back to the dossier.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest, HttpResponseNotAllowed, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse

from claims import services
from claims.admin.common import status_badge
from claims.errors import ApplicationError, ConflictError
from claims.models import Claim, Evidence

from .forms import DossierVerdictForm
from .page import dossier_context, evidence_table_html
from .selectors import dossier_get

REVIEW_PERMISSION = "claims.change_evidence"
VERDICT_PERMISSION = "claims.add_verdict"


def _claim_admin():
    return admin.site.get_model_admin(Claim)


def _dossier_url(claim_id: int, anchor: str = "") -> str:
    return reverse("dossier:claim", args=[claim_id]) + (f"#{anchor}" if anchor else "")


def _render(request, claim_id: int, form: DossierVerdictForm | None = None, status: int = 200):
    model_admin = _claim_admin()
    if not model_admin.has_view_or_change_permission(request):
        raise PermissionDenied
    dossier = dossier_get(claim_id=claim_id)
    claim = dossier.claim
    can_review = request.user.has_perm(REVIEW_PERMISSION)
    can_record_verdict = request.user.has_perm(VERDICT_PERMISSION)
    ticked = {int(pk) for pk in (form.data.getlist("evidence") if form is not None else []) if pk.isdigit()}
    page = dossier_context(dossier)
    page["rows_html"] = evidence_table_html(
        page["rows"],
        review_url=reverse("dossier:evidence_review", args=[claim.pk, 0]),
        csrf_token=get_token(request),
        can_review=can_review,
        can_record_verdict=can_record_verdict,
        ticked=ticked,
    )
    context = {
        **admin.site.each_context(request),
        **page,
        "title": f"Dossier: {claim}",
        "badge": status_badge(claim.status),
        "opts": Claim._meta,
        "form": form or DossierVerdictForm(claim=claim),
        "can_review": can_review,
        "can_record_verdict": can_record_verdict,
        "ticked": ticked,
    }
    return TemplateResponse(request, "admin/dossier/dossier.html", context, status=status)


def dossier_view(request, claim_id: int):
    return _render(request, claim_id)


def evidence_review_view(request, claim_id: int, evidence_id: int):
    """POST only (admin_view adds the CSRF check); needs claims.change_evidence, else 403."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.has_perm(REVIEW_PERMISSION):
        raise PermissionDenied
    evidence = get_object_or_404(
        Evidence.objects.select_related("claim", "article"), pk=evidence_id, claim_id=claim_id
    )
    decision = request.POST.get("decision")
    if decision not in ("accept", "reject"):
        return HttpResponseBadRequest("Say accept or reject.")
    services.evidence_review(evidence=evidence, accept=decision == "accept", actor=request.user)
    done = "Accepted" if decision == "accept" else "Rejected"
    messages.success(request, f"{done} evidence: {evidence.article}.")
    return HttpResponseRedirect(_dossier_url(claim_id, f"evidence-{evidence.pk}"))


def verdict_view(request, claim_id: int):
    """Record a verdict on the version the reviewer saw; a later change is a conflict, nothing written."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.has_perm(VERDICT_PERMISSION):
        raise PermissionDenied
    claim = get_object_or_404(Claim, pk=claim_id)
    form = DossierVerdictForm(request.POST, claim=claim)
    if not form.is_valid():
        return _render(request, claim_id, form=form)
    try:
        services.verdict_record(
            claim=claim,
            status=form.cleaned_data["status"],
            rationale=form.cleaned_data["rationale"],
            reviewer=request.user,
            seen_version=form.cleaned_data["seen_version"],
            evidence=form.cleaned_data["evidence"],
        )
    except ConflictError as exc:
        messages.error(request, exc.message)
        return HttpResponseRedirect(_dossier_url(claim_id, "verdict"))
    except ApplicationError as exc:
        messages.error(request, str(exc))
        return HttpResponseRedirect(_dossier_url(claim_id, "verdict"))
    messages.success(
        request, f"Recorded the verdict “{claim.get_status_display()}” (now version {claim.version})."
    )
    return HttpResponseRedirect(_dossier_url(claim_id))
