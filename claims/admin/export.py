"""The claim list's export: CSV and XLSX of the listed claims (current filters and search), or of the
selected ones, with their chains, evidence counts and verdicts (claims.export). Export only."""

from django.utils import timezone
from import_export.admin import ExportActionMixin
from import_export.formats.base_formats import CSV, XLSX

from ..export import ClaimExportResource


class ClaimExportMixin(ExportActionMixin):
    """An "Export" button on the claim list and an "Export selected claims" action."""

    resource_classes = [ClaimExportResource]
    export_formats = [CSV, XLSX]

    def has_export_permission(self, request) -> bool:
        # Whoever may see the claim list may take it away as a file; nothing more is needed.
        return self.has_view_permission(request)

    def get_export_filename(self, request, queryset, file_format) -> str:
        return f"claims-{timezone.now():%Y-%m-%d-%H%M}.{file_format.get_extension()}"

    def get_valid_export_item_pks(self, request):
        # Selected rows must be claims this admin lists (the library's default is the whole table).
        return self.get_queryset(request).values_list("pk", flat=True)
