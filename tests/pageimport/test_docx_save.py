"""Saving a Word file's stories (`save_docx`) and the console's `import_docx`."""

import json
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from articles.models import Article, ArticleStatus, Photo
from articles.pageimport.services import DocxError, parse_docx, save_docx
from articles.photos import renditions
from articles.workflow.models import Revision
from tests.factories import make_topic, make_union
from tests.pageimport.make_docx import Story, build_docx
from unions.models import UnionLevel

pytestmark = pytest.mark.django_db

STORY = Story(
    kicker="寒冬送暖 工会行动",
    title="昌平区总工会启动“两节”送温暖活动",
    subtitle="1030个温暖礼包送到一线职工手中",
    subtitle_mark="——",
    dateline="本报讯",
    dateline_credit="（记者 边磊 通讯员 蔡洪玉）",
    paragraphs=[
        "1月11日，昌平区总工会在龙山街道启动2024年“两节”送温暖活动，为一线职工送去慰问。",
        "活动现场，工会工作人员为职工送上米、面、油等慰问品。",
    ],
)
OTHER = Story(
    title="通州多源公司工会走访慰问困难职工",
    top_credits=["通讯员 王芳"],
    paragraphs=["近日，通州多源公司工会走访慰问困难职工，送去慰问金和慰问品。"],
)


@pytest.fixture
def changping():
    city = make_union("北京市总工会", level=UnionLevel.CITY)
    return make_union("昌平区总工会", level=UnionLevel.DISTRICT, parent=city, short_name="昌平")


def stored_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def test_save_docx_makes_a_draft_with_credits_unions_photos_renditions_and_a_revision(
    changping, admin_user
):
    parsed = parse_docx(build_docx([STORY]))
    (article,) = save_docx(parsed, user=admin_user, source_union=changping)
    article.refresh_from_db()
    assert (article.kicker, article.title, article.subtitle, article.dateline) == (
        STORY.kicker,
        STORY.title,
        STORY.subtitle,
        "本报讯",
    )
    assert article.status == ArticleStatus.DRAFT
    assert article.body == "\n".join(STORY.paragraphs)
    assert article.source_union == changping
    assert article.created_by == admin_user
    assert [(c.role, c.contributor.name) for c in article.credits.order_by("order")] == [
        ("reporter", "边磊"),
        ("correspondent", "蔡洪玉"),
    ]
    assert list(article.unions.all()) == [changping]  # suggested by the unions stage
    photos = list(article.photos.order_by("order"))
    assert [(p.order, p.caption, p.credit) for p in photos] == [
        (0, "图为活动现场。", "通讯员 王芳 摄"),
        (1, "工会工作人员与职工交流。", ""),
    ]
    for photo in photos:
        assert default_storage.exists(photo.image.name)
        assert (photo.width, photo.height) == (96, 64)
        assert renditions.is_current(photo.renditions)
        assert all(default_storage.exists(n) for n in renditions.all_names(photo.renditions))
    (revision,) = Revision.objects.filter(article=article)
    assert revision.number == 1 and revision.note == "Word 文件导入"
    assert [p["caption"] for p in revision.data["photos"]] == [
        "图为活动现场。",
        "工会工作人员与职工交流。",
    ]


def test_given_unions_and_topics_replace_the_suggested_ones(changping):
    other = make_union("通州多源公司工会")
    topic = make_topic("职工书屋")
    parsed = parse_docx(build_docx([STORY], photos=False))
    (article,) = save_docx(parsed, user=None, unions=[other], topics=[topic])
    assert list(article.unions.all()) == [other]
    assert list(article.topics.all()) == [topic]


def test_a_file_of_two_stories_makes_two_drafts_each_with_its_photos(changping):
    parsed = parse_docx(build_docx([STORY, OTHER]))
    first, second = save_docx(parsed, user=None)
    assert (first.title, second.title) == (STORY.title, OTHER.title)
    assert first.photos.count() == 2 and second.photos.count() == 2
    assert [(c.role, c.contributor.name) for c in second.credits.all()] == [
        ("correspondent", "王芳")
    ]


def test_a_photo_write_failing_half_way_saves_nothing_and_leaves_no_file(
    changping, settings, monkeypatch
):
    parsed = parse_docx(build_docx([STORY, OTHER]))
    masters = []
    save = default_storage.save

    def failing_save(name, content, *args, **kwargs):
        if name.startswith("photos/") and "/r/" not in name:
            masters.append(name)
            if len(masters) == 3:  # the first photo of the second story
                raise OSError("disk full")
        return save(name, content, *args, **kwargs)

    monkeypatch.setattr(default_storage, "save", failing_save)
    with pytest.raises(OSError, match="disk full"):
        save_docx(parsed, user=None)
    assert not Article.objects.exists() and not Photo.objects.exists()
    assert not Revision.objects.exists()
    assert stored_files(settings) == []


def test_a_failure_after_the_photos_are_stored_deletes_them(changping, settings, monkeypatch):
    from articles.pageimport import services

    def failing_revision(*args, **kwargs):
        raise RuntimeError("revision failed")

    monkeypatch.setattr(services, "record_revision", failing_revision)
    with pytest.raises(RuntimeError):
        save_docx(parse_docx(build_docx([STORY])), user=None)
    assert not Article.objects.exists() and not Photo.objects.exists()
    assert stored_files(settings) == []


def test_a_story_the_article_form_would_refuse_is_refused_whole(settings):
    long_title = Story(title="工" * 30, paragraphs=["近日，某工会开展活动。"])
    parsed = parse_docx(build_docx([long_title], photos=False))
    parsed.page.articles[0].title = "工" * 300
    with pytest.raises(DocxError, match="无法保存"):
        save_docx(parsed, user=None)
    assert not Article.objects.exists()


# --- the console -------------------------------------------------------------------------


@pytest.fixture
def story_file(tmp_path) -> Path:
    path = tmp_path / "来稿.docx"
    path.write_bytes(build_docx([STORY]))
    return path


def test_import_docx_json_is_the_page_imports_with_the_photos(story_file, changping, capsys):
    call_command("import_docx", str(story_file), "--json", "--dry-run")
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert set(data) == {"banner", "articles", "warnings"}
    (story,) = data["articles"]
    assert (story["kicker"], story["title"], story["subtitle"]) == (
        STORY.kicker,
        STORY.title,
        STORY.subtitle,
    )
    assert story["unions"] == ["昌平区总工会"] and story["new_unions"] == []
    assert [(p["caption"], p["credit"]) for p in story["photos"]] == [
        ("图为活动现场。", "通讯员 王芳 摄"),
        ("工会工作人员与职工交流。", ""),
    ]
    assert all(p["bytes"] > 0 for p in story["photos"])
    assert "试运行：识别到 1 篇稿件、2 张图片，未保存。" in err
    assert not Article.objects.exists() and not Photo.objects.exists()


def test_import_docx_saves_the_drafts_for_the_union_named_by_its_short_name(
    story_file, changping, capsys
):
    call_command("import_docx", str(story_file), "--union", "昌平")
    article = Article.objects.get()
    assert article.source_union == changping and article.photos.count() == 2
    assert "已导入 1 篇草稿（2 张图片）" in capsys.readouterr().out


def test_import_docx_refuses_an_unknown_union_before_reading_the_file(story_file, changping):
    with pytest.raises(CommandError, match="没有找到名为“海淀”的工会") as refused:
        call_command("import_docx", str(story_file), "--union", "海淀")
    assert refused.value.returncode != 0
    assert not Article.objects.exists()


def test_import_docx_refuses_a_file_that_is_not_word_with_a_non_zero_exit(tmp_path):
    path = tmp_path / "page.docx"
    path.write_bytes(b"%PDF-1.7\n")
    with pytest.raises(CommandError, match="这不是 Word 文档") as refused:
        call_command("import_docx", str(path))
    assert refused.value.returncode != 0  # manage.py exits with it
