"""The smoke test of the production profile, run inside deploy/local-cluster.sh.

It drives the cluster over real HTTP as an editor's browser and readers would: two
gunicorn app servers, nginx with its micro-cache in front, sessions and pages in Redis,
photos in the object store (SeaweedFS). The script exports the CLUSTER_* variables;
without them (the ordinary suite) these tests skip, and
tests/deploy/test_local_cluster.py runs the script, which runs them.
"""

import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.deploy.client import Browser, Response, form_with, links_to
from tests.photos.images import plain_image

pytestmark = [
    pytest.mark.cluster,
    pytest.mark.skipif(
        "CLUSTER_NGINX_URL" not in os.environ,
        reason="runs inside deploy/local-cluster.sh (tests/deploy/test_local_cluster.py)",
    ),
]

ADD_ARTICLE = "/admin/articles/article/add/"
# nginx answered from its cache: fresh, or the old copy while one request refreshes it
# (a request can land on the moment the 5 s run out).
FROM_CACHE = {"HIT", "STALE", "UPDATING", "REVALIDATED"}


@dataclass
class Cluster:
    nginx: str
    apps: list[str]
    media_url: str
    s3_url: str
    local_media_root: Path


@dataclass
class Story:
    title: str
    url: str
    cached_before: str  # X-Cache of nginx's front page just before the publish
    front_after: dict[str, Response]  # the front page at the next request after it


@pytest.fixture(scope="module")
def cluster() -> Cluster:
    return Cluster(
        nginx=os.environ["CLUSTER_NGINX_URL"],
        apps=os.environ["CLUSTER_APP_URLS"].split(","),
        media_url=os.environ["CLUSTER_MEDIA_URL"],
        s3_url=os.environ["CLUSTER_S3_URL"],
        local_media_root=Path(os.environ["CLUSTER_LOCAL_MEDIA_ROOT"]),
    )


def article_url(html: str, title: str) -> str:
    """The story's link on a page: the last /articles/ href before its headline."""
    at = html.index(title)
    links = re.findall(r'href="(/articles/\d+/[^"]*)"', html[:at])
    assert links, "the headline is not a link to the story"
    return links[-1]


def photo_field(form: dict) -> str:
    """The file input of the photo inline's first blank form; with none shown, one more
    form, as the inline's "add another" button would make it."""
    blank = [name for name in form["files"] if re.fullmatch(r"photos-\d+-image", name)]
    if blank:
        return blank[0]
    fields = form["fields"]
    index = int(fields["photos-TOTAL_FORMS"])
    fields["photos-TOTAL_FORMS"] = str(index + 1)
    for name, value in form["templates"].items():
        if name.startswith("photos-__prefix__-"):
            fields[name.replace("__prefix__", str(index))] = value
    return f"photos-{index}-image"


def field_errors(html: str) -> str:
    return " | ".join(re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', html, re.S))


@pytest.fixture(scope="module")
def story(cluster) -> Story:
    """A story with a photo, published through app server 1 by the chief editor, after
    readers have had the front page through app server 2 and nginx (so both caches hold
    the page without it)."""
    for base in (cluster.apps[1], cluster.nginx):
        for _ in range(2):
            before = Browser(base).get("/")
            assert before.status == 200
    title = f"集群验证稿件{secrets.randbelow(10**8):08d}"
    chief = Browser(cluster.apps[0])
    chief.login(os.environ["CLUSTER_CHIEF"], os.environ["CLUSTER_CHIEF_PASSWORD"])
    form = form_with(chief.get(ADD_ARTICLE).text, "title")
    fields = form["fields"]
    fields.update(
        title=title,
        body="两台应用服务器共用一个数据库、一个 Redis 和一个对象存储。\n第二段。",
        _transition="publish",
    )
    image_field = photo_field(form)
    caption = image_field.replace("-image", "-caption")
    if caption in fields:
        fields[caption] = "集群验证图片"
    photo = plain_image("JPEG", size=(1200, 800))
    response = chief.post(
        ADD_ARTICLE, fields, files={image_field: ("cluster.jpg", photo, "image/jpeg")}
    )
    assert response.status == 302, field_errors(response.text) or response.text[:2000]
    front_after = {base: Browser(base).get("/") for base in (cluster.apps[1], cluster.nginx)}
    url = article_url(front_after[cluster.apps[1]].text, title)
    return Story(title, url, before.headers["X-Cache"], front_after)


def test_both_app_servers_and_nginx_answer(cluster):
    for base in [*cluster.apps, cluster.nginx]:
        browser = Browser(base)
        assert browser.get("/healthz").status == 200, base
        front = browser.get("/")
        assert front.status == 200, base
        assert "工会" in front.text


def test_a_link_shared_in_wechat_is_the_same_cache_entry(cluster):
    reader = Browser(cluster.nginx)
    reader.get("/")
    shared = reader.get("/?from=groupmessage&isappinstalled=0")
    assert shared.status == 200
    assert shared.headers["X-Cache"] in FROM_CACHE
    assert reader.get("/?page=2").headers["X-Cache"] == "MISS"  # a real parameter counts


def test_a_session_made_on_one_app_server_is_good_on_the_other(cluster):
    chief = Browser(cluster.apps[0])
    chief.login(os.environ["CLUSTER_CHIEF"], os.environ["CLUSTER_CHIEF_PASSWORD"])
    elsewhere = Browser(cluster.apps[1])
    elsewhere.cookies = dict(chief.cookies)
    response = elsewhere.get("/admin/")
    assert response.status == 200
    assert "编辑部工作台" in response.text


def test_a_story_published_through_one_app_server_is_on_the_other_at_the_next_request(
    cluster, story
):
    # The front page of app server 2 was in its page cache before the publish; `story`
    # found the link on it with the next request. The story itself, on both servers:
    for base in cluster.apps:
        page = Browser(base).get(story.url)
        assert page.status == 200, base
        assert story.title in page.text


def test_a_published_story_is_through_nginx_at_the_next_request(cluster, story):
    page = Browser(cluster.nginx).get(story.url)
    assert page.status == 200
    assert story.title in page.text


def test_the_front_page_shows_the_story_at_the_next_request_through_nginx_too(cluster, story):
    # nginx held the front page without the story (for the app's s-maxage); the publish's
    # commit sent it a PURGE (PROXY_PURGE_URLS), which refreshed its copy: the next reader
    # gets the new page, from nginx's cache.
    assert story.cached_before in FROM_CACHE
    front = story.front_after[cluster.nginx]
    assert story.title in front.text
    assert front.headers["X-Cache"] in FROM_CACHE
    assert story.title in story.front_after[cluster.apps[1]].text


def test_no_reader_can_force_nginx_past_its_cache(cluster):
    reader = Browser(cluster.nginx)
    reader.get("/")
    forced = reader.get("/", headers={"X-Cache-Refresh": "1"})  # not the cluster's token
    assert forced.headers["X-Cache"] in FROM_CACHE


def test_a_photo_uploaded_through_one_app_server_is_served_through_the_other(cluster, story):
    page = Browser(cluster.apps[1]).get(story.url).text
    media = links_to(page, "^" + re.escape(cluster.media_url))
    assert media, "no media URL on the story's page"
    for url in dict.fromkeys(media):
        image = Browser(cluster.nginx).get(url)
        assert image.status == 200, url
        assert image.headers["Content-Type"].startswith("image/"), url
        assert (
            image.body[:3] == b"\xff\xd8\xff"
            or image.body[:4] in {b"RIFF", b"\x89PNG"}
            or (image.body[4:12] in {b"ftypavif", b"ftypavis"})
        ), url
        # The same bytes straight from the object store: nginx only passed them on.
        key = url.removeprefix(cluster.media_url)
        direct = Browser(cluster.s3_url).get(cluster.s3_url + key)
        assert direct.status == 200
        assert direct.body == image.body
    # Nothing landed on an app server's own disk.
    assert not any(p.is_file() for p in cluster.local_media_root.rglob("*"))


def test_the_object_store_lets_no_one_list_or_write_the_bucket(cluster):
    store = Browser(cluster.s3_url)
    assert store.get(cluster.s3_url + "?list-type=2").status == 403
    assert store.request("PUT", cluster.s3_url + "forged.jpg", b"x").status == 403
    assert Browser(cluster.nginx).request("PUT", "/media/forged.jpg", b"x").status == 403


def test_a_logged_in_editor_is_never_served_a_cached_page(cluster):
    reader = Browser(cluster.nginx)
    reader.get("/")
    assert reader.get("/").headers["X-Cache"] in FROM_CACHE  # the readers' copy is in nginx

    editor = Browser(cluster.nginx)
    editor.login(os.environ["CLUSTER_EDITOR"], os.environ["CLUSTER_EDITOR_PASSWORD"])
    for path in ("/", "/admin/", "/", story_path_or_front(reader)):
        response = editor.get(path)
        assert response.status == 200, path
        assert response.headers["X-Cache"] == "BYPASS", path
        assert "no-store" in response.headers["Cache-Control"], path
    # … and what the editor saw was not kept for readers either.
    admin = Browser(cluster.nginx).get("/admin/")
    assert admin.status == 302
    assert reader.get("/").headers["Cache-Control"].startswith("public")


def story_path_or_front(reader: Browser) -> str:
    links = re.findall(r'href="(/articles/\d+/[^"]*)"', reader.get("/").text)
    return links[0] if links else "/"
