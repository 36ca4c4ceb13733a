"""The benchmark's baseline: the same page of claims from one hand-written SQL query, in a plain view.

The URLconf of DJANGO_SETTINGS_MODULE=bench.api_baseline_settings (the app's settings and URLs plus
this view), so the API and the baseline are served by the same server processes in the same run.
"""

import json

from django.conf import settings
from django.db import connection
from django.http import HttpResponse
from django.urls import include, path

SQL = """
SELECT c.id, c.text, c.language, c.kind, c.summary_en, c.made_at, c.status, c.version, c.created_at,
  c.updated_at,
  (SELECT json_build_object('id', v.id, 'status', v.status, 'rationale', v.rationale,
          'created_at', v.created_at, 'claim_version', v.claim_version, 'reviewer', u.username,
          'organisation', json_build_object('name', COALESCE(o.name, %(org)s), 'source_id', o.id))
     FROM claims_verdict v LEFT JOIN auth_user u ON u.id = v.reviewer_id
     LEFT JOIN sources_source o ON o.id = v.organisation_id
    WHERE v.id = c.current_verdict_id) AS verdict,
  (SELECT COALESCE(json_agg(json_build_object('position', l.position, 'relation', l.relation,
          'kind', l.source_kind,
          'source', CASE WHEN s.id IS NULL THEN NULL
                         ELSE json_build_object('id', s.id, 'name', s.name, 'kind', s.kind) END,
          'count', l.count, 'phrase', l.phrase, 'quote', l.quote) ORDER BY l.position), '[]')
     FROM claims_attributionlink l LEFT JOIN sources_source s ON s.id = l.source_id
    WHERE l.claim_id = c.id) AS chain,
  (SELECT COALESCE(json_agg(json_build_object(
          'article', json_build_object('id', a.id, 'url', a.url, 'title', a.title,
              'outlet', CASE WHEN ao.id IS NULL THEN NULL
                             ELSE json_build_object('id', ao.id, 'name', ao.name, 'kind', ao.kind) END,
              'language', a.language, 'published_at', a.published_at),
          'span_start', ap.span_start, 'span_end', ap.span_end, 'quote', ap.quote) ORDER BY ap.id), '[]')
     FROM claims_appearance ap JOIN sources_article a ON a.id = ap.article_id
     LEFT JOIN sources_source ao ON ao.id = a.outlet_id
    WHERE ap.claim_id = c.id) AS appearances,
  (SELECT COALESCE(json_agg(e.name ORDER BY e.name), '[]')
     FROM claims_claimentity e WHERE e.claim_id = c.id) AS entities,
  (SELECT json_build_object(
          'supporting_origins', cs.supporting_origins,
          'refuting_origins', cs.refuting_origins || cs.denials,
          're_reports', cs.re_report_count + cs.syndicated_count + cs.same_outlet_count,
          'evidence_count', cs.evidence_count,
          'latest_check', cs.last_checked_at)
     FROM claims_corroborationsummary cs WHERE cs.claim_id = c.id) AS evidence_summary,
  (SELECT json_build_object('suggested_grade', cs.suggested_grade, 'grade_reason', cs.grade_reason,
          'needs_rereview', cs.needs_rereview, 'last_checked_at', cs.last_checked_at)
     FROM claims_corroborationsummary cs WHERE cs.claim_id = c.id) AS corroboration
FROM claims_claim c
WHERE c.status = %(status)s
ORDER BY c.created_at DESC, c.id DESC
LIMIT %(limit)s
"""


def baseline_claims(request):
    with connection.cursor() as cursor:
        cursor.execute(
            SQL,
            {
                "status": request.GET.get("status", "confirmed"),
                "limit": int(request.GET.get("page_size", 50)),
                "org": settings.CLAIMTRACKER_ORGANISATION["name"],
            },
        )
        names = [col.name for col in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    for row in rows:
        row["url"] = request.build_absolute_uri(f"/api/v1/claims/{row['id']}/")
    body = json.dumps({"results": rows}, default=str, ensure_ascii=False)
    return HttpResponse(body, content_type="application/json")


urlpatterns = [
    path("bench/baseline/claims/", baseline_claims),
    path("", include("claimtracker.urls")),
]
