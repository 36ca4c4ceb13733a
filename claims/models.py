"""What is claimed and how it is verified: claims, attribution chains, evidence, verdicts, the audit trail.

Writes go through `claims.services`; reads through `claims.selectors` and the queryset methods here.
"""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

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
            # API lists page by (created_at, id) and the ClaimReview feed by (updated_at, id); without
            # these every unfiltered page sorts the whole table.
            models.Index(fields=["-created_at", "-id"], name="claim_created_id"),
            models.Index(fields=["-updated_at", "-id"], name="claim_updated_id"),
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


# Extraction proposals live in their own module; imported here so Django registers the model.
from .extraction.models import ClaimProposal, ProposalState  # noqa: E402, F401

# --- API: keys, the changes feed, imported reviews (issue 3) -------------------------------------------

API_KEY_PREFIX = "ct"


class ApiScope(models.TextChoices):
    READ = "read", "Read verified claims"
    EDIT = "edit", "Edit: create claims and chains, add evidence"
    REVIEW = "review", "Review: record verdicts"


def api_key_hash(raw: str) -> str:
    # Keys are 256 random bits, so a fast hash is enough: there is nothing to brute-force.
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def api_key_split(raw: str) -> tuple[str, str] | None:
    """`ct_<prefix>_<secret>` → (prefix, secret), or None when the shape is wrong."""
    parts = raw.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != API_KEY_PREFIX or len(parts[1]) != 8 or not parts[2]:
        return None
    return parts[1], parts[2]


class ApiKeyQuerySet(models.QuerySet):
    def active(self) -> "ApiKeyQuerySet":
        return self.filter(revoked_at__isnull=True)

    def matching(self, raw: str) -> "ApiKey | None":
        parts = api_key_split(raw)
        if parts is None:
            return None
        key = self.active().select_related("user").filter(prefix=parts[0]).first()
        if key is None or not hmac.compare_digest(key.key_hash, api_key_hash(raw.strip())):
            return None
        return key


class ApiKey(models.Model):
    name = models.CharField(max_length=200, help_text="Who or what uses the key: “Tagesschau data desk”.")
    prefix = models.CharField(
        max_length=8, unique=True, editable=False, help_text="Identifies the key in logs."
    )
    key_hash = models.CharField(max_length=64, editable=False)
    scope = models.CharField(max_length=8, choices=ApiScope.choices, default=ApiScope.READ)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="api_keys",
        help_text="The person the audit trail names for writes made with this key (edit and review keys).",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        verbose_name = "API key"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(scope__in=ApiScope.values), name="apikey_scope_valid"),
            models.CheckConstraint(
                condition=Q(scope=ApiScope.READ) | Q(user__isnull=False),
                name="apikey_write_has_user",
                violation_error_message="Edit and review keys act for a person: choose the user.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.scope}, {API_KEY_PREFIX}_{self.prefix}_…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @staticmethod
    def new_raw_key() -> tuple[str, str]:
        prefix = secrets.token_hex(4)
        return prefix, f"{API_KEY_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"


class ChangeKind(models.TextChoices):
    CLAIM = "claim", "Claim"
    CHAIN = "chain", "Attribution chain"
    VERDICT = "verdict", "Verdict"
    EVIDENCE = "evidence", "Evidence"


class ChangeEntry(models.Model):
    """One committed change to a claim, its chain or its verdicts, numbered in commit order.

    `seq` is taken from ChangeCounter under its row lock as the writing transaction's last step, so a
    later number is never visible before an earlier one: the changes feed can page by `seq` alone.
    """

    seq = models.BigIntegerField(unique=True)
    claim_id_ref = models.BigIntegerField(
        "claim id", db_index=True, help_text="Kept if the claim is deleted."
    )
    kind = models.CharField(max_length=16, choices=ChangeKind.choices)
    action = models.CharField(max_length=50)
    claim_version = models.PositiveIntegerField(null=True)
    at = models.DateTimeField()

    class Meta:
        verbose_name_plural = "change entries"
        ordering = ["seq"]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} claim {self.claim_id_ref}"


class ChangeCounter(models.Model):
    """A single row whose lock serialises change numbering; see ChangeEntry."""

    value = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"change counter at {self.value}"


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


class StoredVectors(models.Model):
    """Embeddings kept for one encoder (see claims/corroboration/vectors.py): float16 rows."""

    encoder = models.CharField(max_length=100, help_text="Encoder name and package version.")
    rows = models.PositiveIntegerField()
    dim = models.PositiveSmallIntegerField()
    vectors = models.BinaryField()
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def matrix(self):
        import numpy as np

        return np.frombuffer(bytes(self.vectors), dtype=np.float16).reshape(self.rows, self.dim)


class ArticleVectors(StoredVectors):
    """An article's sentence embeddings for one encoder: computed once, when the article is first matched
    (right after ingestion), so matching a claim against it later encodes nothing but the claim.

    Rows: the title, then every sentence in order. Stale rows (the text changed, or the sentence splitter
    now cuts it differently) are recomputed on use.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    content_hash = models.CharField(max_length=64, help_text="The article text these vectors were made from.")

    class Meta:
        verbose_name = "article vectors"
        verbose_name_plural = "article vectors"
        constraints = [
            models.UniqueConstraint(fields=["article", "encoder"], name="article_vectors_one_per_encoder"),
            models.CheckConstraint(condition=Q(rows__gte=1) & Q(dim__gte=1), name="article_vectors_shape"),
        ]

    def __str__(self) -> str:
        return f"{self.encoder}: {self.rows}×{self.dim} for article {self.article_id}"


class ClaimVectors(StoredVectors):
    """A claim's embeddings for one encoder (its text, then its English summary if any), kept so that a
    worker building its index of open claims encodes only claims that are new or changed."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="+")
    texts_digest = models.CharField(max_length=64, help_text="SHA-256 of the texts these vectors encode.")

    class Meta:
        verbose_name = "claim vectors"
        verbose_name_plural = "claim vectors"
        constraints = [
            models.UniqueConstraint(fields=["claim", "encoder"], name="claim_vectors_one_per_encoder"),
            models.CheckConstraint(condition=Q(rows__gte=1) & Q(dim__gte=1), name="claim_vectors_shape"),
        ]

    def __str__(self) -> str:
        return f"{self.encoder}: {self.rows}×{self.dim} for claim {self.claim_id}"
