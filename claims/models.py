"""What is claimed and how it is verified: claims, attribution chains, evidence, verdicts, the audit trail.

Writes go through `claims.services`; reads through `claims.selectors` and the queryset methods here.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from sources.models import Article, Source, SourceKind


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
                "links", queryset=AttributionLink.objects.select_related("source").order_by("position")
            )
        )

    def with_evidence_count(self) -> "ClaimQuerySet":
        return self.annotate(evidence_count=models.Count("evidence", distinct=True))

    def reviewed(self) -> "ClaimQuerySet":
        return self.exclude(status__in=[ClaimStatus.UNREVIEWED, ClaimStatus.IN_REVIEW])


class Claim(models.Model):
    text = models.TextField(help_text="The checkable assertion, in the language it was made.")
    language = models.CharField(max_length=12, help_text="BCP 47 code of the claim text, e.g. ru or en.")
    summary_en = models.TextField("English summary", blank=True)
    kind = models.CharField(max_length=16, choices=ClaimKind.choices, default=ClaimKind.FACT)
    made_at = models.DateTimeField("made at", null=True, blank=True, help_text="When the claim was made.")
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
        return " ← ".join(link.display() for link in self.links.all()) or "—"

    def origin(self) -> "AttributionLink | None":
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

    def display(self) -> str:
        if self.source_kind == SourceKind.UNNAMED and self.source_id is None:
            if self.count:
                return f"{self.count} unnamed source{'s' if self.count != 1 else ''}"
            return f"unnamed ({self.phrase})" if self.phrase else "unnamed sources"
        if self.source_id is not None:
            name = self.source.name
            if self.source_kind == SourceKind.UNNAMED and self.count:
                return f"{self.count} × {name}"
            return name
        return f"“{self.phrase}”"

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

    class Meta:
        ordering = ["claim", "-created_at", "-id"]
        get_latest_by = ["created_at", "id"]
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


class CorroborationSummary(models.Model):
    """What the corroboration workers found for a claim, derived from its evidence. Never a verdict."""

    claim = models.OneToOneField(Claim, on_delete=models.CASCADE, related_name="corroboration")
    supporting_origins = models.JSONField(
        default=list, blank=True, help_text="Independent origins whose coverage supports the claim."
    )
    refuting_origins = models.JSONField(
        default=list, blank=True, help_text="Independent origins whose coverage contradicts the claim."
    )
    denials = models.JSONField(default=list, blank=True, help_text="Subjects of the claim who deny it.")
    re_reports = models.JSONField(
        default=dict, blank=True, help_text="Origin name → number of articles that only repeat it."
    )
    re_report_count = models.PositiveIntegerField(default=0)
    syndicated_count = models.PositiveIntegerField(default=0)
    same_outlet_count = models.PositiveIntegerField(default=0)
    mentions_count = models.PositiveIntegerField(default=0)
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
