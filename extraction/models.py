"""Stored proposals: what the extractor suggested for an article, until an editor decides."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from claims.wording import chain_text, link_text


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

    def chain_display(self, *, detailed: bool = False) -> str:
        """The proposed chain as the claim's will read (claims.wording), new sources marked."""
        chain = self.payload.get("chain") or []
        parts = []
        for i, link in enumerate(chain):
            if not isinstance(link, dict):
                continue
            source = link.get("source") or {}
            if not isinstance(source, dict):
                source = {"id": source, "name": f"source #{source}"}
            name = source.get("name") or ""
            own = i == 0 and (len(chain) == 1 or link.get("kind") == "own")
            if i == 0 and not name:
                name = "the article's outlet"
            text = link_text(
                name=name,
                kind="outlet" if own else link.get("kind"),
                count=link.get("count"),
                phrase=str(link.get("phrase") or ""),
                role=str(link.get("role") or ""),
                new=bool(source.get("name")) and not source.get("id"),
                detailed=detailed,
            )
            parts.append(f"{text}, own statement" if own else text)
        return chain_text(parts)
