"""A workflow that talks: each transition tells the people it concerns (on their desk and
by e-mail), a returned story carries its reason, a note on a plain save is kept, and the
steps that cannot be undone ask first and name the story."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleKind, ArticleStatus
from articles.workflow import services
from articles.workflow.models import Notice, Revision
from articles.workflow.preview import preview_url
from tests.factories import make_article
from tests.workflow.test_permission_matrix import change_url, form_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(newsroom):
    for user in newsroom.values():
        user.first_name, user.email = "", f"{user.username}@news.example.org"
        user.save()
    newsroom["reporter"].last_name, newsroom["reporter"].first_name = "边", "磊"
    newsroom["reporter"].save()
    return newsroom


def inbox(user) -> list[str]:
    return list(Notice.objects.filter(recipient=user).values_list("text", flat=True))


def outbox_to(user) -> list[str]:
    return [m.body for m in mail.outbox if user.email in m.to]


def test_each_step_tells_the_people_it_concerns(people, django_capture_on_commit_callbacks):
    reporter, editor, chief = people["reporter"], people["editor"], people["chief"]
    story = make_article("天桥街道送温暖", status=ArticleStatus.DRAFT, created_by=reporter)

    with django_capture_on_commit_callbacks(execute=True):
        services.submit(story, user=reporter)
    assert inbox(editor) == ["边磊提交了《天桥街道送温暖》，等待审稿。"]
    assert inbox(chief) == [] and inbox(reporter) == []  # the reporter did it themselves
    assert len(outbox_to(editor)) == 1

    with django_capture_on_commit_callbacks(execute=True):
        services.return_to_reporter(story, user=editor, comment="第二段人数请核实")
    story.refresh_from_db()
    assert story.status == ArticleStatus.RETURNED
    assert inbox(reporter) == ["editor退回了《天桥街道送温暖》。原因：第二段人数请核实。"]
    assert "第二段人数请核实" in outbox_to(reporter)[0]
    assert reverse("admin:articles_article_change", args=[story.pk]) in outbox_to(reporter)[0]

    services.submit(story, user=reporter)
    with django_capture_on_commit_callbacks(execute=True):
        services.pass_on(story, user=editor)
    assert inbox(chief) == ["editor审毕《天桥街道送温暖》，送您签发。"]
    assert len(outbox_to(chief)) == 1

    with django_capture_on_commit_callbacks(execute=True):
        services.publish(story, user=chief)
    assert inbox(reporter)[0] == "chief_editor签发了《天桥街道送温暖》。"
    assert len(outbox_to(reporter)) == 2


def test_a_return_needs_its_reason(people):
    story = make_article(status=ArticleStatus.REVIEW, created_by=people["reporter"])
    with pytest.raises(services.ValidationError):
        services.return_to_reporter(story, user=people["editor"], comment="  ")
    assert Article.objects.get(pk=story.pk).status == ArticleStatus.REVIEW


def test_the_form_refuses_a_return_without_a_reason(people, login):
    story = make_article(status=ArticleStatus.REVIEW, created_by=people["reporter"])
    services.record_revision(story, user=None)
    response = login(people["editor"]).post(
        change_url(story), form_for(story, _transition="return")
    )
    assert response.status_code == 200
    assert "退回时请写明原因" in response.content.decode()
    assert Article.objects.get(pk=story.pk).status == ArticleStatus.REVIEW


def test_a_note_on_a_plain_save_is_kept_with_its_revision(people, login):
    story = make_article(status=ArticleStatus.DRAFT, created_by=people["reporter"])
    services.record_revision(story, user=None)
    login(people["reporter"]).post(
        change_url(story), form_for(story, transition_comment="补了采访对象的职务")
    )
    latest = Revision.objects.filter(article=story).order_by("-number").first()
    assert (latest.note, latest.comment) == ("修改", "补了采访对象的职务")


def test_a_reporter_calls_back_a_story_until_an_editor_takes_it_up(people, login):
    reporter, editor = people["reporter"], people["editor"]
    story = make_article(status=ArticleStatus.DRAFT, created_by=reporter)
    services.record_revision(story, user=reporter)
    services.submit(story, user=reporter)
    assert "recall" in services.allowed_actions(story, reporter)
    page = login(reporter).get(change_url(story)).content.decode()
    assert reverse("admin:articles_article_transition", args=[story.pk, "recall"]) in page

    services.record_revision(story, user=editor, note="修改")  # the editor took it up
    assert services.allowed_actions(story, reporter) == []
    url = reverse("admin:articles_article_transition", args=[story.pk, "recall"])
    assert login(reporter).post(url, {"comment": ""}).status_code == 403
    assert Article.objects.get(pk=story.pk).status == ArticleStatus.REVIEW


def test_withdrawing_asks_first_naming_the_story_and_wants_a_reason(people, login):
    story = make_article("朝阳区职工书屋开放", published_at=timezone.now())
    client = login(people["chief"])
    url = reverse("admin:articles_article_transition", args=[story.pk, "withdraw"])
    assert url in client.get(change_url(story)).content.decode()

    page = client.get(url).content.decode()
    assert "确定要撤稿稿件<strong>《朝阳区职工书屋开放》</strong>吗" in page
    assert Article.objects.get(pk=story.pk).status == ArticleStatus.PUBLISHED

    refused = client.post(url, {"comment": ""})
    assert "撤稿时请写明原因" in refused.content.decode()
    assert Article.objects.get(pk=story.pk).status == ArticleStatus.PUBLISHED

    assert client.post(url, {"comment": "数字有误"}).status_code == 302
    assert Article.objects.get(pk=story.pk).status == ArticleStatus.WITHDRAWN


def test_an_unknown_or_unconfirmed_action_is_no_page(people, login):
    story = make_article(published_at=timezone.now())
    client = login(people["chief"])
    for action in ("publish", "nonsense"):
        url = reverse("admin:articles_article_transition", args=[story.pk, action])
        assert client.get(url).status_code == 404


def test_a_withdrawn_storys_old_preview_link_is_dead(people):
    story = make_article("预览稿", status=ArticleStatus.REVIEW, created_by=people["reporter"])
    services.record_revision(story, user=people["reporter"])
    before = preview_url(story)
    assert Client().get(before).status_code == 200
    services.publish(story, user=people["chief"])
    assert Client().get(before).status_code == 404  # published: the draft link is dead
    after_publish = preview_url(story)
    assert Client().get(after_publish).status_code == 200
    services.withdraw(story, user=people["chief"], comment="失实")
    assert Client().get(after_publish).status_code == 404


def test_a_published_story_is_withdrawn_not_deleted_except_by_a_superuser(
    people, login, django_user_model
):
    story = make_article("已发布的报道", published_at=timezone.now() - datetime.timedelta(hours=1))
    delete = reverse("admin:articles_article_delete", args=[story.pk])
    chief = login(people["chief"])
    delete_link = f'href="{delete}" class="deletelink"'
    assert delete_link not in chief.get(change_url(story)).content.decode()
    assert chief.post(delete, {"post": "yes"}).status_code == 403
    assert Article.objects.filter(pk=story.pk).exists()

    root = django_user_model.objects.create_superuser("root", "root@example.org", "pw")
    chief.force_login(root)
    page = chief.get(delete).content.decode()
    assert "已发布的报道" in page and "object (" not in page
    chief.post(delete, {"post": "yes"})
    assert not Article.objects.filter(pk=story.pk).exists()


def test_a_reporter_deletes_their_own_draft_after_a_page_naming_it(people, login):
    story = make_article("我的草稿", status=ArticleStatus.DRAFT, created_by=people["reporter"])
    services.record_revision(story, user=people["reporter"])
    client = login(people["reporter"])
    page = client.get(reverse("admin:articles_article_delete", args=[story.pk])).content.decode()
    assert "《我的草稿》" in page and "修改记录 1 条" in page and "object (" not in page
    client.post(reverse("admin:articles_article_delete", args=[story.pk]), {"post": "yes"})
    assert not Article.objects.filter(pk=story.pk).exists()


def test_the_list_offers_no_bulk_deletion(people, login):
    response = login(people["chief"]).get(reverse("admin:articles_article_changelist"))
    assert "delete_selected" not in response.content.decode()


def test_a_correction_starts_from_the_story_it_corrects(people, login):
    story = make_article("天桥街道送出1030份礼包", published_at=timezone.now())
    client = login(people["chief"])
    page = client.get(change_url(story)).content.decode()
    add = reverse("admin:articles_article_add") + f"?corrects={story.pk}"
    assert add.replace("&", "&amp;") in page
    form = client.get(add).context["adminform"].form
    assert form.initial["title"] == "更正：天桥街道送出1030份礼包"
    assert form.initial["kind"] == ArticleKind.CORRECTION
    assert str(form.initial["corrects"]) == str(story.pk)
    # A forged or unpublished target prefills nothing, and is no error.
    for bad in ("abc", "99999999999999999999", "0"):
        response = client.get(reverse("admin:articles_article_add") + f"?corrects={bad}")
        assert response.status_code == 200
        assert "title" not in response.context["adminform"].form.initial


def test_a_returned_story_shows_the_reason_on_its_form(people, login):
    story = make_article("丰台区职工技能大赛落幕", status=ArticleStatus.DRAFT)
    story.created_by = people["reporter"]
    story.save()
    services.record_revision(story, user=people["reporter"])
    services.submit(story, user=people["reporter"])
    services.return_to_reporter(story, user=people["editor"], comment="请补充获奖选手的名次")
    page = login(people["reporter"]).get(change_url(story)).content.decode()
    assert "当前状态：已退回" in page
    assert "退回原因：</strong>请补充获奖选手的名次（editor，" in page
