"""What the API accepts: claims, chains, evidence and verdicts, checked strictly, written by the services."""

from __future__ import annotations

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


class LinkInputSerializer(StrictSerializer):
    relation = serializers.ChoiceField(choices=LinkRelation.choices, required=False)
    kind = serializers.ChoiceField(
        choices=SourceKind.choices, required=False, help_text="Taken from the source when one is given."
    )
    source = StrictIntegerField(min_value=1, max_value=MAX_ID, required=False, allow_null=True)
    count = StrictIntegerField(min_value=1, max_value=32767, required=False, allow_null=True)
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
