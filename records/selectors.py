"""Track records read from the chains and the verdict history (nothing is stored, so nothing goes stale)."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Case, CharField, Count, F, OuterRef, Subquery, Value, When

from claims.models import DECIDED_STATUSES, AttributionLink, Verdict

from .grading import suggest_reliability

OUTCOMES = sorted(DECIDED_STATUSES)
ROLES = ("as_origin", "as_intermediary")


def _origin_source() -> Subquery:
    """The claim's origin: the deepest link that names a Source (claims.services.claim_origin_id)."""
    return Subquery(
        AttributionLink.objects.filter(claim=OuterRef("claim_id"), source__isnull=False)
        .order_by("-position")
        .values("source_id")[:1]
    )


def _status_then(moment: datetime) -> Subquery:
    """The claim's status at `moment`: its latest verdict among those recorded by then."""
    return Subquery(
        Verdict.objects.filter(claim=OuterRef("claim_id"), recorded_at__lte=moment)
        .order_by("-created_at", "-id")
        .values("status")[:1]
    )


def empty_record() -> dict:
    return {role: dict.fromkeys(OUTCOMES, 0) for role in ROLES}


def finish_record(record: dict, *, as_of: datetime | None = None) -> dict:
    """Totals and the suggested grade for a record of counts by role and outcome."""
    origin, intermediary = record["as_origin"], record["as_intermediary"]
    both = {o: origin[o] + intermediary[o] for o in OUTCOMES}
    suggestion = suggest_reliability(as_origin=origin, as_intermediary=intermediary)
    return {
        **record,
        "resolved": sum(both.values()),
        "confirmed": both["confirmed"],
        "false_or_misleading": both["false"] + both["misleading"],
        "disputed": both["disputed"],
        "suggested_reliability": suggestion.grade,
        "smoothed_rate": suggestion.rate,
        "settled_weight": suggestion.settled,
        "reliability_reason": suggestion.reason,
        "as_of": as_of,
    }


def track_records(*, source_ids: list[int], as_of: datetime | None = None) -> dict[int, dict]:
    """Per source: decided claims whose chain names it, by outcome, as origin and as intermediary.

    One query for a page of sources, whatever its length. With `as_of`, each claim's outcome is the
    one it had then (verdicts recorded by that moment); the chains are read as they are now.
    """
    records = {pk: empty_record() for pk in source_ids}
    outcome = F("claim__status") if as_of is None else _status_then(as_of)
    rows = (
        AttributionLink.objects.filter(source_id__in=source_ids)
        .annotate(outcome=outcome, origin_source=_origin_source())
        .annotate(
            record_role=Case(  # not "role": AttributionLink has a role field (the source's role in the chain)
                When(origin_source=F("source_id"), then=Value("as_origin")),
                default=Value("as_intermediary"),
                output_field=CharField(),
            )
        )
        .filter(outcome__in=OUTCOMES)
        .values("source_id", "record_role", "outcome")
        .annotate(claims=Count("claim_id", distinct=True))
        .order_by()
    )
    for row in rows:
        records[row["source_id"]][row["record_role"]][row["outcome"]] += row["claims"]
    return {pk: finish_record(record, as_of=as_of) for pk, record in records.items()}


def track_record_history(*, source_id: int) -> list[tuple[datetime, dict]]:
    """The record after each verdict that moved it, oldest first (for the chart). Two queries."""
    roles = {
        row["claim_id"]: "as_origin" if row["origin_source"] == source_id else "as_intermediary"
        for row in AttributionLink.objects.filter(source_id=source_id)
        .annotate(origin_source=_origin_source())
        .values("claim_id", "origin_source")
    }
    verdicts = (
        Verdict.objects.filter(claim_id__in=list(roles))
        .order_by("recorded_at", "id")
        .values_list("claim_id", "status", "created_at", "id", "recorded_at")
    )
    latest: dict[int, tuple] = {}
    points: list[tuple[datetime, dict]] = []
    for claim_id, status, created_at, pk, recorded_at in verdicts:
        before = latest.get(claim_id)
        if before is not None and (before[0], before[1]) > (created_at, pk):
            continue  # recorded later but dated earlier: not the current verdict (verdict_import)
        latest[claim_id] = (created_at, pk, status)
        record = empty_record()
        for claim, (_, _, current) in latest.items():
            if current in OUTCOMES:
                record[roles[claim]][current] += 1
        points.append((recorded_at, finish_record(record, as_of=recorded_at)))
    return points
