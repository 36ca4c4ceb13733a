"""Full-text search over articles, on PostgreSQL only (SQLite, the embedded default, searches without it)."""

from django.db import migrations

# The full-text index lives only on PostgreSQL: a tsvector column kept by a trigger (not a model
# field, so SQLite and the ORM never see it) and a GIN index on it. Each article is stemmed with its
# own language's configuration (english, russian, else simple); the title and the capitalised words
# (names) are also indexed with `simple`, so names match unstemmed whatever the language. A trigger rather than a generated column, so other
# migrations can still alter title/text/language (PostgreSQL refuses to retype a column a generated
# column uses). Text past 200,000 characters is not indexed (tsvector size limit).
SEARCH_SQL = r"""
ALTER TABLE sources_article ADD COLUMN search_vector tsvector;
CREATE FUNCTION sources_article_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    config regconfig := CASE
        WHEN NEW.language LIKE 'ru%%' THEN 'russian'::regconfig
        WHEN NEW.language LIKE 'en%%' THEN 'english'::regconfig
        ELSE 'simple'::regconfig END;
    body text := left(coalesce(NEW.text, ''), 200000);
    -- Capitalised words stand in for names: indexing only those with `simple` costs a fifth of
    -- indexing the whole text twice.
    names text := array_to_string(
        array(SELECT m[1] FROM regexp_matches(body, '(\m[[:upper:]][[:alnum:]-]*)', 'g') AS m), ' ');
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector(config, coalesce(NEW.title, '')), 'A')
        || setweight(to_tsvector(config, body), 'B')
        || setweight(to_tsvector('simple'::regconfig, coalesce(NEW.title, '') || ' ' || names), 'D');
    RETURN NEW;
END
$$;
CREATE TRIGGER sources_article_search_vector BEFORE INSERT OR UPDATE OF title, text, language
    ON sources_article FOR EACH ROW EXECUTE FUNCTION sources_article_search_vector();
UPDATE sources_article SET title = title;
CREATE INDEX sources_article_search_gin ON sources_article USING GIN (search_vector);
"""
UNDO_SQL = """
DROP TRIGGER IF EXISTS sources_article_search_vector ON sources_article;
DROP FUNCTION IF EXISTS sources_article_search_vector();
DROP INDEX IF EXISTS sources_article_search_gin;
ALTER TABLE sources_article DROP COLUMN IF EXISTS search_vector;
"""


def add_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SEARCH_SQL)


def remove_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UNDO_SQL)


class Migration(migrations.Migration):
    dependencies = [("sources", "0001_initial")]

    operations = [migrations.RunPython(add_search_index, remove_search_index)]
