"""Create the Editors and Reviewers groups with their permissions."""

from django.db import migrations

EDITORS = {
    "sources": {
        "source": ["add", "change", "view"],
        "sourcealias": ["add", "change", "delete", "view"],
        "outletdomain": ["add", "change", "delete", "view"],
        "feed": ["add", "change", "view"],
        "article": ["add", "change", "view"],
    },
    "claims": {
        "claim": ["add", "change", "view", "queue_corroboration"],
        "attributionlink": ["add", "change", "delete", "view"],
        "appearance": ["add", "change", "delete", "view"],
        "claimentity": ["add", "change", "delete", "view"],
        "evidence": ["add", "change", "view"],
        "verdict": ["view"],
        "auditentry": ["view"],
    },
}

REVIEWERS = {
    "sources": {
        "source": ["change", "view"],
        "sourcealias": ["view"],
        "outletdomain": ["view"],
        "feed": ["view"],
        "article": ["view"],
    },
    "claims": {
        "claim": ["view", "queue_corroboration"],
        "attributionlink": ["view"],
        "appearance": ["view"],
        "claimentity": ["view"],
        "evidence": ["change", "view"],
        "verdict": ["add", "view"],
        "auditentry": ["view"],
    },
}


def _codenames(spec):
    for app_label, models in spec.items():
        for model, actions in models.items():
            for action in actions:
                codename = action if "_" in action else f"{action}_{model}"
                yield app_label, codename


def create_groups(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after migrate; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, spec in (("Editors", EDITORS), ("Reviewers", REVIEWERS)):
        group, _ = Group.objects.get_or_create(name=name)
        perms = [
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in _codenames(spec)
        ]
        group.permissions.set(perms)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Reviewers"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0001_initial"),
        ("sources", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
