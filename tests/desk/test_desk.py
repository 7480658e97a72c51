"""The editors' desk, the admin's first page: each role sees its own lists (and only
those), in the order the work is done, with who and when; notices are marked read; and
the page costs the same number of queries with 3 stories in each state as with 21 (more
than a list shows)."""

import datetime
import re

import pytest
from django.contrib import admin
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.desk.sites import NewsroomAdminSite
from articles.templatetags.site import cn_minute
from articles.workflow import services
from articles.workflow.models import Notice
from tests.desk.stories import REASON, STATES, story_in

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")
REPORTER_LISTS = ["desk-returned", "desk-drafts", "desk-sent", "desk-my-published"]
EDITOR_LISTS = ["desk-review", "desk-editing", "desk-scheduled"]
CHIEF_LISTS = ["desk-signoff", "desk-today", "desk-published", "desk-withdrawn"]
NO_PERMISSION = "你没有查看或编辑的权限"


def lists_on(content: str) -> set[str]:
    return set(re.findall(r'<div class="module desk-list" id="(desk-[a-z-]+)"', content))


def table(content: str, key: str) -> str:
    start = content.index(f'id="{key}"')
    return content[start : content.index("</table>", start)]


def titles(content: str, key: str) -> list[str]:
    return re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', table(content, key))


@pytest.fixture
def every_state(newsroom):
    return {state: story_in(state, newsroom, f"{state}稿") for state in STATES}


def test_the_admin_site_is_the_newsrooms_and_its_index_is_the_desk(newsroom, login):
    assert isinstance(admin.site, NewsroomAdminSite)
    response = login(newsroom["editor"]).get(INDEX)
    assert response.status_code == 200
    assert response.templates[0].name == "admin/desk/index.html"
    assert "<h1>编辑部工作台</h1>" in response.content.decode()


def test_a_reporter_sees_their_own_copy_and_no_queue(newsroom, login, every_state):
    story_in("draft", newsroom, "别人的草稿", reporter="other_reporter")
    content = login(newsroom["reporter"]).get(INDEX).content.decode()

    assert lists_on(content) == {"desk-notices", *REPORTER_LISTS}
    assert titles(content, "desk-drafts") == ["draft稿"]
    assert titles(content, "desk-returned") == ["returned稿"]
    assert titles(content, "desk-sent") == ["scheduled稿", "signoff稿", "review稿"]
    assert titles(content, "desk-my-published") == ["published稿"]
    sent = table(content, "desk-sent")
    assert "定时发布（" in sent and "待签发" in sent and "待审" in sent
    assert "别人的草稿" not in content


def test_a_returned_story_shows_the_reason_who_returned_it_and_when(newsroom, login, clock):
    story = story_in("returned", newsroom, "区总工会慰问一线职工")
    returned = table(login(newsroom["reporter"]).get(INDEX).content.decode(), "desk-returned")
    assert REASON in returned
    assert "李编辑" in returned  # 姓 before 名, as the newsroom names a colleague
    assert cn_minute(clock.now, clock.now) in returned
    assert f'href="{reverse("admin:articles_article_change", args=[story.pk])}"' in returned
    assert f'<td data-label="字数" class="desk-count">{story.char_count}</td>' in returned


def test_an_editor_sees_the_queue_oldest_first_with_who_sent_it(newsroom, login, clock):
    # Written in one order, sent in another: the queue follows the sending.
    late = story_in("draft", newsroom, "后送的稿")
    early = story_in("draft", newsroom, "先送的稿", reporter="other_reporter")
    middle = story_in("draft", newsroom, "中间送的稿")
    for story, who in ((early, "other_reporter"), (middle, "reporter"), (late, "reporter")):
        clock.advance(minutes=5)
        services.submit(story, user=newsroom[who])
    content = login(newsroom["editor"]).get(INDEX).content.decode()

    assert lists_on(content) == {"desk-notices", *EDITOR_LISTS}
    assert titles(content, "desk-review") == ["先送的稿", "中间送的稿", "后送的稿"]
    queue = table(content, "desk-review")
    assert queue.index("边磊") < queue.index("周美玉")
    assert cn_minute(clock.now, clock.now) in queue
    assert "先送先审" in queue


def test_an_editor_sees_what_they_saved_last_and_the_scheduled_minute(newsroom, login):
    mine = story_in("review", newsroom, "我改过的稿")
    story_in("review", newsroom, "没人改过的稿")
    services.record_revision(mine, user=newsroom["editor"])
    at = timezone.localtime().replace(second=0, microsecond=0) + datetime.timedelta(days=2)
    at = at.replace(hour=8, minute=0)
    story_in("scheduled", newsroom, "后天早上的稿", at=at)
    content = login(newsroom["editor"]).get(INDEX).content.decode()

    assert titles(content, "desk-editing") == ["我改过的稿"]
    assert titles(content, "desk-scheduled") == ["后天早上的稿"]
    assert f"{at.month}月{at.day}日 08:00" in table(content, "desk-scheduled")
    assert "王总编" in table(content, "desk-scheduled")


def test_the_chief_editor_sees_signoff_today_published_and_withdrawn(newsroom, login, clock):
    every = {state: story_in(state, newsroom, f"{state}稿") for state in STATES}
    clock.advance(minutes=1)
    story_in("signoff", newsroom, "后送签的稿")
    tonight = timezone.localtime(clock.now).replace(hour=23, minute=59, second=0)
    if tonight > clock.now:
        story_in("scheduled", newsroom, "今晚的稿", at=tonight)
    content = login(newsroom["chief"]).get(INDEX).content.decode()

    assert lists_on(content) == {"desk-notices", *CHIEF_LISTS, *EDITOR_LISTS}
    assert titles(content, "desk-signoff") == ["signoff稿", "后送签的稿"]
    assert "李编辑" in table(content, "desk-signoff")
    # Tomorrow's story waits in 定时发布, not in today's schedule.
    assert titles(content, "desk-today") == (["今晚的稿"] if tonight > clock.now else [])
    assert "scheduled稿" in titles(content, "desk-scheduled")
    assert titles(content, "desk-published") == ["published稿"]
    assert titles(content, "desk-withdrawn") == ["withdrawn稿"]
    assert "数据有误。" in table(content, "desk-withdrawn")
    assert every["draft"].title not in content


def test_statistics_staff_see_the_summaries_and_no_permission_message(newsroom, login, clock):
    content = login(newsroom["stats"]).get(INDEX).content.decode()

    assert NO_PERMISSION not in content
    assert lists_on(content) == {"desk-notices"}
    today = timezone.localdate(clock.now)
    this_month = today.replace(day=1)
    last_month = (this_month - datetime.timedelta(days=1)).replace(day=1)
    page = reverse("summaries:monthly")
    assert f'href="{page}?month={this_month:%Y-%m}"' in content
    assert f'href="{page}?month={last_month:%Y-%m}"' in content
    export = reverse("summaries:export")
    assert f'href="{export}?month={last_month:%Y-%m}&amp;format=xlsx"' in content
    assert f"上月（{last_month.year}年{last_month.month}月）月度统计" in content
    # The links answer, and the app list holds only the 考核's points table they keep.
    client = login(newsroom["stats"])
    assert client.get(f"{page}?month={last_month:%Y-%m}").status_code == 200
    assert "/admin/scoring/pointsrule/" in content
    assert "/admin/articles/" not in content and "你没有查看或编辑的权限" not in content


def test_only_statistics_staff_see_the_summaries(newsroom, login):
    for role in ("reporter", "editor", "chief"):
        content = login(newsroom[role]).get(INDEX).content.decode()
        assert reverse("summaries:monthly") not in content, role
        assert "全部功能" in content


def test_the_editors_notices_show_and_are_marked_read_one_or_all(newsroom, login):
    first = story_in("review", newsroom, "第一篇")
    story_in("review", newsroom, "第二篇")
    story_in("review", newsroom, "第三篇")
    editor = newsroom["editor"]
    client = login(editor)
    content = client.get(INDEX).content.decode()
    notices = table(content, "desk-notices")
    assert "周美玉提交了《第一篇》，等待审稿。" in notices
    assert f'href="{reverse("admin:articles_article_change", args=[first.pk])}"' in notices
    url = reverse("admin:desk-notices-read")
    one = Notice.objects.get(recipient=editor, article=first)

    response = client.post(url, {"notice": [one.pk]})
    assert response.status_code == 302 and response["Location"] == f"{INDEX}#desk-notices"
    one.refresh_from_db()
    assert one.read_at is not None
    assert Notice.objects.filter(recipient=editor, read_at__isnull=True).count() == 2
    assert "第一篇" not in table(client.get(INDEX).content.decode(), "desk-notices")

    shown = Notice.objects.filter(recipient=editor, read_at__isnull=True)
    response = client.post(url, {"notice": [n.pk for n in shown]}, follow=True)
    assert "已将 2 条通知标为已读。" in response.content.decode()
    assert "没有未读通知。" in table(response.content.decode(), "desk-notices")


def test_marking_read_leaves_other_peoples_notices_and_refuses_get_and_forged_posts(
    newsroom, login
):
    story_in("review", newsroom, "稿件")
    theirs = Notice.objects.get(recipient=newsroom["editor"])
    client = login(newsroom["chief"])
    url = reverse("admin:desk-notices-read")
    client.post(url, {"notice": [theirs.pk, "٣", "-1", "9" * 30, "abc"]})
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert client.get(url).status_code == 405

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(newsroom["editor"])
    assert strict.post(url, {"notice": [theirs.pk]}).status_code == 403
    theirs.refresh_from_db()
    assert theirs.read_at is None
    # Not logged in: the admin's login page.
    assert Client().post(url, {"notice": [theirs.pk]}).status_code == 302


def test_the_lists_print_a_minute_in_beijing_time():
    now = datetime.datetime(2024, 12, 1, tzinfo=datetime.UTC)
    assert cn_minute(datetime.datetime(2024, 12, 8, 0, 0, tzinfo=datetime.UTC), now) == (
        "12月8日 08:00"
    )
    assert cn_minute(datetime.datetime(2023, 12, 7, 16, 5, tzinfo=datetime.UTC), now) == (
        "2023年12月8日 00:05"
    )
    assert cn_minute(None, now) == "—"


def _stories_in_every_state(newsroom, each: int) -> None:
    for n in range(each):
        for state in STATES:
            story_in(state, newsroom, f"{state}{n}")
        services.record_revision(
            story_in("review", newsroom, f"我改的{n}"), user=newsroom["editor"]
        )


@pytest.mark.parametrize("role", ["reporter", "editor", "chief", "stats"])
def test_the_desk_costs_the_same_queries_with_3_or_21_stories_each(
    newsroom, login, django_assert_num_queries, role
):
    client = login(newsroom[role])
    _stories_in_every_state(newsroom, 3)
    client.get(INDEX)  # warm the session
    with CaptureQueriesContext(connection) as few:
        client.get(INDEX)
    _stories_in_every_state(newsroom, 18)

    with django_assert_num_queries(len(few.captured_queries)):
        content = client.get(INDEX).content.decode()
    if role == "editor":
        assert len(titles(content, "desk-review")) == 20
        assert "到稿件列表查看全部：待审" in content


def test_statistics_and_the_chief_editor_find_the_rankings_on_their_desk(newsroom, login):
    for role, shown in (("stats", True), ("chief", True), ("editor", False), ("reporter", False)):
        html = login(newsroom[role]).get("/admin/").content.decode()
        assert ("宣传信息考核" in html) is shown, role
        if shown:
            assert "/admin/scoring/?period=" in html and "/admin/scoring/notice/?period=" in html
