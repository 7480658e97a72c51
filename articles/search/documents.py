"""What is searched in a story: its headline stack apart (it ranks first), and everything
readers find it by. Both are read from the one declaration of what a story depends on
(`articles.models.STORY`): a strap, a caption, a contributor's or a union's names ...
"""

from collections.abc import Iterator
from dataclasses import dataclass

from articles.models import STORY, Article, body_blocks


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
    return STORY.load(Article.objects.all(), searched_only=True)


def document_of(article: Article) -> Document:
    """The searchable texts of a story loaded through `documents_queryset()`."""
    return Document(
        article_id=article.pk,
        head=[getattr(article, name) for name in STORY.head],
        rest=[plain_text(text) for text in STORY.searched_texts(article)],
    )


def plain_text(text: str) -> str:
    """A text as readers read it: a crosshead's words without the body's "## " mark, one
    line each (the mark is markup the readers' page turns into a heading, not words)."""
    return "\n".join(block for _, block in body_blocks(text))


def iter_documents(batch_size: int = 500) -> Iterator[list[Document]]:
    """Every story's document, in batches by primary key (no OFFSET scans)."""
    last = 0
    while True:
        batch = list(documents_queryset().filter(pk__gt=last).order_by("pk")[:batch_size])
        if not batch:
            return
        yield [document_of(article) for article in batch]
        last = batch[-1].pk
