"""The photo markup passes the W3C HTML checker: a photo report's gallery, a story with
one photo, the front page's lead photo and 图片报道 strip. (The demo has no photo files,
so the site-wide check in tests/safety/ never sees this markup.)"""

import datetime
import json
import shutil
import subprocess

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import ArticleKind
from tests.factories import make_article
from tests.photos.conftest import make_photo
from tests.safety.test_w3c_and_csp import VNU

pytestmark = pytest.mark.django_db


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("java") or not VNU.exists(), reason="make system-deps")
def test_photo_pages_pass_the_w3c_checker(tmp_path):
    # Whole seconds: the factory's microseconds are not a valid <time datetime>.
    at = timezone.now().replace(microsecond=0) - datetime.timedelta(hours=1)
    report = make_article("组图报道", kind=ArticleKind.PHOTO, print_order=1, published_at=at)
    for n in range(3):
        make_photo(report, order=n, caption=f"说明{n}", credit="周美玉 摄")
    news = make_article("一张图的消息", print_order=1, published_at=at)
    make_photo(news, caption="一张图", alt_text="职工领取礼包")
    client = Client()
    urls = [report.get_absolute_url(), news.get_absolute_url(), reverse("articles:front-page")]
    files = []
    for number, url in enumerate(urls):
        content = client.get(url).content
        assert b"<picture>" in content, url
        path = tmp_path / f"{number}.html"
        path.write_bytes(content)
        files.append(str(path))
    result = subprocess.run(
        [shutil.which("java"), "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    assert [f"{m.get('url')}: {m['message']}" for m in messages] == []
