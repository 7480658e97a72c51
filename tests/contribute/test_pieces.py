"""My pieces: each state in the correspondent's words, the reason of a 不采用, where an
adopted piece was printed; 撤回 before an editor takes it up, and not after; sending a
called-back piece again or deleting it; the notices' e-mails reach the correspondent."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from articles.contribute import services
from articles.contribute.services import Piece
from articles.models import Article, ArticleStatus
from articles.pageimport.services import parse_dump
from articles.workflow import services as workflow
from tests.contribute.conftest import PIECE
from tests.factories import make_print_page

pytestmark = pytest.mark.django_db

LIST = reverse("contribute:pieces")


def filed(correspondent, union, title="天桥街道总工会为300名一线职工送温暖"):
    text = PIECE.replace("天桥街道总工会为300名一线职工送温暖", title, 1)
    return services.file_piece(
        correspondent=correspondent,
        union=union,
        topic=None,
        piece=Piece(article=parse_dump(text).articles[0]),
    )


def take_up(story, editor):
    """An editor saves a change: the piece is theirs now."""
    story.body += "\n编辑补充的一段。"
    story.save()
    workflow.record_revision(story, user=editor)


def states(client) -> dict[str, str]:
    return {row.article.title: row.state.label for row in client.get(LIST).context["rows"]}


def test_each_state_is_shown_in_the_correspondents_words(correspondent, unions, staff, as_user):
    editor, chief = staff["editor"], staff["chief"]
    union = unions["tianqiao"]
    received = filed(correspondent, union, "甲 已收到的稿件")
    taken = filed(correspondent, union, "乙 编辑修改中的稿件")
    take_up(taken, editor)
    passed = filed(correspondent, union, "丙 待签发的稿件")
    workflow.pass_on(passed, user=editor)
    adopted = filed(correspondent, union, "丁 已采用的稿件")
    adopted.print_page, adopted.print_order = make_print_page(), 1
    adopted.save()
    workflow.publish(adopted, user=chief)
    declined = filed(correspondent, union, "戊 未采用的稿件")
    workflow.decline(declined, user=editor, comment="内容与本报前日报道重复")
    recalled = filed(correspondent, union, "己 撤回的稿件")
    services.recall_piece(recalled, user=correspondent.user)

    client = as_user(correspondent.user)
    assert states(client) == {
        received.title: "已收到",
        taken.title: "编辑中",
        passed.title: "编辑中",
        adopted.title: "已采用",
        declined.title: "未采用",
        recalled.title: "已撤回",
    }
    page = client.get(LIST).content.decode()
    assert "刊于2024年1月23日 第3版" in page
    assert adopted.get_absolute_url() in page
    assert "编辑部意见：内容与本报前日报道重复" in page

    detail = client.get(reverse("contribute:piece", args=[declined.pk])).content.decode()
    assert "未采用" in detail and "内容与本报前日报道重复" in detail
    detail = client.get(reverse("contribute:piece", args=[adopted.pk])).content.decode()
    assert "刊于2024年1月23日 第3版" in detail and adopted.get_absolute_url() in detail


def test_a_scheduled_piece_is_still_being_edited(correspondent, unions, staff, as_user, clock):
    story = filed(correspondent, unions["tianqiao"])
    workflow.pass_on(story, user=staff["editor"])
    clock.advance(minutes=1)
    workflow.schedule(story, user=staff["chief"], at=clock.now.replace(year=clock.now.year + 1))
    assert states(as_user(correspondent.user)) == {story.title: "编辑中"}


def test_the_list_asks_a_flat_number_of_queries(
    correspondent, unions, staff, as_user, django_assert_max_num_queries
):
    client = as_user(correspondent.user)
    for n in range(12):
        story = filed(correspondent, unions["tianqiao"], f"稿件{n}号送温暖")
        workflow.pass_on(story, user=staff["editor"])
    client.get(LIST)
    with django_assert_max_num_queries(8):
        assert len(client.get(LIST).context["rows"]) == 12


def test_a_piece_is_recalled_before_an_editor_takes_it_up(correspondent, unions, as_user):
    story = filed(correspondent, unions["tianqiao"])
    client = as_user(correspondent.user)
    detail = reverse("contribute:piece", args=[story.pk])
    assert "撤回这篇稿件" in client.get(detail).content.decode()

    response = client.post(reverse("contribute:recall", args=[story.pk]), follow=True)
    story.refresh_from_db()
    assert story.status == ArticleStatus.DRAFT
    assert "已撤回" in response.content.decode()

    # Sent again: back in 待审.
    client.post(reverse("contribute:resend", args=[story.pk]))
    story.refresh_from_db()
    assert story.status == ArticleStatus.REVIEW


def test_a_recalled_piece_can_be_deleted_and_only_that(correspondent, unions, as_user):
    story = filed(correspondent, unions["tianqiao"])
    client = as_user(correspondent.user)
    # Still in 待审: not deleted.
    client.post(reverse("contribute:delete", args=[story.pk]))
    assert Article.objects.filter(pk=story.pk).exists()

    client.post(reverse("contribute:recall", args=[story.pk]))
    response = client.post(reverse("contribute:delete", args=[story.pk]))
    assert response.status_code == 302 and response["Location"] == LIST
    assert not Article.objects.filter(pk=story.pk).exists()


def test_recall_is_refused_once_an_editor_took_the_piece_up(correspondent, unions, staff, as_user):
    story = filed(correspondent, unions["tianqiao"])
    take_up(story, staff["editor"])
    client = as_user(correspondent.user)
    assert (
        "撤回这篇稿件"
        not in client.get(reverse("contribute:piece", args=[story.pk])).content.decode()
    )

    response = client.post(reverse("contribute:recall", args=[story.pk]), follow=True)
    story.refresh_from_db()
    assert story.status == ArticleStatus.REVIEW
    assert "编辑已经开始处理这篇稿件，不能再撤回" in response.content.decode()


def test_actions_take_only_post(correspondent, unions, as_user):
    story = filed(correspondent, unions["tianqiao"])
    client = as_user(correspondent.user)
    for name in ("recall", "resend", "delete"):
        assert client.get(reverse(f"contribute:{name}", args=[story.pk])).status_code == 405
    story.refresh_from_db()
    assert story.status == ArticleStatus.REVIEW


def test_recall_needs_the_csrf_token(correspondent, unions):
    from django.test import Client

    story = filed(correspondent, unions["tianqiao"])
    client = Client(enforce_csrf_checks=True)
    client.force_login(correspondent.user)
    assert client.post(reverse("contribute:recall", args=[story.pk])).status_code == 403
    story.refresh_from_db()
    assert story.status == ArticleStatus.REVIEW


def test_the_correspondent_is_mailed_on_publication_and_on_decline(
    correspondent, unions, staff, django_capture_on_commit_callbacks
):
    published = filed(correspondent, unions["tianqiao"], "天桥街道总工会送温暖")
    declined = filed(correspondent, unions["tianqiao"], "天桥街道总工会开展读书会")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(published, user=staff["chief"])
        workflow.decline(declined, user=staff["editor"], comment="活动规模较小，未能刊用")
    to_them = [m for m in mail.outbox if correspondent.user.email in m.to]
    assert [m.subject for m in to_them] == [
        "【签发】天桥街道总工会送温暖",
        "【不采用】天桥街道总工会开展读书会",
    ]
    assert "原因：活动规模较小，未能刊用" in to_them[1].body
    # The link opens the piece on their desk: the admin is closed to them.
    assert f"/contribute/{declined.pk}/" in to_them[1].body
    assert "/admin/" not in to_them[1].body


def test_an_adopted_piece_shows_its_points_from_the_scoring_room(
    correspondent, unions, staff, as_user
):
    from articles.scoring.awards import points_for

    story = filed(correspondent, unions["tianqiao"])
    story.print_page, story.print_order = make_print_page(), 1
    story.save()
    workflow.publish(story, user=staff["chief"])
    points = points_for([story.pk], contributor_id=correspondent.contributor_id)
    assert story.pk in points
    # Printed without trailing zeros: 4, 2.5.
    shown = f"{points[story.pk].normalize():f}"
    client = as_user(correspondent.user)
    assert re.search(rf"积分 {re.escape(shown)}(?![\d.])", client.get(LIST).content.decode())
    detail = client.get(reverse("contribute:piece", args=[story.pk])).content.decode()
    assert f"考核积分：{shown}。" in detail
