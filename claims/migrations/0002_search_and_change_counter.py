"""PostgreSQL full-text index for the API's `?q=`, and the one row that numbers the changes feed."""

from django.db import migrations

# The expression must be exactly what `SearchVector("text", "summary_en", config="simple")` compiles to,
# or the planner will not use it. SQLite (the embedded default) searches without an index.
INDEX_SQL = (
    "CREATE INDEX IF NOT EXISTS claim_fulltext_simple ON claims_claim USING gin "
    "(to_tsvector('simple'::regconfig, COALESCE(text, '') || ' ' || COALESCE(summary_en, '')))"
)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INDEX_SQL)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS claim_fulltext_simple")


def create_change_counter(apps, schema_editor):
    apps.get_model("claims", "ChangeCounter").objects.get_or_create(pk=1, defaults={"value": 0})


class Migration(migrations.Migration):
    dependencies = [("claims", "0001_initial")]

    operations = [
        migrations.RunPython(create_index, drop_index),
        migrations.RunPython(create_change_counter, migrations.RunPython.noop),
    ]
