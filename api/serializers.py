"""API representations. Reads are built straight from prefetched rows (lists render 100 claims with
chains and evidence summaries, so per-field serializer machinery would dominate the request time);
the declared fields are what the OpenAPI schema shows, and the suite checks responses against it.
Writes validate input here and call claims.services; no business logic lives in this module.
"""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims import services
from claims.models import (
    CLAIMREVIEW_RATINGS,
    ChangeKind,
    ClaimKind,
    ClaimStatus,
    Evidence,
    Independence,
    LinkRelation,
    ReviewState,
    Stance,
)
from sources.models import Reliability, SourceKind

MAX_ID = 2**63 - 1
MAX_OFFSET = 2**31 - 1


def _dt(value):
    return value.isoformat().replace("+00:00", "Z") if value is not None else None


def _person(user) -> str | None:
    if user is None:
        return None
    return user.get_full_name() or user.get_username()


class StrictCharField(serializers.CharField):
    """Text must be sent as a JSON string: 5 is a mistake, not "5"."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictIntegerField(serializers.IntegerField):
    """Numbers must be sent as JSON integers: "5", 5.5 and true are mistakes."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictSerializer(serializers.Serializer):
    """Refuses fields it does not know, so a typo ("rationnale") is an error, not a silent no-op."""

    def to_internal_value(self, data):
        unknown = sorted(set(data) - set(self.fields)) if isinstance(data, dict) else []
        errors = {name: ["Unknown field."] for name in unknown}
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as exc:
            if not errors:
                raise
            detail = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
            raise serializers.ValidationError({**detail, **errors}) from None
        if errors:
            raise serializers.ValidationError(errors)
        return value


# --- read side ---------------------------------------------------------------------------------------


class SourceRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=SourceKind.choices)


def source_ref(source) -> dict | None:
    return None if source is None else {"id": source.pk, "name": source.name, "kind": source.kind}


class LinkSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    relation = serializers.ChoiceField(choices=LinkRelation.choices)
    kind = serializers.ChoiceField(choices=SourceKind.choices)
    source = SourceRefSerializer(allow_null=True)
    count = serializers.IntegerField(allow_null=True)
    phrase = serializers.CharField(allow_blank=True)
    quote = serializers.CharField(allow_blank=True)
    display = serializers.CharField(help_text="The link as the desk reads it: “2 unnamed sources”.")


class ArticleRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.URLField()
    title = serializers.CharField(allow_blank=True)
    outlet = SourceRefSerializer(allow_null=True)
    language = serializers.CharField(allow_blank=True)
    published_at = serializers.DateTimeField(allow_null=True)


def article_ref(article) -> dict:
    return {
        "id": article.pk,
        "url": article.url,
        "title": article.title,
        "outlet": source_ref(article.outlet),
        "language": article.language,
        "published_at": _dt(article.published_at),
    }


class AppearanceSerializer(serializers.Serializer):
    article = ArticleRefSerializer()
    span_start = serializers.IntegerField(allow_null=True)
    span_end = serializers.IntegerField(allow_null=True)
    quote = serializers.CharField(allow_blank=True)


class OrganisationSerializer(serializers.Serializer):
    name = serializers.CharField()
    source_id = serializers.IntegerField(allow_null=True, help_text="The Source, for imported verdicts.")


class RatingSerializer(serializers.Serializer):
    rating_value = serializers.IntegerField(help_text="5 best … 1 worst; -1 off the true/false scale.")
    alternate_name = serializers.CharField()


def rating_data(status: str) -> dict | None:
    if status not in CLAIMREVIEW_RATINGS:
        return None
    value, name = CLAIMREVIEW_RATINGS[status]
    return {"rating_value": value, "alternate_name": name}


class VerdictSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=ClaimStatus.choices)
    rationale = serializers.CharField(allow_blank=True)
    created_at = serializers.DateTimeField()
    claim_version = serializers.IntegerField(help_text="The claim version the reviewer saw.")
    reviewer = serializers.CharField(
        allow_null=True, help_text="The reviewer here; null for imported verdicts."
    )
    organisation = OrganisationSerializer()
    rating = RatingSerializer(allow_null=True)

    def to_representation(self, verdict):
        return verdict_data(verdict)


def verdict_data(verdict) -> dict | None:
    """A Verdict object's representation (verdict history); claim pages use `verdict_row_data`."""
    if verdict is None:
        return None
    user, org = verdict.reviewer, verdict.organisation
    return verdict_row_data(
        {
            "id": verdict.pk,
            "status": verdict.status,
            "rationale": verdict.rationale,
            "created_at": verdict.created_at,
            "claim_version": verdict.claim_version,
            "reviewer__username": user.get_username() if user is not None else None,
            "reviewer__first_name": user.first_name if user is not None else "",
            "reviewer__last_name": user.last_name if user is not None else "",
            "organisation_id": verdict.organisation_id,
            "organisation__name": org.name if org is not None else None,
        }
    )


def verdict_row_data(row: dict | None) -> dict | None:
    """A verdict row from selectors.claim_related_rows (see VERDICT_ROW_FIELDS) as the API shows it."""
    if row is None:
        return None
    reviewer = None
    if row["reviewer__username"] is not None:
        # As User.get_full_name(), falling back to the username.
        full = f"{row['reviewer__first_name'] or ''} {row['reviewer__last_name'] or ''}".strip()
        reviewer = full or row["reviewer__username"]
    org_id = row["organisation_id"]
    return {
        "id": row["id"],
        "status": row["status"],
        "rationale": row["rationale"],
        "created_at": _dt(row["created_at"]),
        "claim_version": row["claim_version"],
        "reviewer": reviewer,
        "organisation": {
            "name": row["organisation__name"]
            if org_id is not None
            else settings.CLAIMTRACKER_ORGANISATION["name"],
            "source_id": org_id,
        },
        "rating": rating_data(row["status"]),
    }


class EvidenceSummarySerializer(serializers.Serializer):
    supporting_origins = SourceRefSerializer(
        many=True, help_text="Independent origins that support the claim (each counted once)."
    )
    refuting_origins = SourceRefSerializer(
        many=True, help_text="Independent origins that refute it or where the subject denies it."
    )
    re_reports = serializers.IntegerField(help_text="Evidence that only repeats an origin: not confirmation.")
    evidence_count = serializers.IntegerField()
    latest_check = serializers.DateTimeField(allow_null=True)
    suggested_grade = serializers.IntegerField(
        allow_null=True,
        help_text="Admiralty information credibility the corroboration workers suggest: 1 = confirmed by "
        "independent sources … 6 = cannot be judged. A suggestion, never a verdict; null before the first run.",
    )
    grade_reason = serializers.CharField(allow_blank=True)
    needs_rereview = serializers.BooleanField(
        help_text="The claim has a verdict and new independent refuting evidence came in."
    )


def _ref(row: dict, prefix: str) -> dict | None:
    pk = row[f"{prefix}_id"]
    return None if pk is None else {"id": pk, "name": row[f"{prefix}__name"], "kind": row[f"{prefix}__kind"]}


def evidence_summary(corroboration: dict | None) -> dict:
    """The claim's stored corroboration summary (claims.services.summary_refresh), as the API shows it.

    `corroboration` is the summary row from selectors.claim_related_rows (None before the first
    refresh). Nothing is recounted here: the admin, the API and the commands show the same row.
    """
    row = corroboration or {}
    refuting = {}
    for ref in [*row.get("refuting_origins", []), *row.get("denials", [])]:
        refuting.setdefault((ref["id"], ref["name"]), ref)
    return {
        "supporting_origins": list(row.get("supporting_origins", [])),
        "refuting_origins": list(refuting.values()),
        "re_reports": sum(
            row.get(k, 0) for k in ("re_report_count", "syndicated_count", "same_outlet_count")
        ),
        "evidence_count": row.get("evidence_count", 0),
        "latest_check": _dt(row.get("last_checked_at")),
        "suggested_grade": row.get("suggested_grade"),
        "grade_reason": row.get("grade_reason", ""),
        "needs_rereview": bool(row.get("needs_rereview")),
    }


def _link_row(row: dict) -> dict:
    return {
        "position": row["position"],
        "relation": row["relation"],
        "kind": row["source_kind"],
        "source": _ref(row, "source"),
        "count": row["count"],
        "phrase": row["phrase"],
        "quote": row["quote"],
        "display": row["display"],
    }


def _appearance_row(row: dict) -> dict:
    return {
        "article": {
            "id": row["article_id"],
            "url": row["article__url"],
            "title": row["article__title"],
            "outlet": _ref(row, "article__outlet"),
            "language": row["article__language"],
            "published_at": _dt(row["article__published_at"]),
        },
        "span_start": row["span_start"],
        "span_end": row["span_end"],
        "quote": row["quote"],
    }


class ClaimSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.URLField()
    text = serializers.CharField()
    language = serializers.CharField()
    kind = serializers.ChoiceField(choices=ClaimKind.choices)
    summary_en = serializers.CharField(allow_blank=True)
    made_at = serializers.DateTimeField(allow_null=True)
    status = serializers.ChoiceField(choices=ClaimStatus.choices)
    version = serializers.IntegerField(
        help_text="Send it back when you change the claim or record a verdict."
    )
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    verdict = VerdictSerializer(allow_null=True, help_text="The current verdict.")
    chain = LinkSerializer(
        many=True, help_text="Attribution chain, outermost first; the last link is the origin."
    )
    appearances = AppearanceSerializer(many=True)
    entities = serializers.ListField(child=serializers.CharField())
    evidence_summary = EvidenceSummarySerializer()

    def to_representation(self, claim):
        """`claim.related` comes from selectors.claim_related_rows (views attach it for a whole page)."""
        request = self.context.get("request")
        related = claim.related
        path = f"/api/v1/claims/{claim.pk}/"
        return {
            "id": claim.pk,
            "url": request.build_absolute_uri(path) if request is not None else path,
            "text": claim.text,
            "language": claim.language,
            "kind": claim.kind,
            "summary_en": claim.summary_en,
            "made_at": _dt(claim.made_at),
            "status": claim.status,
            "version": claim.version,
            "created_at": _dt(claim.created_at),
            "updated_at": _dt(claim.updated_at),
            "verdict": verdict_row_data(related["verdict"]),
            "chain": [_link_row(row) for row in related["links"]],
            "appearances": [_appearance_row(row) for row in related["appearances"]],
            "entities": related["entities"],
            "evidence_summary": evidence_summary(related["corroboration"]),
        }


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
                "decided_by": _person(ev.decided_by),
                "decided_at": _dt(ev.decided_at),
            },
        }


class AliasSerializer(serializers.Serializer):
    name = serializers.CharField()
    language = serializers.CharField(allow_blank=True)


class TrackRecordSerializer(serializers.Serializer):
    resolved = serializers.IntegerField(help_text="Decided claims whose chain names this source.")
    confirmed = serializers.IntegerField()
    false_or_misleading = serializers.IntegerField()
    disputed = serializers.IntegerField()


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
            "track_record": source.track_record,
            "aliases": [{"name": a.name, "language": a.language} for a in source.aliases.all()],
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
            "at": _dt(entry.at),
        }


class ChangesPageSerializer(serializers.Serializer):
    results = ChangeSerializer(many=True)
    next_after = serializers.CharField(help_text="Pass as ?after= on the next poll.")
    has_more = serializers.BooleanField(help_text="true: poll again at once; false: wait before polling.")


# --- write side --------------------------------------------------------------------------------------


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
    chain = LinkInputSerializer(many=True, required=False, default=list, help_text="Outermost link first.")
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
    chain = LinkInputSerializer(many=True, help_text="The whole chain, outermost link first.")

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
        from sources.models import Article, Source

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


class ImportReportSerializer(serializers.Serializer):
    created = serializers.IntegerField(help_text="Reviews imported as new claims.")
    updated = serializers.IntegerField(help_text="Reviews whose rating changed since the last import.")
    unchanged = serializers.IntegerField(help_text="Reviews already imported as they are.")
    claims = serializers.ListField(child=serializers.IntegerField())
    errors = serializers.ListField(
        child=serializers.DictField(child=serializers.CharField()),
        help_text="One entry per broken block or review: where it is and why it was skipped.",
    )


@extend_schema_field({"type": "object", "additionalProperties": True})
class JsonLdField(serializers.JSONField):
    pass


class ClaimReviewSerializer(serializers.Serializer):
    """schema.org ClaimReview JSON-LD, as fact-check aggregators read it (keys start with "@")."""

    def get_fields(self):
        obj = JsonLdField
        return {
            "@context": serializers.CharField(),
            "@type": serializers.CharField(),
            "url": serializers.URLField(),
            "claimReviewed": serializers.CharField(),
            "inLanguage": serializers.CharField(),
            "datePublished": serializers.DateField(),
            "author": obj(help_text="The fact-checking organisation."),
            "reviewBody": serializers.CharField(help_text="The rationale."),
            "reviewRating": obj(help_text="ratingValue, bestRating 5, worstRating 1, alternateName."),
            "itemReviewed": obj(help_text="The Claim: author (claimant), appearance, firstAppearance."),
        }
