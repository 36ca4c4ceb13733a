from django.apps import AppConfig


class SourcesConfig(AppConfig):
    name = "sources"
    verbose_name = "Sources and coverage"

    def ready(self):
        from . import receivers  # noqa: F401  (queues the fetches the services announce)
