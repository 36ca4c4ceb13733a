"""The stored corroboration summary: shown on the claim's page and as the reviewer queue."""

from datetime import datetime

from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html

from ..models import Claim, CorroborationSummary
from .common import ReadOnlyAdmin


def summary_html(claim: Claim) -> str:
    """The claim page's corroboration block, from the stored row (never a recount)."""
    summary = CorroborationSummary.objects.filter(claim=claim).first() if claim.pk else None
    if summary is None:
        return "Not checked yet: use “Queue corroboration”."
    return format_html(
        "{}<b>Suggested credibility {}</b> ({})<br>Independent supporting origins: {}<br>"
        "Refuting origins: {}<br>Denied by: {}<br>Re-reports: {}; syndicated copies: {}; same outlet: {}"
        "<br>Last check: {} <small>(machine suggestion, not a verdict)</small>",
        format_html('<p style="color:#b91c1c"><b>Needs re-review:</b> {}</p>', summary.rereview_reason)
        if summary.needs_rereview
        else "",
        summary.suggested_grade,
        summary.grade_reason,
        summary.names(summary.supporting_origins),
        summary.names(summary.refuting_origins),
        summary.names(summary.denials),
        _re_reports(summary),
        summary.syndicated_count,
        summary.same_outlet_count,
        f"{summary.last_checked_at:%Y-%m-%d %H:%M}" if summary.last_checked_at else "never",
    )


def _re_reports(summary: CorroborationSummary) -> str:
    """ "Financial Times ×2, Reuters ×1": who the re-reports repeat, and how many repeat each."""
    counts = sorted(summary.re_reports.items(), key=lambda item: (-item[1], item[0]))
    return ", ".join(f"{origin} ×{n}" for origin, n in counts) or "none"


class NeedsRereviewListFilter(admin.BooleanFieldListFilter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = "needs re-review"


class SuggestedGradeListFilter(admin.AllValuesFieldListFilter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = "suggested credibility"


def _shown(name: str, label: str, *, boolean: bool = False, names: bool = False):
    """A read-only column or field under a reader's label ("Re-reports", not "Re report count")."""

    def show(self, obj: CorroborationSummary):
        value = getattr(obj, name)
        if names:
            return obj.names(value)
        if isinstance(value, datetime):
            return f"{timezone.localtime(value):%Y-%m-%d %H:%M}"
        return "—" if value in (None, "") else value

    show.__name__ = f"show_{name}"
    return admin.display(description=label, ordering=name, boolean=boolean or None)(show)


@admin.register(CorroborationSummary)
class CorroborationSummaryAdmin(ReadOnlyAdmin):
    """The reviewer queue: filter on “needs re-review” to see decided claims with new refuting evidence."""

    suggested = _shown("suggested_grade", "Suggested credibility (1–6)")
    grade_why = _shown("grade_reason", "Why this grade")
    supporting = _shown("supporting_origins", "Independent supporting origins", names=True)
    refuting = _shown("refuting_origins", "Refuting origins", names=True)
    denied_by = _shown("denials", "Denied by", names=True)
    re_report_total = _shown("re_report_count", "Re-reports")
    syndicated = _shown("syndicated_count", "Syndicated copies")
    same_outlet = _shown("same_outlet_count", "Same-outlet copies")
    mentions = _shown("mentions_count", "Mentions only")
    evidence_total = _shown("evidence_count", "Evidence (not rejected)")
    rereview = _shown("needs_rereview", "Needs re-review", boolean=True)
    rereview_why = _shown("rereview_reason", "Why re-review")
    checked = _shown("last_checked_at", "Last checked")
    computed_by = _shown("component", "Computed by")

    @admin.display(description="Re-reports by origin")
    def re_reports_by_origin(self, obj: CorroborationSummary) -> str:
        return _re_reports(obj)

    list_display = ["claim", "suggested", "rereview", "re_report_total", "checked"]
    list_filter = [
        ("needs_rereview", NeedsRereviewListFilter),
        ("suggested_grade", SuggestedGradeListFilter),
    ]
    fields = [
        "claim", "suggested", "grade_why", "supporting", "refuting", "denied_by", "re_reports_by_origin",
        "re_report_total", "syndicated", "same_outlet", "mentions", "evidence_total", "rereview",
        "rereview_why", "checked", "computed_by",
    ]  # fmt: skip
    readonly_fields = fields
    search_fields = ["claim__text"]
    list_select_related = ["claim"]
    ordering = ["-needs_rereview", "-last_checked_at"]
