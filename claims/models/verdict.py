"""Verdicts: a reviewer's decisions on a claim, kept as a history."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from sources.models import Source

from .claim import Claim, ClaimStatus
from .evidence import Evidence


class Verdict(models.Model):
    """A reviewer's decision on a claim, as of its time. History is kept; the latest is current."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="verdicts")
    status = models.CharField(max_length=16, choices=ClaimStatus.choices)
    rationale = models.TextField(blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="verdicts"
    )
    organisation = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="verdicts_given",
        help_text="The fact-checking organisation, for verdicts imported from elsewhere.",
    )
    claim_version = models.PositiveIntegerField(help_text="The claim version the reviewer saw.")
    evidence = models.ManyToManyField(Evidence, blank=True, related_name="verdicts")
    created_at = models.DateTimeField(db_index=True)
    recorded_at = models.DateTimeField(
        default=timezone.now,
        help_text="When we recorded it. An imported verdict is dated by its publisher (created_at) but was "
        "known here only from this moment: `as_of` answers read this, so they say what we said then.",
    )

    class Meta:
        ordering = ["claim", "-created_at", "-id"]
        get_latest_by = ["created_at", "id"]
        indexes = [
            # `as_of` answers: a claim's latest verdict recorded by a moment.
            models.Index(fields=["claim", "recorded_at"], name="verdict_claim_recorded"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ClaimStatus.values),
                name="verdict_status_valid",
                violation_error_message="Unknown verdict status.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=[ClaimStatus.UNREVIEWED, ClaimStatus.IN_REVIEW]) | ~Q(rationale=""),
                name="verdict_decision_has_rationale",
                violation_error_message="A decision needs a rationale: say what it rests on.",
            ),
            models.CheckConstraint(
                condition=Q(reviewer__isnull=False) | Q(organisation__isnull=False),
                name="verdict_has_author",
                violation_error_message="A verdict is given by a reviewer or an organisation.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.created_at:%Y-%m-%d %H:%M})"
