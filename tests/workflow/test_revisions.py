"""Every save is kept; the history compares any two revisions and restores one."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.demo.loader import load_demo
from articles.models import Article, ArticleStatus, Contributor, CreditRole
from articles.workflow import services, snapshots
from articles.workflow.models import Revision, Transition
from tests.factories import make_article, make_topic, make_union
from tests.workflow.test_permission_matrix import FORM

pytestmark = pytest.mark.django_db


def credit_rows(credits) -> dict:
    rows = {"credits-TOTAL_FORMS": str(len(credits)), "credits-INITIAL_FORMS": "0"}
    for i, (contributor, role) in enumerate(credits):
        rows |= {
            f"credits-{i}-contributor": contributor.pk,
            f"credits-{i}-role": role,
            f"credits-{i}-order": i,
        }
    return rows


@pytest.fixture
def story(newsroom, login):
    """A story saved twice through the admin: revision 1 and revision 2."""
    client = login(newsroom["editor"])
    union_a, union_b = make_union("甲公司工会"), make_union("乙公司工会")
    topic_a, topic_b = make_topic("送温暖"), make_topic("职工书屋")
    client.post(
        reverse("admin:articles_article_add"),
        {
            **FORM,
            "title": "第一版标题",
            "body": "第一段。\n第二段。\n第三段。",
            "unions": [union_a.pk],
            "topics": [topic_a.pk],
            "tags": "送温暖",
        },
    )
    article = Article.objects.get()
    cui = Contributor.objects.create(name="崔欣")
    url = reverse("admin:articles_article_change", args=[article.pk])
    client.post(
        url,
        {
            **FORM,
            **credit_rows([(cui, CreditRole.REPORTER)]),
            "title": "第二版标题",
            "body": "第一段。\n第二段改写了。\n第三段。",
            "unions": [union_b.pk],
            "topics": [topic_b.pk],
            "tags": "职工书屋",
            "version": 1,
        },
    )
    article.refresh_from_db()
    return {"article": article, "client": client, "union_a": union_a, "topic_a": topic_a}


def test_every_save_through_the_admin_is_kept(story, newsroom):
    article = story["article"]
    revisions = list(article.revisions.order_by("number"))
    assert [(r.number, r.note, r.created_by) for r in revisions] == [
        (1, "新建", newsroom["editor"]),
        (2, "修改", newsroom["editor"]),
    ]
    assert article.version == 2
    assert revisions[1].data["credits"][0]["name"] == "崔欣"
    assert revisions[0].data["unions"] == [[story["union_a"].pk, "甲公司工会"]]


def test_restoring_brings_back_text_credits_unions_and_topics(story, newsroom):
    article, client = story["article"], story["client"]
    response = client.post(reverse("admin:articles_article_restore", args=[article.pk, 1]))
    assert response.status_code == 302

    article = Article.objects.get(pk=article.pk)
    assert article.title == "第一版标题"
    assert article.body == "第一段。\n第二段。\n第三段。"
    assert list(article.credits.all()) == []
    assert list(article.unions.all()) == [story["union_a"]]
    assert list(article.topics.all()) == [story["topic_a"]]
    assert list(article.tags.names()) == ["送温暖"]
    # Restoring is itself a new revision, and an entry in the audit.
    assert article.version == 3
    assert article.revisions.get(number=3).note == "恢复第1稿"
    assert Transition.objects.get(article=article).action == "restore"
    # ... and restoring the second brings its credits back.
    client.post(reverse("admin:articles_article_restore", args=[article.pk, 2]))
    assert [c.contributor.name for c in Article.objects.get(pk=article.pk).credits.all()] == [
        "崔欣"
    ]


def test_the_diff_shows_a_changed_paragraph_as_changed(story):
    article, client = story["article"], story["client"]
    response = client.get(
        reverse("admin:articles_article_compare", args=[article.pk]), {"a": 1, "b": 2}
    )
    assert response.status_code == 200
    body = {row.label: row for row in response.context["diff"]["body"]}
    assert body["第2段"].change == "changed"
    assert (body["第2段"].old, body["第2段"].new) == ("第二段。", "第二段改写了。")
    assert body["第1段"].change == body["第3段"].change == "same"
    headline = {row.label: row for row in response.context["diff"]["headline"]}
    assert headline["主题"].change == "changed"
    assert [r.change for r in response.context["diff"]["credits"]] == ["added"]
    html = response.content.decode()
    assert '<tr class="changed">' in html and "第二段<ins>改写了</ins>。" in html


def test_bad_comparisons_are_404s(story):
    article, client = story["article"], story["client"]
    url = reverse("admin:articles_article_compare", args=[article.pk])
    for params in ({}, {"a": 1}, {"a": "x", "b": 2}, {"a": 1, "b": 99}, {"a": 1, "b": 1}):
        assert client.get(url, params).status_code == 404, params


def test_the_history_lists_who_when_and_which_transition(story, newsroom, login):
    article = story["article"]
    chief = login(newsroom["chief"])
    chief.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        {
            **FORM,
            "title": article.title,
            "body": article.body,
            "version": 2,
            "_transition": "publish",
        },
    )
    response = chief.get(reverse("admin:articles_article_history", args=[article.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert [r.note for r, _ in response.context["revisions"]] == ["签发", "修改", "新建"]
    assert "chief_editor" in html and "editor" in html
    assert "草稿" in html and "已发布" in html


def test_an_import_is_each_storys_first_revision():
    load_demo()
    for article in Article.objects.all():
        first = article.revisions.order_by("number").first()
        assert (first.number, first.note) == (1, "版面导入")
        assert first.data["fields"]["title"] == article.title


def test_a_revision_snapshot_keeps_names_for_links_deleted_since(story):
    data = story["article"].revisions.get(number=2).data
    assert snapshots.credit_lines(data) == ["记者 崔欣"]
    assert data["topics"][0][1] == "职工书屋"


@pytest.mark.slow
def test_a_save_stays_quick_with_a_hundred_revisions(newsroom):
    """Not a timing assertion: a save costs the same queries at 1 and 100 revisions
    (bench/revisions.py measures the time)."""
    article = make_article(status=ArticleStatus.DRAFT, created_by=newsroom["editor"])

    def queries_of_one_save() -> int:
        with CaptureQueriesContext(connection) as captured:
            services.record_revision(article, user=newsroom["editor"])
        return len(captured)

    first = queries_of_one_save()
    for _ in range(98):
        services.record_revision(article, user=newsroom["editor"])
    assert queries_of_one_save() == first
    assert Revision.objects.filter(article=article).count() == 100
