"""Pending corroboration, so the desk can see what the workers still owe and what failed."""

from django.contrib import admin

from .models import CorroborationJob


@admin.register(CorroborationJob)
class CorroborationJobAdmin(admin.ModelAdmin):
    list_display = ["kind", "target_id", "status", "attempts", "requested_at", "enqueued_at", "lease_until"]
    list_filter = ["kind", "status"]
    search_fields = ["target_id", "last_error"]
    readonly_fields = [f.name for f in CorroborationJob._meta.fields]

    def has_add_permission(self, request):
        return False  # jobs come from requests for corroboration, not by hand

    def has_change_permission(self, request, obj=None):
        return False
