import pytest
from django.contrib.auth.models import Group

from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _tasks_in_process(settings):
    """Unless a test says otherwise, tasks run in-process, as in the embedded default."""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.CELERY_BROKER_URL = ""


def _member(username: str, group: str | None):
    user = UserFactory(username=username)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return type(user).objects.get(pk=user.pk)  # fresh: no stale permission cache


@pytest.fixture
def editor(db):
    return _member("editor", "Editors")


@pytest.fixture
def reviewer(db):
    return _member("reviewer", "Reviewers")


@pytest.fixture
def second_reviewer(db):
    return _member("reviewer2", "Reviewers")


@pytest.fixture
def outsider(db):
    """Staff, so they can log in to the admin, but in neither group."""
    return _member("outsider", None)


@pytest.fixture
def is_postgres():
    from django.db import connection

    return connection.vendor == "postgresql"
