"""What every API view shares: the claims a caller may see, conditional GETs, the JSON 404."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

from django.db.models import Prefetch
from django.http import JsonResponse
from django.utils.http import http_date, parse_http_date_safe, quote_etag
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from claims.models import (
    Appearance,
    AttributionLink,
    Claim,
    Verdict,
)

from ..auth import sees_drafts
from ..errors import error_body

AS_OF_PARAMETER = OpenApiParameter(
    "as_of",
    str,
    description="An ISO 8601 moment (2025-09-01T00:00Z, or a date: midnight UTC). The answer as it stood "
    "then, from the history: what this API said at that moment.",
)


def as_of(request) -> datetime | None:
    """The `?as_of=` moment, or None; a value that is not a moment is a 400 on the field."""
    raw = request.query_params.get("as_of")
    if raw is None:
        return None
    try:
        moment = datetime.fromisoformat(raw.strip())
    except ValueError:
        raise ValidationError(
            {"as_of": ["An ISO 8601 date or moment, e.g. 2025-09-01 or 2025-09-01T00:00Z."]}
        ) from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def claim_queryset(request):
    """Claims the caller may see; `selectors.claims_with_related` adds the verdict, chain and the rest.

    With `?as_of=`, only claims that existed then, judged by the status they had then.
    """
    moment = as_of(request)
    queryset = Claim.objects.all() if moment is None else Claim.objects.as_of(moment)
    return queryset.visible_to(sees_drafts=sees_drafts(request))


def claimreview_queryset(request):
    """Decided claims with what a ClaimReview document names (claimant, appearances)."""
    moment = as_of(request)
    queryset = Claim.objects.all() if moment is None else Claim.objects.as_of(moment)
    return (
        queryset.visible_to(sees_drafts=False)
        .select_related("current_verdict__organisation")
        .prefetch_related(
            Prefetch("links", AttributionLink.objects.select_related("source").order_by("position")),
            Prefetch(
                "appearances",
                Appearance.objects.select_related("article__outlet").defer("article__text").order_by("id"),
            ),
        )
    )


class ConditionalRetrieveMixin:
    """ETag (a hash of the body, so it changes exactly when the answer does) and Last-Modified."""

    def last_modified_of(self, obj):
        return getattr(obj, "updated_at", None)

    def conditional_response(self, request, obj, data) -> Response:
        body = json.dumps(data, sort_keys=True, separators=(",", ":"), default=str).encode()
        etag = quote_etag(hashlib.sha256(body).hexdigest()[:32])
        modified = self.last_modified_of(obj)
        headers = {"ETag": etag}
        if modified is not None:
            headers["Last-Modified"] = http_date(modified.timestamp())
        if_none_match = request.headers.get("If-None-Match")
        if if_none_match is not None:
            tags = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
            not_modified = "*" in tags or etag in tags
        else:
            since = parse_http_date_safe(request.headers.get("If-Modified-Since") or "")
            not_modified = since is not None and modified is not None and int(modified.timestamp()) <= since
        if not_modified:
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers=headers)
        return Response(data, headers=headers)


NOT_MODIFIED = OpenApiResponse(description="Not modified (If-None-Match / If-Modified-Since matched).")


@csrf_exempt
def api_not_found(request, *args, **kwargs):
    return JsonResponse(error_body(404, "not_found", "No such API endpoint."), status=404)


def claimreview_as_of(claims, request) -> list:
    """With `?as_of=`, each claim's `current_verdict` is the verdict it had then (one query for the page)."""
    claims = list(claims)
    moment = as_of(request)
    if moment is None or not claims:
        return claims
    ids = [getattr(c, "verdict_id_as_of", None) for c in claims]
    verdicts = Verdict.objects.select_related("organisation").in_bulk([pk for pk in ids if pk])
    for claim, pk in zip(claims, ids, strict=True):
        claim.current_verdict = verdicts.get(pk)
    return claims
