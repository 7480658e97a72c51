"""Filing a piece at /contribute/new/: it lands in the editors' 待审 queue as the
correspondent's story, credited to them, for the union they chose; refused input saves
nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.contribute.forms import MAX_PHOTOS, MAX_PIECE_CHARS
from articles.models import Article, ArticleStatus, Photo
from articles.workflow.models import Notice, Transition, TransitionAction
from tests.contribute.conftest import PIECE, png
from tests.factories import make_topic

pytestmark = pytest.mark.django_db

NEW = reverse("contribute:new-piece")


def file(client, union, text=PIECE, **extra):
    return client.post(NEW, {"union": union.pk, "text": text, **extra})


def test_a_pasted_piece_is_sent_to_the_editors_queue(correspondent, unions, staff, as_user):
    topic = make_topic("送温暖", is_featured=True)
    client = as_user(correspondent.user)
    response = file(client, unions["tianqiao"], topic=topic.pk)

    story = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("contribute:piece", args=[story.pk])
    assert story.title == "天桥街道总工会为300名一线职工送温暖"
    assert story.dateline == "本报讯"
    assert story.body.startswith("近日，天桥街道总工会走访慰问")
    assert story.status == ArticleStatus.REVIEW
    assert story.created_by == correspondent.user
    assert story.source_union == unions["tianqiao"]
    assert list(story.unions.all()) == [unions["tianqiao"]]
    assert list(story.topics.all()) == [topic]
    # The copy named them: credited once, as their own contributor.
    credits = list(story.credits.all())
    assert [(c.contributor, c.role) for c in credits] == [
        (correspondent.contributor, "correspondent")
    ]
    assert story.byline == "本报讯（通讯员 张小红）"
    assert story.revisions.get().number == 1
    assert Transition.objects.get(article=story).action == TransitionAction.SUBMIT
    # The editors are told, on their desk and by mail.
    assert Notice.objects.filter(recipient=staff["editor"], article=story).exists()

    desk = as_user(staff["editor"]).get(reverse("admin:index")).content.decode()
    assert story.title in desk.split('id="desk-review"')[1].split("</table>")[0]


def test_the_credit_is_added_when_the_copy_leaves_it_out(correspondent, unions, as_user):
    text = "职工书屋新添图书500册\n天桥街道总工会职工书屋日前新添图书500册，涵盖技能、文学等类别。"
    file(as_user(correspondent.user), unions["tianqiao"], text=text)
    story = Article.objects.get()
    assert [(c.contributor, c.role) for c in story.credits.all()] == [
        (correspondent.contributor, "correspondent")
    ]


def test_photos_go_through_the_photo_pipeline(correspondent, unions, as_user):
    client = as_user(correspondent.user)
    file(
        client,
        unions["tianqiao"],
        photos=[png(name="a.png"), png((10, 120, 40), name="b.png")],
        captions="慰问现场\n职工领取礼包",
    )
    story = Article.objects.get()
    photos = list(story.photos.all())
    assert [p.caption for p in photos] == ["慰问现场", "职工领取礼包"]
    assert all(p.renditions for p in photos)
    assert all(p.image.name.rsplit("/", 1)[-1] not in ("a.png", "b.png") for p in photos)
    page = client.get(reverse("contribute:piece", args=[story.pk])).content.decode()
    assert page.count("<picture>") == 2


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"text": ""}, "text", "请上传 Word 文件，或者粘贴稿件文字"),
        ({"text": "只有一行没有标题的文字"}, "text", "请把标题放在第一行"),
        ({"text": "标" * (MAX_PIECE_CHARS + 1)}, "text", "最多"),
        ({"text": PIECE + "\x00"}, "text", "空字符"),
        ({"topic": "999999"}, "topic", "选择一个有效的选项"),
        ({"topic": "abc"}, "topic", "选择一个有效的选项"),
        ({"union": "abc"}, "union", "选择一个有效的选项"),
        # Django's 这个字段是必填项 or, with DRF's catalogue installed, 该字段是必填项.
        ({"union": ""}, "union", "字段是必填项"),
        ({"union": "1e99"}, "union", "选择一个有效的选项"),
    ],
)
def test_bad_input_is_a_form_error_and_saves_nothing(
    correspondent, unions, as_user, data, field, message
):
    post = {"union": unions["tianqiao"].pk, "text": PIECE, **data}
    response = as_user(correspondent.user).post(NEW, post)
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors.get(field, []))
    assert message in errors, response.context["form"].errors
    assert not Article.objects.exists()


def test_a_forged_union_is_refused_and_nothing_saved(correspondent, unions, as_user):
    response = file(as_user(correspondent.user), unions["other"])
    assert response.status_code == 200
    assert "选择一个有效的选项" in " ".join(response.context["form"].errors["union"])
    assert not Article.objects.exists()


def test_a_correspondent_of_two_unions_files_for_either(make_correspondent, unions, as_user):
    both = make_correspondent("tong2", "李红", union_keys=("tianqiao", "other"))
    client = as_user(both.user)
    file(client, unions["other"])
    assert Article.objects.get().source_union == unions["other"]


def test_a_file_that_is_not_a_photo_is_refused_and_nothing_saved(correspondent, unions, as_user):
    fake = SimpleUploadedFile("photo.jpg", b"<html>not a photo</html>", content_type="image/jpeg")
    response = file(as_user(correspondent.user), unions["tianqiao"], photos=[png(), fake])
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["photos"])
    assert "第 2 张" in errors and "JPEG、PNG" in errors
    assert not Article.objects.exists() and not Photo.objects.exists()


def test_too_many_photos_are_refused(correspondent, unions, as_user):
    many = [png(name=f"{n}.png") for n in range(MAX_PHOTOS + 1)]
    response = file(as_user(correspondent.user), unions["tianqiao"], photos=many)
    assert f"最多上传 {MAX_PHOTOS} 张" in " ".join(response.context["form"].errors["photos"])
    assert not Article.objects.exists()


def test_a_text_the_parser_reads_as_two_pieces_is_refused(correspondent, unions, as_user):
    two = (
        PIECE
        + "\n丰台区职工技能大赛落幕\n本报讯（通讯员 张小红）丰台区第十届职工技能大赛日前落幕。"
    )
    response = file(as_user(correspondent.user), unions["tianqiao"], text=two)
    assert response.status_code == 200
    assert "一次只投一篇" in " ".join(response.context["form"].errors["text"])
    assert not Article.objects.exists()


def test_an_inactive_correspondent_cannot_file(correspondent, unions, as_user):
    correspondent.active = False
    correspondent.save()
    response = file(as_user(correspondent.user), unions["tianqiao"])
    assert response.status_code == 403
    assert not Article.objects.exists()
