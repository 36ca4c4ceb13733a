from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from sources.errors import FetchError
from sources.services import article_fetch


class Command(BaseCommand):
    help = "Fetch pages into Articles now (download, extract, deduplicate). Goes on past failures."

    def add_arguments(self, parser):
        parser.add_argument("urls", nargs="+", metavar="URL")

    def handle(self, *args, urls, **options):
        failures = 0
        for url in tqdm(urls, desc="pages", unit="page", disable=None):
            try:
                article = article_fetch(url=url)
            except FetchError as exc:
                failures += 1
                self.stdout.write(self.style.WARNING(f"FAILED {url}: {exc.message}"))
                continue
            copy = f" (copy of article {article.copy_of_id})" if article.copy_of_id else ""
            self.stdout.write(
                f"Article {article.pk} [{article.language or '?'}] {article.title or article.url}{copy}"
            )
        if failures:
            raise CommandError(f"{failures} of {len(urls)} URL(s) failed")
