"""Read paths for claims."""

from django.db.models import Count, Q, QuerySet

from .models import Claim, ReviewState, Verdict


def claim_list_for_admin() -> QuerySet[Claim]:
    return Claim.objects.with_chain().with_evidence_count()


def verdict_history(*, claim: Claim) -> QuerySet[Verdict]:
    return claim.verdicts.select_related("reviewer", "organisation").order_by("-created_at", "-id")


def claim_corroboration_state(*, claim_id: int) -> dict:
    """What a claim has now: its status and its evidence by review state. Empty if it was deleted."""
    counts = Claim.objects.filter(pk=claim_id).aggregate(
        found=Count("id"),
        evidence=Count("evidence"),
        rejected=Count("evidence", filter=Q(evidence__review_state=ReviewState.REJECTED)),
    )
    if not counts["found"]:
        return {"claim": claim_id, "found": False}
    status = Claim.objects.values_list("status", flat=True).get(pk=claim_id)
    return {
        "claim": claim_id,
        "found": True,
        "status": status,
        "evidence": counts["evidence"],
        "rejected": counts["rejected"],
    }


def claim_related_rows(*, claim_ids: list[int]) -> dict[int, dict[str, list]]:
    """Chains, appearances, entities and (non-rejected) evidence for many claims in four queries.

    Plain rows rather than model instances: an API page of 100 claims has a thousand related rows,
    and building model objects for them would cost more than the queries.
    """
    from types import SimpleNamespace

    from .models import Appearance, AttributionLink, ClaimEntity, Evidence

    related: dict[int, dict[str, list]] = {
        pk: {"links": [], "appearances": [], "entities": [], "evidence": []} for pk in claim_ids
    }
    links = (
        AttributionLink.objects.filter(claim_id__in=claim_ids)
        .order_by("claim_id", "position")
        .values(
            "claim_id", "position", "relation", "source_kind", "count", "phrase", "quote",
            "source_id", "source__name", "source__kind",
        )
    )  # fmt: skip
    for row in links:
        source = SimpleNamespace(name=row["source__name"]) if row["source_id"] is not None else None
        # The model's own display(), on a stand-in with the same attributes: one wording everywhere.
        row["display"] = AttributionLink.display(SimpleNamespace(**row, source=source))
        related[row["claim_id"]]["links"].append(row)
    appearances = (
        Appearance.objects.filter(claim_id__in=claim_ids)
        .order_by("claim_id", "id")
        .values(
            "claim_id", "span_start", "span_end", "quote", "article_id", "article__url", "article__title",
            "article__language", "article__published_at", "article__outlet_id", "article__outlet__name",
            "article__outlet__kind",
        )
    )  # fmt: skip
    for row in appearances:
        related[row["claim_id"]]["appearances"].append(row)
    for claim_id, name in (
        ClaimEntity.objects.filter(claim_id__in=claim_ids)
        .order_by("claim_id", "name")
        .values_list("claim_id", "name")
    ):
        related[claim_id]["entities"].append(name)
    evidence = (
        Evidence.objects.filter(claim_id__in=claim_ids)
        .exclude(review_state=ReviewState.REJECTED)
        .order_by("claim_id", "decided_at", "id")
        .values(
            "claim_id", "stance", "independence", "decided_at", "article_id", "article__url", "origin_id",
            "origin__name", "origin__kind", "article__outlet_id", "article__outlet__name", "article__outlet__kind",
        )
    )  # fmt: skip
    for row in evidence:
        related[row["claim_id"]]["evidence"].append(row)
    return related


def source_track_records(*, source_ids: list[int]) -> dict[int, dict[str, int]]:
    """Per source: decided claims whose chain names it, by outcome. One query for a page of sources."""
    from .models import DECIDED_STATUSES, AttributionLink, ClaimStatus

    records = {
        pk: {"resolved": 0, "confirmed": 0, "false_or_misleading": 0, "disputed": 0} for pk in source_ids
    }
    rows = (
        AttributionLink.objects.filter(source_id__in=source_ids, claim__status__in=DECIDED_STATUSES)
        .values("source_id", "claim__status")
        .annotate(claims=Count("claim_id", distinct=True))
    )
    for row in rows:
        record, status, n = records[row["source_id"]], row["claim__status"], row["claims"]
        record["resolved"] += n
        if status == ClaimStatus.CONFIRMED:
            record["confirmed"] += n
        elif status in (ClaimStatus.FALSE, ClaimStatus.MISLEADING):
            record["false_or_misleading"] += n
        elif status == ClaimStatus.DISPUTED:
            record["disputed"] += n
    return records
