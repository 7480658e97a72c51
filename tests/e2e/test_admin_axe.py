"""axe-core finds no serious or critical violation on the editors' pages a day at the desk
goes through: the desk, the story list, the change form (with credits, photos and a
conflict), the confirmation of 撤稿, the comparison, and the page import's preview."""

import datetime

import pytest
from django.utils import timezone

from articles.demo.loader import SEED_PAGE
from articles.models import Article, ArticleStatus
from articles.workflow import services
from tests.e2e.test_photos import serious_axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def chief(django_user_model, unions_and_topics):
    return django_user_model.objects.create_superuser(
        "zongbian", password="pw-editor-123", first_name="总编", last_name="王"
    )


@pytest.fixture
def story(chief):
    article = Article.objects.create(
        title="天桥街道为300名职工送温暖",
        body="近日，天桥街道总工会走访慰问职工。\n## 暖心礼包\n共送出礼包300份。",
        created_by=chief,
        status=ArticleStatus.DRAFT,
    )
    services.record_revision(article, user=chief, note="新建")
    article.body = article.body.replace("300份", "320份")
    article.save()
    services.record_revision(article, user=chief, note="修改")
    services.publish(article, user=chief)
    return article


@pytest.fixture
def browser_page(new_context, live_server, admin_login, chief):
    page = new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True).new_page()
    admin_login(page, "zongbian", "pw-editor-123")
    return page


def pages(live_server, story) -> dict[str, str]:
    base = f"{live_server.url}/admin/articles/article"
    return {
        "desk": f"{live_server.url}/admin/",
        "list": f"{base}/",
        "list filtered": f"{base}/?status=scheduled",
        "add form": f"{base}/add/",
        "change form": f"{base}/{story.pk}/change/",
        "withdraw": f"{base}/{story.pk}/transition/withdraw/",
        "history": f"{base}/{story.pk}/history/",
        "compare": f"{base}/{story.pk}/history/compare/?a=1&b=2",
    }


def test_the_desks_pages_have_no_serious_violation(browser_page, live_server, story):
    Article.objects.create(
        title="定时稿",
        body="正文。",
        status=ArticleStatus.PUBLISHED,
        published_at=timezone.now() + datetime.timedelta(hours=3),
    )
    found = {}
    for name, url in pages(live_server, story).items():
        browser_page.goto(url)
        found[name] = serious_axe_violations(browser_page)
    assert found == {name: [] for name in found}


def test_the_import_preview_has_no_serious_violation(browser_page, live_server):
    browser_page.goto(f"{live_server.url}/admin/articles/pageimport/add/")
    browser_page.fill("#id_text", SEED_PAGE.read_text(encoding="utf-8"))
    browser_page.fill("#id_edition_date", "2024-01-23")
    browser_page.fill("#id_page_number", "3")
    browser_page.fill("#id_page_name", "工会新闻")
    browser_page.click("input[name=preview]")
    assert browser_page.locator(".report").count() == 6
    assert serious_axe_violations(browser_page) == []
