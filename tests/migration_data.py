"""Rows the data migrations make, put back after a transactional test's flush has emptied them.

A transactional test ends with a flush of every table, which also drops the Editors and Reviewers
groups (and their permissions) that migrations created. Tests after it would then find no groups.
"""

import importlib

from django.apps import apps
from django.contrib.auth.models import Group

GROUP_MIGRATIONS = [
    ("claims.migrations.0002_editor_reviewer_groups", "create_groups"),
    ("claims.migrations.0004_editor_proposal_permissions", "grant"),
    ("claims.migrations.0008_corroboration_summary", "grant_view"),
]


def restore_groups() -> None:
    if Group.objects.filter(name__in=["Editors", "Reviewers"]).count() == 2:
        return
    for module, function in GROUP_MIGRATIONS:
        getattr(importlib.import_module(module), function)(apps, None)
