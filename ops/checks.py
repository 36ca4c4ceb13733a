"""A deploy check: with DEBUG off, pages link static files through the collected manifest; without
`collectstatic` the admin and the API docs could not be drawn (they would fall back to unhashed links
that 404: see claimtracker.storage)."""

from django.conf import settings
from django.core.checks import Warning, register


@register("staticfiles", deploy=True)
def static_files_collected(app_configs, **kwargs):
    if settings.DEBUG:
        return []
    manifest = settings.STATIC_ROOT / "staticfiles.json"
    if manifest.exists():
        return []
    return [
        Warning(
            f"Static files are not collected: {manifest} is missing.",
            hint="Run `python manage.py collectstatic --noinput` (the Docker image does it at build time).",
            id="ops.W001",
        )
    ]
