"""ClaimReviews imported from other fact-checkers."""

from django.db import models
from django.utils import timezone

from claims.models import Claim, Verdict


class ImportedReview(models.Model):
    """A ClaimReview imported from a fact-checker, so importing the same markup again changes nothing."""

    key = models.CharField(
        max_length=64, unique=True, help_text="Hash of review URL, claim text and publisher."
    )
    review_url = models.URLField(max_length=2000, blank=True)
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="imported_reviews")
    verdict = models.ForeignKey(Verdict, null=True, on_delete=models.SET_NULL, related_name="+")
    rating = models.CharField(max_length=500, blank=True, help_text="The rating as the publisher wrote it.")
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-imported_at", "-id"]

    def __str__(self) -> str:
        return self.review_url or self.key
