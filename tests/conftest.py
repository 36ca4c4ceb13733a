import importlib

import pytest
from django.contrib.auth.models import Group

from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _tasks_in_process(settings):
    """Unless a test says otherwise, tasks run in-process, as in the embedded default."""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.CELERY_BROKER_URL = ""


# Data migrations that set up the groups; a transactional test flushes the database when it ends,
# so tests after it would find no groups unless they are put back.
GROUP_MIGRATIONS = [
    ("claims.migrations.0002_editor_reviewer_groups", "create_groups"),
    ("claims.migrations.0004_editor_proposal_permissions", "grant"),
]


def _ensure_groups() -> None:
    if Group.objects.filter(name__in=["Editors", "Reviewers"]).count() == 2:
        return
    from django.apps import apps

    for module, function in GROUP_MIGRATIONS:
        getattr(importlib.import_module(module), function)(apps, None)


def _member(username: str, group: str | None):
    _ensure_groups()
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
