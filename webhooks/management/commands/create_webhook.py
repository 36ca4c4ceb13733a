"""manage.py create_webhook --key ct_xxxxxxxx --url https://… --event verdict.recorded [--event …]"""

from django.core.management.base import BaseCommand, CommandError

from api.models import ApiKey, api_key_split
from claims.errors import ApplicationError
from webhooks import services
from webhooks.models import WebhookEvent


class Command(BaseCommand):
    help = "Subscribe an API key's holder to change events; prints the signing secret once."

    def add_arguments(self, parser):
        parser.add_argument("--key", required=True, help="The key's prefix (ct_xxxxxxxx) or the whole key.")
        parser.add_argument("--url", required=True)
        parser.add_argument("--event", action="append", choices=WebhookEvent.values, required=True)

    def handle(self, *args, **options):
        raw = options["key"].strip()
        parts = api_key_split(raw if raw.count("_") >= 2 else f"{raw}_x")
        key = ApiKey.objects.filter(prefix=parts[0] if parts else raw.removeprefix("ct_")).first()
        if key is None:
            raise CommandError(f"No API key {raw!r}.")
        try:
            subscription, secret = services.subscription_create(
                api_key=key, url=options["url"], events=options["event"]
            )
        except ApplicationError as exc:
            raise CommandError("; ".join(f"{f}: {' '.join(m)}" for f, m in exc.fields.items())) from exc
        self.stdout.write(
            f"Subscribed {key.name} to {', '.join(subscription.events)} at {subscription.url} (id {subscription.pk}).\n"
            f"Signing secret — store it now; it is not shown again:\n{secret}"
        )
