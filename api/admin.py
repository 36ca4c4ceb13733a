"""API keys in the admin: listed and revoked here, created with `manage.py create_api_key`
(the secret is shown once, on the terminal that made it, and only its hash is stored)."""

from django.contrib import admin, messages

from . import services
from .models import API_KEY_PREFIX, ApiKey


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = ["name", "scope", "user", "shown_prefix", "created_at", "last_used_at", "active"]
    list_filter = ["scope", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix", "user__username"]
    list_select_related = ["user"]
    readonly_fields = ["name", "scope", "user", "shown_prefix", "created_at", "last_used_at", "revoked_at"]
    fields = readonly_fields
    actions = ["revoke"]

    @admin.display(description="key starts with")
    def shown_prefix(self, obj: ApiKey) -> str:
        return f"{API_KEY_PREFIX}_{obj.prefix}_…"

    @admin.display(boolean=True, description="active")
    def active(self, obj: ApiKey) -> bool:
        return obj.is_active

    @admin.action(description="Revoke selected API keys", permissions=["change"])
    def revoke(self, request, queryset):
        keys = list(queryset.filter(revoked_at__isnull=True))
        for key in keys:
            services.api_key_revoke(key=key)
        self.message_user(
            request, f"Revoked {len(keys)} API key(s); they stop working at once.", messages.SUCCESS
        )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
