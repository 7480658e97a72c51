"""签发 against the copy desk, through the admin's real views: open errors stop it unless
the chief editor gives a reason, which the audit keeps; warnings never stop it."""

import datetime

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from articles.copydesk.models import StoryCheck
from articles.models import Article, ArticleStatus
from articles.workflow import services
from articles.workflow.models import Transition, TransitionAction
from articles.workflow.roles import CHIEF_EDITOR, EDITOR, sync_roles
from tests.factories import make_article

pytestmark = pytest.mark.django_db

# Real copy with the mistakes copy arrives with: a date in the wrong form (an error), a
# time in the wrong form (a warning).
WRONG_DATE = "2024-1-23，西城区天桥街道总工会启动“两节”送温暖活动。"
WRONG_TIME = "活动于上午9点开始，辖区职工到天桥街道工会服务站扫码领取提货券。"
CLEAN = "近日，西城区天桥街道总工会“两节”送温暖活动开启。"

FORM = {
    "kicker": "",
    "subtitle": "",
    "kind": "news",
    "dateline": "本报讯",
    "lead": "",
    "tags": "",
    "slug": "",
    "transition_comment": "",
    "copy_override": "",
    "credits-TOTAL_FORMS": "0",
    "credits-INITIAL_FORMS": "0",
    "photos-TOTAL_FORMS": "0",
    "photos-INITIAL_FORMS": "0",
}


@pytest.fixture
def staff(django_user_model):
    sync_roles(apps)  # a live-server test before this one may have flushed the groups

    def member(username, group):
        user = django_user_model.objects.create_user(username=username, is_staff=True)
        user.groups.add(Group.objects.get(name=group))
        return user

    editor, chief = member("editor", EDITOR), member("chief", CHIEF_EDITOR)
    # An editor who may sign off (签发) but not past the copy desk.
    signing = member("signing_editor", EDITOR)
    signing.user_permissions.add(Permission.objects.get(codename="publish_article"))
    return {"editor": editor, "chief": chief, "signing": signing}


def story(body: str, user) -> Article:
    article = make_article(
        "天桥街道总工会为职工送出“温暖礼包”", status=ArticleStatus.SIGNOFF, body=body
    )
    services.record_revision(article, user=user, note="新建")
    return article


def post(client, article: Article, **changes):
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = {**FORM, "title": article.title, "body": article.body, "version": article.version}
    return client.post(url, {**data, **changes})


def client_of(client, user):
    client.force_login(user)
    return client


def test_a_kept_revision_keeps_the_storys_check(staff):
    article = story(WRONG_DATE + "\n" + WRONG_TIME, staff["editor"])
    check = StoryCheck.objects.get(article=article)
    assert (check.errors, check.warnings) == (1, 1)
    assert [(f["field"], f["check"], f["excerpt"]) for f in check.findings] == [
        ("body", "numbers", "2024-1-23"),
        ("body", "numbers", "上午9点"),
    ]


def test_the_change_form_shows_each_finding_with_its_fix(client, staff):
    article = story(WRONG_DATE, staff["editor"])
    page = client_of(client, staff["editor"]).get(
        reverse("admin:articles_article_change", args=[article.pk])
    )
    html = page.content.decode()
    assert "1 处错误" in html
    assert 'data-field="body"' in html and 'data-excerpt="2024-1-23"' in html
    assert 'data-replacement="2024年1月23日"' in html
    assert "改为 2024年1月23日" in html
    # The list shows the count too.
    listing = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "1处错误" in listing


def test_an_editor_cannot_sign_off_at_all(client, staff):
    article = story(WRONG_DATE, staff["editor"])
    response = post(client_of(client, staff["editor"]), article, _transition="publish")
    assert response.status_code == 403
    assert Article.objects.get(pk=article.pk).status == ArticleStatus.SIGNOFF


def test_an_editor_who_may_sign_off_may_not_pass_an_error_even_with_a_reason(client, staff):
    article = story(WRONG_DATE, staff["editor"])
    response = post(
        client_of(client, staff["signing"]),
        article,
        _transition="publish",
        copy_override="领导已同意",
        title="改过的标题",
    )
    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.non_field_errors())
    assert "只有总编辑可写明理由后越过" in errors and "2024-1-23" in errors
    stored = Article.objects.get(pk=article.pk)
    # Nothing saved: neither the state nor the title typed with the refused 签发.
    assert (stored.status, stored.title, stored.version) == (
        ArticleStatus.SIGNOFF,
        article.title,
        article.version,
    )


def test_the_chief_editor_without_a_reason_is_refused(client, staff):
    article = story(WRONG_DATE, staff["editor"])
    response = post(client_of(client, staff["chief"]), article, _transition="publish")
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "越过校对的理由" in " ".join(form.errors["copy_override"])
    assert Article.objects.get(pk=article.pk).status == ArticleStatus.SIGNOFF
    assert not Transition.objects.filter(article=article).exists()


def test_an_error_typed_in_the_form_is_caught_before_anything_is_saved(client, staff):
    article = story(CLEAN, staff["editor"])
    response = post(
        client_of(client, staff["chief"]),
        article,
        _transition="publish",
        body=CLEAN + "\n本报讯(记者 王伟)活动持续到2月。",
    )
    assert response.status_code == 200
    refusal = " ".join(response.context["adminform"].form.errors["copy_override"])
    assert "本报讯(记者 王伟)" in refusal
    assert Article.objects.get(pk=article.pk).body == CLEAN


def test_the_chief_editor_with_a_reason_publishes_and_the_audit_shows_it(client, staff):
    article = story(WRONG_DATE, staff["editor"])
    chief = client_of(client, staff["chief"])
    response = post(
        chief, article, _transition="publish", copy_override="原稿日期格式照录，明日更正"
    )
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).is_public
    done = Transition.objects.get(article=article, action=TransitionAction.PUBLISH)
    assert done.copy_override == "原稿日期格式照录，明日更正"
    assert [(f["excerpt"], f["check"]) for f in done.overridden_findings] == [
        ("2024-1-23", "numbers")
    ]
    audit = chief.get(reverse("admin:workflow_transition_changelist")).content.decode()
    assert "原稿日期格式照录，明日更正" in audit and "越过 1 处错误" in audit


def test_scheduling_is_held_to_the_same_rule(client, staff):
    article = story(WRONG_DATE, staff["editor"])
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    when = {"publish_at_0": tomorrow.strftime("%Y-%m-%d"), "publish_at_1": "08:00:00"}
    chief = client_of(client, staff["chief"])
    refused = post(chief, article, _transition="schedule", **when)
    assert refused.status_code == 200
    assert Article.objects.get(pk=article.pk).status == ArticleStatus.SIGNOFF
    done = post(chief, article, _transition="schedule", copy_override="日期待更正", **when)
    assert done.status_code == 302
    assert Article.objects.get(pk=article.pk).is_scheduled


def test_warnings_do_not_stop_a_sign_off(client, staff):
    article = story(WRONG_TIME, staff["editor"])
    response = post(client_of(client, staff["chief"]), article, _transition="publish")
    assert response.status_code == 302
    done = Transition.objects.get(article=article, action=TransitionAction.PUBLISH)
    assert (done.copy_override, done.overridden_findings) == ("", [])


def test_the_service_itself_refuses_too(staff):
    article = story(WRONG_DATE, staff["editor"])
    with pytest.raises(ValidationError) as refusal:
        services.publish(article, user=staff["chief"])
    assert "copy_override" in refusal.value.message_dict
    services.publish(article, user=staff["chief"], copy_override="照录原稿")
    assert Article.objects.get(pk=article.pk).is_public


def test_the_story_list_filters_by_the_last_check(client, staff):
    wrong = story(WRONG_DATE, staff["editor"])
    warned = story(WRONG_TIME, staff["editor"])
    clean = story(CLEAN, staff["editor"])
    client_of(client, staff["editor"])
    url = reverse("admin:articles_article_changelist")
    for value, expected in (("errors", wrong), ("warnings", warned), ("clean", clean)):
        listed = client.get(url, {"copy": value}).context["cl"].result_list
        assert [article.pk for article in listed] == [expected.pk]
    assert client.get(url, {"copy": "nonsense"}).status_code == 200


def test_the_chief_editors_signoff_queue_shows_the_check(client, staff):
    story(WRONG_DATE, staff["editor"])
    story(CLEAN, staff["editor"])
    desk = client_of(client, staff["chief"]).get(reverse("admin:index")).content.decode()
    queue = desk[desk.index('id="desk-signoff"') :]
    queue = queue[: queue.index("</table>")]
    assert "校对" in queue and "1处错误" in queue and "无问题" in queue
