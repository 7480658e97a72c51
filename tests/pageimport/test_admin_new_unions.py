"""The import preview proposes the unions the tree does not know; the editor confirms,
corrects or rejects each, and confirmed ones are created with the stories."""

import pytest
from django.urls import reverse

from articles.models import Article
from unions.models import Union

# Each test loads the whole demo content (~0.7 s).
pytestmark = [pytest.mark.django_db, pytest.mark.slow]

URL = reverse("admin:articles_pageimport_add")
PLACEMENT = {"edition_date": "2024-01-23", "page_number": "3", "page_name": "工会新闻"}
PAGE = (
    "昌平区城北街道总工会走访慰问环卫职工\n"
    "本报讯（记者 周美玉）近日，昌平区城北街道总工会、城北街道西关社区联合工会走访慰问辖区"
    "环卫职工，送去米、面、油。\n"
    "昌平区总工会相关负责人表示，将继续做好送温暖工作。"
)


def preview(client):
    return client.post(URL, {**PLACEMENT, "preview": "1", "text": PAGE})


def posted_back(response, **changes) -> dict:
    """Every form of the preview as the browser posts it back, with `changes` applied."""
    context = response.context
    forms = [context["form"], context["formset"].management_form, *context["formset"]]
    forms += [context["new_unions"].management_form, *context["new_unions"]]
    data = {}
    for form in forms:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            data[field.html_name] = value
    return {**data, **changes, "confirm": "1"}


def test_the_preview_proposes_each_new_union_with_level_and_parent(
    superuser_client, unions_and_topics
):
    response = preview(superuser_client)
    proposals = [form.initial for form in response.context["new_unions"]]
    assert [(p["name"], p["level"], p["parent"]) for p in proposals] == [
        ("昌平区城北街道总工会", "street", "昌平区总工会"),
        ("城北街道西关社区联合工会", "community", "昌平区城北街道总工会"),
    ]
    assert "组织体系中还没有的工会" in response.content.decode()
    # The report's own union list holds the tree's unions only.
    assert response.context["formset"].forms[0].initial["unions"] == "昌平区总工会"


def test_confirmed_unions_are_created_in_the_tree_and_linked(superuser_client, unions_and_topics):
    response = superuser_client.post(URL, posted_back(preview(superuser_client)))
    assert response.status_code == 302
    street = Union.objects.get(name="昌平区城北街道总工会")
    community = Union.objects.get(name="城北街道西关社区联合工会")
    assert (street.level, street.parent.name) == ("street", "昌平区总工会")
    assert community.parent == street
    assert street.path.startswith(Union.objects.get(name="昌平区总工会").path)
    article = Article.objects.get()
    assert set(article.unions.values_list("name", flat=True)) == {
        "昌平区总工会",
        "昌平区城北街道总工会",
        "城北街道西关社区联合工会",
    }


def test_an_editor_corrects_a_proposal_before_it_is_created(superuser_client, unions_and_topics):
    response = preview(superuser_client)
    data = posted_back(
        response,
        **{
            "new_unions-1-name": "昌平区城北街道西关社区联合工会",
            "new_unions-1-parent": "",
        },
    )
    superuser_client.post(URL, data)
    corrected = Union.objects.get(name="昌平区城北街道西关社区联合工会")
    assert corrected.parent is None
    assert not Union.objects.filter(name="城北街道西关社区联合工会").exists()
    assert Article.objects.get().unions.filter(pk=corrected.pk).exists()


def test_a_rejected_proposal_is_not_created(superuser_client, unions_and_topics):
    before = Union.objects.count()
    data = posted_back(
        preview(superuser_client),
        **{"new_unions-0-decision": "reject", "new_unions-1-decision": "reject"},
    )
    superuser_client.post(URL, data)
    assert Union.objects.count() == before
    assert list(Article.objects.get().unions.values_list("name", flat=True)) == ["昌平区总工会"]


def test_a_parent_outside_the_tree_is_refused_and_nothing_is_saved(
    superuser_client, unions_and_topics
):
    before = Union.objects.count()
    data = posted_back(preview(superuser_client), **{"new_unions-0-parent": "火星区总工会"})
    response = superuser_client.post(URL, data)
    assert response.status_code == 200
    assert "上级工会不在组织体系中" in response.content.decode()
    assert Union.objects.count() == before
    assert not Article.objects.exists()


def test_a_failing_story_rolls_back_the_new_unions(
    superuser_client, unions_and_topics, monkeypatch
):
    from articles.pageimport import services

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    before = Union.objects.count()
    data = posted_back(preview(superuser_client))
    monkeypatch.setattr(services, "record_revision", broken)
    with pytest.raises(RuntimeError):
        superuser_client.post(URL, data)
    assert Union.objects.count() == before
    assert not Article.objects.exists()
