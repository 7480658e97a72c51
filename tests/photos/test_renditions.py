"""Renditions: made when a photo is saved, kept, cropped around the focal point, and
gone from storage with their photo; the drop zone's staging endpoint."""

import io
import json

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from articles.models import Article, Photo
from articles.photos import renditions
from tests.factories import article_admin_form, make_article
from tests.photos import images
from tests.photos.conftest import make_photo, stored_files

pytestmark = pytest.mark.django_db


def test_crop_box_keeps_the_focal_point_in_view_and_stays_in_the_frame():
    # A 3:2 photo, a square crop: the focal point at the far right moves the box there.
    assert renditions.crop_box((900, 600), 1.0, (100, 50)) == (300, 0, 900, 600)
    assert renditions.crop_box((900, 600), 1.0, (50, 50)) == (150, 0, 750, 600)
    assert renditions.crop_box((900, 600), 1.0, (0, 0)) == (0, 0, 600, 600)
    # A tall photo and the wide share card: the box slides vertically.
    assert renditions.crop_box((600, 1200), 1200 / 630, (50, 0)) == (0, 0, 600, 315)


def test_widths_are_never_enlarged():
    assert renditions.widths_for(5000) == [320, 640, 960, 1280]
    assert renditions.widths_for(900) == [320, 640, 900]
    assert renditions.widths_for(200) == [200]


def test_every_rendition_has_the_size_its_name_promises():
    photo = make_photo(make_article(), size=(2000, 1000))
    manifest = photo.renditions
    assert manifest["widths"] == [[320, 160], [640, 320], [960, 480], [1280, 640]]
    assert manifest["og"] == [1200, 630]
    for width, height in manifest["widths"]:
        for ext, (fmt, _, _) in renditions.FORMATS.items():
            with default_storage.open(renditions.width_name(manifest, width, ext)) as f:
                image = Image.open(io.BytesIO(f.read()))
            assert (image.format, image.size) == (fmt, (width, height))
    with default_storage.open(renditions.square_name(manifest, 320, "avif")) as f:
        assert Image.open(io.BytesIO(f.read())).size == (320, 320)


def change_form(photo: Photo, **photo_fields) -> dict:
    article = photo.article
    data = article_admin_form(
        title=article.title,
        kind=article.kind,
        body=article.body,
        slug=article.slug,
        version=article.version,
        **{
            "photos-TOTAL_FORMS": "1",
            "photos-INITIAL_FORMS": "1",
            "photos-0-id": photo.pk,
            "photos-0-article": article.pk,
            "photos-0-caption": photo.caption,
            "photos-0-credit": photo.credit,
            "photos-0-alt_text": "",
            "photos-0-order": photo.order,
            "photos-0-focal_x": photo.focal_x,
            "photos-0-focal_y": photo.focal_y,
        },
    )
    return {**data, **{f"photos-0-{k}": v for k, v in photo_fields.items()}}


def test_a_new_focal_point_makes_new_crops_and_deletes_the_old(
    superuser_client, django_capture_on_commit_callbacks
):
    photo = make_photo(make_article(status="draft"), size=(900, 600))
    widths_before = renditions.width_names(photo.renditions)
    crops_before = renditions.crop_names(photo.renditions)
    url = reverse("admin:articles_article_change", args=[photo.article_id])
    with django_capture_on_commit_callbacks(execute=True):
        response = superuser_client.post(url, change_form(photo, focal_x=90, focal_y=20))
    assert response.status_code == 302, response.context["adminform"].form.errors

    photo.refresh_from_db()
    assert (photo.focal_x, photo.focal_y) == (90, 20)
    assert photo.renditions["focus"] == [90, 20]
    crops_after = renditions.crop_names(photo.renditions)
    assert set(crops_after).isdisjoint(crops_before)
    assert stored_files() == sorted([photo.image.name, *widths_before, *crops_after])
    # The square around (90 %, 20 %) of a 900×600 photo is its right-hand part.
    with default_storage.open(renditions.square_name(photo.renditions, 320, "jpg")) as f:
        assert Image.open(io.BytesIO(f.read())).size == (320, 320)


def test_a_focal_point_outside_the_frame_is_a_field_error(superuser_client):
    photo = make_photo(make_article(status="draft"))
    url = reverse("admin:articles_article_change", args=[photo.article_id])
    response = superuser_client.post(url, change_form(photo, focal_x=140))
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][1].formset
    assert "focal_x" in formset.errors[0]


def test_deleting_a_photo_deletes_its_renditions_but_keeps_the_master_for_revisions(
    superuser_client, django_capture_on_commit_callbacks
):
    photo = make_photo(make_article(status="draft"))
    url = reverse("admin:articles_article_change", args=[photo.article_id])
    with django_capture_on_commit_callbacks(execute=True):
        response = superuser_client.post(url, change_form(photo, DELETE="on"))
    assert response.status_code == 302
    assert not Photo.objects.exists()
    assert stored_files() == [photo.image.name]


def test_deleting_a_story_deletes_its_photos_renditions(django_capture_on_commit_callbacks):
    article = make_article()
    first, second = make_photo(article, order=1), make_photo(article, order=2)
    with django_capture_on_commit_callbacks(execute=True):
        Article.objects.filter(pk=article.pk).delete()
    assert stored_files() == sorted([first.image.name, second.image.name])


def test_make_renditions_makes_what_a_photo_lacks_once(django_capture_on_commit_callbacks):
    photo = make_photo(make_article())
    kept = renditions.all_names(photo.renditions)
    renditions.delete(kept)
    Photo.objects.filter(pk=photo.pk).update(renditions={})
    out = io.StringIO()
    call_command("make_renditions", stdout=out)
    assert "为 1 张照片生成了缩放图" in out.getvalue()
    photo.refresh_from_db()
    assert len(renditions.all_names(photo.renditions)) == len(kept)
    assert all(default_storage.exists(name) for name in renditions.all_names(photo.renditions))
    call_command("make_renditions", stdout=out)
    assert "为 0 张照片生成了缩放图" in out.getvalue()


# --- The staging endpoint of the drop zone ------------------------------------------------


def stage(client, data: bytes, name="p.jpg"):
    return client.post(
        reverse("photos:stage"), {"file": SimpleUploadedFile(name, data, "image/jpeg")}
    )


def test_staged_photos_become_the_story_photos_in_the_order_given(superuser_client, article_form):
    colours = [(200, 0, 0), (0, 200, 0), (0, 0, 200)]
    tokens = []
    for colour in colours:
        response = stage(superuser_client, images.plain_image("JPEG", (500, 400), colour))
        assert response.status_code == 200
        tokens.append(response.json()["token"])
    data = {**article_form, "photos-TOTAL_FORMS": str(len(tokens))}
    for index, token in enumerate(tokens):
        # The editor moved the last photo to the front.
        order = {0: 2, 1: 3, 2: 1}[index]
        data |= {f"photos-{index}-staged": token, f"photos-{index}-order": str(order)}
        data |= {f"photos-{index}-caption": f"第{order}张"}
    response = superuser_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302

    photos = list(Photo.objects.order_by("order"))
    assert [p.caption for p in photos] == ["第1张", "第2张", "第3张"]
    assert [(p.width, p.height) for p in photos] == [(500, 400)] * 3
    with default_storage.open(photos[0].image.name) as f:
        assert Image.open(f).convert("RGB").getpixel((5, 5))[2] > 150  # the blue one
    for photo in photos:
        assert all(default_storage.exists(n) for n in renditions.all_names(photo.renditions))


def test_a_forged_staging_token_is_a_field_error(superuser_client, article_form):
    data = {**article_form, "photos-TOTAL_FORMS": "1", "photos-0-staged": "photos/x.jpg"}
    response = superuser_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][1].formset
    assert "上传凭据无效" in str(formset.errors[0]["staged"])
    assert not Photo.objects.exists()


def test_the_staging_endpoint_refuses_a_bad_file_in_chinese_and_stores_nothing(superuser_client):
    response = stage(superuser_client, images.SVG_IMAGE, name="logo.svg")
    assert response.status_code == 400
    assert json.loads(response.content)["error"].startswith("logo.svg：只能上传 JPEG")
    response = stage(superuser_client, images.png_declaring(12000, 12000), name="big.png")
    assert "图片像素过多" in response.json()["error"]
    assert stored_files() == []


def test_the_staging_endpoint_is_for_staff_with_the_photo_permission(client, django_user_model):
    response = stage(client, images.plain_image())
    assert response.status_code == 302
    user = django_user_model.objects.create_user("reader", password="pw", is_staff=True)
    client.force_login(user)
    response = stage(client, images.plain_image())
    assert response.status_code == 403
    assert client.get(reverse("photos:stage")).status_code == 405
    assert stored_files() == []


def test_a_new_focal_point_on_a_published_story_makes_its_pages_fresh(
    superuser_client, django_capture_on_commit_callbacks
):
    from articles.pagecache import tags

    photo = make_photo(make_article(), size=(900, 600))
    before = tags.versions([tags.STORIES])
    url = reverse("admin:articles_article_change", args=[photo.article_id])
    with django_capture_on_commit_callbacks(execute=True):
        response = superuser_client.post(url, change_form(photo, focal_x=10))
    assert response.status_code == 302
    assert tags.versions([tags.STORIES]) != before


def test_a_staging_token_used_twice_is_a_field_error(superuser_client, article_form):
    token = stage(superuser_client, images.plain_image()).json()["token"]
    data = {**article_form, "photos-TOTAL_FORMS": "1", "photos-0-staged": token}
    data["photos-0-order"] = "1"
    first = superuser_client.post(reverse("admin:articles_article_add"), data)
    assert first.status_code == 302, first.context["inline_admin_formsets"][1].formset.errors
    again = {**data, "title": "另一篇"}
    response = superuser_client.post(reverse("admin:articles_article_add"), again)
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][1].formset
    assert "已经保存过了" in str(formset.errors[0]["staged"])
    assert Photo.objects.count() == 1


def test_restoring_a_revision_brings_back_a_deleted_photo_with_its_focus_and_renditions(
    superuser, django_capture_on_commit_callbacks
):
    from articles.workflow import services as workflow

    article = make_article(status="draft")
    photo = make_photo(article, focal_x=80, focal_y=20, caption="走访一线职工")
    revision = workflow.record_revision(article, user=superuser)
    with django_capture_on_commit_callbacks(execute=True):
        photo.delete()  # its renditions go with the row, on commit
    assert stored_files() == [photo.image.name]

    with django_capture_on_commit_callbacks(execute=True):
        workflow.restore_revision(article, revision, user=superuser)
    restored = Photo.objects.get(article=article)
    assert (restored.caption, restored.focal_x, restored.focal_y) == ("走访一线职工", 80, 20)
    assert restored.renditions["focus"] == [80, 20]
    names = renditions.all_names(restored.renditions)
    assert names and all(default_storage.exists(name) for name in names)
