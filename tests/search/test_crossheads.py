"""A crosshead (小标题, a "## " line of the body) is searched as the words it prints: a word
of it finds the story, and neither the index nor a result's snippet holds the mark."""

import pytest
from django.urls import reverse

from articles.search.documents import document_of, documents_queryset
from tests.factories import make_article

pytestmark = pytest.mark.django_db

BODY = "近日，门头沟区总工会召开基层建设推进会。\n## 打造职工之家\n今年以来，区总工会建家建站。"


def test_a_word_of_a_crosshead_finds_the_story(client, reindex):
    make_article("门头沟区总工会推进基层建设", body=BODY)
    make_article("其他稿件", body="近日，开展活动。")
    reindex()

    response = client.get(reverse("search:results"), {"q": "职工之家"})

    assert [story.title for story in response.context["page"].stories] == [
        "门头沟区总工会推进基层建设"
    ]
    snippet = str(response.context["page"].stories[0].snippet)
    assert "<mark>职工之家</mark>" in snippet
    assert "#" not in snippet


def test_the_search_document_holds_the_crosshead_without_its_mark():
    story = make_article("门头沟区总工会推进基层建设", body=BODY)

    document = document_of(documents_queryset().get(pk=story.pk))

    assert "打造职工之家" in "\n".join(document.rest)
    assert not any("#" in text for text in document.texts)
