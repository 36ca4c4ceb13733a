"""What the claims admin modules share: the status badge, audit lines, read-only admins."""

from django.contrib import admin
from django.db import models
from django.utils.html import format_html, format_html_join

from ..models import ClaimStatus

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


def adopt(obj: models.Model, saved: models.Model) -> None:
    """Make the admin's unsaved `obj` the row a service saved, so the admin's redirects and log use it."""
    for field in saved._meta.concrete_fields:
        setattr(obj, field.attname, getattr(saved, field.attname))
    obj._state.adding = False
    obj._state.db = saved._state.db


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
