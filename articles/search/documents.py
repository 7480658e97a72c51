"""What is searched in a story: its headline stack apart (it ranks first), and everything
readers find it by: column strap, lead, body, photo captions and credits, the reporters'
names, the unions' full and short names and aliases, topics and tags."""

from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Prefetch

from articles.models import Article, Credit


@dataclass(frozen=True)
class Document:
    article_id: int
    head: list[str]
    rest: list[str]

    @property
    def texts(self) -> list[str]:
        return [*self.head, *self.rest]


def documents_queryset():
    """Stories with everything their document reads, in a fixed number of queries."""
    return Article.objects.select_related("column").prefetch_related(
        "photos",
        Prefetch("credits", queryset=Credit.objects.select_related("contributor")),
        "unions",
        "topics",
        "tags",
    )


def document_of(article: Article) -> Document:
    """The searchable texts of a story loaded through `documents_queryset()`."""
    rest = [article.column.name if article.column_id else "", article.lead, article.body]
    for photo in article.photos.all():
        rest += [photo.caption, photo.credit]
    rest += [credit.contributor.name for credit in article.credits.all()]
    for union in article.unions.all():
        rest += union.all_names
    rest += [topic.name for topic in article.topics.all()]
    rest += [tag.name for tag in article.tags.all()]
    return Document(
        article_id=article.pk,
        head=[article.kicker, article.title, article.subtitle],
        rest=[text for text in rest if text],
    )


def iter_documents(batch_size: int = 500) -> Iterator[list[Document]]:
    """Every story's document, in batches by primary key (no OFFSET scans)."""
    last = 0
    while True:
        batch = list(documents_queryset().filter(pk__gt=last).order_by("pk")[:batch_size])
        if not batch:
            return
        yield [document_of(article) for article in batch]
        last = batch[-1].pk
