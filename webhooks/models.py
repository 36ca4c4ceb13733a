"""Subscriptions (per API key) and the log of every delivery."""

import secrets

from django.db import models
from django.db.models import Q
from django.utils import timezone

from api.models import ApiKey

SECRET_PREFIX = "whsec_"


class WebhookEvent(models.TextChoices):
    CLAIM_CREATED = "claim.created", "Claim created"
    CLAIM_CHANGED = "claim.changed", "Claim changed (text, chain, appearances, entities, due)"
    VERDICT_RECORDED = "verdict.recorded", "Verdict recorded"
    EVIDENCE_ADDED = "evidence.added", "Evidence added"
    REREVIEW_FLAGGED = "rereview.flagged", "Re-review flagged"


# The change log's actions (claims.services) and the event each one is.
ACTION_EVENTS = {
    "claim_created": WebhookEvent.CLAIM_CREATED,
    "claim_changed": WebhookEvent.CLAIM_CHANGED,
    "chain_changed": WebhookEvent.CLAIM_CHANGED,
    "appearances_changed": WebhookEvent.CLAIM_CHANGED,
    "entities_changed": WebhookEvent.CLAIM_CHANGED,
    "prediction_due": WebhookEvent.CLAIM_CHANGED,
    "verdict_recorded": WebhookEvent.VERDICT_RECORDED,
    "verdict_imported": WebhookEvent.VERDICT_RECORDED,
    "evidence_added": WebhookEvent.EVIDENCE_ADDED,
    "rereview_flagged": WebhookEvent.REREVIEW_FLAGGED,
}


class Subscription(models.Model):
    api_key = models.ForeignKey(ApiKey, on_delete=models.CASCADE, related_name="webhooks")
    url = models.URLField(
        max_length=2000, help_text="Where deliveries are POSTed (http or https, a public address)."
    )
    events = models.JSONField(default=list, help_text="Event names this subscription receives.")
    secret = models.CharField(max_length=100, editable=False, help_text="Signs deliveries; shown once.")
    active = models.BooleanField(default=True, editable=False)
    disabled_reason = models.CharField(max_length=500, blank=True, editable=False)
    disabled_at = models.DateTimeField(null=True, blank=True, editable=False)
    consecutive_failures = models.PositiveIntegerField(default=0, editable=False)
    cursor = models.BigIntegerField(
        default=0, editable=False, help_text="The last change number cut into deliveries for it."
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # The dispatcher's loop: active subscriptions.
            models.Index(fields=["active"], name="webhook_active", condition=Q(active=True)),
        ]

    def __str__(self) -> str:
        return f"{self.url} ({self.api_key.name})"

    @staticmethod
    def new_secret() -> str:
        return SECRET_PREFIX + secrets.token_urlsafe(32)


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    DELIVERED = "delivered", "Delivered"
    FAILED = "failed", "Failed"


class Delivery(models.Model):
    """One change for one subscription: the body exactly as signed and sent, and how sending went."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="deliveries")
    change_seq = models.BigIntegerField(help_text="The change number: the receiver's idempotency key.")
    event = models.CharField(max_length=32, choices=WebhookEvent.choices)
    body = models.TextField()
    status = models.CharField(max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True, help_text="A worker is sending it until then.")
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "deliveries"
        ordering = ["-change_seq", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["subscription", "change_seq"], name="delivery_once_per_change"),
            models.CheckConstraint(
                condition=Q(status__in=DeliveryStatus.values), name="delivery_status_valid"
            ),
        ]
        indexes = [
            # The dispatcher's sweep: pending deliveries whose retry time has come.
            models.Index(
                fields=["next_attempt_at"], name="delivery_pending_due", condition=Q(status="pending")
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.change_seq} {self.event} → {self.subscription.url}"
