"""The readers' site: front page, topics, straps, tags, the archive, stories and the e-paper.

Every story a reader can reach comes through `Article.objects.published()`, always called
inside a method: the rule reads the clock, so a queryset built at import time would keep
the moment the server started and show scheduled stories late (or never).

Lists paginate with `Paginator.get_page()`: `?page=abc` shows the first page and
`?page=99999` the last, because a link mangled in a chat should still land somewhere.
"""

import calendar
import datetime
from dataclasses import dataclass
from itertools import groupby

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import DetailView, ListView, MonthArchiveView, TemplateView
from taggit.models import Tag

from articles.models import (
    Activity,
    Article,
    ArticleKind,
    Column,
    GiftLine,
    PrintPage,
    Topic,
)

STORIES_PER_PAGE = 20
LEAD_STORIES = 3
LATEST_STORIES = 10
PHOTO_REPORTS = 6
TOPIC_BLOCK_STORIES = 4
RELATED_STORIES = 5


class UncountedPage(Page):
    """A page that knows whether another follows without knowing how many there are."""

    def __init__(self, object_list, number, paginator, *, has_next: bool):
        super().__init__(object_list, number, paginator)
        self._has_next = has_next

    def has_next(self) -> bool:
        return self._has_next

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1

    def start_index(self) -> int:
        return (self.number - 1) * self.paginator.per_page + 1 if self.object_list else 0

    def end_index(self) -> int:
        return self.start_index() + len(self.object_list) - 1 if self.object_list else 0


class UncountedPaginator(Paginator):
    """Story lists without COUNT(*): counting the 20,000 stories of 送温暖 took longer
    than showing twenty of them (bench/public_pages.py).

    A page fetches one story more than it shows to learn whether another page follows.
    The total is counted only to answer a page number past the end (?page=99999) with
    the last page; a page number that is not a number shows the first.
    """

    # Past this, OFFSET would only scan for nothing (or overflow): count instead.
    MAX_PAGE = 10_000

    def get_page(self, number) -> Page:
        try:
            number = max(int(number), 1)
        except (TypeError, ValueError):
            number = 1
        if number <= self.MAX_PAGE:
            bottom = (number - 1) * self.per_page
            rows = list(self.object_list[bottom : bottom + self.per_page + 1])
            if rows or number == 1:
                has_next = len(rows) > self.per_page
                return UncountedPage(rows[: self.per_page], number, self, has_next=has_next)
        return super().get_page(number)  # counts, and answers with the last page


class NearestPageMixin:
    """Pagination that never 404s on a bad `?page=` (abc: the first page, 99999: the
    last), and a canonical path per page."""

    paginate_by = STORIES_PER_PAGE
    paginator_class = UncountedPaginator

    def paginate_queryset(self, queryset, page_size):
        # A view with allow_empty = False has already answered 404 for an empty list; the
        # paginator must not refuse it again when ?page=99999 makes it count.
        paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=True)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        # The page actually shown, so ?page=abc and ?page=1 both point search engines home.
        context["canonical_path"] = (
            f"{self.request.path}?page={page.number}" if page.number > 1 else self.request.path
        )
        return context


# --- Seasons and figures ---------------------------------------------------------------

SEASON_NAMES = {12: "冬季", 3: "春季", 6: "夏季", 9: "秋季"}


@dataclass(frozen=True)
class Season:
    """A three-month season; winter (December to February) is the 送温暖 season.

    "This season" on a topic page is the season of the topic's latest reported activity,
    not of today: in March the 送温暖 page still shows the winter just past, instead of
    an empty spring.
    """

    start: datetime.date
    end: datetime.date

    @classmethod
    def containing(cls, day: datetime.date) -> "Season":
        first_month = day.month - day.month % 3  # Dec -> 12, Jan/Feb -> 0, Mar..May -> 3
        if first_month == 0:
            start = datetime.date(day.year - 1, 12, 1)
        else:
            start = datetime.date(day.year, first_month, 1)
        # The third month: December's season ends in February of the next year.
        end_year, end_month = start.year + (start.month == 12), start.month % 12 + 2
        end_day = calendar.monthrange(end_year, end_month)[1]
        return cls(start=start, end=datetime.date(end_year, end_month, end_day))

    @classmethod
    def latest(cls, activities) -> "Season | None":
        # ORDER BY ... LIMIT 1 walks the start-date index backwards and stops at the first
        # reported activity; MAX() over the same filter checked all 20,000 (bench/).
        days = activities.order_by("-start_date").values_list("start_date", flat=True)
        latest_day = days.first()
        return cls.containing(latest_day) if latest_day else None

    @property
    def name(self) -> str:
        return SEASON_NAMES[self.start.month]

    @property
    def label(self) -> str:
        return f"{self.start.year}年{self.start.month}月至{self.end.year}年{self.end.month}月"


def activity_figures(activities) -> dict:
    """What includes/figures.html prints for these activities: the counts and the goods."""
    return {
        "figures": activities.figures(),
        "gifts": GiftLine.objects.filter(activity__in=activities).totals(),
    }


def season_figures(activities) -> dict:
    """The figures of the latest season of these activities, ready for the template."""
    season = Season.latest(activities)
    if season is None:
        return {}
    in_season = activities.filter(start_date__range=(season.start, season.end))
    return {
        "season": season,
        **activity_figures(in_season),
        "active_unions": in_season.most_active_unions(),
    }


# --- Front page and lists ---------------------------------------------------------------


class FrontPageView(TemplateView):
    template_name = "articles/front_page.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        published = Article.objects.published().for_list()
        # The stories the paper printed at the top of a page are the ones the site leads
        # with; a web-only story has no print order and never leads.
        leads = list(published.filter(print_order=1).prefetch_related("photos")[:LEAD_STORIES])
        lead_pks = {story.pk for story in leads}
        latest = [s for s in published[: LATEST_STORIES + len(leads)] if s.pk not in lead_pks]
        context.update(
            leads=leads,
            latest=latest[:LATEST_STORIES],
            photo_reports=published.filter(kind=ArticleKind.PHOTO).prefetch_related("photos")[
                :PHOTO_REPORTS
            ],
            topic_blocks=self.topic_blocks(published),
            columns=Column.objects.filter(is_active=True).filter(
                Exists(Article.objects.published().filter(column=OuterRef("pk")))
            ),
            latest_edition=PrintPage.objects.public().latest_edition_date(),
        )
        return context

    @staticmethod
    def topic_blocks(published) -> list[tuple[Topic, list[Article]]]:
        """A block per featured topic (送温暖, 学习型组织), newest stories first.

        One LIMIT query per featured topic: editors feature two or three topics, and a
        per-topic LIMIT walks the publication index, where a single window-function
        query would number every story of every featured topic on each hit.
        """
        featured = Topic.objects.featured().prefetch_related("children")
        return [
            (topic, list(published.in_topic(topic)[:TOPIC_BLOCK_STORIES])) for topic in featured
        ]


class TopicDetailView(NearestPageMixin, ListView):
    """A topic's stories (its sub-topics' included), and for a campaign topic such as
    送温暖 its figures and its most active unions this season."""

    template_name = "articles/topic_detail.html"
    context_object_name = "stories"

    def get_queryset(self):
        self.topic = get_object_or_404(
            Topic.objects.select_related("parent"), slug=self.kwargs["slug"]
        )
        return Article.objects.published().for_list().in_topic(self.topic)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            topic=self.topic, sub_topics=self.topic.children.all(), **kwargs
        )
        context.update(season_figures(Activity.objects.reported().in_topic(self.topic)))
        return context


class ColumnDetailView(NearestPageMixin, ListView):
    template_name = "articles/column_detail.html"
    context_object_name = "stories"

    def get_queryset(self):
        self.column = get_object_or_404(Column, slug=self.kwargs["slug"])
        return Article.objects.published().for_list().filter(column=self.column)

    def get_context_data(self, **kwargs):
        return super().get_context_data(column=self.column, **kwargs)


class TagDetailView(NearestPageMixin, ListView):
    template_name = "articles/tag_detail.html"
    context_object_name = "stories"
    # A tag only drafts carry may name an embargoed story: no published story, no page.
    allow_empty = False

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return Article.objects.published().for_list().filter(tags=self.tag)

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


# --- The story --------------------------------------------------------------------------


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
            .prefetch_related("photos", "unions", "topics", "tags")
        )

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        # Old or truncated links (a slug edited later, a link cut off in a chat) keep
        # working and search engines learn the one canonical address.
        if self.kwargs.get("slug") != self.object.slug:
            return HttpResponsePermanentRedirect(self.object.get_absolute_url())
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        context["related"] = Article.objects.published().related_to(article)[:RELATED_STORIES]
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


# --- The e-paper (数字报) -----------------------------------------------------------------


def neighbour_editions(day: datetime.date) -> dict:
    """The public editions just before and just after `day`."""
    editions = PrintPage.objects.public().values_list("edition_date", flat=True)
    return {
        "previous_edition": editions.filter(edition_date__lt=day).order_by("-edition_date").first(),
        "next_edition": editions.filter(edition_date__gt=day).order_by("edition_date").first(),
    }


class EditionView(TemplateView):
    """An edition's pages (版) with their stories in print order."""

    template_name = "articles/epaper_edition.html"

    def get_edition_date(self) -> datetime.date | None:
        return self.kwargs["date"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        day = self.get_edition_date()
        if day is None:
            return context  # no edition has gone out yet: the template says so
        stories = Article.objects.published().in_print_order()
        pages = list(
            PrintPage.objects.public()
            .filter(edition_date=day)
            .order_by("number")
            .prefetch_related(Prefetch("articles", queryset=stories, to_attr="stories"))
        )
        if not pages:
            raise Http404("这一天没有出版的数字报。")
        context.update(edition_date=day, pages=pages, **neighbour_editions(day))
        return context


class LatestEditionView(EditionView):
    """`/epaper/`: the latest edition, shown in place; its dated URL is the canonical one."""

    def get_edition_date(self) -> datetime.date | None:
        return PrintPage.objects.public().latest_edition_date()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if "edition_date" in context:
            context["canonical_path"] = reverse(
                "articles:epaper-edition", kwargs={"date": context["edition_date"]}
            )
        return context


class PrintPageView(DetailView):
    """One printed page: its banner, straps and stories in print order, and the way on
    to the neighbouring pages and editions."""

    template_name = "articles/epaper_page.html"
    context_object_name = "print_page"

    def get_object(self, queryset=None):
        return get_object_or_404(
            PrintPage.objects.public(),
            edition_date=self.kwargs["date"],
            number=self.kwargs["number"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = self.object
        edition_pages = list(
            PrintPage.objects.public()
            .filter(edition_date=page.edition_date)
            .order_by("number")
            .only("edition_date", "number", "name")
        )
        previous_page, next_page = neighbours(edition_pages, page)
        context.update(
            stories=Article.objects.published()
            .filter(print_page=page)
            .select_related("column")
            .with_byline()
            .in_print_order(),
            edition_pages=edition_pages,
            previous_page=previous_page,
            next_page=next_page,
            **neighbour_editions(page.edition_date),
        )
        return context


WEEKDAY_NAMES = ["一", "二", "三", "四", "五", "六", "日"]


class BackIssuesView(TemplateView):
    """往期: a calendar per month of one year, each edition day a link."""

    template_name = "articles/epaper_back_issues.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        public = PrintPage.objects.public()
        years = [d.year for d in public.dates("edition_date", "year", order="DESC")]
        year = self.kwargs.get("year", years[0] if years else None)
        if year is None:
            return context
        if year not in years:
            raise Http404("这一年没有出版的数字报。")
        days = set(public.filter(edition_date__year=year).dates("edition_date", "day"))
        months = sorted({day.month for day in days}, reverse=True)
        monday_first = calendar.Calendar(firstweekday=calendar.MONDAY)  # as WEEKDAY_NAMES
        context.update(
            year=year,
            years=years,
            weekday_names=WEEKDAY_NAMES,
            months=[
                {
                    "first_day": datetime.date(year, month, 1),
                    "weeks": [
                        [(day, day.month == month, day in days) for day in week]
                        for week in monday_first.monthdatescalendar(year, month)
                    ],
                }
                for month in months
            ],
        )
        return context
