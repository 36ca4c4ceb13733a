"""python manage.py corroborate [CLAIM_ID ...] — run corroboration now, in this process, with a progress bar."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from claims import services as claim_services
from claims.models import Claim, CorroborationSummary
from corroboration import services
from corroboration.registry import open_claims


class Command(BaseCommand):
    help = "Look for coverage that corroborates or contradicts claims (all open claims if no ids are given)."

    def add_arguments(self, parser):
        parser.add_argument("claim_ids", nargs="*", type=int, metavar="CLAIM_ID")
        parser.add_argument(
            "--queue", action="store_true", help="Send to the Celery workers instead of running here."
        )

    def handle(self, *args, claim_ids, queue, **options):
        claims = Claim.objects.filter(pk__in=claim_ids) if claim_ids else open_claims()
        claims = list(claims.order_by("pk"))
        missing = sorted(set(claim_ids) - {c.pk for c in claims})
        if missing:
            raise CommandError(f"No claim with id {', '.join(map(str, missing))}.")
        if queue:
            claim_services.corroboration_request(claim_ids=[claim.pk for claim in claims])
            self.stdout.write(f"Queued {len(claims)} claim(s) for corroboration.")
            return
        totals = {"created": 0, "updated": 0, "unchanged": 0, "kept_reviewed": 0}
        for claim in tqdm(claims, desc="corroborating", unit="claim", file=self.stderr, disable=not claims):
            result = services.claim_corroborate(claim=claim)
            for key, value in result["evidence"].items():
                totals[key] = totals.get(key, 0) + value
            summary = CorroborationSummary.objects.get(
                claim=claim
            )  # the stored row, as the admin and API show it
            self.stdout.write(
                f"#{claim.pk}: grade {summary.suggested_grade} ({summary.grade_reason}); "
                f"independent supporting origins: {summary.names(summary.supporting_origins)}; "
                f"refuting: {summary.names(summary.refuting_origins)}; "
                f"denied by: {summary.names(summary.denials)}; "
                f"{summary.re_report_count} re-report(s), {summary.syndicated_count} syndicated"
            )
        self.stdout.write(self.style.SUCCESS(f"{len(claims)} claim(s): evidence {totals}"))
