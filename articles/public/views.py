"""The readers' site: front page, topics, straps, tags, the archive, stories and unions.

Every story a reader can reach comes through `Article.objects.published()`, always called
inside a method: the rule reads the clock, so a queryset built at import time would keep
the moment the server started and show scheduled stories late (or never).

Lists paginate through `articles.public.pagination` (no COUNT, no 404 on a bad `?page=`).

Corrections (更正, 说明) are notices about an earlier story, not reports: the front page and
the section pages (topics, straps, tags, unions) and a story's related stories list
reports only (`ArticleQuerySet.without_corrections()`), so a bare "更正" never leads them.
A correction is printed on the story it corrects, and stays in the complete record: the
archive, the e-paper page it ran on, search, the feeds and the sitemap.
"""

from itertools import groupby

from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.views.generic import DetailView, ListView, MonthArchiveView, TemplateView
from taggit.models import Tag

from articles.models import (
    Article,
    ArticleKind,
    ArticleStatus,
    Column,
    PrintPage,
    Topic,
)
from articles.pagecache import rollups, tags
from articles.public.figures import topic_figures, union_figures
from articles.public.navigation import featured_topics
from articles.public.pagination import NearestPageMixin
from articles.workflow.models import Transition, TransitionAction
from unions.models import Union

LEAD_STORIES = 3
LATEST_STORIES = 10
PHOTO_REPORTS = 6
TOPIC_BLOCK_STORIES = 4
RELATED_STORIES = 5


class FrontPageView(TemplateView):
    template_name = "articles/front_page.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        published = Article.objects.published().without_corrections().for_list()
        leads, latest = self.leads_and_latest(published)
        photo_reports = list(published.filter(kind=ArticleKind.PHOTO)[:PHOTO_REPORTS])
        # One photo query for the leads and the photo reports together.
        prefetch_related_objects([*leads, *photo_reports], "photos")
        context.update(
            leads=leads,
            latest=latest,
            photo_reports=photo_reports,
            topic_blocks=self.topic_blocks(),
            columns=Column.objects.filter(is_active=True).public(),
            latest_edition=PrintPage.objects.public().latest_edition_date(),
        )
        return context

    @staticmethod
    def leads_and_latest(published) -> tuple[list[Article], list[Article]]:
        """The leads, and the latest stories that are not among them.

        The stories the paper printed at the top of a page are the ones the site leads
        with; a web-only story has no print order and never leads. The newest stories are
        fetched first: when three page tops are among them (or they are all there is),
        those are the leads, the same three a query for page tops would find, and the
        separate leads query is saved.
        """
        window = list(published[: LATEST_STORIES + LEAD_STORIES])
        leads = [story for story in window if story.print_order == 1][:LEAD_STORIES]
        if len(leads) < LEAD_STORIES and len(window) == LATEST_STORIES + LEAD_STORIES:
            leads = list(published.filter(print_order=1)[:LEAD_STORIES])
        lead_pks = {story.pk for story in leads}
        latest = [story for story in window if story.pk not in lead_pks]
        return leads, latest[:LATEST_STORIES]

    @staticmethod
    def topic_blocks() -> list[tuple[Topic, list[Article]]]:
        """A block per featured topic (送温暖, 学习型组织), newest stories first.

        One LIMIT query per featured topic: editors feature two or three topics, and a
        per-topic LIMIT walks the publication index, where a single window-function
        query would number every story of every featured topic on each hit. A block
        prints a headline, its link and its day: only those columns, no joins. The
        topic's sub-topics are already at hand (`featured_topics`, fresh by the topics'
        version), so the stories are those filed under one of these ids: what
        `in_topic()` finds, without its join to the topics (~0.5 ms less per block).
        """
        headlines = (
            Article.objects.published()
            .without_corrections()
            .only("pk", "slug", "title", "published_at")
        )
        return [
            (topic, list(headlines.in_any_topic(filed_under(topic))[:TOPIC_BLOCK_STORIES]))
            for topic in featured_topics()
        ]


def filed_under(topic: Topic) -> list[int]:
    """The ids `ArticleQuerySet.in_topic()` looks for: the topic and its sub-topics
    (prefetched by `featured_topics()`)."""
    return [topic.pk, *(child.pk for child in topic.children.all())]


class TopicDetailView(NearestPageMixin, ListView):
    """A topic's stories (its sub-topics' included), and for a campaign topic such as
    送温暖 its figures and its most active unions this season."""

    template_name = "articles/topic_detail.html"
    context_object_name = "stories"

    def get_queryset(self):
        self.topic = get_object_or_404(
            Topic.objects.public().select_related("parent"), slug=self.kwargs["slug"]
        )
        return Article.objects.published().without_corrections().for_list().in_topic(self.topic)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            topic=self.topic, sub_topics=self.topic.children.public(), **kwargs
        )
        context.update(topic_figures(self.topic))
        return context


class ColumnDetailView(NearestPageMixin, ListView):
    template_name = "articles/column_detail.html"
    context_object_name = "stories"

    def get_queryset(self):
        self.column = get_object_or_404(Column.objects.public(), slug=self.kwargs["slug"])
        return (
            Article.objects.published().without_corrections().for_list().filter(column=self.column)
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(column=self.column, **kwargs)


class TagDetailView(NearestPageMixin, ListView):
    template_name = "articles/tag_detail.html"
    context_object_name = "stories"
    # A tag only drafts carry may name an embargoed story: no published story, no page.
    allow_empty = False

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return Article.objects.published().without_corrections().for_list().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class ArchiveIndexView(TemplateView):
    """Every month with published stories, grouped by year, newest first."""

    template_name = "articles/archive_index.html"

    def get_context_data(self, **kwargs):
        months = Article.objects.published().datetimes("published_at", "month", order="DESC")
        years = [(year, list(group)) for year, group in groupby(months, key=lambda m: m.year)]
        return super().get_context_data(years=years, **kwargs)


class ArchiveMonthView(NearestPageMixin, MonthArchiveView):
    """`/archive/2024/01/`; an impossible month (13) or year is a 404 from the view."""

    template_name = "articles/archive_month.html"
    context_object_name = "stories"
    date_field = "published_at"
    month_format = "%m"
    allow_empty = False

    def get_queryset(self):
        return Article.objects.published().for_list()

    def get_date_list(self, queryset, date_type=None, ordering="ASC"):
        # Django would query the days of the month that have stories; this page never
        # shows them, and an empty month is already a 404 (allow_empty = False).
        return None


def neighbours(items: list, current) -> tuple:
    """The items just before and just after `current` in `items`, None past either end
    (and both None if `current` is not among them)."""
    if current not in items:
        return None, None
    position = items.index(current)
    previous = items[position - 1] if position > 0 else None
    following = items[position + 1] if position + 1 < len(items) else None
    return previous, following


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return (
            Article.objects.published()
            .for_list()
            .with_byline()
            .prefetch_related(
                "photos",
                "unions",
                "topics",
                "tags",
                Prefetch(
                    "corrections",
                    queryset=Article.objects.published().order_by("published_at"),
                    to_attr="published_corrections",
                ),
            )
            .select_related("corrects")
        )

    def get(self, request, *args, **kwargs):
        try:
            self.object = self.get_object()
        except Http404:
            # A story withdrawn after publication (撤稿) leaves a polite 410 for readers
            # who follow an old link; anything else is an ordinary 404.
            withdrawal = withdrawal_of(self.kwargs["pk"])
            if withdrawal is None:
                raise
            return render(request, "articles/withdrawn.html", withdrawal, status=410)
        # Old or truncated links (a slug edited later, a link cut off in a chat) keep
        # working and search engines learn the one canonical address.
        if self.kwargs.get("slug") != self.object.slug:
            return HttpResponsePermanentRedirect(self.object.get_absolute_url())
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        context["related"] = related_stories(article)
        context.update(self.page_neighbours(article))
        return context

    @staticmethod
    def page_neighbours(article: Article) -> dict:
        """The stories printed before and after this one on the same page."""
        if article.print_page_id is None:
            return {}
        on_page = list(
            Article.objects.published()
            .filter(print_page_id=article.print_page_id)
            .in_print_order()
            .only("pk", "slug", "title", "print_order")
        )
        previous, following = neighbours(on_page, article)
        return {"previous_on_page": previous, "next_on_page": following}


def related_stories(article: Article, limit: int = RELATED_STORIES) -> list[Article]:
    """The newest other stories sharing a topic or a union with this one.

    Two LIMIT queries merged here (see `ArticleQuerySet.in_any_topic`); the story's topics
    and unions are already prefetched, so their ids cost nothing.
    """
    others = (
        Article.objects.published()
        .without_corrections()
        .exclude(pk=article.pk)
        .only("pk", "slug", "title", "published_at")
    )
    topic_ids = [topic.pk for topic in article.topics.all()]
    union_ids = [union.pk for union in article.unions.all()]
    found = {}
    if topic_ids:
        found.update((story.pk, story) for story in others.in_any_topic(topic_ids)[:limit])
    if union_ids:
        found.update((story.pk, story) for story in others.about_any_union(union_ids)[:limit])
    newest_first = sorted(
        found.values(), key=lambda story: (story.published_at, story.pk), reverse=True
    )
    return newest_first[:limit]


def withdrawal_of(pk: int) -> dict | None:
    """What the 撤稿 page says about a withdrawn story, or None if it is not one."""
    article = Article.objects.filter(pk=pk, status=ArticleStatus.WITHDRAWN).first()
    if article is None:
        return None
    last = (
        Transition.objects.filter(article=article, action=TransitionAction.WITHDRAW)
        .order_by("-at")
        .first()
    )
    return {"title": article.title, "withdrawn_at": last.at if last else article.updated_at}


# --- Unions ------------------------------------------------------------------------------


class UnionIndexView(ListView):
    """The top of the tree: the city federation and the unions directly under it."""

    template_name = "unions/union_index.html"
    context_object_name = "roots"

    def get_queryset(self):
        return Union.objects.filter(parent__isnull=True).prefetch_related("children")


class UnionDetailView(NearestPageMixin, ListView):
    template_name = "unions/union_detail.html"
    context_object_name = "stories"

    def get_queryset(self):
        self.parts = union_page_parts(self.kwargs["slug"])
        if self.parts is None:
            raise Http404("没有这个工会。")
        return (
            Article.objects.published()
            .without_corrections()
            .for_list()
            .about_union(self.parts["union"])
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **self.parts, **union_figures(self.parts["union"]), **kwargs
        )


def union_page_parts(slug: str) -> dict | None:
    """The union of `slug` with what its page prints besides stories and figures: its
    ancestors, sub-unions, officials and service sites. None if there is no such union.

    Kept between requests (`rollups`) until the union tree, an official or a service site
    changes (`tags.UNIONS`); none of it depends on the stories, so a publish keeps it.
    """

    def compute() -> dict | None:
        union = Union.objects.filter(slug=slug).first()
        if union is None:
            return None
        return {
            "union": union,
            "ancestors": list(Union.objects.ancestors_of(union)),
            "children": list(union.children.all()),
            "officials": list(union.officials.all()),
            "facilities": list(union.facilities.all()),
        }

    return rollups.cached(f"union-page:{slug}", (tags.UNIONS,), compute)
