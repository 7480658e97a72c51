"""The e-paper (数字报): editions, printed pages and the back-issue calendar."""

import calendar
import datetime

from django.db.models import Prefetch, Subquery
from django.http import Http404
from django.urls import reverse
from django.views.generic import DetailView, TemplateView

from articles.models import Article, PrintPage
from articles.public.views import neighbours


def edition_pages(day: datetime.date):
    """The public pages of the edition of `day` in page order, each carrying the dates of
    the public editions just before and just after it (`previous_edition`,
    `next_edition`, None past either end).

    The two dates are subqueries that do not depend on the row: the database runs each
    once (an init plan walking the edition-date index), in the same round trip as the
    pages, where they used to be two more queries of their own.
    """
    editions = PrintPage.objects.public().values("edition_date")
    earlier = editions.filter(edition_date__lt=day).order_by("-edition_date")[:1]
    later = editions.filter(edition_date__gt=day).order_by("edition_date")[:1]
    return (
        PrintPage.objects.public()
        .filter(edition_date=day)
        .order_by("number")
        .annotate(previous_edition=Subquery(earlier), next_edition=Subquery(later))
    )


def neighbour_editions(pages: list[PrintPage]) -> dict:
    """The neighbouring editions the pages of `edition_pages()` carry."""
    return {"previous_edition": pages[0].previous_edition, "next_edition": pages[0].next_edition}


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
            edition_pages(day).prefetch_related(
                Prefetch("articles", queryset=stories, to_attr="stories")
            )
        )
        if not pages:
            raise Http404("这一天没有出版的数字报。")
        context.update(edition_date=day, pages=pages, **neighbour_editions(pages))
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
        # The page comes with the rest of its edition (the chips linking every page, and
        # the neighbouring editions): one query for all of them.
        self.edition_pages = list(edition_pages(self.kwargs["date"]))
        for page in self.edition_pages:
            if page.number == self.kwargs["number"]:
                return page
        raise Http404("没有这一版。")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = self.object
        previous_page, next_page = neighbours(self.edition_pages, page)
        context.update(
            stories=Article.objects.published()
            .filter(print_page=page)
            .select_related("column")
            .with_byline()
            .in_print_order(),
            edition_pages=self.edition_pages,
            previous_page=previous_page,
            next_page=next_page,
            **neighbour_editions(self.edition_pages),
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
