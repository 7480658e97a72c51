"""The base tag library every room's templates load (articles/templatetags/site.py)."""

import datetime
from zoneinfo import ZoneInfo

from articles.templatetags.site import iso_time

UTC = datetime.UTC


def test_iso_time_is_beijing_time_in_whole_seconds_for_the_w3c_checker():
    published = datetime.datetime(2024, 1, 23, 0, 30, 5, 123456, tzinfo=UTC)
    local = published.astimezone(ZoneInfo("Asia/Shanghai"))  # what the template passes
    assert iso_time(local) == "2024-01-23T08:30:05+08:00"
    assert iso_time(None) == ""
