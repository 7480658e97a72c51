"""The editorial workflow in a real Chromium, each person in a browser of their own: a
reporter files a story, an editor corrects and submits it, the chief editor schedules it
and it appears on the site at that minute with nothing run; two editors saving the same
story lose nothing; the chief editor's buttons on a phone and a desktop."""

import datetime
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import Page, expect

from articles.models import Article, ArticleStatus
from articles.workflow import services
from articles.workflow.models import Transition
from articles.workflow.roles import CHIEF_EDITOR, EDITOR, REPORTER, sync_roles

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-newsroom-1"
TITLE = "朝阳区总工会为快递小哥送上暖心年货"
FILED_BODY = "近日，朝阳区总工会走访慰问快递从业人员。\n快递小哥们表示感射。"
CORRECTED_BODY = "近日，朝阳区总工会走访慰问快递从业人员。\n快递小哥们表示感谢。"
# pytest-playwright's own output folder (it empties it when a run starts); kept out of git.
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"


@pytest.fixture
def site(live_server):
    return live_server.url


@pytest.fixture
def member(django_user_model):
    # A live-server test before this one flushed the database, and the groups the data
    # migration made with it.
    sync_roles(apps)

    def make(username: str, group: str):
        user = django_user_model.objects.create_user(
            username=username, password=PASSWORD, is_staff=True
        )
        user.groups.add(Group.objects.get(name=group))
        return user

    return make


def log_in(page: Page, site: str, username: str) -> Page:
    page.goto(f"{site}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page).to_have_url(f"{site}/admin/")
    return page


def transition_buttons(page: Page):
    return page.locator("button[name=_transition]")


def change_url(site: str, article: Article) -> str:
    return f"{site}/admin/articles/article/{article.pk}/change/"


def test_a_story_goes_from_reporter_to_editor_to_a_scheduled_publication(
    new_context, site, member, request
):
    reporter = member("jizhe", REPORTER)
    editor = member("bianji", EDITOR)
    chief = member("zongbian", CHIEF_EDITOR)
    as_reporter = log_in(new_context().new_page(), site, "jizhe")
    as_editor = log_in(new_context().new_page(), site, "bianji")
    as_chief = log_in(new_context().new_page(), site, "zongbian")
    anonymous = new_context().request

    # The reporter files the story as a draft.
    as_reporter.goto(f"{site}/admin/articles/article/add/")
    expect(as_reporter.locator("#id_status")).to_have_count(0)
    expect(as_reporter.locator("#id_publish_at_0")).to_have_count(0)
    expect(transition_buttons(as_reporter)).to_have_text(["保存并提交待审"])
    as_reporter.fill("#id_title", TITLE)
    as_reporter.fill("#id_body", FILED_BODY)
    as_reporter.select_option("#id_kind", "news")
    as_reporter.click("input[name=_save]")
    expect(as_reporter.locator(".messagelist .success")).to_contain_text(TITLE)

    article = Article.objects.get(title=TITLE)
    assert (article.status, article.created_by) == (ArticleStatus.DRAFT, reporter)
    assert article.body.splitlines() == FILED_BODY.splitlines()
    short_url = f"{site}/articles/{article.pk}/"
    assert anonymous.get(short_url).status == 404

    # The editor corrects the body and submits it for review.
    as_editor.goto(change_url(site, article))
    expect(as_editor.locator(".workflow-state")).to_contain_text("当前状态：草稿")
    expect(transition_buttons(as_editor)).to_have_text(["保存并提交待审"])
    as_editor.fill("#id_body", CORRECTED_BODY)
    as_editor.click("button[name=_transition][value=submit]")
    expect(as_editor).to_have_url(change_url(site, article))
    expect(as_editor.locator(".messagelist .success")).to_contain_text("已保存并提交待审")
    expect(as_editor.locator(".workflow-state")).to_contain_text("当前状态：待审")
    expect(transition_buttons(as_editor)).to_have_text(["保存并审毕送签", "保存并退回修改"])

    # The chief editor schedules it for the coming minute.
    as_chief.goto(change_url(site, article))
    expect(as_chief.locator("#id_body")).to_have_value(CORRECTED_BODY)
    expect(transition_buttons(as_chief)).to_have_text(
        ["保存并审毕送签", "保存并退回修改", "保存并签发", "保存并定时签发"]
    )
    at = timezone.localtime(timezone.now() + datetime.timedelta(seconds=60)).replace(microsecond=0)
    as_chief.fill("#id_publish_at_0", at.strftime("%Y-%m-%d"))
    as_chief.fill("#id_publish_at_1", at.strftime("%H:%M:%S"))
    as_chief.click("button[name=_transition][value=schedule]")
    expect(as_chief).to_have_url(change_url(site, article))
    expect(as_chief.locator(".messagelist .success")).to_contain_text("已保存并定时签发")
    expect(as_chief.locator(".workflow-state")).to_contain_text("当前状态：定时发布")
    expect(transition_buttons(as_chief)).to_have_text(["保存并撤回定时"])

    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED
    assert article.published_at == at
    assert article.body.splitlines() == CORRECTED_BODY.splitlines()
    assert list(
        Transition.objects.filter(article=article)
        .order_by("at", "id")
        .values_list("action", "from_status", "to_status", "user", "publish_at")
    ) == [
        ("submit", "draft", "review", editor.pk, None),
        ("schedule", "review", "published", chief.pk, at),
    ]

    # Readers: nothing before the minute, the story from the minute on; nothing is run.
    # The clock stands still from here and the test moves it (the live server runs in
    # this process and reads the same `timezone.now()`): no waiting for the minute.
    clock = request.getfixturevalue("clock")
    assert anonymous.get(short_url).status == 404
    clock.advance(seconds=(at - clock.now).total_seconds() - 1)
    assert anonymous.get(short_url).status == 404  # a second before the minute
    clock.advance(seconds=1)
    response = anonymous.get(short_url)
    assert response.status == 200  # at the minute, with nothing run
    assert response.url == f"{site}{article.get_absolute_url()}"

    reader = new_context().new_page()
    reader.goto(short_url)
    expect(reader).to_have_url(f"{site}{article.get_absolute_url()}")
    expect(reader.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(reader.get_by_text("近日，朝阳区总工会走访慰问快递从业人员。")).to_be_visible()
    expect(reader.get_by_text("快递小哥们表示感谢。")).to_be_visible()


def test_two_editors_saving_the_same_story_lose_nothing(new_context, site, member):
    member("bianji_a", EDITOR)
    editor_b = member("bianji_b", EDITOR)
    article = Article.objects.create(title=TITLE, body=CORRECTED_BODY, created_by=editor_b)
    services.record_revision(article, user=editor_b, note="新建")
    as_a = log_in(new_context().new_page(), site, "bianji_a")
    as_b = log_in(new_context().new_page(), site, "bianji_b")
    as_a.goto(change_url(site, article))
    as_b.goto(change_url(site, article))

    a_title = "朝阳区总工会为2000名快递小哥送上暖心年货"
    as_a.fill("#id_title", a_title)
    as_a.click("input[name=_save]")
    expect(as_a.locator(".messagelist .success")).to_contain_text(a_title)

    b_lead = "朝阳区总工会走访慰问快递从业人员，送上年货。"
    as_b.fill("#id_lead", b_lead)
    as_b.click("input[name=_save]")
    expect(as_b).to_have_url(change_url(site, article))
    conflict = as_b.locator("ul.errorlist")
    expect(conflict).to_contain_text("保存未成功")
    expect(conflict).to_contain_text("期间改动的内容：主题")
    expect(as_b.locator("#id_lead")).to_have_value(b_lead)
    article.refresh_from_db()
    assert (article.title, article.lead, article.version) == (a_title, "", 2)

    # Saving again, having read the message, overwrites on purpose with B's whole input.
    as_b.click("input[name=_save]")
    saved = as_b.locator(".messagelist .success")
    expect(saved).to_contain_text("成功修改了")
    expect(saved).to_contain_text(TITLE)
    article.refresh_from_db()
    assert (article.title, article.lead, article.version) == (TITLE, b_lead, 3)


@pytest.mark.parametrize("viewport", [(390, 844), (1280, 900)], ids=["phone", "desktop"])
def test_the_chief_editor_sees_the_transition_buttons_on_a_phone_and_a_desktop(
    page, site, member, viewport
):
    editor = member("bianji", EDITOR)
    member("zongbian", CHIEF_EDITOR)
    article = Article.objects.create(title=TITLE, body=CORRECTED_BODY, created_by=editor)
    services.record_revision(article, user=editor, note="新建")
    services.submit(article, user=editor)
    width, height = viewport
    page.set_viewport_size({"width": width, "height": height})
    log_in(page, site, "zongbian")

    page.goto(change_url(site, article))
    expect(page.locator(".workflow-state")).to_contain_text("当前状态：待审")
    for label in ("保存并退回修改", "保存并签发", "保存并定时签发"):
        expect(page.get_by_role("button", name=label)).to_be_visible()
    expect(page.locator("#id_publish_at_0")).to_be_visible()
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"workflow-chief-editor-{width}.png", full_page=True)
