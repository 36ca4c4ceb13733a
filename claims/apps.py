from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Claims and verification"

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (refreshes stale summaries)
