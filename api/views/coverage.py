"""The source registry (people, organisations, outlets, with aliases and track records) and articles.

Sources and their aliases are written by edit keys through `sources.services`; articles are read-only.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, mixins, status, viewsets
from rest_framework.response import Response

from records import selectors
from sources import services as source_services
from sources.models import Article, Source, SourceAlias

from .. import serializers as s
from ..filters import ArticleFilter, SourceFilter
from .common import AS_OF_PARAMETER, NOT_MODIFIED, ConditionalRetrieveMixin, as_of

DUPLICATES = (
    "A name or alias that already belongs to a source of the same kind (compared case-, script-form- and "
    "space-insensitively) is refused with 400 naming that source: edit it or add an alias to it instead."
)


@extend_schema_view(
    list=extend_schema(
        summary="Sources with aliases and track record",
        description="Filter by `kind`, by `name` (part of the name or of any alias), by `alias` (the exact "
        "name or an alias, folded: the registry's own match) and by `affiliation` (a source id).",
        parameters=[AS_OF_PARAMETER],
    ),
    retrieve=extend_schema(
        summary="One source with its track record",
        responses={200: s.SourceSerializer, 304: NOT_MODIFIED},
        parameters=[AS_OF_PARAMETER],
    ),
    create=extend_schema(
        summary="Register a person, organisation, outlet or unnamed group (edit key)",
        description=DUPLICATES,
        request=s.SourceCreateSerializer,
        responses={201: s.SourceSerializer},
    ),
    partial_update=extend_schema(
        summary="Change a source's own fields (edit key)",
        description=DUPLICATES,
        request=s.SourceUpdateSerializer,
        responses={200: s.SourceSerializer},
    ),
)
class SourceViewSet(
    ConditionalRetrieveMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    lookup_value_regex = "[0-9]{1,18}"
    serializer_class = s.SourceSerializer
    filterset_class = SourceFilter
    ordering_fields = {"name": "name", "id": "id", "updated_at": "updated_at"}
    default_ordering = "name"
    write_scope = "edit"
    http_method_names = ["get", "post", "patch", "head", "options"]
    query_parameters = ("as_of",)

    def get_queryset(self):
        return Source.objects.select_related("affiliation").prefetch_related(
            Prefetch("aliases", SourceAlias.objects.order_by("name"))
        )

    def _with_track_records(self, sources):
        # Counted for the page only: a GROUP BY over every source's claims would grow with the database.
        sources = list(sources)
        records = selectors.track_records(source_ids=[s.pk for s in sources], as_of=as_of(self.request))
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

    def _show(self, source, code=status.HTTP_200_OK, headers=None):
        [source] = self._with_track_records([self.get_queryset().get(pk=source.pk)])
        return Response(s.SourceSerializer(source).data, code, headers=headers)

    def create(self, request, *args, **kwargs):
        serializer = s.SourceCreateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        source = serializer.save()
        return self._show(source, status.HTTP_201_CREATED, {"Location": f"/api/v1/sources/{source.pk}/"})

    def partial_update(self, request, *args, **kwargs):
        source = self.get_object()
        serializer = s.SourceUpdateSerializer(
            source, data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return self._show(source)


class SourceChildMixin:
    def get_source(self) -> Source:
        if not hasattr(self, "_source"):
            self._source = get_object_or_404(Source, pk=self.kwargs["source_id"])
        return self._source


@extend_schema_view(
    get=extend_schema(summary="A source's aliases"),
    post=extend_schema(
        summary="Add an alias (edit key)",
        description="An alias that is already the source's name or alias, or that belongs to another source "
        "of the same kind, is refused with 400 naming it.",
        request=s.AliasInputSerializer,
        responses={201: s.AliasRowSerializer},
    ),
)
class SourceAliasesView(SourceChildMixin, generics.ListCreateAPIView):
    queryset = SourceAlias.objects.none()  # for the schema; get_queryset scopes to the source
    serializer_class = s.AliasRowSerializer
    ordering_fields = {"name": "name", "id": "id"}
    default_ordering = "name"
    write_scope = "edit"

    def get_queryset(self):
        return SourceAlias.objects.filter(source=self.get_source())

    def create(self, request, *args, **kwargs):
        context = {**self.get_serializer_context(), "source": self.get_source()}
        serializer = s.AliasInputSerializer(data=request.data, context=context)
        serializer.is_valid(raise_exception=True)
        alias = serializer.save()
        return Response(s.AliasRowSerializer(alias).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    get=extend_schema(summary="One alias"),
    delete=extend_schema(summary="Remove an alias (edit key)"),
)
class SourceAliasView(SourceChildMixin, generics.RetrieveDestroyAPIView):
    queryset = SourceAlias.objects.none()
    serializer_class = s.AliasRowSerializer
    write_scope = "edit"
    lookup_url_kwarg = "alias_id"

    def get_queryset(self):
        return SourceAlias.objects.filter(source=self.get_source())

    def perform_destroy(self, instance):
        source_services.alias_remove(alias=instance)


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
