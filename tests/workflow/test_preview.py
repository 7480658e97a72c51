"""Signed, expiring preview links: a draft or a revision as readers will see it."""

import time
from unittest import mock

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from articles.models import ArticleStatus
from articles.workflow import services
from articles.workflow.preview import SALT, preview_url
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(newsroom):
    article = make_article("草稿标题", status=ArticleStatus.DRAFT, body="第一段。")
    services.record_revision(article, user=newsroom["editor"])
    article.title = "改过的草稿标题"
    article.save()
    services.record_revision(article, user=newsroom["editor"])
    return article


def test_a_reviewer_without_an_account_sees_the_draft_marked_as_a_preview(draft):
    anonymous = Client()
    assert anonymous.get(draft.get_absolute_url()).status_code == 404  # readers cannot
    response = anonymous.get(preview_url(draft))
    assert response.status_code == 200
    html = response.content.decode()
    assert "改过的草稿标题" in html
    assert 'class="preview-banner"' in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"] and "max-age=0" in response["Cache-Control"]


def test_a_revision_preview_shows_that_revision(draft):
    response = Client().get(preview_url(draft, revision=1))
    html = response.content.decode()
    assert response.status_code == 200
    assert "草稿标题" in html and "改过的草稿标题" not in html
    assert "第1稿" in html


def test_tampered_unknown_and_expired_links_are_404s(draft, settings):
    good = preview_url(draft)
    token = good.rstrip("/").rsplit("/", 1)[-1]
    client = Client()
    assert client.get(good.replace(token, token[:-2] + "xx")).status_code == 404
    assert client.get(reverse("workflow:preview", args=["nonsense"])).status_code == 404
    assert client.get(preview_url(draft, revision=99)).status_code == 404
    forged = signing.dumps({"a": draft.pk, "r": None}, salt="another-salt", compress=True)
    assert client.get(reverse("workflow:preview", args=[forged])).status_code == 404
    # Signed eight days ago: past the seven days a link lives.
    with mock.patch("time.time", return_value=time.time() - 8 * 24 * 3600):
        stale = signing.dumps({"a": draft.pk, "r": None}, salt=SALT, compress=True)
    assert client.get(reverse("workflow:preview", args=[stale])).status_code == 404


def test_the_change_page_offers_the_preview_link(draft, newsroom, login):
    client = login(newsroom["editor"])
    html = client.get(reverse("admin:articles_article_change", args=[draft.pk])).content.decode()
    assert 'class="preview-link"' in html
    assert "/preview/" in html
