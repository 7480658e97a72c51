import pytest
from django.urls import reverse

from articles.workflow import services
from tests.factories import make_article

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
