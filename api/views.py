"""/api/v1/: verified claims for everyone, writes for editors' and reviewers' keys."""

from __future__ import annotations

import hashlib
import json

from django.db.models import Exists, OuterRef, Prefetch
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.http import http_date, parse_http_date_safe, quote_etag
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from claimreview import services as claimreview_services
from claimreview.document import claimreview_document
from claims import selectors
from claims.models import (
    Appearance,
    AttributionLink,
    ChangeEntry,
    Claim,
    Evidence,
    ReviewState,
    Verdict,
)
from sources.models import Article, Source, SourceAlias

from . import serializers as s
from .auth import sees_drafts
from .errors import RawBodyParser, error_body
from .filters import ArticleFilter, ClaimFilter, SourceFilter


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


def _claim_last_modified(claim):
    moments = [claim.updated_at]
    if claim.related["verdict"] is not None:
        moments.append(claim.related["verdict"]["created_at"])
    moments += [e["decided_at"] for e in claim.related["evidence"]]
    return max(moments)


@extend_schema_view(
    list=extend_schema(
        summary="List claims",
        description="Anonymous callers and read keys see decided claims only; edit and review keys see all.",
    ),
    retrieve=extend_schema(summary="One claim", responses={200: s.ClaimSerializer, 304: NOT_MODIFIED}),
    create=extend_schema(
        summary="Create a claim with its chain (edit key)",
        request=s.ClaimCreateSerializer,
        responses={201: s.ClaimSerializer},
    ),
    partial_update=extend_schema(
        summary="Change a claim's own fields (edit key)",
        request=s.ClaimUpdateSerializer,
        responses={200: s.ClaimSerializer},
    ),
)
class ClaimViewSet(
    ConditionalRetrieveMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    lookup_value_regex = "[0-9]{1,18}"
    serializer_class = s.ClaimSerializer
    filterset_class = ClaimFilter
    ordering_fields = {"created_at": "created_at", "updated_at": "updated_at", "id": "id"}
    default_ordering = "-created_at"
    write_scope = "edit"
    http_method_names = ["get", "post", "patch", "put", "head", "options"]

    def get_queryset(self):
        return claim_queryset(self.request)

    def last_modified_of(self, obj):
        return _claim_last_modified(obj)

    def _show(self, claim, code=status.HTTP_200_OK, headers=None):
        [claim] = selectors.claims_with_related([claim_queryset(self.request).get(pk=claim.pk)])
        return Response(
            s.ClaimSerializer(claim, context=self.get_serializer_context()).data, code, headers=headers
        )

    def list(self, request, *args, **kwargs):
        page = selectors.claims_with_related(
            self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        )
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        [claim] = selectors.claims_with_related([self.get_object()])
        return self.conditional_response(request, claim, self.get_serializer(claim).data)

    def create(self, request, *args, **kwargs):
        serializer = s.ClaimCreateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        claim = serializer.save()
        return self._show(claim, status.HTTP_201_CREATED, {"Location": f"/api/v1/claims/{claim.pk}/"})

    def partial_update(self, request, *args, **kwargs):
        claim = self.get_object()
        serializer = s.ClaimUpdateSerializer(claim, data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return self._show(claim)

    @extend_schema(summary="Replace the attribution chain (edit key)", request=s.ChainInputSerializer)
    @action(detail=True, methods=["put"], url_path="chain")
    def chain(self, request, pk=None):
        claim = self.get_object()
        serializer = s.ChainInputSerializer(claim, data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return self._show(claim)

    @extend_schema(
        summary="The claim as schema.org ClaimReview JSON-LD", responses={200: s.ClaimReviewSerializer}
    )
    @action(detail=True, methods=["get"], url_path="claimreview", filterset_class=None, pagination_class=None)
    def claimreview(self, request, pk=None):
        claim = get_object_or_404(claimreview_queryset(request), pk=pk)
        return Response(claimreview_document(claim, url=request.build_absolute_uri()))


class ClaimChildMixin:
    """Views under /claims/{id}/: the claim must be visible to the caller."""

    def get_claim(self) -> Claim:
        if not hasattr(self, "_claim"):
            self._claim = get_object_or_404(claim_queryset(self.request), pk=self.kwargs["claim_id"])
        return self._claim


@extend_schema_view(
    get=extend_schema(summary="Evidence for a claim"),
    post=extend_schema(
        summary="Add or update evidence by hand (edit key)",
        request=s.EvidenceInputSerializer,
        responses={201: s.EvidenceSerializer},
    ),
)
class ClaimEvidenceView(ClaimChildMixin, generics.ListCreateAPIView):
    queryset = Evidence.objects.none()  # for the schema; get_queryset scopes to the claim
    serializer_class = s.EvidenceSerializer
    ordering_fields = {"decided_at": "decided_at", "id": "id"}
    default_ordering = "-decided_at"
    write_scope = "edit"

    def get_queryset(self):
        claim = self.get_claim()
        queryset = Evidence.objects.filter(claim=claim).select_related(
            "article__outlet", "origin", "decided_by"
        )
        queryset = queryset.defer("article__text")
        if not sees_drafts(self.request):
            queryset = queryset.exclude(review_state=ReviewState.REJECTED)
        return queryset

    def create(self, request, *args, **kwargs):
        context = {**self.get_serializer_context(), "claim": self.get_claim()}
        serializer = s.EvidenceInputSerializer(data=request.data, context=context)
        serializer.is_valid(raise_exception=True)
        evidence = serializer.save()
        evidence = Evidence.objects.select_related("article__outlet", "origin", "decided_by").get(
            pk=evidence.pk
        )
        return Response(s.EvidenceSerializer(evidence).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    get=extend_schema(summary="Verdict history of a claim, newest first"),
    post=extend_schema(
        summary="Record a verdict on the version you saw (review key)",
        description="A stale `version` gets 409 Conflict with the claim as it is now in `error.current`.",
        request=s.VerdictInputSerializer,
        responses={201: s.VerdictSerializer},
    ),
)
class ClaimVerdictsView(ClaimChildMixin, generics.ListCreateAPIView):
    queryset = Verdict.objects.none()  # for the schema; get_queryset scopes to the claim
    serializer_class = s.VerdictSerializer
    ordering_fields = {"created_at": "created_at", "id": "id"}
    default_ordering = "-created_at"
    write_scope = "review"

    def get_queryset(self):
        return Verdict.objects.filter(claim=self.get_claim()).select_related("reviewer", "organisation")

    def create(self, request, *args, **kwargs):
        context = {**self.get_serializer_context(), "claim": self.get_claim()}
        serializer = s.VerdictInputSerializer(data=request.data, context=context)
        serializer.is_valid(raise_exception=True)
        verdict = serializer.save()
        return Response(s.VerdictSerializer(verdict).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="Sources with aliases and track record"),
    retrieve=extend_schema(summary="One source", responses={200: s.SourceSerializer, 304: NOT_MODIFIED}),
)
class SourceViewSet(ConditionalRetrieveMixin, viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = "[0-9]{1,18}"
    serializer_class = s.SourceSerializer
    filterset_class = SourceFilter
    ordering_fields = {"name": "name", "id": "id", "updated_at": "updated_at"}
    default_ordering = "name"

    def get_queryset(self):
        return Source.objects.select_related("affiliation").prefetch_related(
            Prefetch("aliases", SourceAlias.objects.order_by("name"))
        )

    @staticmethod
    def _with_track_records(sources):
        # Counted for the page only: a GROUP BY over every source's claims would grow with the database.
        sources = list(sources)
        records = selectors.source_track_records(source_ids=[s.pk for s in sources])
        for source in sources:
            source.track_record = records[source.pk]
        return sources

    def list(self, request, *args, **kwargs):
        page = self._with_track_records(self.paginate_queryset(self.filter_queryset(self.get_queryset())))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def last_modified_of(self, obj):
        # The track record changes with other claims' verdicts, which leave no date on the source:
        # only the ETag (a hash of the answer) can say whether it changed.
        return None

    def retrieve(self, request, *args, **kwargs):
        [source] = self._with_track_records([self.get_object()])
        return self.conditional_response(request, source, self.get_serializer(source).data)


@extend_schema_view(
    list=extend_schema(summary="Articles (coverage items)"),
    retrieve=extend_schema(
        summary="One article with its text", responses={200: s.ArticleDetailSerializer, 304: NOT_MODIFIED}
    ),
)
class ArticleViewSet(ConditionalRetrieveMixin, viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = "[0-9]{1,18}"
    filterset_class = ArticleFilter
    # Newest stored first, by primary key: articles are many and only the key is indexed for this.
    ordering_fields = {"id": "id"}
    default_ordering = "-id"

    def get_serializer_class(self):
        return s.ArticleDetailSerializer if self.action == "retrieve" else s.ArticleSerializer

    def last_modified_of(self, obj):
        return max(obj.updated_at, obj.outlet.updated_at) if obj.outlet is not None else obj.updated_at

    def get_queryset(self):
        queryset = Article.objects.select_related("outlet")
        return queryset if self.action == "retrieve" else queryset.defer("text")

    def retrieve(self, request, *args, **kwargs):
        article = self.get_object()
        return self.conditional_response(request, article, self.get_serializer(article).data)


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


@extend_schema_view(
    get=extend_schema(
        summary="All decided claims as ClaimReview JSON-LD, paged",
        responses={200: s.ClaimReviewSerializer(many=True)},
    )
)
class ClaimReviewFeedView(generics.ListAPIView):
    serializer_class = s.ClaimReviewSerializer
    ordering_fields = {"updated_at": "updated_at", "id": "id"}
    default_ordering = "-updated_at"

    def get_queryset(self):
        return claimreview_queryset(self.request)

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
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
            "listed in `errors` and the rest imports."
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
        report = claimreview_services.claimreview_import(data=data, actor=request.user)
        return Response(s.ImportReportSerializer(report).data)


@csrf_exempt
def api_not_found(request, *args, **kwargs):
    return JsonResponse(error_body(404, "not_found", "No such API endpoint."), status=404)
