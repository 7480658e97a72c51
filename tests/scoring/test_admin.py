"""The points table and the policy in the admin: 统计 staff change figures, not the grid."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from articles.scoring.models import SHARED_CREDIT_HELP, PointsRule, ScoringPolicy, SharedCredit
from articles.workflow.roles import REPORTER, STATISTICS

pytestmark = pytest.mark.django_db


@pytest.fixture
def statistics_user(django_user_model):
    user = django_user_model.objects.create_user("stats", password="pw-123456789", is_staff=True)
    user.groups.add(Group.objects.get(name=STATISTICS))
    return user


def test_statistics_staff_change_a_rules_points_and_fee(client, statistics_user):
    client.force_login(statistics_user)
    rule = PointsRule.objects.get(kind_group="brief", placement="front_lead")
    url = reverse("admin:scoring_pointsrule_change", args=[rule.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"points": "5.5", "fee": "110"})
    assert response.status_code == 302
    rule.refresh_from_db()
    assert (rule.points, rule.fee) == (Decimal("5.5"), Decimal("110"))


def test_the_grid_is_neither_added_to_nor_deleted_from(client, statistics_user):
    client.force_login(statistics_user)
    rule = PointsRule.objects.first()
    assert client.get(reverse("admin:scoring_pointsrule_add")).status_code == 403
    assert client.get(reverse("admin:scoring_pointsrule_delete", args=[rule.pk])).status_code == 403


def test_a_negative_figure_is_refused(client, statistics_user):
    client.force_login(statistics_user)
    rule = PointsRule.objects.first()
    url = reverse("admin:scoring_pointsrule_change", args=[rule.pk])
    response = client.post(url, {"points": "-1", "fee": "10"})
    assert response.status_code == 200  # the form again, with the error
    assert "确保该值大于或等于0" in response.content.decode()


def test_the_policy_says_how_shared_pieces_count(client, statistics_user):
    client.force_login(statistics_user)
    url = reverse("admin:scoring_scoringpolicy_change", args=[1])
    response = client.get(url)
    assert SHARED_CREDIT_HELP[:20] in response.content.decode()
    response = client.post(
        url,
        {
            "shared_credit": SharedCredit.FULL,
            "excellent_correspondents": "5",
            "advanced_units": "2",
            "issuer": "北京市总工会宣传部",
        },
    )
    assert response.status_code == 302
    assert ScoringPolicy.load().shared_credit == SharedCredit.FULL


def test_a_reporter_cannot_open_the_points_table(client, django_user_model):
    user = django_user_model.objects.create_user("rep", password="pw-123456789", is_staff=True)
    user.groups.add(Group.objects.get(name=REPORTER))
    client.force_login(user)
    assert client.get(reverse("admin:scoring_pointsrule_changelist")).status_code == 403
