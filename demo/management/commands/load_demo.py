from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from demo.data import DEMO_USERS, load_demo


class Command(BaseCommand):
    help = "Load the demo story (DeepSeek R2 and Huawei Ascend) and the demo logins. Safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000/admin/", help="Admin URL to print.")
        parser.add_argument(
            "--logins-only", action="store_true", help="Only print the admin URL and the demo logins."
        )
        parser.add_argument(
            "--no-logins",
            action="store_true",
            help="Load without printing the logins (make demo prints them once, last, with its port).",
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load even with DEBUG off (creates known passwords).",
        )

    def handle(self, *args, url, allow_production, logins_only, no_logins, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError("Refusing to create demo logins with known passwords while DEBUG is off.")
        if not logins_only:
            loaded = load_demo()
            self.stdout.write("Demo data " + ("loaded." if loaded else "already present; nothing changed."))
            if loaded:
                # The corroboration workers' first pass, so each claim's page shows its summary.
                call_command("corroborate", stdout=self.stdout, stderr=self.stderr)
            if no_logins:
                return
        self.stdout.write(f"\nAdmin: {url}")
        for username, (password, group, _) in DEMO_USERS.items():
            self.stdout.write(f"  {username:<9} password: {password:<24} ({group or 'superuser'})")
