"""The e-paper (数字报): editions, printed pages and the back-issue calendar."""

import calendar
import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, Subquery
from django.http import Http404
from django.urls import reverse
from django.views.generic import DetailView, TemplateView

from articles.models import Article, PageFile, PageZone, PrintPage
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


# The page image's overlay draws in a square of this many units, stretched over the image
# (`preserveAspectRatio="none"`): a zone's fractions of the page times this.
OVERLAY_UNITS = 1000
# A zone is drawn up to this far outside the text it holds (in the overlay's units: ~4 pt
# on a broadsheet, a third of a column gutter), so its outline runs beside the type.
ZONE_MARGIN = 5


@dataclass(frozen=True)
class MarkedStory:
    """A story on the page image: its zones as rectangles (x, y, width, height) in the
    overlay's units."""

    story: Article
    rects: list[tuple[float, float, float, float]]


def _room(gaps) -> float:
    """How far a side may move out: `ZONE_MARGIN`, or half the gap to the nearest zone
    it faces (nothing when they touch)."""
    return min([ZONE_MARGIN, *(max(gap, 0) / 2 for gap in gaps)])


def overlay_rects(boxes: list[tuple[float, float, float, float]]) -> list[tuple]:
    """The zones' boxes (fractions of the page) as the overlay draws them: in its units,
    each side moved out by up to `ZONE_MARGIN` but at most halfway to a zone it faces, and
    never off the page. Zones that touch (a headline on its text) keep their common edge,
    so no outline is drawn over another zone's type."""
    units = [tuple(side * OVERLAY_UNITS for side in box) for box in boxes]
    near = 2 * ZONE_MARGIN
    drawn = []
    for index, (x0, y0, x1, y1) in enumerate(units):
        others = units[:index] + units[index + 1 :]
        beside = [o for o in others if o[1] < y1 + near and o[3] > y0 - near]
        above_or_below = [o for o in others if o[0] < x1 + near and o[2] > x0 - near]
        left = max(x0 - _room(x0 - o[2] for o in beside if o[2] <= x0), 0)
        right = min(x1 + _room(o[0] - x1 for o in beside if o[0] >= x1), OVERLAY_UNITS)
        top = max(y0 - _room(y0 - o[3] for o in above_or_below if o[3] <= y0), 0)
        bottom = min(y1 + _room(o[1] - y1 for o in above_or_below if o[1] >= y1), OVERLAY_UNITS)
        drawn.append(
            (round(left, 1), round(top, 1), round(right - left, 1), round(bottom - top, 1))
        )
    return drawn


def marked_stories(stories: list[Article]) -> list[MarkedStory]:
    """The stories with zones on the page (`page_zones`, prefetched), in print order."""
    marked = [story for story in stories if getattr(story, "page_zones", None)]
    rects = iter(overlay_rects([zone.box for story in marked for zone in story.page_zones]))
    return [MarkedStory(story, [next(rects) for _ in story.page_zones]) for story in marked]


def page_image_of(page: PrintPage) -> PageFile | None:
    """The page's PDF and image when the import rendered one (joined to the page: no
    query), else None: the page is shown as its list of stories alone."""
    try:
        page_file = page.file
    except PageFile.DoesNotExist:
        return None
    return page_file if page_file.renditions else None


class PrintPageView(DetailView):
    """One printed page: its image with a link on each story's zones (when the page was
    imported from its PDF), its banner, straps and stories in print order, and the way on
    to the neighbouring pages and editions."""

    template_name = "articles/epaper_page.html"
    context_object_name = "print_page"

    def get_object(self, queryset=None):
        # The page comes with the rest of its edition (the chips linking every page, and
        # the neighbouring editions) and each page's file: one query for all of them.
        self.edition_pages = list(edition_pages(self.kwargs["date"]).select_related("file"))
        for page in self.edition_pages:
            if page.number == self.kwargs["number"]:
                return page
        raise Http404("没有这一版。")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = self.object
        page_image = page_image_of(page)
        stories = (
            Article.objects.published()
            .filter(print_page=page)
            .select_related("column")
            .with_byline()
            .in_print_order()
        )
        if page_image is not None:
            # The zones of the listed stories only (so of public ones), drawn on this
            # page: one query for all of them.
            zones = PageZone.objects.filter(print_page=page).order_by("order", "pk")
            stories = stories.prefetch_related(Prefetch("zones", zones, to_attr="page_zones"))
        stories = list(stories)
        previous_page, next_page = neighbours(self.edition_pages, page)
        context.update(
            stories=stories,
            page_image=page_image,
            marked_stories=marked_stories(stories),
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
