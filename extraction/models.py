"""Stored proposals: what the extractor suggested for an article, until an editor decides."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class ProposalState(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"


class ClaimProposal(models.Model):
    """One proposed claim from one article: the payload is the extractor's JSON, edited by the editor.

    The payload is a claim body as POST /api/v1/claims/ takes it ({"text", "language", "kind", "span",
    "entities", "chain", "appearances"}).
    """

    article = models.ForeignKey("sources.Article", on_delete=models.CASCADE, related_name="claim_proposals")
    position = models.PositiveIntegerField(help_text="Order of the claim in the article.")
    span_start = models.PositiveIntegerField()
    span_end = models.PositiveIntegerField()
    payload = models.JSONField(
        help_text='{"text", "kind", "span", "entities", "chain"} as the extractor gave it.'
    )
    language = models.CharField(max_length=12)
    extractor_version = models.CharField(max_length=50)
    state = models.CharField(max_length=16, choices=ProposalState.choices, default=ProposalState.PROPOSED)
    claim = models.ForeignKey(
        "claims.Claim", null=True, blank=True, on_delete=models.SET_NULL, related_name="proposals"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["article", "position", "id"]
        constraints = [
            # Re-running extraction on an article must not propose the same passage twice.
            models.UniqueConstraint(
                fields=["article", "span_start", "span_end"], name="proposal_unique_span_per_article"
            ),
            models.CheckConstraint(condition=Q(state__in=ProposalState.values), name="proposal_state_valid"),
            models.CheckConstraint(condition=Q(span_end__gt=F("span_start")), name="proposal_span_ordered"),
        ]
        indexes = [
            # The review list: an article's open proposals in order.
            models.Index(fields=["article", "state", "position"], name="proposal_article_state"),
        ]

    def __str__(self) -> str:
        text = " ".join(str(self.payload.get("text", "")).split())
        return text if len(text) <= 80 else text[:79] + "…"

    def chain_display(self) -> str:
        parts = []
        chain = self.payload.get("chain", [])
        for i, link in enumerate(chain):
            source = link.get("source") or {}
            if not isinstance(source, dict):
                source = {"id": source, "name": f"source #{source}"}
            if i == 0 and (len(chain) == 1 or link.get("kind") == "own"):
                parts.append(f"{source.get('name') or 'the article'} (own statement)")
            elif link.get("kind") == "unnamed":
                parts.append(f"{link.get('count') or ''} unnamed ({link.get('phrase', '')})".strip())
            else:
                name = source.get("name") or link.get("role") or link.get("phrase") or link.get("kind")
                parts.append(f"{name} [new]" if source.get("name") and not source.get("id") else name)
        return " ← ".join(parts)
