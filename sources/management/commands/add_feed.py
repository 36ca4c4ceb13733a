from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError

from sources.errors import FetchError
from sources.services import feed_add


class Command(BaseCommand):
    help = "Register an RSS or Atom feed to poll (safe to run twice: the feed is stored once)."

    def add_arguments(self, parser):
        parser.add_argument("url")
        parser.add_argument("--outlet", default="", help="The outlet that publishes it (created if unknown).")
        parser.add_argument("--every", type=int, default=None, help="Poll interval in minutes (default 15).")

    def handle(self, *args, url, outlet, every, **options):
        if every is not None and every < 1:
            raise CommandError("--every must be at least 1 minute")
        try:
            feed = feed_add(
                url=url, outlet_name=outlet, poll_interval=timedelta(minutes=every) if every else None
            )
        except FetchError as exc:
            raise CommandError(f"{url}: {exc.message}") from exc
        outlet_text = f" for {feed.outlet}" if feed.outlet else ""
        self.stdout.write(f"Feed {feed.pk}: {feed.url}{outlet_text}, polled every {feed.poll_interval}.")
