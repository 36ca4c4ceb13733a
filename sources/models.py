"""Where information comes from: the Source registry, outlets' feeds and the articles they publish.

This app knows nothing of claims.
"""

import hashlib
import unicodedata
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from textkit.folding import normalize_name


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
    poll_interval = models.DurationField(
        help_text="How often to poll, e.g. 00:15:00.", default=timedelta(minutes=15)
    )
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


# --- Ingestion state: when each feed is due, and one row per fetch ------------------------------------


class FeedState(models.Model):
    """Polling state of a feed: its schedule, conditional-GET validators and why it is failing.

    Kept beside Feed rather than on it so the desk's fields and the machine's bookkeeping stay apart.
    """

    feed = models.OneToOneField(Feed, on_delete=models.CASCADE, related_name="state", primary_key=True)
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    next_poll_at = models.DateTimeField(null=True, blank=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        indexes = [
            # poll_due_feeds: "which feeds are due now", every minute.
            models.Index(fields=["next_poll_at"], name="feedstate_next_poll"),
        ]

    def __str__(self) -> str:
        return f"state of {self.feed_id}"


class FetchKind(models.TextChoices):
    FEED = "feed", "Feed poll"
    PAGE = "page", "Page"
    SEARCH = "search", "Coverage search"


class FetchStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    RUNNING = "running", "Fetching"
    RETRYING = "retrying", "Waiting to retry"
    FETCHED = "fetched", "Fetched, waiting for extraction"
    EXTRACTING = "extracting", "Extracting"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class Fetch(models.Model):
    """One request to the outside world and what became of it: a feed poll, a page or a search.

    A page has one row per requested URL for its whole life (attempts count up), so a URL seen in
    ten feeds is fetched once. The row is the unit of work: tasks take its id, claim it with a
    compare-and-swap on `status`, and the sweep re-queues rows whose worker vanished (`lease_until`).
    """

    kind = models.CharField(max_length=8, choices=FetchKind.choices)
    url = models.URLField(max_length=2000)
    query = models.CharField(max_length=1000, blank=True, help_text="For searches: what was asked.")
    connector = models.CharField(max_length=40, blank=True)
    feed = models.ForeignKey(Feed, null=True, blank=True, on_delete=models.SET_NULL, related_name="fetches")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text="The feed poll or search that found this page.",
    )
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="fetches"
    )
    status = models.CharField(max_length=12, choices=FetchStatus.choices, default=FetchStatus.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    http_status = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    final_url = models.URLField(max_length=2000, blank=True, help_text="Where redirects ended.")
    content_type = models.CharField(max_length=200, blank=True)
    body = models.BinaryField(null=True, blank=True, editable=False, help_text="Kept until extracted.")
    detail = models.JSONField(default=dict, blank=True, help_text="What the feed or search said about it.")
    created_at = models.DateTimeField(auto_now_add=True)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    duration_ms = models.PositiveIntegerField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "fetches"
        ordering = ["-created_at", "-id"]
        constraints = [
            # Redelivered polls and the same link in many feeds must not fetch a page twice.
            models.UniqueConstraint(fields=["url"], condition=Q(kind="page"), name="fetch_page_url_unique"),
            models.CheckConstraint(condition=Q(kind__in=FetchKind.values), name="fetch_kind_valid"),
            models.CheckConstraint(condition=Q(status__in=FetchStatus.values), name="fetch_status_valid"),
        ]
        indexes = [
            # sweep_stale_fetches: unfinished rows by status, oldest first.
            models.Index(fields=["status", "enqueued_at"], name="fetch_status_enqueued"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.query or self.url}"
