from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from sources.demo import DEMO_FEEDS, demo_site
from sources.models import Article, Feed, Fetch, FetchStatus
from sources.selectors import article_search


class Command(BaseCommand):
    help = "Ingest the demo feeds from a local web server (offline): poll, fetch, extract, deduplicate."

    def add_arguments(self, parser):
        parser.add_argument("--again", action="store_true", help="Run even if the demo was ingested before.")

    def handle(self, *args, again, **options):
        if not settings.DEBUG:
            raise CommandError("The ingestion demo allows loopback addresses; it runs only with DEBUG on.")
        if Feed.objects.filter(url__contains="/claimtracker-demo/").exists() and not again:
            self.stdout.write(
                "Ingestion demo: already ingested (run `manage.py ingest_demo --again` to repeat)."
            )
            return
        # Previous demo feeds point at a port that is gone; keep them, but stop polling them.
        Feed.objects.filter(url__contains="/claimtracker-demo/").update(active=False)
        with demo_site() as base:
            # Loopback only for the demo server's port, only while this command runs.
            port = int(base.rsplit(":", 1)[1])
            with override_settings(
                INGEST_ALLOW_LOOPBACK=True, INGEST_LOOPBACK_PORTS=[port], INGEST_DOMAIN_DELAY=0.0
            ):
                self._ingest(base)
        self._report(base)

    def _ingest(self, base: str) -> None:
        self.stdout.write(f"Ingestion demo: serving demo feeds at {base}/claimtracker-demo/")
        for path, outlet in DEMO_FEEDS:
            call_command("add_feed", base + path, "--outlet", outlet, stdout=self.stdout)
        call_command("poll_feeds", stdout=self.stdout, stderr=self.stderr)

    def _report(self, base: str) -> None:
        articles = Article.objects.filter(url__startswith=base)
        self.stdout.write(f"Stored {articles.count()} article(s):")
        for article in articles.order_by("id"):
            note = f"  (copy of article {article.copy_of_id})" if article.copy_of_id else ""
            self.stdout.write(f"  [{article.language}] {article.title}{note}")
        for fetch in Fetch.objects.filter(url__startswith=base, status=FetchStatus.FAILED):
            self.stdout.write(f"  failed: {fetch.url} — {fetch.last_error}")
        hits = article_search(query="чипы Huawei", language="ru", limit=3)
        titles = dict(Article.objects.filter(id__in=[i for i, _ in hits]).values_list("id", "title"))
        self.stdout.write(
            'Search "чипы Huawei" (ru): ' + "; ".join(f"{titles[i]} ({rank:.3f})" for i, rank in hits)
        )
