"""The dates a summary covers (a month, a 送温暖 season or any range), the periods it is
compared with, and how a period typed by staff is read or refused."""

import calendar
import datetime
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils import timezone

SHANGHAI = ZoneInfo("Asia/Shanghai")
# Years outside this window are typing mistakes, and would overflow date arithmetic.
FIRST_YEAR, LAST_YEAR = 1949, 2100
TREND_MONTHS = 12


class SummaryError(ValueError):
    """A request for a summary that cannot be answered, with a message for staff."""


def format_date(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def today() -> datetime.date:
    return timezone.localtime(timezone.now(), SHANGHAI).date()


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _year_earlier(day: datetime.date) -> datetime.date:
    # 29 February has no twin a year earlier; the 28th stands in.
    if day.month == 2 and day.day == 29:
        return day.replace(year=day.year - 1, day=28)
    return day.replace(year=day.year - 1)


@dataclass(frozen=True)
class Period:
    """Dates from `start` to `end`, both included: a month, a 送温暖 season or any range."""

    start: datetime.date
    end: datetime.date
    kind: str = "range"  # "month", "season" or "range": Period(start, end) is any range

    @classmethod
    def month(cls, year: int, month: int) -> "Period":
        return cls(datetime.date(year, month, 1), _month_end(year, month), "month")

    @classmethod
    def season(cls, year: int) -> "Period":
        """The 送温暖 season of winter `year`: December `year` to February `year + 1`."""
        return cls(datetime.date(year, 12, 1), _month_end(year + 1, 2), "season")

    @property
    def label(self) -> str:
        if self.kind == "month":
            return f"{self.start.year}年{self.start.month}月"
        if self.kind == "season":
            return f"{self.start.year}—{self.end.year}年度送温暖季"
        return f"{format_date(self.start)}至{format_date(self.end)}"

    @property
    def short_label(self) -> str:
        """For a chart axis or a narrow column: 2024年1月, 2023—2024送温暖季,
        2024年1月1日—1月31日."""
        if self.kind == "season":
            return f"{self.start.year}—{self.end.year}送温暖季"
        if self.kind == "range" and self.start.year == self.end.year:
            return f"{format_date(self.start)}—{self.end.month}月{self.end.day}日"
        return self.label

    @property
    def slug(self) -> str:
        """For file names: 2024-01, season-2023, 2024-01-01_2024-01-31."""
        if self.kind == "month":
            return f"{self.start:%Y-%m}"
        if self.kind == "season":
            return f"season-{self.start.year}"
        return f"{self.start.isoformat()}_{self.end.isoformat()}"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> "Period":
        """The period just before, of the same kind: last month, last season, or as many days."""
        if self.kind == "month":
            return Period.month(*add_months(self.start.year, self.start.month, -1))
        if self.kind == "season":
            return Period.season(self.start.year - 1)
        end = self.start - datetime.timedelta(days=1)
        return Period(end - datetime.timedelta(days=self.days - 1), end)

    def last_year(self) -> "Period":
        if self.kind == "month":
            return Period.month(self.start.year - 1, self.start.month)
        if self.kind == "season":
            return Period.season(self.start.year - 1)
        return Period(_year_earlier(self.start), _year_earlier(self.end))

    def comparisons(self) -> list[tuple[str, "Period"]]:
        """The periods shown beside this one. A season's previous period *is* last year's
        season, so it is shown once."""
        if self.kind == "month":
            return [("上月", self.previous()), ("去年同月", self.last_year())]
        if self.kind == "season":
            return [("上一季", self.previous())]
        return [("上一时段", self.previous()), ("去年同期", self.last_year())]

    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """Aware datetimes [start, end) of the period's days in Asia/Shanghai."""
        start = datetime.datetime.combine(self.start, datetime.time.min, tzinfo=SHANGHAI)
        end = datetime.datetime.combine(
            self.end + datetime.timedelta(days=1), datetime.time.min, tzinfo=SHANGHAI
        )
        return start, end

    def trend_months(self) -> list["Period"]:
        """The calendar months of the trend chart, ending with the month of the last day."""
        return [
            Period.month(*add_months(self.end.year, self.end.month, delta))
            for delta in range(-TREND_MONTHS + 1, 1)
        ]


_MONTH_RE = re.compile(r"^(\d{4})-(\d{1,2})$")


def _check_year(year: int, text: str) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise SummaryError(f"“{text}”的年份超出范围（{FIRST_YEAR}—{LAST_YEAR}年）。")


def parse_month(text: str) -> Period:
    text = (text or "").strip()
    match = _MONTH_RE.match(text)
    if not match:
        raise SummaryError(f"月份“{text}”格式不对，应写作 年-月，例如 2024-01。")
    year, month = int(match[1]), int(match[2])
    _check_year(year, text)
    if not 1 <= month <= 12:
        raise SummaryError(f"“{text}”不是有效的月份：月份应在 1 到 12 之间。")
    return Period.month(year, month)


def parse_date(text: str, what: str) -> datetime.date:
    text = (text or "").strip()
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        raise SummaryError(
            f"{what}“{text}”不是有效的日期，应写作 年-月-日，例如 2024-01-31。"
        ) from None
    _check_year(day.year, text)
    return day


def parse_season(text: str) -> Period:
    text = (text or "").strip()
    if not re.fullmatch(r"\d{4}", text):
        raise SummaryError(f"送温暖季“{text}”应写作起始年份，例如 2023（2023年12月至2024年2月）。")
    year = int(text)
    _check_year(year, text)
    return Period.season(year)


def period_from_params(
    *,
    month: str | None = None,
    start: str | None = None,
    end: str | None = None,
    season: str | None = None,
    current_day: datetime.date | None = None,
) -> Period:
    """The period asked for by a month, a date range or a season; refuses a future one."""
    given = [name for name, value in (("month", month), ("season", season)) if value]
    if start or end:
        given.append("range")
    if len(given) > 1:
        raise SummaryError("请只选择一种时段：月份、起止日期或送温暖季。")
    if not given:
        raise SummaryError("请选择统计时段：月份、起止日期或送温暖季。")
    if month:
        period = parse_month(month)
    elif season:
        period = parse_season(season)
    else:
        if not (start and end):
            raise SummaryError("按起止日期统计时，开始日期和结束日期都要填写。")
        period = Period(parse_date(start, "开始日期"), parse_date(end, "结束日期"))
        if period.end < period.start:
            raise SummaryError("结束日期不能早于开始日期。")
    current_day = current_day or today()
    if period.start > current_day:
        raise SummaryError(
            f"{period.label}还没有开始（今天是{format_date(current_day)}），没有可统计的内容。"
        )
    return period
