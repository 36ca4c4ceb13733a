"""Beat's schedule lives in the database (django-celery-beat), editable in the admin under *Periodic
tasks* without a deploy. `settings.CELERY_BEAT_SCHEDULE` is only the seed: the migrations copy
each entry in once and never overwrite an entry an operator has edited, and ops.beat.Scheduler does not
write it over the database on start as django-celery-beat's own scheduler does."""

from django.conf import settings


def seed(apps, names=None) -> int:
    """Create the periodic tasks of the seed schedule (`names`: only these) that are not there yet."""
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    created = 0
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        if names is not None and name not in names:
            continue
        if PeriodicTask.objects.filter(name=name).exists():
            continue
        every = max(1, round(float(entry["schedule"])))
        interval, _ = IntervalSchedule.objects.get_or_create(every=every, period="seconds")
        PeriodicTask.objects.create(name=name, task=entry["task"], interval=interval, enabled=True)
        created += 1
    return created


def unseed(apps, names=None) -> None:
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    wanted = names if names is not None else list(settings.CELERY_BEAT_SCHEDULE)
    PeriodicTask.objects.filter(name__in=wanted).delete()
