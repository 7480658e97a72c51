"""The API's OpenAPI schema: generated from the code without a warning, valid, and equal
byte for byte to the checked-in docs/api/openapi.yaml, so a change to the API is a visible
diff; served at /api/v1/schema/, with its docs page at /api/v1/docs/."""

from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

CHECKED_IN = Path(settings.BASE_DIR) / "docs" / "api" / "openapi.yaml"
REGENERATE = (
    ".venv/bin/python manage.py spectacular --validate --fail-on-warn --file docs/api/openapi.yaml"
)


def generate(tmp_path) -> bytes:
    """The schema as `manage.py spectacular` writes it; it fails on any warning."""
    out = tmp_path / "openapi.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    return out.read_bytes()


def test_the_checked_in_schema_is_the_generated_one(tmp_path):
    assert generate(tmp_path) == CHECKED_IN.read_bytes(), (
        "docs/api/openapi.yaml is not the schema the code generates: the API changed. "
        f"Regenerate it with `{REGENERATE}` and commit the diff with the change."
    )


def test_every_description_is_in_chinese():
    """What the docs page shows readers is Chinese (the enums list their values)."""
    schema = yaml.safe_load(CHECKED_IN.read_text(encoding="utf-8"))

    def descriptions(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "description" and isinstance(value, str) and "enum" not in node:
                    yield value
                else:
                    yield from descriptions(value)
        elif isinstance(node, list):
            for item in node:
                yield from descriptions(item)

    found = list(descriptions(schema))
    assert found
    assert [text for text in found if not any("\u4e00" <= c <= "\u9fff" for c in text)] == []


@pytest.mark.django_db
def test_the_schema_is_served_as_json():
    response = Client().get(reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    served = response.json()
    assert served["info"]["title"] == "工会报内容接口"
    assert served == yaml.safe_load(CHECKED_IN.read_text(encoding="utf-8"))
    # Not the schema's own address, nor the docs page's.
    assert set(served["paths"]) == {
        "/api/v1/stories/",
        "/api/v1/stories/{pk}/",
        "/api/v1/unions/",
        "/api/v1/unions/{pk}/",
        "/api/v1/topics/",
        "/api/v1/epaper/",
        "/api/v1/epaper/{date}/",
        "/api/v1/epaper/{date}/{number}/",
        "/api/v1/search/",
    }


@pytest.mark.django_db
def test_the_docs_page_loads_only_files_of_this_site():
    """Swagger UI's page: its scripts are files here (no inline script the CSP would
    refuse, no CDN), its start script points at the schema."""
    page = Client().get(reverse("api:docs"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "<script>" not in html and "https://" not in html and "http://" not in html
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "script-src 'self'" in page["Content-Security-Policy"]
    script = Client().get(reverse("api:docs"), {"script": ""})
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert reverse("api:schema") in script.content.decode()
