"""The claim export: one row per claim, the same columns in the admin's CSV/XLSX and the API's CSV.

`claim_export_rows` is the read (a selector): claims in batches, each batch's chains, evidence,
current verdict and stored corroboration summary from `selectors.claim_related_rows` (one query on
PostgreSQL, six elsewhere) and its verdict history (one more), so the number of queries grows with
the number of batches, never with the number of claims. `ClaimExportResource` (django-import-export)
names the columns and renders the cells; the admin's export and `GET /api/v1/claims/export/` both go
through it.

Evidence counts are of evidence not rejected, as the corroboration summary counts it; the origin
names and the suggested credibility are the stored summary's (never a recount here).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

from django.db.models import QuerySet
from import_export import fields, resources, widgets

from . import selectors
from .models import Claim, ClaimKind, ClaimStatus, Independence, LinkRelation, Stance, Verdict

EXPORT_BATCH_SIZE = 500

# A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection"); a
# leading apostrophe makes it text. Tab and carriage return start formulas in some spreadsheets too.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_KIND = dict(ClaimKind.choices)
_STATUS = dict(ClaimStatus.choices)
_RELATION = dict(LinkRelation.choices)


def guard_cell(value):
    """The value as a spreadsheet shows it without running it: text starting like a formula gets "'"."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def chain_text(links: list[dict]) -> str:
    """The chain outermost first, each link with how it relates and its verbatim phrase:
    "Financial Times — citing — 2 unnamed sources — «people familiar with the matter»"."""
    parts = []
    for index, link in enumerate(links):
        shown = link["display"]
        if link.get("role"):
            shown += f" ({link['role']})"
        phrase = (link.get("phrase") or "").strip()
        if phrase and phrase not in link["display"]:
            shown += f" «{phrase}»"
        if index:
            parts.append(_RELATION.get(link["relation"], link["relation"]))
        parts.append(shown)
    return " — ".join(parts)


def _reviewer(verdict: dict) -> str:
    """The person who recorded it, or the organisation whose ClaimReview it was imported from."""
    full = f"{verdict.get('reviewer__first_name') or ''} {verdict.get('reviewer__last_name') or ''}".strip()
    return full or verdict.get("reviewer__username") or verdict.get("organisation__name") or ""


def _history(verdicts: list[dict]) -> str:
    return "; ".join(
        f"{v['created_at'].astimezone(UTC):%Y-%m-%d} {_STATUS.get(v['status'], v['status'])} ({_reviewer(v)})"
        for v in verdicts
    )


HISTORY_FIELDS = (
    "claim_id", "status", "created_at", "reviewer__username", "reviewer__first_name", "reviewer__last_name",
    "organisation__name",
)  # fmt: skip


def _verdict_history(claim_ids: list[int], moment: datetime | None) -> dict[int, list[dict]]:
    """Every verdict of these claims, oldest first (as of `moment`: those recorded by then). One query."""
    verdicts = Verdict.objects.filter(claim_id__in=claim_ids)
    if moment is not None:
        verdicts = verdicts.filter(recorded_at__lte=moment)
    history: dict[int, list[dict]] = {pk: [] for pk in claim_ids}
    for row in verdicts.order_by("claim_id", "created_at", "id").values(*HISTORY_FIELDS):
        history[row["claim_id"]].append(row)
    return history


def _names(refs: list[dict] | None) -> str:
    return ", ".join(ref["name"] for ref in refs or ())


def _row(claim: Claim, verdicts: list[dict]) -> dict:
    related = claim.related
    links = related["links"]
    evidence = related["evidence"]
    stances = Counter(e["stance"] for e in evidence)
    independence = Counter(e["independence"] for e in evidence)
    verdict = related["verdict"] or {}
    summary = related["corroboration"] or {}
    return {
        "id": claim.pk,
        "text": claim.text,
        "language": claim.language,
        "summary_en": claim.summary_en,
        "kind": _KIND.get(claim.kind, claim.kind),
        "status": _STATUS.get(claim.status, claim.status),
        "version": claim.version,
        "chain": chain_text(links),
        "origin": links[-1]["display"] if links else "",
        "evidence": len(evidence),
        "supports": stances[Stance.SUPPORTS],
        "refutes": stances[Stance.REFUTES],
        "denied": stances[Stance.DENIED],
        "mentions": stances[Stance.MENTIONS],
        "independent": independence[Independence.INDEPENDENT],
        "re_reports": independence[Independence.RE_REPORT],
        "syndicated": independence[Independence.SYNDICATED],
        "same_outlet": independence[Independence.SAME_OUTLET],
        "not_judged": independence[Independence.UNKNOWN],
        "supporting_origins": _names(summary.get("supporting_origins")),
        "refuting_origins": _names(summary.get("refuting_origins")),
        "denied_by": _names(summary.get("denials")),
        "suggested_credibility": summary.get("suggested_grade"),
        "verdict": _STATUS.get(verdict.get("status"), verdict.get("status") or ""),
        "verdict_by": _reviewer(verdict) if verdict else "",
        "verdict_at": verdict.get("created_at"),
        "verdict_on_version": verdict.get("claim_version"),
        "verdict_rationale": verdict.get("rationale") or "",
        "verdicts": len(verdicts),
        "verdict_history": _history(verdicts),
        "made_at": claim.made_at,
        "created_at": claim.created_at,
        "updated_at": claim.updated_at,
    }


def _batches(items: Iterable, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def claim_export_rows(
    claims: QuerySet[Claim], *, moment: datetime | None = None, batch_size: int = EXPORT_BATCH_SIZE
) -> Iterator[dict]:
    """One row (a dict, keys as `ClaimExportResource`'s fields) per claim of `claims`, in its order.

    With `moment`, status, verdict, version and summary as they stood then (`selectors.claims_as_of`).
    Rows are produced batch by batch, so a large table is never held in memory at once.
    """
    claims = claims.prefetch_related(None)
    if not claims.ordered:
        claims = claims.order_by("pk")
    for batch in _batches(claims.iterator(chunk_size=batch_size), batch_size):
        batch = selectors.claims_with_related(batch)
        if moment is not None:
            batch = selectors.claims_as_of(batch, moment=moment)
        history = _verdict_history([claim.pk for claim in batch], moment)
        yield from (_row(claim, history[claim.pk]) for claim in batch)


class UtcDateTimeWidget(widgets.Widget):
    """ISO 8601 in UTC in text formats ("2025-08-20T09:30:00Z"); a date cell (UTC) in XLSX."""

    def render(self, value, obj=None, **kwargs):
        if not isinstance(value, datetime):
            return ""
        value = value.astimezone(UTC)
        if kwargs.get("force_native_type"):
            return value.replace(tzinfo=None)  # spreadsheets have no time zones: the header says UTC
        return value.isoformat().replace("+00:00", "Z")


# Control characters an XLSX cell cannot hold (openpyxl refuses the whole sheet); pasted text has them.
XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class GuardedWidget(widgets.Widget):
    """Text and numbers as they are, text that would run as a formula made harmless."""

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        binary = kwargs.get("force_native_type")  # set by django-import-export for XLSX
        if isinstance(value, int) and binary:
            return value
        text = guard_cell(str(value))
        return XLSX_ILLEGAL.sub("\ufffd", text) if binary else text


def _field(label: str, widget_class=GuardedWidget) -> fields.Field:
    return fields.Field(column_name=label, widget=widget_class(), readonly=True)


def _moment(label: str) -> fields.Field:
    return _field(label, UtcDateTimeWidget)


class ClaimExportResource(resources.Resource):
    """The export's columns, in this order (django-import-export; export only, nothing is imported).

    Each field reads the row key of its own name (`claim_export_rows`).
    """

    id = _field("id")
    text = _field("text")
    language = _field("language")
    summary_en = _field("English summary")
    kind = _field("kind")
    status = _field("status")
    version = _field("version")
    chain = _field("attribution chain (outermost first)")
    origin = _field("origin")
    evidence = _field("evidence (not rejected)")
    supports = _field("supports")
    refutes = _field("refutes")
    denied = _field("denied by subject")
    mentions = _field("mentions only")
    independent = _field("independent")
    re_reports = _field("re-reports")
    syndicated = _field("syndicated copies")
    same_outlet = _field("same outlet")
    not_judged = _field("independence not judged")
    supporting_origins = _field("independent supporting origins")
    refuting_origins = _field("refuting origins")
    denied_by = _field("denied by")
    suggested_credibility = _field("suggested credibility (1-6)")
    verdict = _field("verdict")
    verdict_by = _field("verdict by")
    verdict_at = _moment("verdict at (UTC)")
    verdict_on_version = _field("verdict on version")
    verdict_rationale = _field("verdict rationale")
    verdicts = _field("verdicts recorded")
    verdict_history = _field("verdict history (oldest first)")
    made_at = _moment("made at (UTC)")
    created_at = _moment("created at (UTC)")
    updated_at = _moment("updated at (UTC)")

    class Meta:
        use_transactions = False

    def __init__(self, *, moment: datetime | None = None, **kwargs):
        super().__init__(**kwargs)
        self.moment = moment
        self._columns: dict[tuple, list] = {}

    @classmethod
    def get_display_name(cls) -> str:
        return "claims with chains, evidence and verdicts"

    def iter_queryset(self, queryset):
        yield from claim_export_rows(queryset, moment=self.moment)

    def export_resource(self, instance, selected_fields=None, **kwargs):
        # The library looks each field's name up again for every cell (31 × 31 comparisons a row);
        # the columns are the same for every row of one export, so they are worked out once.
        key = tuple(selected_fields or ())
        columns = self._columns.get(key)
        if columns is None:
            names = {id(field): name for name, field in self.fields.items()}
            columns = [(names[id(f)], f.widget) for f in self.get_export_fields(selected_fields)]
            self._columns[key] = columns
        return [widget.render(instance[name], **kwargs) for name, widget in columns]
