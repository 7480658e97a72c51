import pytest
from django.urls import reverse

from articles.models import Article
from articles.search.query import parse_query, search
from articles.workflow import services
from tests.factories import (
    admin_change_data,
    make_article,
    make_contributor,
    make_topic,
    make_union,
)

pytestmark = pytest.mark.django_db


def test_the_article_search_uses_the_index_and_shows_drafts_with_their_state(
    superuser_client, superuser
):
    draft = make_article("总工会慰问一线职工", status="draft")
    services.record_revision(draft, user=superuser)
    other = make_article("别的稿件")
    services.record_revision(other, user=superuser)

    response = superuser_client.get(reverse("admin:articles_article_changelist"), {"q": "工会"})

    assert list(response.context["cl"].result_list) == [draft]
    assert "草稿" in response.content.decode()


def test_the_correction_autocomplete_finds_stories_through_the_index(superuser_client, superuser):
    story = make_article("职工书屋开放")
    services.record_revision(story, user=superuser)
    response = superuser_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "书屋",
            "app_label": "articles",
            "model_name": "article",
            "field_name": "corrects",
        },
    )
    assert [r["text"] for r in response.json()["results"]] == ["职工书屋开放"]


def autocomplete(client, model_name: str, field_name: str, term: str) -> list[str]:
    response = client.get(
        reverse("admin:autocomplete"),
        {"term": term, "app_label": "articles", "model_name": model_name, "field_name": field_name},
    )
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


def test_the_union_autocomplete_finds_two_characters_inside_longer_names(superuser_client):
    city = make_union("北京市总工会", level="city")
    make_union("朝阳区总工会", level="district", parent=city, aliases="朝阳工会")
    make_union("北京朝阳中学教职工会", parent=city)
    make_union("海淀区职工服务中心", level="district", parent=city)

    assert set(autocomplete(superuser_client, "article", "unions", "工会")) == {
        "北京市总工会",
        "朝阳区总工会",
        "北京朝阳中学教职工会",
    }
    # Names starting with the query come first; several terms must all be there.
    assert autocomplete(superuser_client, "article", "unions", "朝阳")[0] == "朝阳区总工会"
    assert autocomplete(superuser_client, "article", "unions", "朝阳 中学") == [
        "北京朝阳中学教职工会"
    ]
    # Aliases and full-width or punctuated queries are read as the site search reads them.
    assert autocomplete(superuser_client, "article", "unions", "朝阳工会") == ["朝阳区总工会"]
    assert autocomplete(superuser_client, "article", "unions", "，。") == []


def test_the_contributor_autocomplete_reads_names_the_same_way(superuser_client):
    make_contributor("王晨曦")
    make_contributor("陈曦明")
    make_contributor("陈曦")
    make_contributor("ABC通讯员", union=make_union("朝阳区总工会", level="district"))

    found = autocomplete(superuser_client, "credit", "contributor", "陈曦")
    assert found[0] == "陈曦"
    assert set(found) == {"陈曦", "陈曦明"}
    assert autocomplete(superuser_client, "credit", "contributor", "晨曦") == ["王晨曦"]
    assert autocomplete(superuser_client, "credit", "contributor", "ａｂｃ") == [
        "ABC通讯员（朝阳区总工会）"
    ]
    assert autocomplete(superuser_client, "credit", "contributor", "朝阳") == [
        "ABC通讯员（朝阳区总工会）"
    ]


def found(query: str) -> list[str]:
    return [a.title for a in search(Article.objects.all(), parse_query(query))]


def test_renaming_a_union_reindexes_the_stories_naming_it(superuser_client, superuser):
    union = make_union("天桥街道总工会", level="street", short_name="天桥工会")
    story = make_article("慰问一线职工", unions=[union])
    services.record_revision(story, user=superuser)
    untouched = make_article("天桥的另一篇")
    services.record_revision(untouched, user=superuser)
    assert set(found("天桥")) == {"慰问一线职工", "天桥的另一篇"}

    url = reverse("admin:unions_union_change", args=[union.pk])
    response = superuser_client.post(
        url,
        admin_change_data(
            superuser_client, url, name="永定门街道总工会", short_name="永定门", aliases="南城工会"
        ),
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert found("永定门") == found("南城工会") == ["慰问一线职工"]
    assert found("天桥") == ["天桥的另一篇"]


def test_renaming_a_topic_or_a_tag_reindexes_the_stories_naming_it(superuser_client, superuser):
    topic = make_topic("冬送温暖")
    story = make_article("一篇报道", topics=[topic])
    story.tags.add("冬日暖阳")
    services.record_revision(story, user=superuser)
    assert found("冬送") == found("冬日") == ["一篇报道"]

    url = reverse("admin:articles_topic_change", args=[topic.pk])
    response = superuser_client.post(url, admin_change_data(superuser_client, url, name="夏送清凉"))
    assert response.status_code == 302
    tag = story.tags.get()
    url = reverse("admin:taggit_tag_change", args=[tag.pk])
    response = superuser_client.post(url, admin_change_data(superuser_client, url, name="夏日清风"))
    assert response.status_code == 302

    assert found("夏送") == found("夏日") == ["一篇报道"]
    assert found("冬送") == found("冬日") == []


def test_deleting_a_tag_or_topic_takes_its_name_out_of_the_index(superuser_client, superuser):
    topic = make_topic("冬送温暖")
    story = make_article("一篇报道", topics=[topic])
    story.tags.add("冬日暖阳")
    services.record_revision(story, user=superuser)

    tag = story.tags.get()
    url = reverse("admin:taggit_tag_delete", args=[tag.pk])
    assert superuser_client.post(url, {"post": "yes"}).status_code == 302
    response = superuser_client.post(
        reverse("admin:articles_topic_changelist"),
        {"action": "delete_selected", "_selected_action": [topic.pk], "post": "yes"},
    )
    assert response.status_code == 302

    assert found("冬日") == found("冬送") == []
    assert found("一篇") == ["一篇报道"]
