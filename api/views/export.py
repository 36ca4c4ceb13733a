"""GET /api/v1/claims/export/: the claim list as CSV, the admin export's columns (claims.export)."""

from __future__ import annotations

import csv

from django.http import StreamingHttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response

from claims.export import ClaimExportResource

from ..filters import ClaimFilter
from ..pagination import requested_ordering
from .claims import ClaimViewSet
from .common import AS_OF_PARAMETER, as_of, claim_queryset

PAGING_PARAMETERS = ("cursor", "page_size")


class CSVRenderer(BaseRenderer):
    """Lets a client ask for `Accept: text/csv`; the body itself is streamed by the view."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):  # pragma: no cover
        raise NotImplementedError("the export streams its own body; errors are rendered as JSON")


class _Echo:
    """csv.writer writes each row here and gets the row back as text (Django's streaming CSV recipe)."""

    def write(self, value: str) -> str:
        return value


def csv_lines(resource: ClaimExportResource, queryset):
    writer = csv.writer(_Echo())
    yield writer.writerow(resource.get_export_headers())
    for row in resource.iter_queryset(queryset):
        yield writer.writerow(resource.export_resource(row))


ORDERING_PARAMETER = OpenApiParameter(
    "ordering",
    str,
    enum=[p for n in ClaimViewSet.ordering_fields for p in (n, f"-{n}")],
    description=f"Sort order (default {ClaimViewSet.default_ordering}); ties broken by id.",
)


class ClaimExportView(generics.GenericAPIView):
    """The same claims, filters, keys and permissions as `GET /api/v1/claims/`, every match, as CSV."""

    filterset_class = ClaimFilter
    pagination_class = None
    renderer_classes = [JSONRenderer, CSVRenderer]
    ordering_fields = ClaimViewSet.ordering_fields
    default_ordering = ClaimViewSet.default_ordering
    query_parameters = ("as_of",)

    def get_queryset(self):
        return claim_queryset(self.request)

    @extend_schema(
        summary="Export claims as CSV (same filters as the list)",
        description="One row per claim: text, language, English summary, kind, status, version, the "
        "attribution chain as text, origin, evidence counts by stance and independence, the stored "
        "corroboration summary's origins and grade, the current verdict (who, when, on which version, "
        "why), the verdict history and the times, in UTC. Not paged: every claim that matches, streamed. Anonymous callers "
        "and read keys get decided claims only; edit and review keys get all, as in the list. Cells "
        "that a spreadsheet would run as a formula (starting with = + - @) begin with an apostrophe.",
        filters=True,
        parameters=[AS_OF_PARAMETER, ORDERING_PARAMETER],
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="UTF-8 CSV with a header row.")
        },
    )
    def get(self, request, *args, **kwargs):
        paging = [name for name in PAGING_PARAMETERS if name in request.query_params]
        if paging:
            raise ValidationError(
                {name: ["The export is not paged: it has every claim that matches."] for name in paging}
            )
        _, field, descending = requested_ordering(request, self)
        sign = "-" if descending else ""
        queryset = self.filter_queryset(self.get_queryset()).order_by(f"{sign}{field}", f"{sign}pk")
        resource = ClaimExportResource(moment=as_of(request))
        response = StreamingHttpResponse(
            csv_lines(resource, queryset), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="claims-{timezone.now():%Y-%m-%d-%H%M}.csv"'
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if isinstance(response, Response) and isinstance(response.accepted_renderer, CSVRenderer):
            # Errors are JSON here as everywhere in the API, even when the client asked for CSV.
            response.accepted_renderer = JSONRenderer()
            response.accepted_media_type = JSONRenderer.media_type
        return response
