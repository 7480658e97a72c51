"""What reported activities add up to on a union's or a topic's page, and the seasons
a campaign topic (送温暖) is counted by."""

import calendar
import datetime
from dataclasses import dataclass

from articles.models import Activity, GiftLine, Topic
from articles.pagecache import rollups, tags
from unions.models import Union

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


def union_figures(union: Union) -> dict:
    """A union's figures, its whole subtree rolled up (kept: `rollups.cached`)."""
    # Only activities told in a published story count: the same rule as the stories.
    return rollups.cached(
        f"union-figures:{union.pk}",
        (tags.FIGURES, tags.UNIONS),
        lambda: activity_figures(Activity.objects.reported().in_subtree(union)),
    )


def topic_figures(topic: Topic) -> dict:
    """A topic's figures for its latest season, sub-topics included (kept likewise)."""
    return rollups.cached(
        f"topic-figures:{topic.pk}",
        (tags.FIGURES, tags.TOPICS),
        lambda: season_figures(Activity.objects.reported().in_topic(topic)),
    )
