"""What a story depends on: the one declaration.

A story is more than its own row. It prints, and readers find it by, the rows it reaches:
its strap, its credits and their contributors, its photos, its unions, topics and tags,
its printed page. Every room that must notice when one of them changes reads `STORY`,
and nothing else says the same thing again:

- search: the document of a story (`articles.search.documents`) and the stories indexed
  again when a row they name is renamed or deleted (`articles.search.receivers`);
- the page cache: which writes make the readers' pages fresh (`articles.pagecache.
  invalidation`);
- the readers' site: the key a rendered story-list entry is kept under
  (`public_site.story_item_material`).

A new dependency (the page PDF's zones, a correspondent's union, ...) is one more line in
`STORY.dependencies`; tests/articles/test_dependencies.py renames each through the admin
and fails when its line is removed.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db import models
from django.db.models import Prefetch

from articles.models.stories import Article


@dataclass(frozen=True)
class Dependency:
    """A row outside the story that the story prints or is found by.

    `path` is how a story reaches it, as an ORM lookup ("column", "credits__contributor").
    `searched` are its attributes whose texts go into the story's search document (a
    field, or a property returning a text or a list of texts), `searched_from` the
    fields they are read from when that is not the same list. `listed` are the
    attributes a story-list entry prints of it.
    """

    path: str
    searched: tuple[str, ...] = ()
    searched_from: tuple[str, ...] = ()
    listed: tuple[str, ...] = ()

    @property
    def hops(self) -> list[str]:
        return self.path.split("__")

    @property
    def fields(self) -> list[models.Field]:
        """The relation fields walked from the story, one per hop."""
        walked, model = [], Article
        for hop in self.hops:
            field = model._meta.get_field(hop)
            walked.append(field)
            model = field.related_model
        return walked

    @property
    def model(self) -> type[models.Model]:
        """The model of the rows at the end of the path."""
        return self.fields[-1].related_model

    @property
    def is_part(self) -> bool:
        """A row that belongs to one story (a credit, a photo): saved with the story, by
        whoever saves the story, and reached back through its `article`."""
        return len(self.hops) == 1 and self.fields[0].one_to_many

    @property
    def search_fields(self) -> tuple[str, ...]:
        """The fields whose change changes the story's search document."""
        return self.searched_from or self.searched

    def rows_of(self, story) -> Iterator[models.Model]:
        """The rows a story loaded with `StoryDependencies.load()` reaches (no query)."""
        rows = [story]
        for field in self.fields:
            reached = []
            for row in rows:
                if field.many_to_many or field.one_to_many:
                    reached.extend(getattr(row, field.name).all())
                elif (value := getattr(row, field.name)) is not None:
                    reached.append(value)
            rows = reached
        yield from rows

    def stories_reaching(self, rows: Iterable[models.Model]):
        """The stories that reach any of these rows, as a queryset."""
        return Article.objects.filter(**{f"{self.path}__in": list(rows)}).distinct()


def attribute_texts(row, attributes: Iterable[str]) -> list[str]:
    """The texts of these attributes of a row, lists flattened, blanks dropped."""
    texts = []
    for attribute in attributes:
        value = getattr(row, attribute)
        texts.extend(value if isinstance(value, list | tuple) else [value])
    return [str(text) for text in texts if text not in (None, "")]


@dataclass(frozen=True)
class StoryDependencies:
    """A story's own fields that matter to readers and search, and its dependencies."""

    head: tuple[str, ...]
    searched: tuple[str, ...]
    listed: tuple[str, ...]
    dependencies: tuple[Dependency, ...]

    def load(self, queryset, *, searched_only: bool = False):
        """The stories with every dependency loaded (or only those their search document
        reads), in a fixed number of queries: a forward key is joined, a set of rows
        prefetched with what it leads to joined."""
        beyond: dict[str, list[str]] = {}
        for dependency in self.dependencies:
            if searched_only and not dependency.searched:
                continue
            first, *rest = dependency.hops
            if not dependency.fields[0].is_relation or dependency.fields[0].many_to_one:
                queryset = queryset.select_related(dependency.path)
            else:
                beyond.setdefault(first, [])
                if rest:
                    beyond[first].append("__".join(rest))
        for name, rest in beyond.items():
            if rest:
                related = Article._meta.get_field(name).related_model.objects.select_related(*rest)
                queryset = queryset.prefetch_related(Prefetch(name, queryset=related))
            else:
                queryset = queryset.prefetch_related(name)
        return queryset

    def searched_texts(self, story) -> list[str]:
        """Everything but the headline that a story is found by, in declaration order."""
        texts = attribute_texts(story, self.searched)
        for dependency in self.dependencies:
            for row in dependency.rows_of(story):
                texts += attribute_texts(row, dependency.searched)
        return texts

    def listed_material(self, story) -> tuple[str, ...]:
        """Everything a story-list entry prints of a story (loaded with `select_related`
        for its listed dependencies): the key its rendered entry is kept under."""
        material = [f"{name}:{getattr(story, name)}" for name in self.listed]
        for dependency in self.dependencies:
            if dependency.listed:
                for row in dependency.rows_of(story):
                    texts = attribute_texts(row, dependency.listed)
                    material += [f"{dependency.path}:{text}" for text in texts]
        return tuple(material)

    def named(self) -> list[Dependency]:
        """The dependencies that are rows of their own with names a story's document holds
        (renaming one changes many stories' documents)."""
        return [d for d in self.dependencies if not d.is_part and d.searched]

    def parts(self) -> list[Dependency]:
        return [d for d in self.dependencies if d.is_part]


STORY = StoryDependencies(
    # The headline stack ranks first in search.
    head=("kicker", "title", "subtitle"),
    searched=("lead", "body"),
    # What includes/story_item.html prints of the story itself (`summary` is the lead or
    # the opening of the body).
    listed=("pk", "slug", "kicker", "title", "subtitle", "lead", "body", "published_at", "kind"),
    dependencies=(
        Dependency("column", searched=("name",), listed=("name",)),
        Dependency("print_page", listed=("label",)),
        Dependency("photos", searched=("caption", "credit")),
        Dependency("credits"),
        Dependency("credits__contributor", searched=("name",)),
        Dependency(
            "unions",
            searched=("all_names",),
            searched_from=("name", "short_name", "aliases"),
        ),
        Dependency("topics", searched=("name",)),
        Dependency("tags", searched=("name",)),
        # Where it stands on its printed page (the e-paper's zones, the story's link back).
        Dependency("zones"),
    ),
)
