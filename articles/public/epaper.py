"""The e-paper (数字报): editions, printed pages and the back-issue calendar."""

import calendar
import datetime

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import DetailView, TemplateView

from articles.models import Article, PrintPage
from articles.public.views import neighbours


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
