"""The corroboration summary: derived from a claim's evidence, stored, never a verdict."""

from django.db import models
from django.db.models import Q

from .claim import Claim


class CorroborationSummary(models.Model):
    """What the coverage says about a claim, derived from its evidence by claims.services.summary_refresh.

    Origins are stored as `{"id", "name", "kind"}` (id None for an article of no known outlet), so the
    admin, the API and the commands all show this row as it is, never a recount of their own.
    """

    claim = models.OneToOneField(Claim, on_delete=models.CASCADE, related_name="corroboration")
    supporting_origins = models.JSONField(
        default=list,
        blank=True,
        help_text="Independent origins, not on the claim's own chain, whose coverage supports it.",
    )
    refuting_origins = models.JSONField(
        default=list, blank=True, help_text="Independent origins whose coverage contradicts the claim."
    )
    denials = models.JSONField(
        default=list, blank=True, help_text="Origins of coverage where the subject denies it."
    )
    re_reports = models.JSONField(
        default=dict, blank=True, help_text="Origin name → number of articles that only repeat it."
    )
    re_report_count = models.PositiveIntegerField(default=0)
    syndicated_count = models.PositiveIntegerField(default=0)
    same_outlet_count = models.PositiveIntegerField(default=0)
    mentions_count = models.PositiveIntegerField(default=0)
    evidence_count = models.PositiveIntegerField(default=0, help_text="Evidence items not rejected.")
    suggested_grade = models.PositiveSmallIntegerField(
        default=6, help_text="Admiralty information credibility 1–6 the machine suggests (1 = confirmed)."
    )
    grade_reason = models.CharField(max_length=300, blank=True)
    needs_rereview = models.BooleanField(
        default=False, help_text="The claim has a verdict and new independent refuting evidence came in."
    )
    rereview_reason = models.CharField(max_length=500, blank=True)
    last_checked_at = models.DateTimeField(null=True, blank=True)
    component = models.CharField(max_length=100, blank=True)
    component_version = models.CharField(max_length=50, blank=True)

    class Meta:
        verbose_name = "corroboration summary"
        verbose_name_plural = "corroboration summaries"
        indexes = [
            # The reviewer queue: claims flagged for re-review.
            models.Index(fields=["needs_rereview"], name="corrob_needs_rereview"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(suggested_grade__gte=1) & Q(suggested_grade__lte=6), name="corrob_grade_1_6"
            ),
        ]

    def __str__(self) -> str:
        return f"grade {self.suggested_grade}: {self.claim}"

    @staticmethod
    def names(refs: list[dict]) -> str:
        """Stored origin refs as a reader's list: "Financial Times, Reuters" (— when empty)."""
        return ", ".join(ref["name"] for ref in refs) or "—"

    def as_dict(self) -> dict:
        fields = [
            "supporting_origins", "refuting_origins", "denials", "re_reports", "re_report_count",
            "syndicated_count", "same_outlet_count", "mentions_count", "evidence_count", "suggested_grade",
            "grade_reason", "needs_rereview", "rereview_reason",
        ]  # fmt: skip
        data = {name: getattr(self, name) for name in fields}
        data["last_checked_at"] = self.last_checked_at.isoformat() if self.last_checked_at else None
        return data


class SummaryRevision(models.Model):
    """A claim's summary as `summary_refresh` stored it at `at`: the history `as_of` answers read.

    `data` holds the fields the API shows (selectors.SUMMARY_ROW_FIELDS), times as ISO strings.
    """

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="summary_revisions")
    at = models.DateTimeField()
    data = models.JSONField()

    class Meta:
        ordering = ["claim", "-at", "-id"]
        indexes = [
            # `as_of` answers: a claim's latest revision by a moment.
            models.Index(fields=["claim", "at"], name="summaryrev_claim_at"),
        ]

    def __str__(self) -> str:
        return f"summary of claim {self.claim_id} at {self.at:%Y-%m-%d %H:%M}"
