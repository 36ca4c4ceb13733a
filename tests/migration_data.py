"""Rows the data migrations make, put back after a transactional test's flush has emptied them.

A transactional test ends with a flush of every table, which also drops the Editors and Reviewers
groups (and their permissions) that migrations created. Tests after it would then find no groups.
"""

import importlib

from django.apps import apps
from django.contrib.auth.models import Group

from claims.roles import ROLES, roles_grant

GRANT_MIGRATIONS = [
    "claims.migrations.0003_newsroom_roles",
    "extraction.migrations.0002_editor_permissions",
]


def restore_groups() -> None:
    if Group.objects.filter(name__in=ROLES).count() == len(ROLES):
        return
    for module in GRANT_MIGRATIONS:
        roles_grant(apps, importlib.import_module(module).GRANTS)
