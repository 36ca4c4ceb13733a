"""One error format for every 4xx the API returns, and the request-body size limit.

    {"error": {"status": 400, "code": "invalid", "message": "…", "fields": {"chain[0].kind": ["…"]}}}

A 409 adds "current": the claim as it now is, so the caller can show it and decide again.
"""

from __future__ import annotations

import io

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, RequestDataTooBig
from django.http import Http404
from rest_framework import exceptions, parsers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from claims.errors import ApplicationError, ConflictError, NotAllowed
from claims.models import Claim
from claims.selectors import claims_with_related
from claimtracker.errors import ServiceError
from textkit.jsontext import MAX_DEPTH, TooDeep, nesting_depth

from .auth import sees_drafts
from .serializers import ClaimSerializer


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"

    def __init__(self):
        limit = settings.CLAIMTRACKER_API_MAX_BODY_BYTES
        super().__init__(f"The request body is larger than {limit:,} bytes.")


def read_limited(stream) -> bytes:
    """Read at most the configured limit; anything longer is refused whole, not truncated."""
    limit = settings.CLAIMTRACKER_API_MAX_BODY_BYTES
    if stream is None:
        return b""
    try:
        data = stream.read(limit + 1)
    except RequestDataTooBig:
        raise RequestTooLarge() from None
    if len(data) > limit:
        raise RequestTooLarge()
    return data


class LimitedJSONParser(parsers.JSONParser):
    """JSON within the size limit and nested at most `textkit.jsontext.MAX_DEPTH` levels: deeper
    documents would overflow the parser's stack (RecursionError, a 500) and no request needs them."""

    def parse(self, stream, media_type=None, parser_context=None):
        data = read_limited(stream)
        if nesting_depth(data, stop_at=MAX_DEPTH) > MAX_DEPTH:
            raise exceptions.ParseError(f"JSON parse error - {TooDeep(MAX_DEPTH)}.")
        return super().parse(io.BytesIO(data), media_type, parser_context)


class RawBodyParser(parsers.BaseParser):
    """Hands the view the raw bytes (ClaimReview import takes HTML pages and JSON-LD as they are)."""

    media_type = "*/*"

    def parse(self, stream, media_type=None, parser_context=None):
        return read_limited(stream)


def flatten_fields(detail, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error detail → {"chain[0].kind": ["…"]}."""
    out: dict[str, list[str]] = {}
    if isinstance(detail, dict):
        for key, value in detail.items():
            if isinstance(key, int) or (isinstance(key, str) and key.isdigit() and prefix):
                sub = f"{prefix}[{key}]"  # DRF reports list items as {index: errors}
            elif key == "non_field_errors":
                sub = prefix or "__all__"
            else:
                sub = f"{prefix}.{key}" if prefix else str(key)
            for k, v in flatten_fields(value, sub).items():
                out.setdefault(k, []).extend(v)
    elif isinstance(detail, list):
        if all(not isinstance(item, dict | list) for item in detail):
            out.setdefault(prefix or "__all__", []).extend(str(item) for item in detail)
        else:
            for index, item in enumerate(detail):
                for k, v in flatten_fields(item, f"{prefix}[{index}]").items():
                    out.setdefault(k, []).extend(v)
    else:
        out.setdefault(prefix or "__all__", []).append(str(detail))
    return out


def error_body(status_code: int, code: str, message: str, fields: dict | None = None) -> dict:
    return {"error": {"status": status_code, "code": code, "message": message, "fields": fields or {}}}


def api_exception_handler(exc, context):
    if isinstance(exc, ApplicationError):
        status_code = 409 if isinstance(exc, ConflictError) else 403 if isinstance(exc, NotAllowed) else 400
        body = error_body(status_code, exc.code, exc.message, exc.fields)
        if isinstance(exc, ConflictError) and exc.current is not None:
            visible = Claim.objects.visible_to(sees_drafts=sees_drafts(context["request"]))
            [current] = claims_with_related([visible.get(pk=exc.current.pk)])
            body["error"]["current"] = ClaimSerializer(current, context=context).data
        return Response(body, status=status_code)
    if isinstance(exc, ServiceError):  # another app's refusal (e.g. the registry's): bad input
        return Response(error_body(400, exc.code, exc.message, exc.fields), status=400)
    if isinstance(exc, Http404 | ObjectDoesNotExist):
        exc = exceptions.NotFound("Not found.")
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, RequestDataTooBig):
        exc = RequestTooLarge()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        message, fields = "Please correct the errors below.", flatten_fields(exc.detail)
        code = "invalid"
    else:
        detail = exc.detail
        message = str(detail) if not isinstance(detail, dict | list) else "Request refused."
        fields = flatten_fields(detail) if isinstance(detail, dict | list) else {}
        code = exc.get_codes() if isinstance(exc.get_codes(), str) else exc.default_code
    response.data = error_body(response.status_code, code, message, fields)
    return response
