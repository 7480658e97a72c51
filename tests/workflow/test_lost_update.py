"""Two people edit the same record: the second save is refused, nothing is lost."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Activity, Article, ArticleStatus
from articles.workflow import services
from articles.workflow.models import Revision
from tests.factories import SHANGHAI, make_activity, make_article, make_union
from tests.workflow.test_permission_matrix import FORM

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(newsroom):
    article = make_article(
        "原来的标题",
        status=ArticleStatus.DRAFT,
        created_by=newsroom["reporter"],
        body="第一段。\n第二段。",
    )
    services.record_revision(article, user=newsroom["reporter"], note="新建")
    return article


def editor_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


VERSION_INPUT = re.compile(r'<input type="hidden" name="version" value="(\d+)"')


def loaded_form(client, article) -> dict:
    """What a browser sends back from the change page: its fields and the version the
    page carries in its HTML."""
    response = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    form = response.context["adminform"].form
    (version,) = VERSION_INPUT.findall(response.content.decode())
    return {
        **FORM,
        "title": form.initial["title"],
        "lead": form.initial["lead"],
        "body": form.initial["body"],
        "slug": form.initial["slug"],
        "version": version,
    }


def test_the_second_of_two_saves_is_refused_and_keeps_its_input(newsroom, story):
    first, second = editor_client(newsroom["editor"]), editor_client(newsroom["chief"])
    url = reverse("admin:articles_article_change", args=[story.pk])
    first_form, second_form = loaded_form(first, story), loaded_form(second, story)

    saved = first.post(
        url, {**first_form, "title": "第一位编辑的标题", "body": "改过的第一段。\n第二段。"}
    )
    assert saved.status_code == 302
    refused = second.post(url, {**second_form, "lead": "第二位编辑写的摘要"})

    assert refused.status_code == 200
    stored = Article.objects.get(pk=story.pk)
    assert (stored.title, stored.lead) == ("第一位编辑的标题", "")
    form = refused.context["adminform"].form
    message = " ".join(form.non_field_errors())
    assert "保存未成功" in message
    assert "主题" in message and "正文第1段" in message  # what changed meanwhile
    assert form["lead"].value() == "第二位编辑写的摘要"  # nothing to retype
    assert "第二位编辑写的摘要" in refused.content.decode()
    # The form now carries the current version: saving again is a deliberate overwrite.
    assert int(form["version"].value()) == stored.version


def test_saving_again_after_the_conflict_goes_through(newsroom, story):
    first, second = editor_client(newsroom["editor"]), editor_client(newsroom["chief"])
    url = reverse("admin:articles_article_change", args=[story.pk])
    first_form, second_form = loaded_form(first, story), loaded_form(second, story)
    first.post(url, {**first_form, "title": "第一位编辑的标题"})
    refused = second.post(url, {**second_form, "lead": "摘要"})
    (again,) = VERSION_INPUT.findall(refused.content.decode())

    response = second.post(
        url, {**second_form, "title": "第一位编辑的标题", "lead": "摘要", "version": again}
    )

    assert response.status_code == 302
    stored = Article.objects.get(pk=story.pk)
    assert (stored.title, stored.lead) == ("第一位编辑的标题", "摘要")


def test_a_form_without_its_version_is_refused(newsroom, story):
    client = editor_client(newsroom["editor"])
    url = reverse("admin:articles_article_change", args=[story.pk])
    response = client.post(url, {**FORM, "title": "没有版本号"})
    assert response.status_code == 200
    assert Article.objects.get(pk=story.pk).title == "原来的标题"


def test_two_saves_of_an_activity_lose_nothing(newsroom):
    activity = make_activity(
        union=make_union(), start_date=datetime.date(2024, 1, 9), title="送温暖", beneficiaries=10
    )
    url = reverse("admin:articles_activity_change", args=[activity.pk])
    first, second = editor_client(newsroom["editor"]), editor_client(newsroom["chief"])
    form = {
        "title": "送温暖",
        "union": activity.union_id,
        "kind": activity.kind,
        "start_date": "2024-01-09",
        "version": activity.version,
        "gift_lines-TOTAL_FORMS": "0",
        "gift_lines-INITIAL_FORMS": "0",
    }
    for client in (first, second):
        (version,) = VERSION_INPUT.findall(client.get(url).content.decode())
        assert int(version) == activity.version
    assert first.post(url, {**form, "beneficiaries": "1030"}).status_code == 302
    refused = second.post(url, {**form, "beneficiaries": "10", "place": "天桥街道"})

    assert refused.status_code == 200
    stored = Activity.objects.get(pk=activity.pk)
    assert (stored.beneficiaries, stored.place) == (1030, "")
    message = " ".join(refused.context["adminform"].form.non_field_errors())
    assert "保存未成功" in message and "惠及职工人数" in message
    assert refused.context["adminform"].form["place"].value() == "天桥街道"


def test_the_conflict_names_who_saved_and_shows_their_value_beside_yours(newsroom, story):
    editor, chief = newsroom["editor"], newsroom["chief"]
    editor.last_name, editor.first_name = "边", "磊"
    editor.save()
    first, second = editor_client(editor), editor_client(chief)
    url = reverse("admin:articles_article_change", args=[story.pk])
    first_form, second_form = loaded_form(first, story), loaded_form(second, story)
    first.post(
        url, {**first_form, "title": "第一位编辑的标题", "body": "第一段，共320人。\n第二段。"}
    )
    saved_at = datetime.datetime(2024, 12, 7, 14, 5, tzinfo=SHANGHAI)
    Revision.objects.filter(article=story, created_by=editor).update(created_at=saved_at)

    refused = second.post(url, {**second_form, "lead": "<b>第二位</b>编辑写的摘要"})

    form = refused.context["adminform"].form
    message = " ".join(form.non_field_errors())
    assert "您打开这条记录之后，边磊于12月7日 14:05保存了修改。" in message
    rows = {row.label: row for row in form.conflict_rows}
    assert list(rows) == ["主题", "摘要", "正文"]
    assert (rows["主题"].theirs, rows["主题"].mine) == (
        "<del>第一位编辑</del>的标题",
        "<ins>原来</ins>的标题",
    )
    assert rows["正文"].theirs == "第一段<del>，共320人</del>。\n第二段。"
    assert rows["摘要"].mine == "<ins>&lt;b&gt;第二位&lt;/b&gt;编辑写的摘要</ins>"
    html = refused.content.decode()
    assert "您打开这篇稿件之后，边磊于12月7日 14:05保存了修改。" in html
    assert "对方保存的内容" in html and "您的输入" in html
    assert '<td class="theirs">第一段<del>，共320人</del>。\n第二段。</td>' in html
    assert "<b>第二位</b>" not in html  # the input is escaped in the table too


def test_an_activity_conflict_shows_the_fields_without_a_name(newsroom):
    activity = make_activity(
        union=make_union(), start_date=datetime.date(2024, 1, 9), title="送温暖", beneficiaries=10
    )
    url = reverse("admin:articles_activity_change", args=[activity.pk])
    form = {
        "title": "送温暖",
        "union": activity.union_id,
        "kind": activity.kind,
        "start_date": "2024-01-09",
        "version": activity.version,
        "gift_lines-TOTAL_FORMS": "0",
        "gift_lines-INITIAL_FORMS": "0",
    }
    editor_client(newsroom["editor"]).post(url, {**form, "beneficiaries": "1030"})

    refused = editor_client(newsroom["chief"]).post(url, {**form, "beneficiaries": "12"})

    conflict = refused.context["adminform"].form
    assert "其他人保存了修改" in " ".join(conflict.non_field_errors())
    assert conflict.conflict_by == "" and conflict.conflict_at is None
    assert [(r.label, r.theirs, r.mine) for r in conflict.conflict_rows] == [
        ("惠及职工人数", "<del>1030</del>", "<ins>12</ins>")
    ]
