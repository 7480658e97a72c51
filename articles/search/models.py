from django.db import models

from articles.models import Article


class SearchDocument(models.Model):
    """A story's row in the search index, written only by `articles.search.index`.

    Django sees text columns; the migration `0002_database_index` makes them what each
    database searches (docs in `articles.search.backends`): on PostgreSQL `head` and `doc`
    become `tsvector` columns with GIN indexes; on SQLite they hold the token strings an
    FTS5 table indexes through triggers. Being a model keeps the index in step when a
    story is deleted (the cascade) and when tests flush the database.
    """

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    head = models.TextField(blank=True)
    doc = models.TextField(blank=True)
    # The analyzed text, kept only for PostgreSQL stories too long for phrase positions
    # (past 16,383 or a pair repeated past 256 times): their phrases are checked on it.
    long_text = models.TextField(blank=True)

    class Meta:
        verbose_name = "检索索引"
        verbose_name_plural = "检索索引"

    def __str__(self) -> str:
        return f"检索索引 {self.article_id}"
