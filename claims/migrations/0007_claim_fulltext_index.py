"""A GIN index for the API's full-text search (`?q=`), on PostgreSQL only.

The expression must be exactly what `SearchVector("text", "summary_en", config="simple")` compiles to,
or the planner will not use it. SQLite (the embedded default) searches without an index.
"""

from django.db import migrations

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


class Migration(migrations.Migration):
    dependencies = [("claims", "0006_claim_list_indexes")]

    operations = [migrations.RunPython(create_index, drop_index)]
