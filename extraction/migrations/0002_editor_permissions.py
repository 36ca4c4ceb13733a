"""Editors review proposed claims."""

from django.db import migrations

from claims.roles import roles_grant, roles_revoke

GRANTS = {"Editors": {"extraction": {"claimproposal": ["add", "change", "view"]}}}


def grant(apps, schema_editor):
    roles_grant(apps, GRANTS)


def revoke(apps, schema_editor):
    roles_revoke(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("extraction", "0001_initial"),
        ("claims", "0003_newsroom_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
