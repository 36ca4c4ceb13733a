"""Sources (with track records) and articles, read-only."""

from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from claims import selectors
from sources.models import Article, Source, SourceAlias

from .. import serializers as s
from ..filters import ArticleFilter, SourceFilter
from .common import NOT_MODIFIED, ConditionalRetrieveMixin


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
