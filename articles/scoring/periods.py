"""The periods a ranking covers: a quarter (2024Q1, the 季度通报) or a year (2024, the
年度通报 with its 优秀通讯员 and 先进单位), and how a period typed by staff is read or refused."""

import datetime
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils import timezone

SHANGHAI = ZoneInfo("Asia/Shanghai")
# Years outside this window are typing mistakes.
FIRST_YEAR, LAST_YEAR = 1949, 2100
QUARTER_NAMES = {1: "一", 2: "二", 3: "三", 4: "四"}
MAX_PERIOD_TEXT = 20


class ScoringError(ValueError):
    """A request for a ranking that cannot be answered, with a message for staff."""


def format_date(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def today() -> datetime.date:
    return timezone.localtime(timezone.now(), SHANGHAI).date()


@dataclass(frozen=True)
class Period:
    """A year, or one of its quarters (`quarter` 1–4)."""

    year: int
    quarter: int | None = None

    @property
    def is_year(self) -> bool:
        return self.quarter is None

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, 1 if self.is_year else 3 * self.quarter - 2, 1)

    @property
    def end(self) -> datetime.date:
        """The last day, included."""
        if self.is_year or self.quarter == 4:
            return datetime.date(self.year, 12, 31)
        return datetime.date(self.year, 3 * self.quarter + 1, 1) - datetime.timedelta(days=1)

    @property
    def label(self) -> str:
        """2024年第一季度, 2024年度: as the 通报's title says it."""
        if self.is_year:
            return f"{self.year}年度"
        return f"{self.year}年第{QUARTER_NAMES[self.quarter]}季度"

    @property
    def slug(self) -> str:
        """2024Q1 or 2024: what `--period` and `?period=` take, and file names carry."""
        return str(self.year) if self.is_year else f"{self.year}Q{self.quarter}"

    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """Aware datetimes [start, end) of the period's days in Asia/Shanghai."""
        start = datetime.datetime.combine(self.start, datetime.time.min, tzinfo=SHANGHAI)
        end = datetime.datetime.combine(
            self.end + datetime.timedelta(days=1), datetime.time.min, tzinfo=SHANGHAI
        )
        return start, end

    def quarters(self) -> list["Period"]:
        return [self] if not self.is_year else [Period(self.year, q) for q in range(1, 5)]


_PERIOD_RE = re.compile(r"^(\d{4})(?:\s*-?\s*[Qq]([1-4]))?$")


def parse_period(text: str | None, current_day: datetime.date | None = None) -> Period:
    """`2024Q1` (also `2024-Q1`, `2024q1`) or `2024`; refuses a period not yet begun."""
    text = (text or "").strip()
    if not text:
        raise ScoringError("请选择考核时段：季度（例如 2024Q1）或年度（例如 2024）。")
    match = _PERIOD_RE.match(text) if len(text) <= MAX_PERIOD_TEXT else None
    if match is None:
        shown = text if len(text) <= MAX_PERIOD_TEXT else text[:MAX_PERIOD_TEXT] + "…"
        raise ScoringError(
            f"考核时段“{shown}”格式不对，应写作季度（例如 2024Q1）或年度（例如 2024）。"
        )
    year = int(match[1])
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ScoringError(f"“{text}”的年份超出范围（{FIRST_YEAR}—{LAST_YEAR}年）。")
    period = Period(year, int(match[2]) if match[2] else None)
    current_day = current_day or today()
    if period.start > current_day:
        raise ScoringError(
            f"{period.label}还没有开始（今天是{format_date(current_day)}），没有可考核的稿件。"
        )
    return period


def default_period(current_day: datetime.date | None = None) -> Period:
    """The quarter a 通报 is usually made for: the last complete one."""
    current_day = current_day or today()
    quarter = (current_day.month - 1) // 3 + 1
    if quarter == 1:
        return Period(current_day.year - 1, 4)
    return Period(current_day.year, quarter - 1)
