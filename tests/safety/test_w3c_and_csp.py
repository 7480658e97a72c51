"""Every public page of the demo site passes the W3C HTML checker, carries the CSP
header, and loads in Chromium without a single CSP violation.

Besides the seed page, the site holds a story the workflow published "now" (its time has
microseconds, which a `<time datetime>` must not print), with photos and a crosshead, and
a correction of it: what an editor's day adds to the demo."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from articles.demo.loader import load_demo
from articles.demo.photos import add_photos
from articles.models import Article, ArticleKind, ArticleStatus, Column, PrintPage, Topic
from articles.workflow import services
from unions.models import Union

ROOT = Path(__file__).resolve().parent.parent.parent
VNU = ROOT / "tests" / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def demo_pages() -> list[str]:
    """Every public page the demo content has, plus the pages that say "not found"."""
    from taggit.models import Tag

    page = PrintPage.objects.public().get()
    urls = [
        reverse("articles:front-page"),
        reverse("articles:archive-index"),
        reverse("articles:epaper-latest"),
        reverse("articles:epaper-back-issues"),
        page.get_absolute_url(),
        reverse("articles:epaper-edition", args=[page.edition_date]),
        reverse("unions:union-index"),
        reverse("search:results") + "?q=温暖",
        reverse("search:results") + "?q=没有这个词语",
        "/no/such/page/",
    ]
    months = Article.objects.published().datetimes("published_at", "month")
    urls += [reverse("articles:archive-month", args=[m.year, f"{m:%m}"]) for m in months]
    urls += [a.get_absolute_url() for a in Article.objects.published()]
    urls += [t.get_absolute_url() for t in Topic.objects.public()]
    urls += [c.get_absolute_url() for c in Column.objects.public()]
    urls += [u.get_absolute_url() for u in Union.objects.all()]
    urls += [reverse("articles:tag-detail", args=[t.slug]) for t in Tag.objects.all()][:5]
    return urls


def publish_now(*, photos: bool) -> Article:
    """A story published "now" through the workflow, with a crosshead (and photos: their
    renditions take seconds, so only the checker's test has them), filed under a topic
    and a union so their pages list it, and a correction of it."""
    chief = get_user_model().objects.create_superuser("w3c-chief", password="pw-chief-123")
    story = Article.objects.create(
        kicker="寒冬送暖",
        title="天桥街道工会服务站为快递小哥送上热饮",
        subtitle="“站里暖和，歇歇脚再走”",
        body=(
            "近日，西城区天桥街道工会服务站为快递小哥、外卖骑手送上热饮和暖手宝。\n"
            "## 小标题：暖心驿站常年开放\n"
            "服务站每天开放到晚上八点，提供热水、充电和休息座椅。"
        ),
        status=ArticleStatus.DRAFT,
        created_by=chief,
    )
    story.topics.add(Topic.objects.get(slug="song-wen-nuan"))
    story.unions.add(Union.objects.get(name="西城区天桥街道总工会"))
    if photos:
        add_photos(story)
    services.publish(story, user=chief)
    correction = Article.objects.create(
        title="更正",
        kind=ArticleKind.CORRECTION,
        corrects=story,
        dateline="",
        body="本报今日报道中，服务站开放时间应为每天到晚上九点，特此更正。",
        status=ArticleStatus.DRAFT,
        created_by=chief,
    )
    services.publish(correction, user=chief)
    return story


@pytest.fixture
def demo(db):
    load_demo()
    return publish_now(photos=False)


@pytest.fixture
def demo_with_photos(db):
    load_demo()
    return publish_now(photos=True)


def test_every_public_page_has_the_csp_header(demo):
    client = Client()
    for url in demo_pages():
        response = client.get(url)
        assert response.status_code in {200, 404}, url
        assert "script-src 'self'" in response["Content-Security-Policy"], url


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("java") or not VNU.exists(), reason="make system-deps")
def test_every_public_page_passes_the_w3c_checker(demo_with_photos, tmp_path):
    client = Client()
    files = []
    for number, url in enumerate(demo_pages()):
        path = tmp_path / f"{number:03d}.html"
        path.write_bytes(client.get(url).content)
        files.append((path, url))
    story = {url: path for path, url in files}[demo_with_photos.get_absolute_url()].read_text()
    assert 'class="crosshead"' in story and 'class="correction-notice"' in story
    assert "<picture" in story
    command = [shutil.which("java"), "-jar", str(VNU), "--errors-only", "--format", "json"]
    result = subprocess.run(
        [*command, *[str(p) for p, _ in files]],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    by_file = {str(p): url for p, url in files}
    problems = [
        f"{by_file.get(m.get('url', '').removeprefix('file:'), m.get('url'))}: {m['message']}"
        for m in messages
    ]
    assert problems == [], "\n".join(problems)
    assert len(files) >= 30


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_public_pages_and_the_admin_load_without_a_csp_violation(page, live_server):
    load_demo()
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("chief", password="pw-chief-123")
    violations = []
    page.on(
        "console",
        lambda msg: (
            violations.append(msg.text)
            if "Content Security Policy" in msg.text or "Content-Security-Policy" in msg.text
            else None
        ),
    )
    for url in demo_pages()[:12]:
        page.goto(live_server.url + url)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "chief")
    page.fill("#id_password", "pw-chief-123")
    page.click("input[type=submit]")
    for url in (
        "/admin/",
        "/admin/articles/article/add/",
        f"/admin/articles/article/{Article.objects.first().pk}/change/",
        "/admin/summaries/?month=2024-01",
    ):
        page.goto(live_server.url + url)
        page.wait_for_load_state("networkidle")
    assert violations == []
