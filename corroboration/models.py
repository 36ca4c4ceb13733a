"""Stored embeddings of articles and claims, one row per encoder."""

from django.db import models
from django.db.models import Q

from claims.models import Claim
from sources.models import Article


class StoredVectors(models.Model):
    """Embeddings kept for one encoder (see corroboration/vectors.py): float16 rows."""

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


class JobKind(models.TextChoices):
    CLAIM = "claim", "search coverage for a claim (corroborate_claim)"
    ARTICLE = "article", "match an article against open claims (match_article)"


class JobStatus(models.TextChoices):
    PENDING = "pending", "pending"
    FAILED = "failed", "failed"


class CorroborationJob(models.Model):
    """Corroboration that was asked for and has not finished: the database's record, so that work whose
    message the broker lost (a purge, a restart without persistence) or whose worker died is found by
    the sweep and queued again. The row is deleted when the work is done.

    `requested_at` moves on every new request; the task deletes the row only if no request came while
    it ran. `lease_until` is set while a worker runs it (renewed, see sources.leases).
    """

    kind = models.CharField(max_length=8, choices=JobKind.choices)
    target_id = models.BigIntegerField(help_text="The claim's or the article's id.")
    status = models.CharField(max_length=8, choices=JobStatus.choices, default=JobStatus.PENDING)
    requested_at = models.DateTimeField()
    enqueued_at = models.DateTimeField()
    lease_until = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = "pending corroboration"
        verbose_name_plural = "pending corroboration"
        constraints = [
            models.UniqueConstraint(fields=["kind", "target_id"], name="corroboration_job_one_per_target"),
        ]
        indexes = [models.Index(fields=["status", "enqueued_at"], name="corroboration_job_due")]

    def __str__(self) -> str:
        return f"{self.kind} {self.target_id} ({self.status})"
