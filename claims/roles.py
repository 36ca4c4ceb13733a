"""The newsroom's roles and what each may do. Each room's data migration grants its own models' permissions.

Editors write claims, chains and evidence; Reviewers decide (verdicts, accept/reject evidence).
Called from migrations with the historical `apps`, so it uses nothing but `apps.get_model`.
"""

ROLES = ("Editors", "Reviewers")


def _ensure_permissions(apps) -> None:
    # Permissions are normally created after migrate; the groups need them now.
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def roles_grant(apps, grants: dict[str, dict[str, dict[str, list[str]]]]) -> None:
    """`grants`: role → app label → model → actions ("add", "view", or a custom codename)."""
    _ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, by_app in grants.items():
        group, _ = Group.objects.get_or_create(name=role)
        for app_label, models in by_app.items():
            for model, actions in models.items():
                for action in actions:
                    codename = action if "_" in action else f"{action}_{model}"
                    group.permissions.add(
                        Permission.objects.get(content_type__app_label=app_label, codename=codename)
                    )


def roles_revoke(apps, grants: dict[str, dict[str, dict[str, list[str]]]]) -> None:
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, by_app in grants.items():
        for group in Group.objects.filter(name=role):
            for app_label, models in by_app.items():
                for model, actions in models.items():
                    codenames = [a if "_" in a else f"{a}_{model}" for a in actions]
                    group.permissions.remove(
                        *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
                    )


def roles_grant_operation(grants: dict[str, dict[str, dict[str, list[str]]]]):
    """The migration operation that grants (and on reverse, revokes) these permissions."""
    from django.db import migrations

    return migrations.RunPython(
        lambda apps, schema_editor: roles_grant(apps, grants),
        lambda apps, schema_editor: roles_revoke(apps, grants),
    )
