"""Uploads through the article's admin page: what is stored carries no EXIF, XMP or GPS
and stands upright; what is not a photo, or too big, gets a field error in Chinese and
leaves storage untouched."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image

from articles.models import Article, Photo
from articles.photos import renditions
from tests.photos import images
from tests.photos.conftest import stored_files

pytestmark = pytest.mark.django_db

ADD_URL = "admin:articles_article_add"


def with_photo(form: dict, upload) -> dict:
    return {
        **form,
        "photos-TOTAL_FORMS": "1",
        "photos-0-image": upload,
        "photos-0-caption": "职工在生产线上",
        "photos-0-credit": "周美玉 摄",
        "photos-0-order": "1",
    }


def photo_errors(response) -> list[str]:
    formset = next(
        f.formset for f in response.context["inline_admin_formsets"] if f.formset.prefix == "photos"
    )
    return formset.errors[0].get("image", [])


def read(name: str) -> tuple[bytes, Image.Image]:
    with default_storage.open(name, "rb") as stored:
        data = stored.read()
    image = Image.open(io.BytesIO(data))
    image.load()
    return data, image


def test_a_camera_jpeg_is_stored_upright_without_gps_camera_tags_or_xmp(
    superuser_client, article_form
):
    upload = SimpleUploadedFile("IMG_0042.JPG", images.camera_jpeg(), "image/jpeg")
    response = superuser_client.post(reverse(ADD_URL), with_photo(article_form, upload))
    assert response.status_code == 302

    photo = Photo.objects.get()
    names = [photo.image.name, *renditions.all_names(photo.renditions)]
    # The master, 2 widths × 3 formats, 2 squares × 3 formats and the og:image.
    assert len(names) == 1 + 6 + 6 + 1
    assert stored_files() == sorted(names)
    for name in names:
        data, image = read(name)
        for leak in images.LEAKS:
            assert leak not in data, (name, leak)
        exif = image.getexif()
        assert not exif, name
        assert not exif.get_ifd(ExifTags.IFD.GPSInfo), name
        assert "xmp" not in image.info and "exif" not in image.info, name

    # The phone stored it sideways; every copy stands upright, red on top.
    assert (photo.width, photo.height) == (400, 800)
    _, master = read(photo.image.name)
    assert master.size == (400, 800)
    for width, height in photo.renditions["widths"]:
        assert height > width
        _, copy = read(renditions.width_name(photo.renditions, width, "jpg"))
        top = copy.convert("RGB").getpixel((width // 2, height // 8))
        bottom = copy.convert("RGB").getpixel((width // 2, height * 7 // 8))
        assert top[0] > 200 and top[2] < 60, top
        assert bottom[2] > 200 and bottom[0] < 60, bottom


def test_the_master_gets_a_random_name_not_the_uploaded_one(superuser_client, article_form):
    upload = SimpleUploadedFile("张三家门口.jpg", images.plain_image(), "image/jpeg")
    superuser_client.post(reverse(ADD_URL), with_photo(article_form, upload))
    name = Photo.objects.get().image.name
    assert "张三" not in name
    stem = name.rsplit("/", 1)[1].split(".")[0]
    assert len(stem) == 32 and int(stem, 16) >= 0


REFUSED = {
    "a PNG declaring 12000×12000": (
        "big.png",
        lambda: images.png_declaring(12000, 12000),
        "图片像素过多（12000×12000）",
    ),
    "an HTML page named .jpg": ("photo.jpg", lambda: images.HTML_PAGE, "只能上传 JPEG、PNG"),
    "an SVG": ("logo.svg", lambda: images.SVG_IMAGE, "只能上传 JPEG、PNG"),
    # 30 MB (decimal): past the 15 MB photo limit, within the 30 MiB request limit.
    "a 30 MB file": (
        "huge.jpg",
        lambda: b"\xff\xd8\xff\xe0" + bytes(30_000_000 - 4),
        "图片文件过大",
    ),
}


@pytest.mark.parametrize("case", REFUSED)
def test_a_file_that_is_not_an_acceptable_photo_gets_a_chinese_field_error(
    superuser_client, article_form, case
):
    filename, make, message = REFUSED[case]
    upload = SimpleUploadedFile(filename, make(), "image/jpeg")
    response = superuser_client.post(reverse(ADD_URL), with_photo(article_form, upload))
    assert response.status_code == 200
    errors = photo_errors(response)
    assert len(errors) == 1 and message in errors[0], errors
    assert not Article.objects.exists()
    assert not Photo.objects.exists()
    assert stored_files() == []


def test_a_request_past_the_request_limit_is_refused_before_any_view(
    superuser_client, article_form, settings
):
    settings.MAX_REQUEST_BYTES = 2 * 1024 * 1024  # as the 30 MiB default, scaled down
    upload = SimpleUploadedFile("huge.jpg", b"\xff\xd8\xff\xe0" + bytes(3 * 1024 * 1024))
    response = superuser_client.post(reverse(ADD_URL), with_photo(article_form, upload))
    assert response.status_code == 413
    assert "提交的内容过大" in response.content.decode()
    assert stored_files() == []


def test_a_png_webp_and_avif_are_accepted_by_content_whatever_their_names(
    superuser_client, article_form
):
    for fmt in ("PNG", "WEBP", "AVIF"):
        upload = SimpleUploadedFile("photo.jpg", images.plain_image(fmt), "image/jpeg")
        form = {**article_form, "title": f"{fmt} 照片"}
        response = superuser_client.post(reverse(ADD_URL), with_photo(form, upload))
        assert response.status_code == 302, fmt
    extensions = sorted(p.image.name.rsplit(".", 1)[1] for p in Photo.objects.all())
    assert extensions == ["avif", "png", "webp"]


def test_saving_a_story_does_not_ask_storage_for_the_size_of_its_stored_photos(monkeypatch):
    from django.core.files.storage import default_storage

    from tests.factories import make_article
    from tests.photos.conftest import make_photo

    photo = make_photo(make_article())

    def no_size(name):
        raise AssertionError(f"storage asked for the size of {name}")

    monkeypatch.setattr(default_storage, "size", no_size)
    photo.refresh_from_db()
    photo.full_clean()  # what the admin's inline runs on every save of the story


def test_the_drop_zone_and_each_row_offer_the_formats_the_pipeline_takes(superuser_client):
    from articles.photos.forms import ACCEPT

    page = superuser_client.get(reverse(ADD_URL)).content.decode()
    assert ACCEPT == "image/jpeg,image/png,image/webp,image/avif"
    assert f'multiple accept="{ACCEPT}" data-drop-input' in page
    assert page.count(f'accept="{ACCEPT}"') >= 2  # the drop zone and a photo row
