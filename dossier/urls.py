"""Mounted under admin/ ahead of the admin site, so the dossier sits beside the claim's admin pages."""

from django.contrib import admin
from django.urls import path

from . import views

app_name = "dossier"

urlpatterns = [
    path("claims/claim/<int:claim_id>/dossier/", admin.site.admin_view(views.dossier_view), name="claim"),
    path(
        "claims/claim/<int:claim_id>/dossier/evidence/<int:evidence_id>/review/",
        admin.site.admin_view(views.evidence_review_view),
        name="evidence_review",
    ),
    path(
        "claims/claim/<int:claim_id>/dossier/verdict/",
        admin.site.admin_view(views.verdict_view),
        name="verdict",
    ),
]
