import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims import services


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
                # Fetching must go through the coverage fetcher's guarded connector (timeouts, size
                # limits, no private addresses); until it exists, save the page and pass the file.
                raise CommandError(
                    "Importing from a URL needs the coverage fetcher, which is not installed yet: "
                    "save the page and pass the file path."
                )
            path = Path(item)
            if not path.is_file():
                raise CommandError(f"No such file: {item}")
            report = services.claimreview_import(data=path.read_bytes())
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
