"""Claims, their chains, evidence and verdicts."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from claimreview.document import claimreview_document
from claims import selectors
from claims.models import (
    Claim,
    Evidence,
    ReviewState,
    Verdict,
)

from .. import serializers as s
from ..auth import sees_drafts
from ..filters import ClaimFilter
from .common import (
    AS_OF_PARAMETER,
    NOT_MODIFIED,
    ConditionalRetrieveMixin,
    as_of,
    claim_queryset,
    claimreview_as_of,
    claimreview_queryset,
)


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
        parameters=[AS_OF_PARAMETER],
    ),
    retrieve=extend_schema(
        summary="One claim",
        responses={200: s.ClaimSerializer, 304: NOT_MODIFIED},
        parameters=[AS_OF_PARAMETER],
    ),
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
    query_parameters = ("as_of",)

    def get_queryset(self):
        return claim_queryset(self.request)

    def last_modified_of(self, obj):
        return _claim_last_modified(obj)

    def _show(self, claim, code=status.HTTP_200_OK, headers=None):
        [claim] = selectors.claims_with_related([claim_queryset(self.request).get(pk=claim.pk)])
        return Response(
            s.ClaimSerializer(claim, context=self.get_serializer_context()).data, code, headers=headers
        )

    def _with_related(self, claims):
        claims = selectors.claims_with_related(claims)
        moment = as_of(self.request)
        return claims if moment is None else selectors.claims_as_of(claims, moment=moment)

    def list(self, request, *args, **kwargs):
        page = self._with_related(self.paginate_queryset(self.filter_queryset(self.get_queryset())))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        [claim] = self._with_related([self.get_object()])
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
        summary="The claim as schema.org ClaimReview JSON-LD",
        responses={200: s.ClaimReviewSerializer},
        parameters=[AS_OF_PARAMETER],
    )
    @action(detail=True, methods=["get"], url_path="claimreview", filterset_class=None, pagination_class=None)
    def claimreview(self, request, pk=None):
        unknown = sorted(set(request.query_params) - {"as_of"})
        if unknown:
            raise ValidationError(
                {name: ["Unknown query parameter. Known parameters: as_of."] for name in unknown}
            )
        [claim] = claimreview_as_of([get_object_or_404(claimreview_queryset(request), pk=pk)], request)
        return Response(claimreview_document(claim, url=request.build_absolute_uri(request.path)))


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
