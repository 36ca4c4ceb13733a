from django.conf import settings

from claimtracker.celery import app


def _queue(task_name: str) -> str:
    return app.amqp.router.route({}, task_name)["queue"].name


def test_network_and_parsing_work_go_to_separate_queues():
    assert _queue("sources.run_fetch") == "fetch"
    assert _queue("sources.extract_page") == "cpu"


def test_beat_polls_due_feeds_and_sweeps_stale_work_with_registered_tasks():
    app.loader.import_default_modules()
    entries = {
        name: entry for name, entry in settings.CELERY_BEAT_SCHEDULE.items() if name.startswith("sources-")
    }
    assert {entry["task"] for entry in entries.values()} == {
        "sources.poll_due_feeds",
        "sources.sweep_stale_fetches",
    }
    for entry in entries.values():
        assert entry["task"] in app.tasks
        assert entry["schedule"] <= 300  # lost work is found again within minutes


def test_fetch_tasks_are_acknowledged_late_with_time_limits():
    app.loader.import_default_modules()
    for name in ("sources.run_fetch", "sources.extract_page"):
        task = app.tasks[name]
        assert task.acks_late
        assert 0 < task.soft_time_limit < task.time_limit
