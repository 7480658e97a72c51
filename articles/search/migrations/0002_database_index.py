"""The database's own search structures beside the SearchDocument table.

Done here, by vendor, rather than in Meta.indexes: a GinIndex over an expression there
breaks `migrate` on SQLite, and SQLite's FTS5 table is no model at all. The DDL lives in
articles.search.backends (create_schema / drop_schema), beside the queries that use it.
"""

from django.db import migrations


def create(apps, schema_editor):
    from articles.search.backends import BACKENDS

    backend = BACKENDS.get(schema_editor.connection.vendor)
    if backend is not None:
        with schema_editor.connection.cursor() as cursor:
            backend.create_schema(cursor)


def drop(apps, schema_editor):
    from articles.search.backends import BACKENDS

    backend = BACKENDS.get(schema_editor.connection.vendor)
    if backend is not None:
        with schema_editor.connection.cursor() as cursor:
            backend.drop_schema(cursor)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
