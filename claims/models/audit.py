"""The audit trail and the numbered change log every write of a claim leaves behind."""

from django.conf import settings
from django.db import models

from .claim import Claim


class AuditEntry(models.Model):
    """Who changed what on a claim or its chain, and when. Written by the services, never edited."""

    claim = models.ForeignKey(Claim, null=True, on_delete=models.SET_NULL, related_name="audit_entries")
    claim_label = models.CharField(max_length=100, help_text="The claim as it read, kept if it is deleted.")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=50)
    changes = models.JSONField(default=dict)
    at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name_plural = "audit entries"
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.claim_label}"


class ChangeKind(models.TextChoices):
    CLAIM = "claim", "Claim"
    CHAIN = "chain", "Attribution chain"
    VERDICT = "verdict", "Verdict"
    EVIDENCE = "evidence", "Evidence"


class ChangeEntry(models.Model):
    """One committed change to a claim, its chain or its verdicts, numbered in commit order.

    `seq` is taken from ChangeCounter under its row lock as the writing transaction's last step, so a
    later number is never visible before an earlier one: the changes feed can page by `seq` alone.
    """

    seq = models.BigIntegerField(unique=True)
    claim_id_ref = models.BigIntegerField(
        "claim id", db_index=True, help_text="Kept if the claim is deleted."
    )
    kind = models.CharField(max_length=16, choices=ChangeKind.choices)
    action = models.CharField(max_length=50)
    claim_version = models.PositiveIntegerField(null=True)
    at = models.DateTimeField()
    claim_updated_at = models.DateTimeField(
        null=True, blank=True, help_text="The claim's updated_at after this change (for `as_of` answers)."
    )

    class Meta:
        verbose_name_plural = "change entries"
        ordering = ["seq"]
        indexes = [
            # `as_of` answers: a claim's last change by a moment.
            models.Index(fields=["claim_id_ref", "at"], name="change_claim_at"),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} claim {self.claim_id_ref}"


class ChangeCounter(models.Model):
    """A single row whose lock serialises change numbering; see ChangeEntry."""

    value = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"change counter at {self.value}"
