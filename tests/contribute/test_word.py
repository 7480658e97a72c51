"""Filing a Word file: the page import's Word reader and `save_docx` make the story with
its photos and captions, the desk credits it to the correspondent and sends it to 待审;
a file the reader refuses shows its Chinese message and saves nothing."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article, ArticleStatus, Photo
from articles.workflow.models import TransitionAction
from tests.contribute.conftest import PIECE, png, word_file
from tests.factories import make_contributor

pytestmark = pytest.mark.django_db

NEW = reverse("contribute:new-piece")


def send(client, union, document, **extra):
    return client.post(NEW, {"union": union.pk, "document": document, **extra})


def test_a_word_file_is_filed_with_its_photos(correspondent, unions, staff, as_user):
    client = as_user(correspondent.user)
    response = send(client, unions["tianqiao"], word_file(photos=2), photos=[png()])

    story = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("contribute:piece", args=[story.pk])
    assert story.title == "天桥街道总工会为300名一线职工送温暖"
    assert story.status == ArticleStatus.REVIEW
    assert story.created_by == correspondent.user
    assert story.source_union == unions["tianqiao"]
    assert unions["tianqiao"] in story.unions.all()
    assert [(c.contributor, c.role) for c in story.credits.all()] == [
        (correspondent.contributor, "correspondent")
    ]
    # The file's two photos with their captions, then the one uploaded beside it.
    photos = list(story.photos.all())
    assert [p.caption for p in photos] == ["图为慰问现场1。", "图为慰问现场2。", ""]
    assert all(p.renditions for p in photos)
    assert story.transitions.filter(action=TransitionAction.SUBMIT).count() == 1
    # The latest revision holds what the editors get, the extra photo included.
    assert len(story.revisions.order_by("-number").first().data["photos"]) == 3
    desk = as_user(staff["editor"]).get(reverse("admin:index")).content.decode()
    assert story.title in desk.split('id="desk-review"')[1].split("</table>")[0]


def test_the_credit_is_theirs_even_when_an_older_namesake_exists(correspondent, unions, as_user):
    make_contributor("张小红")  # someone else of that name, credited long ago
    correspondent.contributor.refresh_from_db()
    send(as_user(correspondent.user), unions["tianqiao"], word_file(photos=0))
    story = Article.objects.get()
    assert [c.contributor for c in story.credits.all()] == [correspondent.contributor]


def test_a_file_without_their_name_gets_their_credit(correspondent, unions, as_user):
    send(as_user(correspondent.user), unions["tianqiao"], word_file(opening="", photos=0))
    story = Article.objects.get()
    assert [(c.contributor, c.role) for c in story.credits.all()] == [
        (correspondent.contributor, "correspondent")
    ]


def _macro_docx() -> io.BytesIO:
    source = zipfile.ZipFile(word_file(photos=0))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("word/vbaProject.bin", b"\x00" * 64)
    buffer.seek(0)
    buffer.name = "宏.docx"
    return buffer


@pytest.mark.parametrize(
    "upload",
    [
        lambda: SimpleUploadedFile("稿件.docx", b"%PDF-1.7 not a word file"),
        lambda: SimpleUploadedFile("稿件.docx", word_file().read()[:2000]),  # damaged
        lambda: SimpleUploadedFile("照片.docx", png().read()),
        lambda: SimpleUploadedFile("空.docx", b""),
        _macro_docx,
    ],
    ids=["pdf", "truncated", "image", "empty", "macros"],
)
def test_a_refused_file_shows_the_readers_message_and_saves_nothing(
    correspondent, unions, as_user, upload
):
    response = send(as_user(correspondent.user), unions["tianqiao"], upload())
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors.get("document"), errors
    assert any("\u4e00" <= ch <= "\u9fff" for ch in errors["document"][0])  # Chinese
    assert not Article.objects.exists() and not Photo.objects.exists()


def test_a_file_too_large_is_refused(correspondent, unions, as_user, settings):
    settings.MAX_DOCX_BYTES = 1024
    response = send(as_user(correspondent.user), unions["tianqiao"], word_file())
    assert "Word 文件过大" in " ".join(response.context["form"].errors["document"])
    assert not Article.objects.exists()


def test_a_file_and_pasted_text_together_are_refused(correspondent, unions, as_user):
    response = send(as_user(correspondent.user), unions["tianqiao"], word_file(), text=PIECE)
    assert "请只选一种" in " ".join(response.context["form"].errors["text"])
    assert not Article.objects.exists()


def test_a_word_file_for_another_union_saves_nothing(correspondent, unions, as_user):
    response = send(as_user(correspondent.user), unions["other"], word_file())
    assert response.status_code == 200 and response.context["form"].errors["union"]
    assert not Article.objects.exists() and not Photo.objects.exists()
