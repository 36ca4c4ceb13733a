"""Read paths for claims."""

import json
from datetime import datetime
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.db.models.expressions import RawSQL

from sources.models import Source, SourceAlias
from textkit.folding import normalize_name

from .models import (
    Appearance,
    AttributionLink,
    ChangeEntry,
    Claim,
    ClaimEntity,
    ClaimKind,
    ClaimStatus,
    CorroborationSummary,
    Evidence,
    ReviewState,
    SummaryRevision,
    Verdict,
)


def claim_list_for_admin() -> QuerySet[Claim]:
    return Claim.objects.with_chain().with_evidence_count()


# "simple": claims come in many languages, so no one language's stemmer is right for all. The
# expression is the one claims migration 0002_search_and_change_counter indexes (GIN). OFFSET 0 keeps
# the match a separate step: without it the planner walks the newest-first index and tests every
# claim, 0.5 s per page at 100k claims for a word no claim has.
FULLTEXT_MATCH_SQL = (
    "SELECT id FROM claims_claim WHERE to_tsvector('simple'::regconfig, COALESCE(text, '') || ' ' || "
    "COALESCE(summary_en, '')) @@ websearch_to_tsquery('simple'::regconfig, %s) OFFSET 0"
)
# The same match for the words asked or any spelling of the sources they name, plus the claims whose
# chain or entities name those sources (both by indexed foreign keys), as one list of ids.
_NAMED_MATCH_SQL = (
    "SELECT id FROM claims_claim WHERE to_tsvector('simple'::regconfig, COALESCE(text, '') || ' ' || "
    "COALESCE(summary_en, '')) @@ ({tsqueries}) "
    "UNION SELECT claim_id FROM claims_attributionlink WHERE source_id = ANY(%s) "
    "UNION SELECT claim_id FROM claims_claimentity WHERE source_id = ANY(%s) "
    # Entities kept as a bare name (no registry source): the one arm without an index, so only when
    # the term names a source, and only the exact spellings the registry knows.
    "UNION SELECT claim_id FROM claims_claimentity WHERE source_id IS NULL AND name = ANY(%s) OFFSET 0"
)
# A search names a handful of sources at most; a term that matches more is not about one of them.
MAX_NAMED_SOURCES = 20
MAX_SPELLINGS = 30


def sources_named(term: str, *, partial: bool = False) -> list[int]:
    """Registry sources whose name or an alias is `term` (folded: case, script form, spacing), or
    contains it with `partial` (the admin's search box, which matches parts of words too)."""
    key = normalize_name(term)
    if not key:
        return []
    lookup = "contains" if partial else "exact"
    # Two queries, not one with an OR across the alias join: each exact lookup is an index probe.
    by_name = (
        Source.objects.filter(**{f"normalized_name__{lookup}": key})
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    by_alias = (
        SourceAlias.objects.filter(**{f"normalized__{lookup}": key})
        .order_by("source_id")
        .values_list("source_id", flat=True)
    )
    ids = sorted({*by_name[:MAX_NAMED_SOURCES], *by_alias[:MAX_NAMED_SOURCES]})
    return ids[:MAX_NAMED_SOURCES]


def claim_search(queryset: QuerySet[Claim], term: str, *, partial: bool = False) -> QuerySet[Claim]:
    """Claims matching `term`: in their text or English summary (full-text on PostgreSQL, every word
    elsewhere), or, where the term is a registry source's name or alias ("Хуавэй", "Файнэншл таймс"),
    claims whose chain or entities name that source or whose text uses any of its spellings."""
    term = term.strip()
    if not term:
        return queryset
    source_ids = sources_named(term, partial=partial)
    spellings: list[str] = []
    if source_ids:
        names = Source.objects.filter(pk__in=source_ids).values_list("name", flat=True)
        aliases = SourceAlias.objects.filter(source_id__in=source_ids).values_list("name", flat=True)
        spellings = list(dict.fromkeys([*names, *aliases]))[:MAX_SPELLINGS]
    if connection.vendor == "postgresql":
        if not source_ids:
            return queryset.filter(pk__in=RawSQL(FULLTEXT_MATCH_SQL, [term]))
        words = [term, *spellings]
        tsqueries = " || ".join(["websearch_to_tsquery('simple'::regconfig, %s)"] * len(words))
        sql = _NAMED_MATCH_SQL.format(tsqueries=tsqueries)
        return queryset.filter(pk__in=RawSQL(sql, [*words, source_ids, source_ids, spellings]))
    # SQLite (the embedded default) has no full-text index here: every word must appear.
    match = _every_word(term)
    for spelling in spellings:
        match |= _every_word(spelling)
    if source_ids:
        match |= Q(pk__in=AttributionLink.objects.filter(source_id__in=source_ids).values("claim_id"))
        entities = ClaimEntity.objects.filter(
            Q(source_id__in=source_ids) | Q(source__isnull=True, name__in=spellings)
        )
        match |= Q(pk__in=entities.values("claim_id"))
    return queryset.filter(match)


def _every_word(text: str) -> Q:
    match = Q()
    for word in text.split()[:20]:
        match &= Q(text__icontains=word) | Q(summary_en__icontains=word)
    return match


def predictions_due() -> QuerySet[Claim]:
    """The reviewer queue "predictions due": queued when they fell due and not decided since."""
    return Claim.objects.filter(kind=ClaimKind.PREDICTION, due_queued_at__isnull=False).filter(
        Q(current_verdict__isnull=True) | Q(current_verdict__recorded_at__lt=F("due_queued_at"))
    )


def claims_with_related(claims) -> list[Claim]:
    """Attach chains, appearances, entities and evidence (`claim.related`) to a page of claims."""
    claims = list(claims)
    rows = claim_related_rows(claim_ids=[c.pk for c in claims])
    for claim in claims:
        claim.related = rows[claim.pk]
    return claims


def _link_display(row: dict) -> str:
    source = SimpleNamespace(name=row["source__name"]) if row["source_id"] is not None else None
    # The model's own display(), on a stand-in with the same attributes: one wording everywhere.
    return AttributionLink.display(SimpleNamespace(**row, source=source))


def claim_related_rows(*, claim_ids: list[int]) -> dict[int, dict[str, list]]:
    """Chains, appearances, entities and (non-rejected) evidence for many claims, as plain rows.

    Plain rows rather than model instances: an API page of 100 claims has a thousand related rows,
    and building model objects for them would cost more than the queries. PostgreSQL builds them
    in one query; elsewhere four ORM queries give the same rows (a test holds the two together).
    """
    if connection.vendor == "postgresql":
        return _claim_related_rows_postgres(claim_ids)
    return _claim_related_rows_orm(claim_ids)


def _empty_related(claim_ids: list[int]) -> dict[int, dict]:
    return {
        pk: {
            "verdict": None,
            "links": [],
            "appearances": [],
            "entities": [],
            "evidence": [],
            "corroboration": None,
        }
        for pk in claim_ids
    }


VERDICT_ROW_FIELDS = (
    "id", "status", "rationale", "created_at", "claim_version", "reviewer__username",
    "reviewer__first_name", "reviewer__last_name", "organisation_id", "organisation__name",
)  # fmt: skip


SUMMARY_ROW_FIELDS = (
    "suggested_grade", "grade_reason", "needs_rereview", "last_checked_at", "supporting_origins",
    "refuting_origins", "denials", "re_report_count", "syndicated_count", "same_outlet_count", "evidence_count",
)  # fmt: skip

_RELATED_SQL = """
SELECT c.id,
 (SELECT json_build_object('id', v.id, 'status', v.status, 'rationale', v.rationale,
         'created_at', v.created_at, 'claim_version', v.claim_version, 'reviewer__username', u.username,
         'reviewer__first_name', u.first_name, 'reviewer__last_name', u.last_name,
         'organisation_id', v.organisation_id, 'organisation__name', o.name)
    FROM claims_claim cc JOIN claims_verdict v ON v.id = cc.current_verdict_id
    LEFT JOIN {users} u ON u.id = v.reviewer_id LEFT JOIN sources_source o ON o.id = v.organisation_id
   WHERE cc.id = c.id),
 (SELECT json_agg(json_build_object('position', l.position, 'relation', l.relation,
         'source_kind', l.source_kind, 'count', l.count, 'phrase', l.phrase, 'quote', l.quote, 'role', l.role,
         'source_id', l.source_id, 'source__name', s.name, 'source__kind', s.kind) ORDER BY l.position)
    FROM claims_attributionlink l LEFT JOIN sources_source s ON s.id = l.source_id
   WHERE l.claim_id = c.id),
 (SELECT json_agg(json_build_object('span_start', ap.span_start, 'span_end', ap.span_end,
         'quote', ap.quote, 'article_id', a.id, 'article__url', a.url, 'article__title', a.title,
         'article__language', a.language, 'article__published_at', a.published_at,
         'article__outlet_id', o.id, 'article__outlet__name', o.name, 'article__outlet__kind', o.kind)
         ORDER BY ap.id)
    FROM claims_appearance ap JOIN sources_article a ON a.id = ap.article_id
    LEFT JOIN sources_source o ON o.id = a.outlet_id
   WHERE ap.claim_id = c.id),
 (SELECT json_agg(e.name ORDER BY e.name) FROM claims_claimentity e WHERE e.claim_id = c.id),
 (SELECT json_agg(json_build_object('stance', ev.stance, 'independence', ev.independence,
         'decided_at', ev.decided_at, 'article_id', ev.article_id, 'article__url', a.url,
         'origin_id', ev.origin_id, 'origin__name', os.name, 'origin__kind', os.kind,
         'article__outlet_id', a.outlet_id, 'article__outlet__name', ao.name, 'article__outlet__kind', ao.kind)
         ORDER BY ev.decided_at, ev.id)
    FROM claims_evidence ev JOIN sources_article a ON a.id = ev.article_id
    LEFT JOIN sources_source os ON os.id = ev.origin_id
    LEFT JOIN sources_source ao ON ao.id = a.outlet_id
   WHERE ev.claim_id = c.id AND ev.review_state <> %(rejected)s),
 (SELECT json_build_object('suggested_grade', cs.suggested_grade, 'grade_reason', cs.grade_reason,
         'needs_rereview', cs.needs_rereview, 'last_checked_at', cs.last_checked_at,
         'supporting_origins', cs.supporting_origins, 'refuting_origins', cs.refuting_origins,
         'denials', cs.denials, 're_report_count', cs.re_report_count, 'syndicated_count', cs.syndicated_count,
         'same_outlet_count', cs.same_outlet_count, 'evidence_count', cs.evidence_count)
    FROM claims_corroborationsummary cs WHERE cs.claim_id = c.id)
FROM unnest(%(ids)s::bigint[]) AS c(id)
"""


def _parse_moment(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value is not None else None


def _claim_related_rows_postgres(claim_ids: list[int]) -> dict[int, dict[str, list]]:
    # One round trip with the rows built as JSON in the database: about half the time of the four
    # ORM queries for a page of 50 (see docs/benchmarks.md).
    related = _empty_related(claim_ids)
    with connection.cursor() as cursor:
        users = connection.ops.quote_name(get_user_model()._meta.db_table)
        sql = _RELATED_SQL.replace("{users}", users)
        cursor.execute(sql, {"ids": list(claim_ids), "rejected": ReviewState.REJECTED})
        rows = cursor.fetchall()
    for claim_id, *columns in rows:
        # Django registers a pass-through JSON loader (JSONField parses for itself): parse here.
        verdict, links, appearances, entities, evidence, corroboration = (
            json.loads(c) if isinstance(c, str) else c for c in columns
        )
        bucket = related[claim_id]
        if verdict is not None:
            verdict["created_at"] = _parse_moment(verdict["created_at"])
            bucket["verdict"] = verdict
        for row in links or ():
            row["claim_id"] = claim_id
            row["display"] = _link_display(row)
            bucket["links"].append(row)
        for row in appearances or ():
            row["claim_id"] = claim_id
            row["article__published_at"] = _parse_moment(row["article__published_at"])
            bucket["appearances"].append(row)
        bucket["entities"] = entities or []
        for row in evidence or ():
            row["claim_id"] = claim_id
            row["decided_at"] = _parse_moment(row["decided_at"])
            bucket["evidence"].append(row)
        if corroboration is not None:
            corroboration["last_checked_at"] = _parse_moment(corroboration["last_checked_at"])
            bucket["corroboration"] = corroboration
    return related


def _claim_related_rows_orm(claim_ids: list[int]) -> dict[int, dict[str, list]]:
    related = _empty_related(claim_ids)
    current = Verdict.objects.filter(claim_id__in=claim_ids, claim__current_verdict_id=F("id"))
    for row in current.values("claim_id", *VERDICT_ROW_FIELDS):
        related[row.pop("claim_id")]["verdict"] = row
    links = (
        AttributionLink.objects.filter(claim_id__in=claim_ids)
        .order_by("claim_id", "position")
        .values(
            "claim_id", "position", "relation", "source_kind", "count", "phrase", "quote", "role",
            "source_id", "source__name", "source__kind",
        )
    )  # fmt: skip
    for row in links:
        row["display"] = _link_display(row)
        related[row["claim_id"]]["links"].append(row)
    appearances = (
        Appearance.objects.filter(claim_id__in=claim_ids)
        .order_by("claim_id", "id")
        .values(
            "claim_id", "span_start", "span_end", "quote", "article_id", "article__url", "article__title",
            "article__language", "article__published_at", "article__outlet_id", "article__outlet__name",
            "article__outlet__kind",
        )
    )  # fmt: skip
    for row in appearances:
        related[row["claim_id"]]["appearances"].append(row)
    for claim_id, name in (
        ClaimEntity.objects.filter(claim_id__in=claim_ids)
        .order_by("claim_id", "name")
        .values_list("claim_id", "name")
    ):
        related[claim_id]["entities"].append(name)
    evidence = (
        Evidence.objects.filter(claim_id__in=claim_ids)
        .exclude(review_state=ReviewState.REJECTED)
        .order_by("claim_id", "decided_at", "id")
        .values(
            "claim_id", "stance", "independence", "decided_at", "article_id", "article__url", "origin_id",
            "origin__name", "origin__kind", "article__outlet_id", "article__outlet__name", "article__outlet__kind",
        )
    )  # fmt: skip
    for row in evidence:
        related[row["claim_id"]]["evidence"].append(row)
    summaries = CorroborationSummary.objects.filter(claim_id__in=claim_ids).values(
        "claim_id", *SUMMARY_ROW_FIELDS
    )
    for row in summaries:
        related[row.pop("claim_id")]["corroboration"] = row
    return related


def claims_as_of(claims, *, moment: datetime) -> list[Claim]:
    """A page of claims (from `claims_with_related`) as they stood at `moment`, from the history.

    Status and verdict from the verdicts recorded by then, version and updated_at from the last
    change numbered by then, the corroboration summary from the last revision stored by then. The
    text, chain, appearances and entities are shown as they are now (their edits are in the audit
    trail). Three queries for the page, however long it is.
    """
    claims = list(claims)
    if not claims:
        return claims
    ids = [c.pk for c in claims]
    latest_verdict = Verdict.objects.filter(claim=OuterRef("pk"), recorded_at__lte=moment).order_by(
        "-created_at", "-id"
    )
    last_change = ChangeEntry.objects.filter(claim_id_ref=OuterRef("pk"), at__lte=moment).order_by("-seq")
    last_revision = SummaryRevision.objects.filter(claim=OuterRef("pk"), at__lte=moment).order_by(
        "-at", "-id"
    )
    then = {
        row["pk"]: row
        for row in Claim.objects.filter(pk__in=ids)
        .annotate(
            verdict_then=Subquery(latest_verdict.values("id")[:1]),
            version_then=Subquery(last_change.values("claim_version")[:1]),
            updated_then=Subquery(last_change.values("claim_updated_at")[:1]),
            changed_then=Subquery(last_change.values("at")[:1]),
            revision_then=Subquery(last_revision.values("id")[:1]),
        )
        .values("pk", "verdict_then", "version_then", "updated_then", "changed_then", "revision_then")
    }
    verdicts = {
        row["id"]: row
        for row in Verdict.objects.filter(
            pk__in=[r["verdict_then"] for r in then.values() if r["verdict_then"]]
        ).values(*VERDICT_ROW_FIELDS)
    }
    revisions = dict(
        SummaryRevision.objects.filter(
            pk__in=[r["revision_then"] for r in then.values() if r["revision_then"]]
        ).values_list("id", "data")
    )
    for claim in claims:
        row = then[claim.pk]
        verdict = verdicts.get(row["verdict_then"])
        claim.status = verdict["status"] if verdict is not None else ClaimStatus.UNREVIEWED
        claim.related["verdict"] = verdict
        if row["version_then"] is not None:
            claim.version = row["version_then"]
        moment_then = row["updated_then"] or row["changed_then"]
        if moment_then is not None:
            claim.updated_at = moment_then
        data = revisions.get(row["revision_then"])
        if data is not None:
            data = {**data, "last_checked_at": _parse_moment(data.get("last_checked_at"))}
        claim.related["corroboration"] = data
        # What happened later is not part of the answer (Last-Modified reads these).
        claim.related["evidence"] = [e for e in claim.related["evidence"] if e["decided_at"] <= moment]
    return claims
