"""A 版's PDF for a page whose stories are in already (the demo's come from the dump):
its image, and each story's zones where the PDF has a report of its title."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.demo.loader import SEED_PDF, load_demo
from articles.models import PageFile, PageZone, PrintPage
from tests.epaper import hostile

pytestmark = pytest.mark.django_db


@pytest.fixture
def page():
    load_demo()
    return PrintPage.objects.get()


def attach(client, page, data: bytes, name: str = "page.pdf"):
    url = reverse("admin:articles_pageimport_attach", args=[page.pk])
    return client.post(url, {"pdf": SimpleUploadedFile(name, data, "application/pdf")})


def test_the_pdf_gives_the_page_its_image_and_every_story_its_zones(superuser_client, page):
    response = attach(superuser_client, page, SEED_PDF.read_bytes())

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:articles_printpage_change", args=[page.pk])
    assert PageFile.objects.get(print_page=page).renditions["widths"]
    assert PageZone.objects.filter(print_page=page).values("article").distinct().count() == 6
    # Again: the zones are replaced, not added.
    zones = PageZone.objects.count()
    attach(superuser_client, page, SEED_PDF.read_bytes())
    assert PageZone.objects.count() == zones and PageFile.objects.count() == 1


def test_a_file_that_is_no_pdf_gets_a_field_error_and_nothing_is_kept(superuser_client, page):
    response = attach(superuser_client, page, hostile.not_a_pdf(), "page.pdf")
    assert response.status_code == 200
    assert "不是 PDF" in response.content.decode()
    assert not PageFile.objects.exists() and not PageZone.objects.exists()


def test_a_reporter_may_not_attach_a_page_pdf(client, page, django_user_model):
    from django.contrib.auth.models import Group

    from articles.workflow.roles import REPORTER

    reporter = django_user_model.objects.create_user("r", password="pw-reporter-1", is_staff=True)
    reporter.groups.add(Group.objects.get(name=REPORTER))
    client.force_login(reporter)
    assert attach(client, page, SEED_PDF.read_bytes()).status_code == 403
    assert not PageFile.objects.exists()
