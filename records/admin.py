"""The source's admin page, with its track record and the chart of it over time.

sources/ knows nothing of claims, so its SourceAdmin cannot show a record; this room, which may read
both, registers the same admin again with the record added.
"""

from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.utils import timezone
from django.utils.html import format_html, format_html_join, mark_safe

from sources.admin import SourceAdmin
from sources.models import Source

from . import selectors
from .chart import record_chart_svg

OUTCOME_LABELS = {
    "confirmed": "confirmed",
    "false": "false",
    "misleading": "misleading",
    "retracted": "retracted",
    "disputed": "disputed",
    "unverifiable": "unverifiable",
}


def record_table(record: dict) -> str:
    rows = format_html_join(
        "",
        "<tr><th>{}</th><td>{}</td><td>{}</td></tr>",
        (
            (label, record["as_origin"][outcome], record["as_intermediary"][outcome])
            for outcome, label in OUTCOME_LABELS.items()
        ),
    )
    return format_html("<table><tr><th></th><th>as origin</th><th>as intermediary</th></tr>{}</table>", rows)


class RecordChangeList(ChangeList):
    def get_results(self, request):
        super().get_results(request)
        # One query for the page's records, however many sources it lists (the page's queryset
        # keeps these objects for the template).
        records = selectors.track_records(source_ids=[s.pk for s in self.result_list])
        for source in self.result_list:
            source.record = records[source.pk]


admin.site.unregister(Source)


@admin.register(Source)
class SourceWithRecordAdmin(SourceAdmin):
    list_display = [*SourceAdmin.list_display, "suggested"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "track_record"] if obj is not None else fields

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        if obj is not None and "track_record" not in fields:
            fields.append("track_record")
        return fields

    def get_changelist(self, request, **kwargs):
        return RecordChangeList

    @admin.display(description="suggested reliability")
    def suggested(self, obj: Source) -> str:
        record = getattr(obj, "record", None)
        return record["suggested_reliability"] if record else "—"

    @admin.display(description="track record")
    def track_record(self, obj: Source) -> str:
        record = selectors.track_records(source_ids=[obj.pk])[obj.pk]
        editor = obj.get_reliability_display() if obj.reliability else "not graded"
        chart = record_chart_svg(selectors.track_record_history(source_id=obj.pk), now=timezone.now())
        return format_html(
            "<p><strong>Suggested reliability: {}</strong> ({}) — the editor's grade: {}. "
            "The suggestion never replaces the editor's grade.</p>{}<div>{}</div>",
            record["suggested_reliability"],
            record["reliability_reason"],
            editor,
            record_table(record),
            mark_safe(chart),  # built in records.chart from numbers, dates and escaped labels
        )
