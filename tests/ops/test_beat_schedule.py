"""Beat's schedule is in the database, seeded by a migration with what the code used to schedule, and
beat (ops.beat.Scheduler) starts from the database without writing the code's schedule over it."""

import pytest
from django.conf import settings
from django_celery_beat.models import PeriodicTask

from claimtracker.celery import app

pytestmark = pytest.mark.django_db


def test_every_seed_entry_is_a_periodic_task_with_its_interval():
    app.loader.import_default_modules()
    assert settings.CELERY_BEAT_SCHEDULE, "the seed schedule is empty"
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        task = PeriodicTask.objects.select_related("interval").get(name=name)  # a new entry needs a migration
        assert task.enabled and task.task == entry["task"] and task.task in app.tasks
        assert task.interval.period == "seconds" and task.interval.every == round(entry["schedule"])


@pytest.mark.django_db(transaction=True)  # the scheduler commits and closes connections itself
def test_beat_starts_from_the_database_and_keeps_an_edited_interval():
    from django.apps import apps
    from django_celery_beat.models import IntervalSchedule
    from django_celery_beat.schedulers import DatabaseScheduler

    from ops.beat import Scheduler
    from ops.schedule import seed

    seed(apps)  # an earlier transactional test may have emptied the tables
    assert settings.CELERY_BEAT_SCHEDULER == "ops.beat:Scheduler"
    task = PeriodicTask.objects.get(name="sources-poll-due-feeds")
    task.interval, _ = IntervalSchedule.objects.get_or_create(every=7, period="seconds")
    task.save()
    scheduler = Scheduler(app=app)
    assert scheduler.schedule["sources-poll-due-feeds"].schedule.run_every.total_seconds() == 7
    assert PeriodicTask.objects.get(name="sources-poll-due-feeds").interval.every == 7
    # django-celery-beat's own scheduler would have put the code's minute back:
    DatabaseScheduler(app=app)
    assert PeriodicTask.objects.get(name="sources-poll-due-feeds").interval.every == 60


def test_seeding_again_keeps_an_edited_interval():
    from django.apps import apps
    from django_celery_beat.models import IntervalSchedule

    from ops.schedule import seed

    task = PeriodicTask.objects.get(name="sources-poll-due-feeds")
    task.interval, _ = IntervalSchedule.objects.get_or_create(every=7, period="seconds")
    task.save()
    assert seed(apps) == 0
    assert PeriodicTask.objects.get(name="sources-poll-due-feeds").interval.every == 7
