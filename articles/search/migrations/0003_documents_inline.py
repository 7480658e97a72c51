"""On PostgreSQL, a story's tsvectors stay in its row instead of TOAST (the reason is in
articles.search.backends.PostgresBackend.keep_inline). Nothing to do on SQLite."""

from django.db import migrations


def keep_inline(apps, schema_editor):
    from articles.search.backends import BACKENDS

    backend = BACKENDS.get(schema_editor.connection.vendor)
    if backend is not None:
        with schema_editor.connection.cursor() as cursor:
            backend.keep_inline(cursor)


def undo_inline(apps, schema_editor):
    from articles.search.backends import BACKENDS

    backend = BACKENDS.get(schema_editor.connection.vendor)
    if backend is not None:
        with schema_editor.connection.cursor() as cursor:
            backend.undo_inline(cursor)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_database_index")]

    operations = [migrations.RunPython(keep_inline, undo_inline, elidable=False)]
