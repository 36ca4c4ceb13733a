"""Query filters for the API. Unknown query parameters are refused, not silently ignored."""

from __future__ import annotations

from datetime import UTC

from django import forms
from django.db.models import Exists, OuterRef, Q, Subquery
from django_filters import rest_framework as filters
from django_filters.fields import IsoDateTimeField
from rest_framework.exceptions import ValidationError

from claims.models import (
    Appearance,
    AttributionLink,
    Claim,
    ClaimEntity,
    ClaimStatus,
    Evidence,
    Independence,
    ReviewState,
    Stance,
)
from claims.selectors import claim_search
from sources.models import Article, Source, SourceKind
from textkit.folding import normalize_name

# Not filters, but understood by every list: pagination and ordering.
LIST_PARAMETERS = frozenset({"cursor", "page_size", "ordering"})


class StrictFilterBackend(filters.DjangoFilterBackend):
    """A typo in a filter name must not return the unfiltered list as if it were the answer."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        known = set(LIST_PARAMETERS) | set(getattr(view, "query_parameters", ()))
        if filterset_class is not None:
            known |= set(filterset_class.base_filters)
        unknown = sorted(set(request.query_params) - known)
        errors = {}
        if unknown:
            hint = f"Known parameters: {', '.join(sorted(known))}."
            errors = {name: [f"Unknown query parameter. {hint}"] for name in unknown}
        # An empty typed value ("?made_after=") is a mistake; only free-text filters may be empty.
        free_text = {"cursor"}
        if filterset_class is not None:
            free_text |= {
                name for name, f in filterset_class.base_filters.items() if type(f) is filters.CharFilter
            }
        for name, values in request.query_params.lists():
            if name in known and name not in free_text and any(v == "" for v in values):
                errors[name] = ["Give a value, or leave the parameter out."]
        if errors:
            raise ValidationError(errors)
        return super().filter_queryset(request, queryset, view)


def independent_confirmation() -> Exists:
    return Exists(
        Evidence.objects.filter(
            claim=OuterRef("pk"),
            stance=Stance.SUPPORTS,
            independence=Independence.INDEPENDENT,
        ).exclude(review_state=ReviewState.REJECTED)
    )


class StrictBooleanField(forms.Field):
    """true/false (or 1/0); anything else is an error, where Django's NullBooleanField would shrug."""

    def to_python(self, value):
        if value in (None, ""):
            return None
        folded = str(value).strip().lower()
        if folded in {"true", "1"}:
            return True
        if folded in {"false", "0"}:
            return False
        raise forms.ValidationError("Use true or false.", code="invalid")


class BoolFilter(filters.BooleanFilter):
    field_class = StrictBooleanField

    def __init__(self, *args, **kwargs):
        # The default widget turns unknown values into "no filter" before the field can object.
        kwargs.setdefault("widget", forms.TextInput)
        super().__init__(*args, **kwargs)


# Ids are bigints: a larger number is no id (and SQLite raises OverflowError binding it).
MAX_ID = 2**63 - 1


class IdField(forms.IntegerField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class IdFilter(filters.NumberFilter):
    field_class = IdField


class UtcDateTimeField(IsoDateTimeField):
    """An ISO 8601 moment, compared in UTC. Python accepts offsets up to ±23:59, PostgreSQL only up to
    ±15:59, and a moment near year 1 or 9999 may not exist in UTC at all: refused with the reason."""

    def to_python(self, value):
        value = super().to_python(value)
        if value is None:
            return None
        try:
            return value.astimezone(UTC)
        except OverflowError:
            raise forms.ValidationError(
                "This moment is outside the years 1 to 9999 once converted to UTC.", code="invalid"
            ) from None


class DateTimeFilter(filters.IsoDateTimeFilter):
    field_class = UtcDateTimeField


class ClaimFilter(filters.FilterSet):
    status = filters.MultipleChoiceFilter(
        # No join is involved, so no DISTINCT (which would compare every column of every row).
        choices=ClaimStatus.choices,
        distinct=False,
        method="filter_status",
        help_text="One or more statuses (with as_of: the status then).",
    )
    source = IdFilter(method="filter_source", help_text="A Source id anywhere in the chain.")
    outlet = IdFilter(
        method="filter_outlet",
        help_text="An outlet's Source id: reported by it, or appearing in its articles.",
    )
    source_kind = filters.ChoiceFilter(
        choices=SourceKind.choices, method="filter_source_kind", help_text="A kind of source in the chain."
    )
    unnamed_only = BoolFilter(
        method="filter_unnamed_only", help_text="true: the origin (deepest link) is an unnamed group."
    )
    entity = filters.CharFilter(
        method="filter_entity", help_text="Claims about this entity (its name, any case)."
    )
    language = filters.CharFilter(field_name="language", help_text="BCP 47 code of the claim text.")
    made_after = DateTimeFilter(field_name="made_at", lookup_expr="gte")
    made_before = DateTimeFilter(field_name="made_at", lookup_expr="lt")
    verdict_after = DateTimeFilter(field_name="current_verdict__created_at", lookup_expr="gte")
    verdict_before = DateTimeFilter(field_name="current_verdict__created_at", lookup_expr="lt")
    has_independent_confirmation = BoolFilter(
        method="filter_independent",
        help_text="true: at least one independent origin supports the claim (re-reports do not count).",
    )
    q = filters.CharFilter(
        method="filter_q",
        help_text="Full-text search in the claim text and summary. A registry source's name or alias, "
        "in any spelling (“Хуавэй”), also finds the claims whose chain or entities name that source.",
    )

    class Meta:
        model = Claim
        fields: list[str] = []

    def filter_status(self, queryset, name, value):
        if not value:
            return queryset
        field = "status_as_of" if "status_as_of" in queryset.query.annotations else "status"
        return queryset.filter(**{f"{field}__in": value})

    def filter_source(self, queryset, name, value):
        return queryset.filter(Exists(AttributionLink.objects.filter(claim=OuterRef("pk"), source_id=value)))

    def filter_outlet(self, queryset, name, value):
        reported = AttributionLink.objects.filter(claim=OuterRef("pk"), position=0, source_id=value)
        appears = Appearance.objects.filter(claim=OuterRef("pk"), article__outlet_id=value)
        return queryset.filter(Exists(reported) | Exists(appears))

    def filter_source_kind(self, queryset, name, value):
        return queryset.filter(
            Exists(AttributionLink.objects.filter(claim=OuterRef("pk"), source_kind=value))
        )

    def filter_unnamed_only(self, queryset, name, value):
        deepest_kind = Subquery(
            AttributionLink.objects.filter(claim=OuterRef("pk"))
            .order_by("-position")
            .values("source_kind")[:1]
        )
        queryset = queryset.annotate(origin_kind=deepest_kind)
        if value:
            return queryset.filter(origin_kind=SourceKind.UNNAMED)
        return queryset.exclude(origin_kind=SourceKind.UNNAMED)

    def filter_entity(self, queryset, name, value):
        return queryset.filter(
            # Whole name, not "contains": a substring test cannot use an index and scans every entity.
            Exists(ClaimEntity.objects.filter(claim=OuterRef("pk"), name__iexact=value.strip()))
        )

    def filter_independent(self, queryset, name, value):
        return queryset.filter(independent_confirmation() if value else ~independent_confirmation())

    def filter_q(self, queryset, name, value):
        return claim_search(queryset, value)


class SourceFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=SourceKind.choices)
    name = filters.CharFilter(method="filter_name", help_text="Name or any alias, any language or script.")
    alias = filters.CharFilter(
        method="filter_alias",
        help_text="The exact name or an alias, folded (case, script form, spacing): the registry's own match.",
    )
    affiliation = IdFilter(
        field_name="affiliation_id", help_text="People and groups affiliated with this source."
    )
    reliability = filters.CharFilter(field_name="reliability")

    class Meta:
        model = Source
        fields: list[str] = []

    def filter_name(self, queryset, name, value):
        # The folded columns: any script matches in any case, on SQLite too (its LIKE folds ASCII only).
        term = normalize_name(value)
        return queryset.filter(
            Q(normalized_name__contains=term) | Q(aliases__normalized__contains=term)
        ).distinct()

    def filter_alias(self, queryset, name, value):
        return queryset.filter(pk__in=Source.objects.matching_alias(value).values("pk"))


class ArticleFilter(filters.FilterSet):
    outlet = IdFilter(field_name="outlet_id")
    language = filters.CharFilter(field_name="language")
    published_after = DateTimeFilter(field_name="published_at", lookup_expr="gte")
    published_before = DateTimeFilter(field_name="published_at", lookup_expr="lt")

    class Meta:
        model = Article
        fields: list[str] = []
