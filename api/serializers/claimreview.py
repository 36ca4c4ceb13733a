"""ClaimReview in (import reports) and out (the JSON-LD document)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


class ImportReportSerializer(serializers.Serializer):
    created = serializers.IntegerField(help_text="Reviews imported as new claims.")
    updated = serializers.IntegerField(help_text="Reviews whose rating changed since the last import.")
    unchanged = serializers.IntegerField(help_text="Reviews already imported as they are.")
    claims = serializers.ListField(child=serializers.IntegerField())
    errors = serializers.ListField(
        child=serializers.DictField(child=serializers.CharField()),
        help_text="One entry per broken block or review: where it is and why it was skipped.",
    )


@extend_schema_field({"type": "object", "additionalProperties": True})
class JsonLdField(serializers.JSONField):
    pass


class ClaimReviewSerializer(serializers.Serializer):
    """schema.org ClaimReview JSON-LD, as fact-check aggregators read it (keys start with "@")."""

    def get_fields(self):
        obj = JsonLdField
        return {
            "@context": serializers.CharField(),
            "@type": serializers.CharField(),
            "url": serializers.URLField(),
            "claimReviewed": serializers.CharField(),
            "inLanguage": serializers.CharField(),
            "datePublished": serializers.DateField(),
            "author": obj(help_text="The fact-checking organisation."),
            "reviewBody": serializers.CharField(help_text="The rationale."),
            "reviewRating": obj(help_text="ratingValue, bestRating 5, worstRating 1, alternateName."),
            "itemReviewed": obj(help_text="The Claim: author (claimant), appearance, firstAppearance."),
        }
