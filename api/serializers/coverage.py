"""Evidence, sources, articles and the changes feed as the API shows them."""

from __future__ import annotations

from rest_framework import serializers

from claims.models import (
    ChangeKind,
    Independence,
    ReviewState,
    Stance,
)
from sources.models import Reliability, SourceKind

from .claims import (
    ArticleRefSerializer,
    SourceRefSerializer,
    article_ref,
    source_ref,
)
from .fields import (
    iso_datetime,
    person_name,
)


class ProvenanceSerializer(serializers.Serializer):
    component = serializers.CharField(allow_blank=True, help_text="The matcher that proposed it, if any.")
    component_version = serializers.CharField(allow_blank=True)
    decided_by = serializers.CharField(allow_null=True, help_text="The person who decided it, if any.")
    decided_at = serializers.DateTimeField()


class EvidenceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    article = ArticleRefSerializer()
    stance = serializers.ChoiceField(choices=Stance.choices)
    independence = serializers.ChoiceField(choices=Independence.choices)
    origin = SourceRefSerializer(allow_null=True, help_text="For a re-report: the origin it repeats.")
    passage_start = serializers.IntegerField(allow_null=True)
    passage_end = serializers.IntegerField(allow_null=True)
    passage = serializers.CharField(allow_blank=True)
    scores = serializers.DictField(child=serializers.FloatField())
    review_state = serializers.ChoiceField(choices=ReviewState.choices)
    provenance = ProvenanceSerializer()

    def to_representation(self, ev):
        return {
            "id": ev.pk,
            "article": article_ref(ev.article),
            "stance": ev.stance,
            "independence": ev.independence,
            "origin": source_ref(ev.origin),
            "passage_start": ev.passage_start,
            "passage_end": ev.passage_end,
            "passage": ev.passage,
            "scores": {k: float(v) for k, v in (ev.scores or {}).items() if isinstance(v, int | float)},
            "review_state": ev.review_state,
            "provenance": {
                "component": ev.component,
                "component_version": ev.component_version,
                "decided_by": person_name(ev.decided_by),
                "decided_at": iso_datetime(ev.decided_at),
            },
        }


class AliasSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="DELETE /api/v1/sources/{source}/aliases/{id}/ removes it.")
    name = serializers.CharField()
    language = serializers.CharField(allow_blank=True)


class AliasRowSerializer(AliasSerializer):
    source = serializers.IntegerField()

    def to_representation(self, alias):
        return {"id": alias.pk, "name": alias.name, "language": alias.language, "source": alias.source_id}


class OutcomeCountsSerializer(serializers.Serializer):
    confirmed = serializers.IntegerField()
    disputed = serializers.IntegerField()
    misleading = serializers.IntegerField()
    false = serializers.IntegerField()
    unverifiable = serializers.IntegerField()
    retracted = serializers.IntegerField()


class TrackRecordSerializer(serializers.Serializer):
    resolved = serializers.IntegerField(help_text="Decided claims whose chain names this source.")
    confirmed = serializers.IntegerField()
    false_or_misleading = serializers.IntegerField()
    disputed = serializers.IntegerField()
    as_origin = OutcomeCountsSerializer(
        help_text="Claims it originated (the deepest named link of the chain), by outcome."
    )
    as_intermediary = OutcomeCountsSerializer(
        help_text="Claims it passed on from another source, by outcome."
    )
    suggested_reliability = serializers.ChoiceField(
        choices=Reliability.choices,
        help_text="Admiralty A–F suggested from the record by the README's rule; F until enough claims "
        "are settled. Never replaces the editor's `reliability`.",
    )
    smoothed_rate = serializers.FloatField(allow_null=True, help_text="(good + 1) / (settled + 2).")
    settled_weight = serializers.FloatField(help_text="Settled claims, origin 1, intermediary ½.")
    reliability_reason = serializers.CharField()
    as_of = serializers.DateTimeField(allow_null=True, help_text="The moment the record is read at (as_of).")

    def to_representation(self, record):
        return {**record, "as_of": iso_datetime(record["as_of"])}


class SourceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=SourceKind.choices)
    name = serializers.CharField()
    role = serializers.CharField(allow_blank=True)
    affiliation = SourceRefSerializer(allow_null=True)
    reliability = serializers.ChoiceField(
        choices=[*Reliability.choices, ("", "not graded")], help_text="The editor's Admiralty grade A–F."
    )
    track_record = TrackRecordSerializer()
    aliases = AliasSerializer(many=True)
    description = serializers.CharField(allow_blank=True)

    def to_representation(self, source):
        return {
            "id": source.pk,
            "kind": source.kind,
            "name": source.name,
            "role": source.role,
            "affiliation": source_ref(source.affiliation),
            "reliability": source.reliability,
            "track_record": TrackRecordSerializer(source.track_record).data,
            "aliases": [{"id": a.pk, "name": a.name, "language": a.language} for a in source.aliases.all()],
            "description": source.description,
        }


class ArticleSerializer(ArticleRefSerializer):
    byline = serializers.CharField(allow_blank=True)
    content_hash = serializers.CharField()
    copy_of = serializers.IntegerField(allow_null=True, help_text="The first article with the same text.")

    def to_representation(self, article):
        data = article_ref(article)
        data.update(byline=article.byline, content_hash=article.content_hash, copy_of=article.copy_of_id)
        return data


class ArticleDetailSerializer(ArticleSerializer):
    text = serializers.CharField(allow_blank=True, help_text="Quote spans are character offsets into this.")

    def to_representation(self, article):
        data = super().to_representation(article)
        data["text"] = article.text
        return data


class ChangeSerializer(serializers.Serializer):
    seq = serializers.IntegerField(help_text="Commit order; pass the last one seen as ?after=.")
    kind = serializers.ChoiceField(choices=ChangeKind.choices)
    action = serializers.CharField()
    claim = serializers.IntegerField()
    claim_version = serializers.IntegerField(allow_null=True)
    at = serializers.DateTimeField()

    def to_representation(self, entry):
        return {
            "seq": entry.seq,
            "kind": entry.kind,
            "action": entry.action,
            "claim": entry.claim_id_ref,
            "claim_version": entry.claim_version,
            "at": iso_datetime(entry.at),
        }


class ChangesPageSerializer(serializers.Serializer):
    results = ChangeSerializer(many=True)
    next_after = serializers.CharField(help_text="Pass as ?after= on the next poll.")
    has_more = serializers.BooleanField(help_text="true: poll again at once; false: wait before polling.")


# --- write side --------------------------------------------------------------------------------------
