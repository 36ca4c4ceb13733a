"""Attribution chains: who a claim comes from, outermost link first."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from sources.models import Source, SourceKind

from ..wording import link_text
from .claim import Claim


class LinkRelation(models.TextChoices):
    REPORTED_BY = "reported_by", "reported by"
    CITING = "citing", "citing"
    SAID_BY = "said_by", "said by"


class AttributionLink(models.Model):
    """One link of a claim's attribution chain; position 0 is the outermost (the article's outlet)."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="links")
    position = models.PositiveSmallIntegerField()
    relation = models.CharField(max_length=16, choices=LinkRelation.choices, default=LinkRelation.CITING)
    source_kind = models.CharField(
        "kind",
        max_length=16,
        choices=SourceKind.choices,
        help_text="What kind of source this link names; taken from the Source where one is chosen.",
    )
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.PROTECT, related_name="attributions"
    )
    count = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text='For unnamed groups only: "two people familiar with the matter" is 2.',
    )
    phrase = models.CharField(
        max_length=500,
        blank=True,
        help_text='The verbatim attribution: "со ссылкой на источники", "told Reuters".',
    )
    quote = models.TextField(blank=True, help_text="The source's direct words, where quoted.")
    role = models.CharField(
        max_length=300,
        blank=True,
        help_text='The role the article gives the source here: "a spokesman for the ministry", "глава Huawei".',
    )

    class Meta:
        ordering = ["claim", "position"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "position"], name="link_position_unique"),
            models.CheckConstraint(
                condition=Q(source_kind__in=SourceKind.values),
                name="link_kind_valid",
                violation_error_message="Unknown link kind.",
            ),
            models.CheckConstraint(condition=Q(relation__in=LinkRelation.values), name="link_relation_valid"),
            models.CheckConstraint(
                condition=Q(source__isnull=False) | ~Q(phrase=""),
                name="link_has_source_or_phrase",
                violation_error_message="A chain link needs a source or the attribution phrase (or both).",
            ),
            models.CheckConstraint(
                condition=Q(count__isnull=True) | Q(source_kind=SourceKind.UNNAMED),
                name="link_count_only_unnamed",
                violation_error_message="Only an unnamed group has a count; a named source is one source.",
            ),
            models.CheckConstraint(
                condition=Q(count__isnull=True) | Q(count__gte=1),
                name="link_count_positive",
                violation_error_message="The count of unnamed sources is at least 1.",
            ),
        ]

    def __str__(self) -> str:
        return self.display()

    def display(self, *, detailed: bool = False) -> str:
        """The link as the desk reads it (claims.wording): "2 unnamed sources — «со ссылкой на источники»"."""
        return link_text(
            name=self.source.name if self.source_id is not None else None,
            kind=self.source_kind,
            count=self.count,
            phrase=self.phrase,
            role=getattr(self, "role", ""),
            detailed=detailed,
        )

    def clean(self) -> None:
        errors = {}
        if self.source_id is not None and self.source.kind != self.source_kind:
            errors["source_kind"] = (
                f"{self.source.name} is registered as {self.source.get_kind_display().lower()}, "
                f"not {self.get_source_kind_display().lower()}."
            )
        if self.count is not None and self.source_kind != SourceKind.UNNAMED:
            errors["count"] = (
                "Only an unnamed group has a count; a named source is one source. Clear the count."
            )
        if self.source_id is None and not self.phrase.strip():
            errors["phrase"] = "A chain link needs a source or the verbatim attribution phrase (or both)."
        if errors:
            raise ValidationError(errors)
