"""Writes to the index. `update_article` runs inside the caller's transaction (the
workflow's `record_revision` and `take_transition`), so a story and its index row commit
or roll back together; `reindex_stories` likewise after a row stories name (a union,
topic, tag, strap or contributor) was renamed or deleted (`articles.search.receivers`);
`rebuild` starts from nothing (`manage.py rebuild_search_index`)."""

from django.db import connections, router, transaction

from articles.models import Article
from articles.search.backends import backend_for
from articles.search.documents import document_of, documents_queryset, iter_documents


def update_article(article: Article) -> None:
    """Index the story as it is now in the database, with its credits, unions and tags."""
    reindex_stories([article.pk])


def reindex_stories(ids: list[int], *, batch_size: int = 500) -> None:
    """Index these stories again, in the caller's transaction (ids of deleted stories are
    passed over)."""
    alias = router.db_for_write(Article)
    connection = connections[alias]
    backend = backend_for(connection)
    with connection.cursor() as cursor:
        for start in range(0, len(ids), batch_size):
            batch = documents_queryset().using(alias).filter(pk__in=ids[start : start + batch_size])
            documents = [document_of(article) for article in batch]
            if documents:
                backend.write(cursor, documents)


def rebuild(*, batch_size: int = 500) -> int:
    """Empty the index and index every story again, in one transaction; the number indexed.

    Searches wait for it to commit (the indexes are rebuilt inside the transaction)."""
    alias = router.db_for_write(Article)
    connection = connections[alias]
    backend = backend_for(connection)
    indexed = 0
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        backend.start_rebuild(cursor)
        for documents in iter_documents(batch_size=batch_size):
            backend.write(cursor, documents)
            indexed += len(documents)
        backend.finish_rebuild(cursor)
    return indexed


def index_size() -> int:
    """Bytes the index takes on disk (0 where the database cannot tell)."""
    connection = connections[router.db_for_read(Article)]
    with connection.cursor() as cursor:
        return backend_for(connection).size_bytes(cursor)
