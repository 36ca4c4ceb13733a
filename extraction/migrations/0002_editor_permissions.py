"""Editors review proposed claims."""

from django.db import migrations

from claims.roles import roles_grant_operation

GRANTS = {"Editors": {"extraction": {"claimproposal": ["add", "change", "view"]}}}


class Migration(migrations.Migration):
    dependencies = [
        ("extraction", "0001_initial"),
        ("claims", "0003_newsroom_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [roles_grant_operation(GRANTS)]
