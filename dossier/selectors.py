"""Everything the dossier page shows about one claim, read in a fixed number of queries.

Five queries whatever the size of the claim's coverage: the claim with its stored summary, its chain,
its appearances, its evidence (with article, outlet, origin and decider) and its verdicts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from claims.models import (
    Appearance,
    AttributionLink,
    Claim,
    CorroborationSummary,
    Evidence,
    ReviewState,
    Verdict,
)


@dataclass
class Dossier:
    claim: Claim
    links: list[AttributionLink]
    appearances: list[Appearance]
    summary: CorroborationSummary | None
    evidence: list[Evidence]
    verdicts: list[Verdict]

    @property
    def live_evidence(self) -> list[Evidence]:
        """What the pictures draw: every link not rejected by a person."""
        return [e for e in self.evidence if e.review_state != ReviewState.REJECTED]

    @property
    def first_seen(self) -> datetime | None:
        """The claim's first appearance: when it was made, else its earliest carrying article."""
        times = [a.article.published_at for a in self.appearances if a.article.published_at]
        if self.claim.made_at:
            times.append(self.claim.made_at)
        return min(times) if times else None


def dossier_get(*, claim_id: int) -> Dossier:
    claim = get_object_or_404(
        Claim.objects.select_related("corroboration").prefetch_related(
            Prefetch(
                "links",
                queryset=AttributionLink.objects.select_related("source").order_by("position"),
            ),
            Prefetch(
                "appearances",
                queryset=Appearance.objects.select_related("article__outlet").order_by("id"),
                to_attr="appearance_list",
            ),
        ),
        pk=claim_id,
    )
    evidence = list(
        Evidence.objects.filter(claim=claim)
        .select_related("article__outlet", "origin", "decided_by")
        .order_by("article__published_at", "id")
    )
    verdicts = list(
        Verdict.objects.filter(claim=claim)
        .select_related("reviewer", "organisation")
        .order_by("created_at", "id")
    )
    try:
        summary = claim.corroboration
    except CorroborationSummary.DoesNotExist:
        summary = None
    return Dossier(
        claim=claim,
        links=list(claim.links.all()),
        appearances=claim.appearance_list,
        summary=summary,
        evidence=evidence,
        verdicts=verdicts,
    )
