from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from api import services
from api.models import ApiScope
from claims.errors import ApplicationError


class Command(BaseCommand):
    help = "Create an API key for /api/v1/ and print it once (only its hash is stored)."

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="Who or what will use the key.")
        parser.add_argument("--scope", choices=ApiScope.values, default=ApiScope.READ)
        parser.add_argument("--user", help="Username the key acts for (required for edit and review).")

    def handle(self, *args, name, scope, user, **options):
        account = None
        if user:
            try:
                account = get_user_model().objects.get_by_natural_key(user)
            except get_user_model().DoesNotExist:
                raise CommandError(f"No user {user!r}.") from None
        try:
            key, raw = services.api_key_create(name=name, scope=scope, user=account)
        except ApplicationError as exc:
            raise CommandError(str(exc)) from None
        self.stderr.write(
            f"Created {scope} key “{key.name}” (id {key.pk}). Store it now; it is not shown again:"
        )
        self.stdout.write(raw)
