"""The claim list's filters: the reviewer queue, outlet, source kind in the chain, unnamed origin."""

from django.contrib import admin
from django.db.models import Exists, OuterRef, Subquery

from sources.models import Source, SourceKind

from .. import selectors
from ..models import AttributionLink


class NeedsRereviewFilter(admin.SimpleListFilter):
    """The reviewer queue: decided claims that got new independent refuting evidence."""

    title = "re-review"
    parameter_name = "rereview"

    def lookups(self, request, model_admin):
        return [("yes", "Needs re-review")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(corroboration__needs_rereview=True)
        return queryset


class PredictionsDueFilter(admin.SimpleListFilter):
    """The reviewer queue: predictions that fell due (and were corroborated again), not decided since."""

    title = "predictions due"
    parameter_name = "due"

    def lookups(self, request, model_admin):
        return [("yes", "Predictions due")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(pk__in=selectors.predictions_due().values("pk"))
        return queryset


class OutletFilter(admin.SimpleListFilter):
    title = "outlet"
    parameter_name = "outlet"

    def lookups(self, request, model_admin):
        outlets = Source.objects.filter(kind=SourceKind.OUTLET, attributions__isnull=False).distinct()
        return [(str(s.pk), s.name) for s in outlets]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(links__source_id=self.value()).distinct()
        return queryset


class SourceKindFilter(admin.SimpleListFilter):
    title = "source kind in chain"
    parameter_name = "source_kind"

    def lookups(self, request, model_admin):
        return SourceKind.choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(
                Exists(AttributionLink.objects.filter(claim=OuterRef("pk"), source_kind=self.value()))
            )
        return queryset


class UnnamedOriginFilter(admin.SimpleListFilter):
    title = "origin"
    parameter_name = "origin"

    def lookups(self, request, model_admin):
        return [("unnamed", "Unnamed sources only"), ("named", "Named origin")]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        deepest_kind = Subquery(
            AttributionLink.objects.filter(claim=OuterRef("pk"))
            .order_by("-position")
            .values("source_kind")[:1]
        )
        queryset = queryset.annotate(origin_kind=deepest_kind)
        if self.value() == "unnamed":
            return queryset.filter(origin_kind=SourceKind.UNNAMED)
        return queryset.exclude(origin_kind=SourceKind.UNNAMED).exclude(origin_kind=None)
