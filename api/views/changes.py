"""The changes feed: every committed change, numbered in commit order."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.models import (
    ChangeEntry,
    Claim,
)

from .. import serializers as s
from ..auth import sees_drafts

CHANGES_LIMIT = 1000


class ChangesView(APIView):
    @extend_schema(
        summary="Changes to claims, chains and verdicts, in commit order",
        description=(
            "Poll with ?after=<next_after from the previous answer> (start with 0). Entries appear in the "
            "order their transactions committed, so a poller never misses or repeats one. Anonymous "
            "callers and read keys see changes to claims they can see."
        ),
        parameters=[
            OpenApiParameter(
                "after",
                {"type": "string", "pattern": "^[0-9]{1,18}$"},
                description="The last seq you processed (0 to start).",
            ),
            OpenApiParameter(
                "limit",
                {"type": "integer", "minimum": 1, "maximum": CHANGES_LIMIT},
                description="At most this many (default 100).",
            ),
        ],
        responses={200: s.ChangesPageSerializer},
    )
    def get(self, request):
        params = request.query_params
        unknown = sorted(set(params) - {"after", "limit"})
        errors = {name: ["Unknown query parameter. Known parameters: after, limit."] for name in unknown}
        after = _whole(params.get("after", "0"), "after", errors, low=0, high=10**18 - 1)
        limit = _whole(params.get("limit", "100"), "limit", errors, low=1, high=CHANGES_LIMIT)
        if errors:
            raise ValidationError(errors)
        entries = ChangeEntry.objects.filter(seq__gt=after).order_by("seq")
        if not sees_drafts(request):
            visible = Claim.objects.visible_to(sees_drafts=False).filter(pk=OuterRef("claim_id_ref"))
            entries = entries.filter(Exists(visible))
        rows = list(entries[: limit + 1])
        more = len(rows) > limit
        rows = rows[:limit]
        return Response(
            {
                "results": [s.ChangeSerializer(e).data for e in rows],
                "next_after": str(rows[-1].seq if rows else after),
                "has_more": more,
            }
        )


def _whole(raw: str, name: str, errors: dict, *, low: int, high: int) -> int:
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        errors[name] = [f"A whole number from {low} to {high}."]
        return low
    return value
