from django.apps import AppConfig


class CorroborationConfig(AppConfig):
    name = "corroboration"
    verbose_name = "Corroboration"

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (listens to sources and claims)
