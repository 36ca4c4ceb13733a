"""The audit trail: written by the services, read here, never edited."""

from django.contrib import admin

from ..models import AuditEntry
from .common import ReadOnlyAdmin


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "action", "claim_label"]
    list_filter = ["action"]
    search_fields = ["claim_label"]
    list_select_related = ["actor"]
