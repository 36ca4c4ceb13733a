"""Read paths for claims."""

from django.db.models import Count, Q, QuerySet

from .models import Claim, ReviewState, Verdict


def claim_list_for_admin() -> QuerySet[Claim]:
    return Claim.objects.with_chain().with_evidence_count()


def verdict_history(*, claim: Claim) -> QuerySet[Verdict]:
    return claim.verdicts.select_related("reviewer", "organisation").order_by("-created_at", "-id")


def claim_corroboration_state(*, claim_id: int) -> dict:
    """What a claim has now: its status and its evidence by review state. Empty if it was deleted."""
    # The aliases must not be "evidence": an aggregate named like the relation shadows it in the filter.
    counts = Claim.objects.filter(pk=claim_id).aggregate(
        n_claims=Count("id", distinct=True),
        n_evidence=Count("evidence"),
        n_rejected=Count("evidence", filter=Q(evidence__review_state=ReviewState.REJECTED)),
    )
    if not counts["n_claims"]:
        return {"claim": claim_id, "found": False}
    status = Claim.objects.values_list("status", flat=True).get(pk=claim_id)
    return {
        "claim": claim_id,
        "found": True,
        "status": status,
        "evidence": counts["n_evidence"],
        "rejected": counts["n_rejected"],
    }
