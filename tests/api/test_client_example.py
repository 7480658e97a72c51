"""docs/api_client.py, the example client, run as a reader would run it against a live
server holding the demo (one story with photos): the latest 送温暖 stories of 西城区, each with its
first photo's 640-px WebP."""

import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from articles.demo.loader import load_demo
from articles.demo.photos import add_photos
from articles.models import Article
from articles.photos import renditions
from unions.models import Union

BEIJING = ZoneInfo("Asia/Shanghai")
CLIENT = Path(__file__).resolve().parents[2] / "docs" / "api_client.py"

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def run_client(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(CLIENT), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_latest_warmth_stories_of_a_district_with_their_webp(live_server):
    load_demo()
    district = Union.objects.get(name="西城区总工会")
    expected = list(
        Article.objects.published()
        .filter(unions__path__startswith=district.path, topics__slug__in=["song-wen-nuan"])
        .distinct()
        .order_by("-published_at", "-pk")
    )
    assert expected, "the demo has a 送温暖 story in 西城区"
    # The demo's illustrations (as `load_demo --photos` gives its photo report) on the
    # latest, through the upload pipeline and its renditions.
    add_photos(expected[0])

    result = run_client(live_server.url, "西城区")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith(f"西城区总工会（编号 {district.pk}）最新的稿件 {len(expected)} 篇")
    for story in expected:
        assert f"{story.published_at.astimezone(BEIJING):%Y-%m-%d}  {story.title}" in out
        assert f"{live_server.url}{story.get_absolute_url()}" in out
        photo = story.photos.order_by("order", "pk").first()
        if photo is not None:
            webp = renditions.url(renditions.width_name(photo.renditions, 640, "webp"))
            assert f"WebP 640：{live_server.url}{webp}" in out
    assert out.count("WebP 640：") == len(expected)
    # By id, the same answer.
    assert run_client(live_server.url, str(district.pk)).stdout == out


def test_a_name_naming_no_union_is_told(live_server):
    load_demo()
    result = run_client(live_server.url, "火星区")
    assert result.returncode == 1
    assert "“火星区”对应的工会：没有" in result.stderr
