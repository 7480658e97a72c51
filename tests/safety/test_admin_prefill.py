"""An add page pre-filled from the URL takes only the related keys that can be keys; a
preview token's story and revision are checked the same way before any query."""

import pytest
from django.contrib import admin
from django.core import signing
from django.db import models
from django.urls import reverse

from articles.models import Article
from articles.safety.admin import SafePrefillMixin
from articles.safety.keys import integer_key, is_key
from articles.workflow import preview
from articles.workflow.models import Revision
from tests.factories import article_admin_form, make_article, make_topic, make_union

HUGE = "99999999999999999999"


@pytest.mark.parametrize(
    "value",
    ["abc", "", "-1", "1e5", "1.0", " 1", "1_0", "٣", "²", "１２", HUGE, str(2**63)],
)
def test_is_key_refuses_what_no_integer_key_can_be(value):
    assert not is_key(Article._meta.pk, value)


def test_is_key_takes_digits_within_the_databases_range():
    assert is_key(Article._meta.pk, "1")
    assert is_key(Article._meta.pk, str(2**63 - 1))


def test_integer_key_refuses_a_bool_and_a_number_past_the_columns_range():
    number = Revision._meta.get_field("number")
    assert integer_key(number, 3) == 3
    for value in (True, 1.5, [1], None, "x", -2, 2**64):
        with pytest.raises(ValueError):
            integer_key(number, value)


def test_every_admin_of_the_project_guards_its_prefill():
    ours = {"articles", "unions", "workflow"}
    admins = [a for m, a in admin.site._registry.items() if m._meta.app_label in ours]
    assert len(admins) >= 10
    for model_admin in admins:
        assert isinstance(model_admin, SafePrefillMixin), type(model_admin)


@pytest.mark.django_db
def test_a_huge_id_is_dropped_and_the_good_ones_stay(superuser_client):
    story = make_article("要更正的稿件")
    first, second = make_topic("甲"), make_topic("乙")
    url = reverse("admin:articles_article_add")
    response = superuser_client.get(
        url,
        {
            "corrects": HUGE,
            "column": "-1",
            "print_page": "٣",
            "unions": "abc",
            "topics": f"{first.pk},{HUGE},{second.pk}",
            "title": "留下的标题",
        },
    )
    assert response.status_code == 200
    initial = response.context["adminform"].form.initial
    assert "corrects" not in initial and "column" not in initial
    assert "print_page" not in initial and "unions" not in initial
    assert initial["topics"] == [str(first.pk), str(second.pk)]
    assert initial["title"] == "留下的标题"  # not a key: left as Django leaves it

    response = superuser_client.get(url, {"corrects": str(story.pk)})
    assert response.context["adminform"].form.initial["corrects"] == str(story.pk)
    assert "要更正的稿件" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("unions_union_add", {"parent": "abc"}),
        ("unions_union_add", {"parent": HUGE, "district": "1e5"}),
        ("unions_official_add", {"union": "1e5"}),
        ("unions_facility_add", {"union": HUGE}),
        ("articles_activity_add", {"union": HUGE, "articles": HUGE}),
        ("articles_contributor_add", {"union": "-5"}),
    ],
)
def test_the_union_admins_add_pages_open_with_a_bad_prefill(superuser_client, name, query):
    superuser_client.raise_request_exception = False
    response = superuser_client.get(reverse(f"admin:{name}"), query)
    assert response.status_code == 200
    assert not set(query) & set(response.context["adminform"].form.initial)


@pytest.mark.django_db
def test_a_good_parent_still_prefills_the_union_add_page(superuser_client):
    parent = make_union("市总工会")
    response = superuser_client.get(reverse("admin:unions_union_add"), {"parent": parent.pk})
    assert response.context["adminform"].form.initial["parent"] == str(parent.pk)


def signed(payload) -> str:
    return signing.dumps(payload, salt=preview.SALT, compress=True)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "payload",
    [
        {"r": "abc"},
        {"r": HUGE},
        {"r": 10**20},
        {"r": 2**31},
        {"r": -1},
        {"r": 1.5},
        {"r": [1]},
        {"r": {"n": 1}},
        {"r": True},
        {"r": "٣"},
    ],
)
def test_a_preview_token_with_a_malformed_revision_is_a_404(client, payload):
    story = make_article("预览的稿件")
    client.raise_request_exception = False
    response = client.get(f"/preview/{signed({'a': story.pk, **payload})}/")
    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "payload",
    [{"a": 10**20}, {"a": "abc"}, {"a": True}, {"a": None}, {}, [1, 2], "x", None, 7],
)
def test_a_preview_token_with_a_malformed_story_is_a_404(client, payload):
    make_article("预览的稿件")
    client.raise_request_exception = False
    assert client.get(f"/preview/{signed(payload)}/").status_code == 404


@pytest.mark.django_db
def test_a_good_preview_token_still_previews(client):
    story = make_article("预览的稿件")
    response = client.get(preview.preview_url(story))
    assert response.status_code == 200
    assert "预览的稿件" in response.content.decode()


def test_relation_fields_of_every_admin_are_foreign_keys_or_many_to_many():
    """The prefill guard knows ForeignKey (and OneToOneField) and ManyToManyField; a new
    kind of relation on an admin's model would pass it unchecked."""
    for model in admin.site._registry:
        for field in model._meta.get_fields():
            if field.concrete and (field.many_to_one or field.many_to_many):
                known = isinstance(field, models.ForeignKey | models.ManyToManyField)
                assert known or field.name == "tags", f"{model._meta.label}.{field.name}"


@pytest.mark.django_db
def test_a_posted_id_that_can_be_no_key_is_a_field_error(superuser_client):
    """The same check on the way in: the relation's form field refuses the value before
    its query (ModelMultipleChoiceField's let OverflowError through on SQLite)."""
    data = article_admin_form(topics=[HUGE], column=str(2**63), unions=["٣"])
    response = superuser_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert {"topics", "column", "unions"} <= set(errors)
    assert not Article.objects.exists()
