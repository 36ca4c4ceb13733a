"""ClaimReview out (the feed) and in (import)."""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from claimreview import services as claimreview_services
from claimreview.document import claimreview_document

from .. import serializers as s
from ..errors import RawBodyParser
from .common import AS_OF_PARAMETER, claimreview_as_of, claimreview_queryset


@extend_schema_view(
    get=extend_schema(
        summary="All decided claims as ClaimReview JSON-LD, paged",
        responses={200: s.ClaimReviewSerializer(many=True)},
        parameters=[AS_OF_PARAMETER],
    )
)
class ClaimReviewFeedView(generics.ListAPIView):
    serializer_class = s.ClaimReviewSerializer
    query_parameters = ("as_of",)
    ordering_fields = {"updated_at": "updated_at", "id": "id"}
    default_ordering = "-updated_at"

    def get_queryset(self):
        return claimreview_queryset(self.request)

    def list(self, request, *args, **kwargs):
        page = claimreview_as_of(self.paginate_queryset(self.filter_queryset(self.get_queryset())), request)
        docs = [
            claimreview_document(c, url=request.build_absolute_uri(f"/api/v1/claims/{c.pk}/claimreview/"))
            for c in page
        ]
        return self.get_paginated_response(docs)


class ClaimReviewImportView(APIView):
    parser_classes = [RawBodyParser]
    write_scope = "edit"

    @extend_schema(
        summary="Import ClaimReview markup (edit key)",
        description=(
            "Send a fact-checker's HTML page (JSON-LD blocks are read) or a JSON / JSON-LD document as the "
            "body. Each review becomes a claim, its claimant's chain link and a verdict attributed to the "
            "fact-checking organisation. Importing the same markup twice changes nothing; broken blocks are "
            "listed in `errors` and the rest imports. At most CLAIMREVIEW_IMPORT_MAX_REVIEWS (50) reviews "
            "per request: a larger document is refused whole with the reason (use the command for bulk)."
        ),
        request={
            "text/html": OpenApiTypes.ANY,
            "application/ld+json": OpenApiTypes.ANY,
            "application/json": OpenApiTypes.ANY,
        },
        responses={200: s.ImportReportSerializer},
    )
    def post(self, request):
        data = request.data
        if not data or not data.strip():
            raise ValidationError({"__all__": ["Send the HTML page or JSON document as the request body."]})
        # Each review is a claim, a chain and a verdict (tenths of a second): a request imports a bounded
        # number, so it never holds a web worker for minutes (5,000 reviews took 15).
        report = claimreview_services.claimreview_import(
            data=data, actor=request.user, max_reviews=settings.CLAIMREVIEW_IMPORT_MAX_REVIEWS
        )
        return Response(s.ImportReportSerializer(report).data)
