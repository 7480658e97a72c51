"""The index follows every save, import, restore and transition, in the same transaction."""

import pytest
from django.core.management import call_command
from django.db import transaction

from articles.models import Article, Photo
from articles.search.models import SearchDocument
from articles.search.query import parse_query, search
from articles.workflow import services
from tests.factories import make_article, make_contributor, make_union

pytestmark = pytest.mark.django_db


def found(query: str) -> list[str]:
    return [a.title for a in search(Article.objects.all(), parse_query(query))]


@pytest.fixture
def chief(django_user_model):
    return django_user_model.objects.create_superuser("chief", "c@example.com", "pw-chief-1")


def test_a_content_save_reindexes_the_story(chief):
    article = make_article("原来的标题", status="draft")
    services.record_revision(article, user=chief)
    assert found("原来") == ["原来的标题"]

    article.title = "新的标题"
    article.body = "职工书屋"
    article.save()
    article.unions.set([make_union("天桥街道总工会", aliases="天桥工会")])
    services.record_revision(article, user=chief)

    assert found("原来") == []
    assert found("新的") == found("书屋") == found("天桥工会") == ["新的标题"]


def test_a_restore_brings_the_old_words_back(chief):
    article = make_article("春季稿", status="draft")
    first = services.record_revision(article, user=chief)
    article.title = "秋季稿"
    article.save()
    services.record_revision(article, user=chief)
    assert found("春季") == []
    services.restore_revision(article, first, user=chief)
    assert found("春季") == ["春季稿"]


def test_a_transition_indexes_a_story_never_indexed(chief):
    article = make_article("签发的稿件", status="review")
    services.publish(article, user=chief)
    assert found("签发") == ["签发的稿件"]


def test_a_rolled_back_save_leaves_the_index_as_it_was(chief):
    article = make_article("旧标题", status="draft")
    services.record_revision(article, user=chief)
    with pytest.raises(RuntimeError), transaction.atomic():
        article.title = "新标题"
        article.save()
        services.record_revision(article, user=chief)
        raise RuntimeError
    assert found("旧标题") == ["旧标题"]
    assert found("新标题") == []


def test_credits_captions_topics_and_tags_are_searched(reindex):
    article = make_article("一篇报道", credits=[("reporter", "陈曦")])
    Photo.objects.bulk_create(
        [
            Photo(
                article=article,
                image="x.jpg",
                width=1,
                height=1,
                caption="焖泡壶装箱",
                credit="周美玉 摄",
            )
        ]
    )
    article.tags.add("冬日暖阳")
    reindex()
    for query in ["陈曦", "焖泡壶", "周美玉", "冬日暖阳"]:
        assert found(query) == ["一篇报道"], query


def test_a_deleted_story_leaves_the_index(reindex):
    article = make_article("要删除的稿件")
    reindex()
    article.delete()
    assert SearchDocument.objects.count() == 0
    assert found("删除") == []


def test_the_rebuild_command_reports_its_duration(capsys, reindex):
    make_article("工会送温暖")
    make_contributor("陈曦")
    call_command("rebuild_search_index")
    out = capsys.readouterr().out
    assert "已重建检索索引：1 篇稿件，用时" in out
    assert found("温暖") == ["工会送温暖"]
