"""What the API accepts for the source registry: people, organisations, outlets and their aliases.

Checked strictly here, written by `sources.services` (which refuses a second source of the same kind
under a name or alias one already has: a 400 naming that source).
"""

from __future__ import annotations

from django.db import transaction
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from sources import services
from sources.models import Reliability, SourceKind

from .fields import MAX_ID, StrictCharField, StrictSerializer

AFFILIATION_SCHEMA = {
    "description": "The organisation or outlet a person (or unnamed group) belongs to: its id, or its name "
    "(matched on name and aliases, created as an organisation when new). null: none.",
    "nullable": True,
    "oneOf": [
        {"type": "integer", "minimum": 1, "maximum": MAX_ID},
        {"type": "string", "minLength": 1, "maxLength": 300, "pattern": "\\S"},
    ],
}


@extend_schema_field(AFFILIATION_SCHEMA)
class AffiliationField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if isinstance(data, int) and not isinstance(data, bool):
            if not 1 <= data <= MAX_ID:
                raise serializers.ValidationError(f"A source id is a whole number from 1 to {MAX_ID}.")
            return data
        if isinstance(data, str) and data.strip() and len(data) <= 300:
            return data.strip()
        raise serializers.ValidationError(
            "Give the id or the name (at most 300 characters) of an organisation."
        )

    def to_representation(self, value):
        return value


class AliasInputSerializer(StrictSerializer):
    name = StrictCharField(max_length=300)
    language = StrictCharField(
        max_length=12, required=False, allow_blank=True, default="", help_text="BCP 47: ru, en, zh-Hans."
    )

    def create(self, validated_data):
        return services.alias_add(source=self.context["source"], **validated_data)


RELIABILITY_CHOICES = [("", "not graded"), *Reliability.choices]


class SourceCreateSerializer(StrictSerializer):
    kind = serializers.ChoiceField(choices=SourceKind.choices)
    name = StrictCharField(max_length=300)
    role = StrictCharField(
        max_length=300, required=False, allow_blank=True, default="", help_text='"founder of DeepSeek"'
    )
    affiliation = AffiliationField()
    reliability = serializers.ChoiceField(choices=RELIABILITY_CHOICES, required=False, default="")
    description = StrictCharField(required=False, allow_blank=True, default="", max_length=10_000)
    aliases = AliasInputSerializer(many=True, required=False, default=list, max_length=100)
    domains = serializers.ListField(
        child=StrictCharField(max_length=253),
        required=False,
        default=list,
        max_length=50,
        help_text="For outlets: the web domains it publishes on (ft.com).",
    )

    @transaction.atomic
    def create(self, validated_data):
        # The source and its domains together or not at all.
        domains = validated_data.pop("domains")
        source = services.source_create(**validated_data)
        for domain in domains:
            services.outlet_domain_add(source=source, domain=domain)
        return source


class SourceUpdateSerializer(StrictSerializer):
    kind = serializers.ChoiceField(choices=SourceKind.choices, required=False)
    name = StrictCharField(max_length=300, required=False)
    role = StrictCharField(max_length=300, required=False, allow_blank=True)
    affiliation = AffiliationField()
    reliability = serializers.ChoiceField(choices=RELIABILITY_CHOICES, required=False)
    description = StrictCharField(required=False, allow_blank=True, max_length=10_000)

    def update(self, source, validated_data):
        return services.source_update(source=source, **validated_data)
