"""API keys: who calls the API, with which scope, acting for which person."""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

API_KEY_PREFIX = "ct"


class ApiScope(models.TextChoices):
    READ = "read", "Read verified claims"
    EDIT = "edit", "Edit: create claims and chains, add evidence"
    REVIEW = "review", "Review: record verdicts"


def api_key_hash(raw: str) -> str:
    # Keys are 256 random bits, so a fast hash is enough: there is nothing to brute-force.
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def api_key_split(raw: str) -> tuple[str, str] | None:
    """`ct_<prefix>_<secret>` → (prefix, secret), or None when the shape is wrong."""
    parts = raw.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != API_KEY_PREFIX or len(parts[1]) != 8 or not parts[2]:
        return None
    return parts[1], parts[2]


class ApiKeyQuerySet(models.QuerySet):
    def active(self) -> "ApiKeyQuerySet":
        return self.filter(revoked_at__isnull=True)

    def matching(self, raw: str) -> "ApiKey | None":
        parts = api_key_split(raw)
        if parts is None:
            return None
        key = self.active().select_related("user").filter(prefix=parts[0]).first()
        if key is None or not hmac.compare_digest(key.key_hash, api_key_hash(raw.strip())):
            return None
        return key


class ApiKey(models.Model):
    name = models.CharField(max_length=200, help_text="Who or what uses the key: “Tagesschau data desk”.")
    prefix = models.CharField(
        max_length=8, unique=True, editable=False, help_text="Identifies the key in logs."
    )
    key_hash = models.CharField(max_length=64, editable=False)
    scope = models.CharField(max_length=8, choices=ApiScope.choices, default=ApiScope.READ)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="api_keys",
        help_text="The person the audit trail names for writes made with this key (edit and review keys).",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        verbose_name = "API key"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(scope__in=ApiScope.values), name="apikey_scope_valid"),
            models.CheckConstraint(
                condition=Q(scope=ApiScope.READ) | Q(user__isnull=False),
                name="apikey_write_has_user",
                violation_error_message="Edit and review keys act for a person: choose the user.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.scope}, {API_KEY_PREFIX}_{self.prefix}_…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @staticmethod
    def new_raw_key() -> tuple[str, str]:
        prefix = secrets.token_hex(4)
        return prefix, f"{API_KEY_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
