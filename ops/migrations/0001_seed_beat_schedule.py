# The schedule beat ran from code until now (settings.CELERY_BEAT_SCHEDULE), copied into
# django-celery-beat's tables once, so operators edit it in the admin without a deploy.
from django.db import migrations

from ops.schedule import seed, unseed

NAMES = [
    "claims-queue-due-predictions",
    "sources-poll-due-feeds",
    "sources-sweep-stale-fetches",
    "webhooks-dispatch-changes",
    "corroboration-sweep-pending",
]


def forwards(apps, schema_editor):
    seed(apps, NAMES)


def backwards(apps, schema_editor):
    unseed(apps, NAMES)


class Migration(migrations.Migration):
    dependencies = [("django_celery_beat", "0019_alter_periodictasks_options")]

    operations = [migrations.RunPython(forwards, backwards)]
