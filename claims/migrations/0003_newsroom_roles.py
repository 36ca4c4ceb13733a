"""The Editors and Reviewers groups, with the permissions on sources and claims."""

from django.db import migrations

from claims.roles import roles_grant_operation

GRANTS = {
    "Editors": {
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
            "corroborationsummary": ["view"],
        },
    },
    "Reviewers": {
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
            "corroborationsummary": ["view"],
        },
    },
}


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0002_search_and_change_counter"),
        ("sources", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [roles_grant_operation(GRANTS)]
