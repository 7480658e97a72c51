"""The audit list, the roles a fresh database has, and the demo users."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleStatus
from articles.workflow import services
from articles.workflow.models import Transition
from articles.workflow.roles import ROLES
from tests.factories import make_article, make_union
from unions.models import UnionLevel

pytestmark = pytest.mark.django_db


def test_each_role_has_exactly_its_permissions(roles):
    for name, perms in ROLES.items():
        group = Group.objects.get(name=name)
        granted = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
        assert granted == set(perms), name
    assert "articles.publish_article" in ROLES["总编辑"]
    assert not any("publish_article" in p for n, ps in ROLES.items() if n != "总编辑" for p in ps)
    # Federation staff read the figures and keep the 考核's points table, nothing of the copy.
    assert {p.split(".")[0] for p in ROLES["统计"]} == {"summaries", "scoring"}


def test_the_audit_lists_transitions_and_restores_by_user_and_date(newsroom, login):
    story = make_article(status=ArticleStatus.DRAFT, created_by=newsroom["reporter"])
    services.record_revision(story, user=newsroom["reporter"])
    services.submit(story, user=newsroom["reporter"])
    services.publish(story, user=newsroom["chief"])
    services.restore_revision(story, story.revisions.get(number=1), user=newsroom["chief"])
    Transition.objects.filter(user=newsroom["reporter"]).update(
        at=timezone.now() - datetime.timedelta(days=40)
    )
    client = login(newsroom["chief"])
    url = reverse("admin:workflow_transition_changelist")

    everything = client.get(url).context["cl"].result_list
    assert [t.action for t in everything] == ["restore", "publish", "submit"]
    by_user = client.get(url, {"user__id__exact": newsroom["reporter"].pk})
    assert [t.action for t in by_user.context["cl"].result_list] == ["submit"]
    week_ago = timezone.localtime() - datetime.timedelta(days=7)
    this_week = client.get(url, {"at__gte": week_ago.isoformat()})
    assert [t.action for t in this_week.context["cl"].result_list] == ["restore", "publish"]
    # Read-only: nobody edits the audit.
    assert client.get(reverse("admin:workflow_transition_add")).status_code == 403
    one = everything[0]
    page = client.get(reverse("admin:workflow_transition_change", args=[one.pk]))
    assert (
        page.status_code == 200
        and "保存" not in page.content.decode().split("submit-row")[-1][:300]
    )


@pytest.mark.parametrize("stories", [1, 50])
def test_the_admin_changelist_query_count_is_flat(
    newsroom, login, django_assert_max_num_queries, stories
):
    for n in range(stories):
        make_article(f"稿件{n}", status=ArticleStatus.DRAFT, created_by=newsroom["reporter"])
    client = login(newsroom["editor"])
    client.get(reverse("admin:articles_article_changelist"))  # warm the session
    with django_assert_max_num_queries(14):
        response = client.get(reverse("admin:articles_article_changelist"))
    assert len(response.context["cl"].result_list) == stories


def test_demo_users_exist_one_per_role(roles, settings, capsys):
    settings.DEBUG = True
    make_union("西城区天桥街道总工会", level=UnionLevel.STREET)  # the demo seed's
    call_command("demo_admin")
    out = capsys.readouterr().out
    for username in ("admin", "reporter", "editor", "chief", "stats", "tongxunyuan"):
        assert username in out
    assert Group.objects.get(name="总编辑").user_set.get().username == "chief"
    correspondent = Group.objects.get(name="通讯员").user_set.get()
    assert correspondent.username == "tongxunyuan" and not correspondent.is_staff
    # Every desk has copy in flight on the first click, once; the correspondent has a
    # piece in every state of theirs (已收到, 编辑中, 已采用, 未采用, 已撤回).
    states = sorted(a.status for a in Article.objects.filter(source_union__isnull=True))
    assert states == ["draft", "published", "returned", "review", "signoff"]
    assert Article.objects.scheduled().count() == 1
    filed = sorted(a.status for a in Article.objects.filter(created_by=correspondent))
    assert filed == ["declined", "draft", "published", "review", "signoff"]
    call_command("demo_admin")
    assert Article.objects.count() == 10
