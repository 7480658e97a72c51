"""Signing up through an invitation: a valid unused link makes the correspondent (not
staff, group 通讯员, the invitation's unions, a contributor); an expired, used or forged
link is a 404 page in Chinese. And the editors' admin pages for both."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from articles.contribute.models import Correspondent, Invitation
from articles.workflow.roles import CORRESPONDENT

pytestmark = pytest.mark.django_db

SIGNUP = {
    "name": "赵晓明",
    "username": "zhaoxm",
    "password1": "Tianqiao-2024-pw",
    "password2": "Tianqiao-2024-pw",
    "phone": "13800138000",
    "email": "",
}


@pytest.fixture
def invitation(roles, unions):
    invitation = Invitation.objects.create(
        name="天桥新通讯员", expires_at=timezone.now() + datetime.timedelta(days=7)
    )
    invitation.unions.set([unions["tianqiao"], unions["district"]])
    return invitation


def url(invitation_or_token) -> str:
    token = getattr(invitation_or_token, "token", invitation_or_token)
    return reverse("contribute:invite", args=[token])


def test_a_valid_invitation_makes_a_correspondent_and_logs_them_in(client, invitation, unions):
    page = client.get(url(invitation))
    assert page.status_code == 200 and "西城区天桥街道总工会" in page.content.decode()

    response = client.post(url(invitation), SIGNUP)
    assert response.status_code == 302 and response["Location"] == reverse("contribute:pieces")
    user = get_user_model().objects.get(username="zhaoxm")
    assert not user.is_staff and not user.is_superuser
    assert [g.name for g in user.groups.all()] == [CORRESPONDENT]
    correspondent = Correspondent.objects.get(user=user)
    assert correspondent.contributor.name == "赵晓明"
    assert set(correspondent.unions.all()) == {unions["tianqiao"], unions["district"]}
    assert correspondent.phone == "13800138000"
    invitation.refresh_from_db()
    assert invitation.used_by == correspondent and invitation.used_at is not None
    assert client.get(reverse("contribute:pieces")).status_code == 200


def test_a_used_invitation_is_404(client, invitation):
    client.post(url(invitation), SIGNUP)
    other = {**SIGNUP, "username": "second"}
    for method in (client.get, client.post):
        response = method(url(invitation), other)
        assert response.status_code == 404
        assert "邀请链接无效" in response.content.decode()
    assert not get_user_model().objects.filter(username="second").exists()


def test_an_expired_invitation_is_404(client, invitation, clock):
    clock.advance(days=8)
    response = client.get(url(invitation))
    assert response.status_code == 404 and "邀请链接无效" in response.content.decode()


@pytest.mark.parametrize("token", ["forged", "x" * 43, "a" * 2000, "%E4%B8%AD"])
def test_a_forged_invitation_is_404(client, invitation, token):
    response = client.get(url(token))
    assert response.status_code == 404
    assert client.post(url(token), SIGNUP).status_code == 404
    assert not Correspondent.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"password2": "different-pw-2024"}, "password2"),
        ({"password1": "123", "password2": "123"}, "password2"),
        ({"username": "bad name!"}, "username"),
        ({"name": ""}, "name"),
        ({"name": "名" * 41}, "name"),
        ({"phone": "phone-number"}, "phone"),
        ({"email": "not-an-address"}, "email"),
    ],
)
def test_bad_sign_up_input_is_a_form_error(client, invitation, change, field):
    response = client.post(url(invitation), {**SIGNUP, **change})
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not Correspondent.objects.exists()
    invitation.refresh_from_db()
    assert invitation.used_at is None


def test_a_taken_username_is_a_form_error(client, invitation, django_user_model):
    django_user_model.objects.create_user("zhaoxm", password="x")
    response = client.post(url(invitation), SIGNUP)
    assert response.status_code == 200 and response.context["form"].errors["username"]


def test_an_editor_makes_an_invitation_and_sees_its_link(staff, unions, as_user):
    client = as_user(staff["editor"])
    response = client.post(
        reverse("admin:contribute_invitation_add"),
        {
            "name": "天桥街道新通讯员",
            "unions": [unions["tianqiao"].pk],
            "expires_at_0": (timezone.localdate() + datetime.timedelta(days=14)).isoformat(),
            "expires_at_1": "18:00:00",
        },
        follow=True,
    )
    invitation = Invitation.objects.get()
    assert invitation.created_by == staff["editor"]
    assert url(invitation) in response.content.decode()
    change = client.get(reverse("admin:contribute_invitation_change", args=[invitation.pk]))
    assert url(invitation) in change.content.decode()


def test_an_editor_makes_a_correspondent_who_is_not_staff(staff, unions, as_user):
    client = as_user(staff["editor"])
    response = client.post(
        reverse("admin:contribute_correspondent_add"),
        {
            "name": "钱小雨",
            "username": "qianxy",
            "password": "Qian-xiaoyu-2024",
            "email": "qian@union.example.org",
            "unions": [unions["tianqiao"].pk],
            "phone": "13900139000",
            "note": "",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    correspondent = Correspondent.objects.get()
    user = correspondent.user
    assert user.username == "qianxy" and not user.is_staff
    assert user.check_password("Qian-xiaoyu-2024")
    assert [g.name for g in user.groups.all()] == [CORRESPONDENT]
    assert correspondent.contributor.name == "钱小雨"
    assert correspondent.contributor.union == unions["tianqiao"]
    assert list(correspondent.unions.all()) == [unions["tianqiao"]]
    # And they file at the desk, not in the admin.
    client.logout()
    client.force_login(user)
    assert client.get(reverse("contribute:pieces")).status_code == 200
    assert client.get("/admin/").status_code == 302


def test_a_correspondent_needs_a_union(staff, as_user):
    response = as_user(staff["editor"]).post(
        reverse("admin:contribute_correspondent_add"),
        {"name": "孙", "username": "sun", "password": "", "unions": []},
    )
    assert response.status_code == 200
    assert not Correspondent.objects.exists()
