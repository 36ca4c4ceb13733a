"""Evidence: an article linked to a claim, with stance, independence and provenance."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from sources.models import Article, Source

from .claim import Claim


class Stance(models.TextChoices):
    SUPPORTS = "supports", "Supports"
    REFUTES = "refutes", "Refutes"
    DENIED = "denied", "Denied by subject"
    MENTIONS = "mentions", "Mentions / related"


class Independence(models.TextChoices):
    INDEPENDENT = "independent", "Independent"
    RE_REPORT = "re_report", "Re-report of an origin"
    SAME_OUTLET = "same_outlet", "Same outlet"
    SYNDICATED = "syndicated", "Syndicated copy"
    UNKNOWN = "unknown", "Not yet judged"


class ReviewState(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"


class Evidence(models.Model):
    """An article linked to a claim, by a corroboration job or by a person."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="evidence")
    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="evidence")
    stance = models.CharField(max_length=16, choices=Stance.choices, default=Stance.MENTIONS)
    independence = models.CharField(max_length=16, choices=Independence.choices, default=Independence.UNKNOWN)
    origin = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="For a re-report: the origin it repeats.",
    )
    passage_start = models.PositiveIntegerField(null=True, blank=True)
    passage_end = models.PositiveIntegerField(null=True, blank=True)
    passage = models.TextField(blank=True, help_text="The passage that bears on the claim.")
    scores = models.JSONField(default=dict, blank=True)
    component = models.CharField(max_length=100, blank=True, help_text="The matcher that proposed this link.")
    component_version = models.CharField(max_length=50, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField()
    review_state = models.CharField(max_length=16, choices=ReviewState.choices, default=ReviewState.PROPOSED)

    class Meta:
        verbose_name_plural = "evidence"
        ordering = ["claim", "-decided_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "article"],
                name="evidence_unique_per_claim_article",
                violation_error_message="This article is already evidence for this claim.",
            ),
            models.CheckConstraint(condition=Q(stance__in=Stance.values), name="evidence_stance_valid"),
            models.CheckConstraint(
                condition=Q(independence__in=Independence.values), name="evidence_independence_valid"
            ),
            models.CheckConstraint(
                condition=Q(review_state__in=ReviewState.values), name="evidence_review_state_valid"
            ),
            models.CheckConstraint(
                condition=~Q(component="") | Q(decided_by__isnull=False),
                name="evidence_has_provenance",
                violation_error_message="Evidence records who decided it: a component or a person.",
            ),
            models.CheckConstraint(
                condition=(Q(passage_start__isnull=True) & Q(passage_end__isnull=True))
                | Q(passage_end__gt=F("passage_start")),
                name="evidence_passage_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_stance_display()}: {self.article}"
