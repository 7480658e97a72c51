"""Every admin screen an editor can reach answers, in Chinese, for a new superuser."""

import pytest
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db

REGISTERED = sorted(
    (model._meta.app_label, model._meta.model_name) for model in admin.site._registry
)


@pytest.mark.parametrize(("app_label", "model_name"), REGISTERED)
def test_every_changelist_answers_for_a_superuser(superuser_client, app_label, model_name):
    response = superuser_client.get(reverse(f"admin:{app_label}_{model_name}_changelist"))
    assert response.status_code == 200


# Records nobody adds by hand: the workflow writes the audit trail, django-axes the logins.
READ_ONLY = {
    ("workflow", "transition"),
    ("axes", "accessattempt"),
    ("axes", "accessfailurelog"),
    ("axes", "accesslog"),
    # The 考核's fixed grid and its one policy row, made by a migration (scoring/admin.py).
    ("scoring", "pointsrule"),
    ("scoring", "scoringpolicy"),
}


@pytest.mark.parametrize(("app_label", "model_name"), REGISTERED)
def test_every_add_page_answers_for_a_superuser(superuser_client, app_label, model_name):
    response = superuser_client.get(reverse(f"admin:{app_label}_{model_name}_add"))
    expected = 403 if (app_label, model_name) in READ_ONLY else 200
    assert response.status_code == expected


def test_the_admin_speaks_chinese(superuser_client):
    response = superuser_client.get(reverse("admin:index"))
    content = response.content.decode()
    assert 'lang="zh-hans"' in content
    assert "工会组织" in content
    assert "稿件" in content


def test_anonymous_users_are_sent_to_log_in(client):
    response = client.get(reverse("admin:articles_article_changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
