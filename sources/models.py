"""Where information comes from: the Source registry, outlets' feeds and the articles they publish.

This app knows nothing of claims.
"""

import hashlib
import unicodedata

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q


def normalize_name(value: str) -> str:
    """The form aliases are matched on: Unicode-normalised, case-folded, single-spaced."""
    value = unicodedata.normalize("NFKC", value or "")
    return " ".join(value.casefold().split())


def content_hash(text: str) -> str:
    """Hash of an article's text with whitespace folded, so re-wrapped copies hash alike."""
    folded = " ".join(unicodedata.normalize("NFKC", text or "").split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


class SourceKind(models.TextChoices):
    OUTLET = "outlet", "Outlet"
    PERSON = "person", "Person"
    ORGANISATION = "organisation", "Organisation"
    UNNAMED = "unnamed", "Unnamed group"


class Reliability(models.TextChoices):
    """The editor's own Admiralty source-reliability grade."""

    A = "A", "A — completely reliable"
    B = "B", "B — usually reliable"
    C = "C", "C — fairly reliable"
    D = "D", "D — not usually reliable"
    E = "E", "E — unreliable"
    F = "F", "F — reliability cannot be judged"


class SourceQuerySet(models.QuerySet):
    def matching_alias(self, name: str) -> "SourceQuerySet":
        """Sources whose name or any alias is exactly `name`, case- and script-form-insensitively."""
        key = normalize_name(name)
        return self.filter(Q(normalized_name=key) | Q(aliases__normalized=key)).distinct()


class Source(models.Model):
    kind = models.CharField(max_length=16, choices=SourceKind.choices)
    name = models.CharField(max_length=300, help_text="The name the desk uses, in any language.")
    normalized_name = models.CharField(max_length=300, editable=False, db_index=True)
    role = models.CharField(
        max_length=300, blank=True, help_text='For people: "founder of DeepSeek", "AI expert at UC Berkeley".'
    )
    affiliation = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="affiliated",
        help_text="The organisation or outlet a person or unnamed group belongs to.",
    )
    reliability = models.CharField(
        max_length=1, choices=Reliability.choices, blank=True, help_text="The editor's Admiralty grade A–F."
    )
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=SourceKind.values),
                name="source_kind_valid",
                violation_error_message="Unknown source kind.",
            ),
            models.CheckConstraint(
                condition=Q(reliability="") | Q(reliability__in=Reliability.values),
                name="source_reliability_valid",
                violation_error_message="Reliability must be an Admiralty grade A–F or empty.",
            ),
            models.CheckConstraint(
                condition=~Q(name=""),
                name="source_name_not_empty",
                violation_error_message="A source needs a name.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.normalized_name = normalize_name(self.name)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.affiliation_id and self.affiliation_id == self.pk:
            raise ValidationError({"affiliation": "A source cannot be affiliated with itself."})


class SourceAlias(models.Model):
    """Another name for a source, in any language or script ("FT", "Файнэншл таймс")."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=300)
    normalized = models.CharField(max_length=300, editable=False, db_index=True)
    language = models.CharField(max_length=12, blank=True, help_text="BCP 47 code, e.g. ru, en, zh-Hans.")

    class Meta:
        verbose_name_plural = "source aliases"
        ordering = ["source", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "normalized"],
                name="alias_unique_per_source",
                violation_error_message="This source already has that alias.",
            ),
            models.CheckConstraint(condition=~Q(name=""), name="alias_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.normalized = normalize_name(self.name)
        super().save(*args, **kwargs)


class OutletDomain(models.Model):
    """A web domain an outlet publishes on; articles are attributed to outlets by their host."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(max_length=253, unique=True)

    class Meta:
        ordering = ["domain"]

    def __str__(self) -> str:
        return self.domain

    def save(self, *args, **kwargs):
        self.domain = self.domain.strip().lower().removeprefix("www.")
        super().save(*args, **kwargs)


class Feed(models.Model):
    """An RSS or Atom feed polled for coverage."""

    url = models.URLField(max_length=2000, unique=True)
    outlet = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feeds",
        limit_choices_to={"kind": SourceKind.OUTLET},
    )
    title = models.CharField(max_length=500, blank=True)
    active = models.BooleanField(default=True)
    poll_interval = models.DurationField(help_text="How often to poll, e.g. 00:15:00.", default="00:15:00")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["url"]

    def __str__(self) -> str:
        return self.title or self.url


class Article(models.Model):
    """One published piece of coverage: where claims appear and where evidence is found."""

    url = models.URLField(
        max_length=2000,
        unique=True,
        help_text="The canonical URL.",
        error_messages={"unique": "An article with this URL is already stored; edit that one instead."},
    )
    outlet = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles",
        limit_choices_to={"kind": SourceKind.OUTLET},
    )
    title = models.CharField(max_length=1000, blank=True)
    byline = models.CharField(max_length=500, blank=True)
    language = models.CharField(max_length=12, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    text = models.TextField(blank=True)
    content_hash = models.CharField(max_length=64, editable=False, db_index=True)
    copy_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
        help_text="The first article with the same text (a syndicated or mirrored copy).",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(url=""), name="article_url_not_empty"),
        ]

    def __str__(self) -> str:
        return self.title or self.url

    def save(self, *args, **kwargs):
        self.content_hash = content_hash(self.text)
        super().save(*args, **kwargs)
