"""What the API accepts: claims, chains, evidence and verdicts, checked strictly, written by the services."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims import services
from claims.models import (
    ClaimKind,
    ClaimStatus,
    Evidence,
    Independence,
    LinkRelation,
    Stance,
)
from sources.models import Article, Source, SourceKind

from .fields import (
    MAX_ID,
    MAX_OFFSET,
    StrictCharField,
    StrictIntegerField,
    StrictSerializer,
)

SOURCE_INPUT_SCHEMA = {
    "description": 'A registry source by id (`12` or `{"id": 12, ...}`: `name` and `kind` beside the id are for '
    'people reading and are not checked), or by name (`{"name", "kind"?, "role"?, "affiliation"?}`): '
    "matched on its name, then its aliases, and created in the registry when new. null: no registry source.",
    "nullable": True,
    "oneOf": [
        {"type": "integer", "minimum": 1, "maximum": MAX_ID},
        {
            "type": "object",
            "required": ["id"],
            "additionalProperties": False,
            "properties": {
                "id": {"type": "integer", "minimum": 1, "maximum": MAX_ID},
                "name": {"type": "string"},
                "kind": {"type": "string", "enum": SourceKind.values},
            },
        },
        {
            "type": "object",
            "required": ["name"],
            "additionalProperties": False,
            "properties": {
                "name": {"type": "string", "minLength": 1, "maxLength": 300, "pattern": "\\S"},
                "kind": {"type": "string", "enum": SourceKind.values},
                "role": {"type": "string", "maxLength": 300},
                "affiliation": {
                    "description": "An organisation or outlet: its id, or its name (created when new).",
                    "oneOf": [
                        {"type": "integer", "minimum": 1, "maximum": MAX_ID},
                        {"type": "string", "minLength": 1, "maxLength": 300, "pattern": "\\S"},
                    ],
                    "nullable": True,
                },
            },
        },
    ],
}


@extend_schema_field(SOURCE_INPUT_SCHEMA)
class SourceInputField(serializers.Field):
    """A link's source: an id, {"id": …}, or {"name", "kind"?, "role"?, "affiliation"?} (see SOURCE_INPUT_SCHEMA).

    Only the shape is checked here; the claims service looks ids up and resolves names through the
    registry, so the API, the extractor's proposals and the admin share one resolution.
    """

    default_error_messages = {
        "invalid": 'Give a source id, {{"id": …}}, {{"name": …, "kind": …}} for a source by name, or null.',
    }
    BY_ID = {"id", "name", "kind"}
    BY_NAME = {"name", "kind", "role", "affiliation"}

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def _id(self, value, label="id"):
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_ID:
            raise serializers.ValidationError({label: [f"A source id is a whole number from 1 to {MAX_ID}."]})
        return value

    def _text(self, value, label, *, max_length=300, required=False):
        if not isinstance(value, str) or (required and not value.strip()):
            raise serializers.ValidationError(
                {label: ["Give it as a non-empty string." if required else "A string."]}
            )
        if len(value) > max_length:
            raise serializers.ValidationError({label: [f"At most {max_length} characters."]})
        return value.strip()

    def to_internal_value(self, data):
        if isinstance(data, int) and not isinstance(data, bool):
            return self._id(data, "id")
        if not isinstance(data, dict):
            self.fail("invalid")
        if "id" in data and data["id"] is not None:
            unknown = sorted(set(data) - self.BY_ID)
            if unknown:
                raise serializers.ValidationError(
                    {
                        k: ["Not with an id: change a registry source through /api/v1/sources/."]
                        for k in unknown
                    }
                )
            return {"id": self._id(data["id"])}
        unknown = sorted(set(data) - self.BY_NAME - {"id"})
        if unknown:
            raise serializers.ValidationError({k: ["Unknown field."] for k in unknown})
        out = {"name": self._text(data.get("name"), "name", required=True)}
        if data.get("kind") is not None:
            if data["kind"] not in SourceKind.values:
                raise serializers.ValidationError({"kind": [f"Use one of: {', '.join(SourceKind.values)}."]})
            out["kind"] = data["kind"]
        if data.get("role") is not None:
            out["role"] = self._text(data["role"], "role")
        affiliation = data.get("affiliation")
        if affiliation is not None:
            if isinstance(affiliation, int) and not isinstance(affiliation, bool):
                out["affiliation"] = self._id(affiliation, "affiliation")
            else:
                out["affiliation"] = self._text(affiliation, "affiliation", required=True)
        return out

    def to_representation(self, value):
        return value


class LinkInputSerializer(StrictSerializer):
    relation = serializers.ChoiceField(
        choices=LinkRelation.choices,
        required=False,
        help_text="reported_by for the first link, citing for the others unless given.",
    )
    kind = serializers.ChoiceField(
        choices=SourceKind.choices,
        required=False,
        help_text="Taken from the source when one is given (a source found by name keeps its registry kind).",
    )
    source = SourceInputField()
    count = StrictIntegerField(min_value=1, max_value=32767, required=False, allow_null=True)
    role = StrictCharField(
        max_length=300,
        required=False,
        allow_blank=True,
        help_text="The source's role as this article gives it.",
    )
    phrase = StrictCharField(max_length=500, required=False, allow_blank=True)
    quote = StrictCharField(required=False, allow_blank=True)


class AppearanceInputSerializer(StrictSerializer):
    article = StrictIntegerField(min_value=1, max_value=MAX_ID)
    span_start = StrictIntegerField(min_value=0, max_value=MAX_OFFSET, required=False, allow_null=True)
    span_end = StrictIntegerField(min_value=0, max_value=MAX_OFFSET, required=False, allow_null=True)


class ClaimCreateSerializer(StrictSerializer):
    text = StrictCharField()
    language = StrictCharField(max_length=12)
    kind = serializers.ChoiceField(choices=ClaimKind.choices, required=False, default=ClaimKind.FACT)
    summary_en = StrictCharField(required=False, allow_blank=True, default="")
    made_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    due_at = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="Predictions only: when it falls due."
    )
    chain = LinkInputSerializer(
        many=True,
        required=False,
        default=list,
        max_length=services.MAX_CHAIN_LINKS,
        help_text="Outermost link first.",
    )
    appearances = AppearanceInputSerializer(many=True, required=False, default=list)
    entities = serializers.ListField(
        child=StrictCharField(max_length=300), required=False, default=list, max_length=200
    )
    span = serializers.ListField(
        child=StrictIntegerField(min_value=0, max_value=MAX_OFFSET),
        min_length=2,
        max_length=2,
        required=False,
        help_text="[start, end] of the claim in the text it was extracted from (as POST /api/v1/extract/ "
        "gives it). Appearances without a span of their own take it; with no appearance it is not stored.",
    )

    def validate(self, data):
        span = data.pop("span", None)
        if span is not None:
            if span[0] >= span[1]:
                raise serializers.ValidationError({"span": ["Give [start, end] with start < end."]})
            for appearance in data["appearances"]:
                if appearance.get("span_start") is None and appearance.get("span_end") is None:
                    appearance["span_start"], appearance["span_end"] = span
        return data

    def create(self, validated_data):
        return services.claim_create(**validated_data, actor=self.context["request"].user)


class ClaimUpdateSerializer(StrictSerializer):
    version = StrictIntegerField(
        min_value=1, max_value=MAX_OFFSET, help_text="The version you saw; a stale one gets 409."
    )
    text = StrictCharField(required=False)
    language = StrictCharField(max_length=12, required=False)
    kind = serializers.ChoiceField(choices=ClaimKind.choices, required=False)
    summary_en = StrictCharField(required=False, allow_blank=True)
    made_at = serializers.DateTimeField(required=False, allow_null=True)
    due_at = serializers.DateField(required=False, allow_null=True, help_text="Predictions only.")

    def update(self, claim, validated_data):
        seen = validated_data.pop("version")
        return services.claim_update(
            claim=claim, actor=self.context["request"].user, seen_version=seen, **validated_data
        )


class ChainInputSerializer(StrictSerializer):
    version = StrictIntegerField(min_value=1, max_value=MAX_OFFSET)
    chain = LinkInputSerializer(
        many=True, max_length=services.MAX_CHAIN_LINKS, help_text="The whole chain, outermost link first."
    )

    def update(self, claim, validated_data):
        services.chain_set(
            claim=claim,
            chain=validated_data["chain"],
            actor=self.context["request"].user,
            seen_version=validated_data["version"],
        )
        claim.refresh_from_db()
        return claim


class EvidenceInputSerializer(StrictSerializer):
    article = StrictIntegerField(min_value=1, max_value=MAX_ID)
    stance = serializers.ChoiceField(choices=Stance.choices)
    independence = serializers.ChoiceField(choices=Independence.choices, default=Independence.UNKNOWN)
    origin = StrictIntegerField(min_value=1, max_value=MAX_ID, required=False, allow_null=True)
    passage_start = StrictIntegerField(min_value=0, max_value=MAX_OFFSET, required=False, allow_null=True)
    passage_end = StrictIntegerField(min_value=0, max_value=MAX_OFFSET, required=False, allow_null=True)

    def create(self, validated_data):
        fields = {}
        article = Article.objects.filter(pk=validated_data["article"]).first()
        if article is None:
            fields["article"] = [f"No article with id {validated_data['article']}."]
        origin = None
        if validated_data.get("origin") is not None:
            origin = Source.objects.filter(pk=validated_data["origin"]).first()
            if origin is None:
                fields["origin"] = [f"No source with id {validated_data['origin']}."]
        if fields:
            raise serializers.ValidationError(fields)
        return services.evidence_upsert(
            claim=self.context["claim"],
            article=article,
            stance=validated_data["stance"],
            independence=validated_data["independence"],
            origin=origin,
            passage_start=validated_data.get("passage_start"),
            passage_end=validated_data.get("passage_end"),
            actor=self.context["request"].user,
        )


class VerdictInputSerializer(StrictSerializer):
    status = serializers.ChoiceField(choices=ClaimStatus.choices)
    rationale = StrictCharField(allow_blank=True, default="")
    version = StrictIntegerField(
        min_value=1, max_value=MAX_OFFSET, help_text="The claim version you reviewed; a stale one gets 409."
    )
    evidence = serializers.ListField(
        child=StrictIntegerField(min_value=1, max_value=MAX_ID),
        required=False,
        default=list,
        max_length=500,
    )

    def create(self, validated_data):
        claim = self.context["claim"]
        ids = set(validated_data["evidence"])
        evidence = list(Evidence.objects.filter(pk__in=ids))
        missing = ids - {e.pk for e in evidence}
        if missing:
            raise serializers.ValidationError({"evidence": [f"No evidence with id {sorted(missing)}."]})
        return services.verdict_record(
            claim=claim,
            status=validated_data["status"],
            rationale=validated_data["rationale"],
            reviewer=self.context["request"].user,
            seen_version=validated_data["version"],
            evidence=evidence,
        )
