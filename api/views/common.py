"""What every API view shares: the claims a caller may see, conditional GETs, the JSON 404."""

from __future__ import annotations

import hashlib
import json

from django.db.models import Prefetch
from django.http import JsonResponse
from django.utils.http import http_date, parse_http_date_safe, quote_etag
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import OpenApiResponse
from rest_framework import status
from rest_framework.response import Response

from claims.models import (
    Appearance,
    AttributionLink,
    Claim,
)

from ..auth import sees_drafts
from ..errors import error_body


def claim_queryset(request):
    """Claims the caller may see; `selectors.claims_with_related` adds the verdict, chain and the rest."""
    return Claim.objects.visible_to(sees_drafts=sees_drafts(request))


def claimreview_queryset(request):
    """Decided claims with what a ClaimReview document names (claimant, appearances)."""
    return (
        Claim.objects.visible_to(sees_drafts=False)
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
