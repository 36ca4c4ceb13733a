import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claimreview import services
from sources.errors import FetchError
from sources.fetcher import http_get


class Command(BaseCommand):
    help = (
        "Import schema.org ClaimReview markup from a fact-checker's HTML page or a JSON/JSON-LD file. "
        "Safe to run twice; broken blocks are reported and the rest imports."
    )

    def add_arguments(self, parser):
        parser.add_argument("path_or_url", nargs="+")

    def handle(self, *args, path_or_url, **options):
        failed = False
        for item in path_or_url:
            if item.startswith(("http://", "https://")):
                data = self._fetch(item)
            else:
                path = Path(item)
                if not path.is_file():
                    raise CommandError(f"No such file: {item}")
                data = path.read_bytes()
            report = services.claimreview_import(data=data)
            self.stdout.write(
                f"{item}: {report.created} created, {report.updated} updated, {report.unchanged} unchanged"
            )
            for error in report.errors:
                failed = True
                self.stderr.write(f"{item}: {error['where']}: {error['reason']}")
            if options["verbosity"] > 1:
                self.stdout.write(json.dumps(report.__dict__, ensure_ascii=False))
        if failed:
            # Non-zero so scripts notice; everything that could be imported was.
            raise SystemExit(2)

    def _fetch(self, url: str) -> bytes:
        """Through the coverage fetcher: the address guard, timeouts, size and redirect caps."""
        try:
            fetched = http_get(url, accept=("text/html", "application/ld+json", "application/json"))
        except FetchError as exc:
            raise CommandError(f"{url}: could not be fetched: {exc}") from None
        return fetched.content
