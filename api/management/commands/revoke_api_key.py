from django.core.management.base import BaseCommand, CommandError

from api import services
from api.models import ApiKey, api_key_split


class Command(BaseCommand):
    help = (
        "Revoke an API key (by the key itself, its ct_<prefix> start, or its id); it stops working at once."
    )

    def add_arguments(self, parser):
        parser.add_argument("key")

    def handle(self, *args, key, **options):
        parts = api_key_split(key) or (key.removeprefix("ct_").strip("_…"), None)
        found = ApiKey.objects.filter(prefix=parts[0]).first()
        if found is None and key.isdigit():
            found = ApiKey.objects.filter(pk=int(key)).first()
        if found is None:
            raise CommandError(f"No API key {key!r}.")
        services.api_key_revoke(key=found)
        self.stdout.write(f"Revoked “{found.name}” ({found.scope}).")
