"""Who reaches the contribution desk, through the real URLs: anonymous visitors are sent
to its login page (throttled by django-axes like the admin's); a logged-in user who is no
correspondent gets a polite 403; a correspondent sees only their own pieces and never
the admin, the desk or the summaries."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.contribute import services
from articles.contribute.services import Piece
from articles.models import ArticleStatus
from articles.pageimport.services import parse_dump
from tests.contribute.conftest import PASSWORD, PIECE
from tests.factories import make_article

pytestmark = pytest.mark.django_db

LIST = reverse("contribute:pieces")
LOGIN = reverse("contribute:login")


def filed(correspondent, union):
    return services.file_piece(
        correspondent=correspondent,
        union=union,
        topic=None,
        piece=Piece(article=parse_dump(PIECE).articles[0]),
    )


@pytest.mark.parametrize("name", ["pieces", "new-piece"])
def test_anonymous_visitors_are_sent_to_the_login_page(client, name):
    url = reverse(f"contribute:{name}")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next={url}"


def test_a_correspondent_logs_in_with_the_desks_own_form(client, correspondent):
    page = client.get(LOGIN)
    assert page.status_code == 200 and "通讯员登录" in page.content.decode()
    response = client.post(LOGIN, {"username": "tongxunyuan", "password": PASSWORD, "next": LIST})
    assert response.status_code == 302 and response["Location"] == LIST
    assert client.get(LIST).status_code == 200


def test_wrong_passwords_lock_the_address_out_on_this_login_too(correspondent):
    client = Client()
    for _ in range(9):
        assert client.post(LOGIN, {"username": "tongxunyuan", "password": "x"}).status_code == 200
    locked = client.post(LOGIN, {"username": "tongxunyuan", "password": "x"})
    assert locked.status_code == 429
    assert "登录已暂时锁定" in locked.content.decode()
    right = Client().post(LOGIN, {"username": "tongxunyuan", "password": PASSWORD})
    assert right.status_code == 429


def test_someone_who_is_not_a_correspondent_gets_a_polite_403(staff, as_user):
    response = as_user(staff["editor"]).get(LIST)
    assert response.status_code == 403
    assert "不是在任的通讯员账号" in response.content.decode()


def test_a_correspondent_sees_only_their_own_pieces(make_correspondent, unions, as_user):
    mine_owner = make_correspondent()
    other = make_correspondent("tong2", "李红")
    theirs = filed(other, unions["tianqiao"])
    newsroom = make_article("编辑部自己的稿件", status=ArticleStatus.DRAFT)
    client = as_user(mine_owner.user)
    assert client.get(LIST).context["rows"] == []
    for story in (theirs, newsroom):
        assert client.get(reverse("contribute:piece", args=[story.pk])).status_code == 404
        for action in ("recall", "resend", "delete"):
            url = reverse(f"contribute:{action}", args=[story.pk])
            assert client.post(url).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == ArticleStatus.REVIEW


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/articles/article/",
        "/admin/articles/article/add/",
        "/admin/unions/union/",
        "/admin/contribute/correspondent/",
        "/admin/summaries/",
    ],
)
def test_a_correspondent_never_reaches_the_admin_the_desk_or_the_summaries(
    correspondent, unions, as_user, url
):
    story = filed(correspondent, unions["tianqiao"])
    client = as_user(correspondent.user)
    for address in (url, f"/admin/articles/article/{story.pk}/change/"):
        response = client.get(address)
        assert response.status_code in (302, 403), address
        if response.status_code == 302:
            assert response["Location"].startswith("/admin/login/")


def test_a_forged_post_for_another_union_saves_nothing(correspondent, unions, as_user):
    from articles.models import Article

    client = as_user(correspondent.user)
    for union in (unions["other"].pk, unions["district"].pk, -1, 0, "1;DROP", "9" * 30):
        response = client.post(reverse("contribute:new-piece"), {"union": union, "text": PIECE})
        assert response.status_code == 200
        assert response.context["form"].errors["union"]
    assert not Article.objects.exists()


def test_the_service_refuses_a_union_that_is_not_theirs(correspondent, unions):
    from django.core.exceptions import ValidationError

    from articles.models import Article

    with pytest.raises(ValidationError):
        filed(correspondent, unions["other"])
    assert not Article.objects.exists()


@pytest.mark.parametrize("pk", ["0", "99999999", "9" * 25])
def test_unknown_and_absurd_ids_are_404(correspondent, as_user, pk):
    client = as_user(correspondent.user)
    assert client.get(f"/contribute/{pk}/").status_code == 404
    assert client.post(f"/contribute/{pk}/recall/").status_code == 404
