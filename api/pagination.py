"""Keyset ("cursor") pagination over a unique, stable ordering: (field, id).

Unlike offset pages, a cursor page never repeats or skips rows when rows are inserted meanwhile, and
page N costs the same as page 1 (an index range scan, no OFFSET).
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import UTC, datetime
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.response import Response

from textkit.jsontext import loads_bounded


def _bad(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def requested_ordering(request, view) -> tuple[str, str, bool]:
    """`?ordering=` (or the view's default) as (as given, field, descending); unknown is a 400."""
    raw = request.query_params.get("ordering") or view.default_ordering
    name = raw.removeprefix("-")
    if name not in view.ordering_fields:
        allowed = ", ".join(f"{n}, -{n}" for n in view.ordering_fields)
        raise _bad("ordering", f"Unknown ordering {raw!r}; use one of: {allowed}.")
    return raw, view.ordering_fields[name], raw.startswith("-")


class KeysetPagination(BasePagination):
    """Views say `ordering_fields = {"created_at": "created_at", ...}` and `default_ordering = "-created_at"`."""

    def _page_size(self, request) -> int:
        raw = request.query_params.get("page_size")
        default, maximum = settings.CLAIMTRACKER_API_PAGE_SIZE, settings.CLAIMTRACKER_API_MAX_PAGE_SIZE
        if raw in (None, ""):
            return default
        try:
            size = int(raw)
        except ValueError:
            raise _bad("page_size", f"A whole number from 1 to {maximum}.") from None
        if not 1 <= size <= maximum:
            raise _bad("page_size", f"A whole number from 1 to {maximum}.")
        return size

    def _ordering(self, request, view) -> tuple[str, str, bool]:
        return requested_ordering(request, view)

    def _decode(self, raw: str, ordering: str, model, field: str):
        try:
            padded = raw + "=" * (-len(raw) % 4)
            data = loads_bounded(base64.urlsafe_b64decode(padded.encode("ascii")))
            if not isinstance(data, dict) or data.get("d") not in {"n", "p"}:
                raise ValueError
            pk = int(data["k"])
            if not -(2**63) <= pk < 2**63:
                raise ValueError("the id is out of range")
            value = model._meta.get_field(field).to_python(data["v"])
            if isinstance(value, datetime):
                value = value.astimezone(UTC)  # PostgreSQL takes offsets up to ±15:59 only
        except (
            ValueError,
            TypeError,
            KeyError,
            UnicodeError,
            OverflowError,
            binascii.Error,
            DjangoValidationError,
        ):
            raise _bad("cursor", "Invalid cursor: use the next or previous link as given.") from None
        except FieldDoesNotExist:  # pragma: no cover - views declare real fields
            raise
        if data.get("o") != ordering:
            raise _bad("cursor", "This cursor belongs to another ordering; start again without a cursor.")
        if value is None:
            raise _bad("cursor", "Invalid cursor: use the next or previous link as given.")
        return value, pk, data["d"]

    def _encode(self, row, ordering: str, field: str, direction: str) -> str:
        value = getattr(row, field)
        value = value.isoformat() if hasattr(value, "isoformat") else value
        payload = json.dumps({"o": ordering, "v": value, "k": row.pk, "d": direction}, separators=(",", ":"))
        return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        size = self._page_size(request)
        ordering, field, desc = self._ordering(request, view)
        raw_cursor = request.query_params.get("cursor")
        cursor = self._decode(raw_cursor, ordering, queryset.model, field) if raw_cursor else None
        backward = cursor is not None and cursor[2] == "p"
        # Going back walks the other way and flips the page afterwards.
        walk_desc = desc != backward
        sign = "-" if walk_desc else ""
        queryset = queryset.order_by(f"{sign}{field}", f"{sign}pk")
        if cursor is not None:
            value, pk, _ = cursor
            op = "lt" if walk_desc else "gt"
            queryset = queryset.filter(Q(**{f"{field}__{op}": value}) | Q(**{field: value, f"pk__{op}": pk}))
        rows = list(queryset[: size + 1])
        more = len(rows) > size
        rows = rows[:size]
        if backward:
            rows.reverse()
        self.next_cursor = self.prev_cursor = None
        if rows:
            if more if not backward else True:
                self.next_cursor = self._encode(rows[-1], ordering, field, "n")
            if (cursor is not None) if not backward else more:
                self.prev_cursor = self._encode(rows[0], ordering, field, "p")
        return rows

    def _link(self, cursor: str | None) -> str | None:
        if cursor is None:
            return None
        params = self.request.query_params.copy()
        params["cursor"] = cursor
        return self.request.build_absolute_uri(self.request.path) + "?" + urlencode(params, doseq=True)

    def get_paginated_response(self, data):
        return Response(
            {"next": self._link(self.next_cursor), "previous": self._link(self.prev_cursor), "results": data}
        )

    def get_paginated_response_schema(self, schema):
        link = {"type": "string", "nullable": True, "format": "uri"}
        return {
            "type": "object",
            "required": ["next", "previous", "results"],
            "properties": {"next": link, "previous": link, "results": schema},
        }

    def get_schema_operation_parameters(self, view):
        orderings = [p for n in view.ordering_fields for p in (n, f"-{n}")]
        return [
            {
                "name": "cursor",
                "in": "query",
                "required": False,
                "description": "Opaque position from a previous page's next/previous link.",
                "schema": {"type": "string"},
            },
            {
                "name": "page_size",
                "in": "query",
                "required": False,
                "description": f"Items per page (default {settings.CLAIMTRACKER_API_PAGE_SIZE}).",
                "schema": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": settings.CLAIMTRACKER_API_MAX_PAGE_SIZE,
                },
            },
            {
                "name": "ordering",
                "in": "query",
                "required": False,
                "description": f"Sort order (default {view.default_ordering}); ties broken by id.",
                "schema": {"type": "string", "enum": orderings},
            },
        ]
