import pytest
from django.core.files.storage import default_storage

from tests.factories import article_admin_form

# The article form as the admin posts it, with no credits and no photos yet.
ARTICLE_FORM = article_admin_form(
    title="通州区总工会走访多源企业", kind="photo", body="区总工会走访辖区企业，慰问一线职工。"
)


def stored_files(folder: str = "") -> list[str]:
    """Every name in default storage, through the Storage API (as on an object store)."""
    try:
        directories, files = default_storage.listdir(folder)
    except FileNotFoundError:  # nothing was ever written
        return []
    names = [f"{folder}/{name}".lstrip("/") for name in files]
    for directory in directories:
        names += stored_files(f"{folder}/{directory}".lstrip("/"))
    return sorted(names)


@pytest.fixture
def article_form():
    return dict(ARTICLE_FORM)


def make_photo(article, *, order=0, size=(900, 600), colour=(30, 120, 60), **fields):
    """A photo through the pipeline with its renditions, as the admin stores one."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from articles.models import Photo
    from articles.photos import services
    from articles.photos.pipeline import clean_upload
    from tests.photos.images import plain_image

    clean = clean_upload(SimpleUploadedFile("p.jpg", plain_image("JPEG", size, colour)))
    return services.store(Photo(article=article, order=order, **fields), clean)
