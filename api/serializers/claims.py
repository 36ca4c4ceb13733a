"""How a claim reads in the API: its chain, appearances, verdict and corroboration summary."""

from __future__ import annotations

from django.conf import settings
from rest_framework import serializers

from claims.models import (
    CLAIMREVIEW_RATINGS,
    ClaimKind,
    ClaimStatus,
    LinkRelation,
)
from sources.models import SourceKind

from .fields import (
    iso_datetime,
)


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
    role = serializers.CharField(allow_blank=True, help_text="The source's role as the article gives it.")
    phrase = serializers.CharField(allow_blank=True)
    quote = serializers.CharField(allow_blank=True)
    display = serializers.CharField(
        help_text="The link as the desk reads it: “2 unnamed sources — «со ссылкой на источники»”."
    )


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
        "published_at": iso_datetime(article.published_at),
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
        "created_at": iso_datetime(row["created_at"]),
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


def row_ref(row: dict, prefix: str) -> dict | None:
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
        "latest_check": iso_datetime(row.get("last_checked_at")),
        "suggested_grade": row.get("suggested_grade"),
        "grade_reason": row.get("grade_reason", ""),
        "needs_rereview": bool(row.get("needs_rereview")),
    }


def link_row(row: dict) -> dict:
    return {
        "position": row["position"],
        "relation": row["relation"],
        "kind": row["source_kind"],
        "source": row_ref(row, "source"),
        "count": row["count"],
        "role": row["role"],
        "phrase": row["phrase"],
        "quote": row["quote"],
        "display": row["display"],
    }


def appearance_row(row: dict) -> dict:
    return {
        "article": {
            "id": row["article_id"],
            "url": row["article__url"],
            "title": row["article__title"],
            "outlet": row_ref(row, "article__outlet"),
            "language": row["article__language"],
            "published_at": iso_datetime(row["article__published_at"]),
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
    due_at = serializers.DateField(
        allow_null=True, help_text="Predictions: the day it falls due (it is corroborated again then)."
    )
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
            "made_at": iso_datetime(claim.made_at),
            "due_at": claim.due_at.isoformat() if claim.due_at else None,
            "status": claim.status,
            "version": claim.version,
            "created_at": iso_datetime(claim.created_at),
            "updated_at": iso_datetime(claim.updated_at),
            "verdict": verdict_row_data(related["verdict"]),
            "chain": [link_row(row) for row in related["links"]],
            "appearances": [appearance_row(row) for row in related["appearances"]],
            "entities": related["entities"],
            "evidence_summary": evidence_summary(related["corroboration"]),
        }
