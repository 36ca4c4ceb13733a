"""Claims: what is asserted, what it is about, and where it appears."""

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from sources.models import Article, Source

from ..wording import chain_text


class ClaimKind(models.TextChoices):
    FACT = "fact", "Fact / event"
    STATEMENT = "statement", "Statement"
    PREDICTION = "prediction", "Prediction"
    OPINION = "opinion", "Opinion"


class ClaimStatus(models.TextChoices):
    UNREVIEWED = "unreviewed", "Unreviewed"
    IN_REVIEW = "in_review", "In review"
    CONFIRMED = "confirmed", "Confirmed"
    DISPUTED = "disputed", "Disputed"
    MISLEADING = "misleading", "Misleading"
    FALSE = "false", "False"
    UNVERIFIABLE = "unverifiable", "Unverifiable"
    RETRACTED = "retracted", "Retracted by source"


# Statuses that are a decision on the claim: a reviewer must say why.
DECIDED_STATUSES = frozenset(ClaimStatus.values) - {ClaimStatus.UNREVIEWED, ClaimStatus.IN_REVIEW}

# schema.org ClaimReview reviewRating for each status: (ratingValue, alternateName). bestRating 5,
# worstRating 1; -1 is the convention fact-checkers use for "no rating on the true/false scale".
CLAIMREVIEW_RATINGS: dict[str, tuple[int, str]] = {
    ClaimStatus.CONFIRMED: (5, "True"),
    ClaimStatus.DISPUTED: (3, "Disputed"),
    ClaimStatus.MISLEADING: (2, "Misleading"),
    ClaimStatus.FALSE: (1, "False"),
    ClaimStatus.UNVERIFIABLE: (-1, "Unverifiable"),
    ClaimStatus.RETRACTED: (-1, "Retracted by source"),
}


class ClaimQuerySet(models.QuerySet):
    def with_chain(self) -> "ClaimQuerySet":
        return self.prefetch_related(
            models.Prefetch(
                "links",
                queryset=apps.get_model("claims", "AttributionLink")
                .objects.select_related("source")
                .order_by("position"),
            )
        )

    def with_evidence_count(self) -> "ClaimQuerySet":
        return self.annotate(evidence_count=models.Count("evidence", distinct=True))

    def reviewed(self) -> "ClaimQuerySet":
        return self.exclude(status__in=[ClaimStatus.UNREVIEWED, ClaimStatus.IN_REVIEW])

    def visible_to(self, *, sees_drafts: bool) -> "ClaimQuerySet":
        """The claims a reader may see: drafts (unreviewed, in review) only for those who see drafts.

        Takes the decision, not a request, so every read path (API, feeds, error bodies) filters alike.
        After `as_of()`, a draft is judged by the status the claim had then.
        """
        if sees_drafts:
            return self
        field = "status_as_of" if "status_as_of" in self.query.annotations else "status"
        return self.filter(**{f"{field}__in": DECIDED_STATUSES})

    def as_of(self, moment) -> "ClaimQuerySet":
        """Claims that existed at `moment`, each annotated with `status_as_of`, its status then.

        From the verdict history: the latest verdict (by its own date, as `verdict_import` decides the
        current one) among those recorded here by `moment`.
        """
        latest = (
            apps.get_model("claims", "Verdict")
            .objects.filter(claim=OuterRef("pk"), recorded_at__lte=moment)
            .order_by("-created_at", "-id")
        )
        return self.filter(created_at__lte=moment).annotate(
            status_as_of=Coalesce(Subquery(latest.values("status")[:1]), Value(ClaimStatus.UNREVIEWED)),
            verdict_id_as_of=Subquery(latest.values("id")[:1]),
        )


class Claim(models.Model):
    text = models.TextField(help_text="The checkable assertion, in the language it was made.")
    language = models.CharField(max_length=12, help_text="BCP 47 code of the claim text, e.g. ru or en.")
    summary_en = models.TextField("English summary", blank=True)
    kind = models.CharField(max_length=16, choices=ClaimKind.choices, default=ClaimKind.FACT)
    made_at = models.DateTimeField("made at", null=True, blank=True, help_text="When the claim was made.")
    due_at = models.DateField(
        "due",
        null=True,
        blank=True,
        help_text="Predictions only: the day by which it should have come true. When it falls due, the "
        "claim is corroborated again and joins the reviewer queue “predictions due”.",
    )
    due_queued_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When the due prediction was queued for its re-check (once; a new due date clears it).",
    )
    status = models.CharField(
        max_length=16,
        choices=ClaimStatus.choices,
        default=ClaimStatus.UNREVIEWED,
        editable=False,
        help_text="The status of the latest verdict; set only by recording a verdict.",
    )
    current_verdict = models.ForeignKey(
        "Verdict", null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Bumped on every change; a verdict names the version it saw."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # The reviewer queue and API lists filter by status, newest first.
            models.Index(fields=["status", "-created_at"], name="claim_status_created"),
            # API lists page by (created_at, id) and the ClaimReview feed by (updated_at, id); without
            # these every unfiltered page sorts the whole table.
            models.Index(fields=["-created_at", "-id"], name="claim_created_id"),
            models.Index(fields=["-updated_at", "-id"], name="claim_updated_id"),
            # Beat's look for predictions that fell due and were not queued yet.
            models.Index(
                fields=["due_at"],
                name="claim_prediction_due",
                condition=Q(due_at__isnull=False, due_queued_at__isnull=True),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ClaimStatus.values),
                name="claim_status_valid",
                violation_error_message="Unknown claim status.",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ClaimKind.values),
                name="claim_kind_valid",
                violation_error_message="Unknown claim kind.",
            ),
            models.CheckConstraint(
                condition=~Q(text=""),
                name="claim_text_not_empty",
                violation_error_message="A claim needs its text.",
            ),
            models.CheckConstraint(
                condition=Q(due_at__isnull=True) | Q(kind="prediction"),
                name="claim_due_only_prediction",
                violation_error_message="Only a prediction has a due date.",
            ),
            models.CheckConstraint(
                condition=~Q(language=""),
                name="claim_language_not_empty",
                violation_error_message="Say which language the claim is in.",
            ),
        ]
        permissions = [("queue_corroboration", "Can queue a corroboration run")]

    def __str__(self) -> str:
        text = " ".join(self.text.split())
        return text if len(text) <= 80 else text[:79] + "…"

    def chain_display(self) -> str:
        """The chain on one line, outermost first: "Вестник ИИ ← Financial Times ← 2 unnamed sources"."""
        return chain_text([link.display() for link in self.links.all()])

    def clean(self) -> None:
        if self.due_at is not None and self.kind != ClaimKind.PREDICTION:
            raise ValidationError(
                {"due_at": "Only a prediction has a due date: make the kind “Prediction” or clear the date."}
            )

    def origin(self) -> models.Model | None:
        """The deepest link: who the claim comes from first-hand, as far as the chain says."""
        links = list(self.links.all())
        return links[-1] if links else None


class ClaimEntity(models.Model):
    """Something a claim is about: a registry Source where there is one, else just a name."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="entities")
    name = models.CharField(max_length=300)
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="claim_mentions"
    )

    class Meta:
        verbose_name_plural = "claim entities"
        constraints = [models.UniqueConstraint(fields=["claim", "name"], name="entity_unique_per_claim")]
        indexes = [
            # claim search (selectors.claim_search): bare entity names spelled as a registry source is.
            models.Index(fields=["name"], name="entity_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Appearance(models.Model):
    """Where a claim appears: an article and the quote span (character offsets into its text)."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="appearances")
    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="claim_appearances")
    span_start = models.PositiveIntegerField(null=True, blank=True)
    span_end = models.PositiveIntegerField(null=True, blank=True)
    quote = models.TextField(blank=True, help_text="The text at the span, kept in case the article changes.")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "article", "span_start", "span_end"], name="appearance_unique"
            ),
            models.CheckConstraint(
                condition=(Q(span_start__isnull=True) & Q(span_end__isnull=True))
                | Q(span_end__gt=F("span_start")),
                name="appearance_span_ordered",
                violation_error_message="The span must end after it starts (or give neither end).",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article} [{self.span_start}:{self.span_end}]"

    def clean(self) -> None:
        if (self.span_start is None) != (self.span_end is None):
            raise ValidationError("Give both ends of the span, or neither.")
        if self.span_start is not None and self.span_end <= self.span_start:
            raise ValidationError({"span_end": "The span must end after it starts."})
        if self.span_end is not None and self.article_id and self.span_end > len(self.article.text):
            raise ValidationError(
                {"span_end": f"The article text has only {len(self.article.text)} characters."}
            )
