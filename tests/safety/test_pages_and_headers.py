"""Error pages in Chinese without the database, security headers, /healthz."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError
from django.test import Client, RequestFactory
from django.urls import reverse

from articles.safety import views

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent.parent


def server_error_while_handling(error, assert_num_queries):
    """The 500 handler's answer, called as Django calls it: while `error` is handled."""
    request = RequestFactory().get("/")
    with assert_num_queries(0):
        try:
            raise error
        except type(error):
            return views.server_error(request)


def test_the_500_page_renders_without_touching_the_database(django_assert_num_queries):
    response = server_error_while_handling(ValueError("boom"), django_assert_num_queries)
    assert response.status_code == 500
    assert "服务器出错了" in response.content.decode()


def test_a_database_error_is_a_503_with_retry_after(django_assert_num_queries):
    response = server_error_while_handling(
        OperationalError("connection refused"), django_assert_num_queries
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "网站暂时无法访问" in response.content.decode()


def test_error_pages_speak_chinese():
    client = Client()
    assert "页面没有找到" in client.get("/no/such/page/").content.decode()
    bad = client.get("/topics/%00/")
    assert bad.status_code == 400 and "请求有误" in bad.content.decode()
    forbidden = views.permission_denied(RequestFactory().get("/"))
    assert forbidden.status_code == 403 and "没有权限" in forbidden.content.decode()


def test_an_oversized_body_is_a_413_before_anything_reads_it(settings):
    settings.MAX_REQUEST_BYTES = 1000
    response = Client().post("/admin/login/", {"username": "x" * 2000, "password": "y"})
    assert response.status_code == 413
    assert "提交的内容过大" in response.content.decode()


def test_a_body_over_djangos_memory_limit_is_a_chinese_413(superuser_client):
    text = "工会" * 1_400_000  # about 8 MB of UTF-8: past DATA_UPLOAD_MAX_MEMORY_SIZE
    response = superuser_client.post(reverse("admin:articles_pageimport_add"), {"text": text})
    assert response.status_code == 413
    assert "提交的内容过大" in response.content.decode()


def test_every_public_page_has_the_security_headers():
    response = Client().get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy
    assert response["Permissions-Policy"].startswith("camera=()")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_healthz_says_what_is_wrong(monkeypatch):
    assert Client().get("/healthz").json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
    }

    def broken():
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(views.connection, "cursor", broken)
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"].startswith("error: OperationalError")


def test_https_turns_on_every_https_only_setting():
    """The settings module read afresh with an https SITE_URL, as production would."""
    code = (
        "from django.conf import settings as s; import django; django.setup();"
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_PRELOAD,"
        " s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_NAME,"
        " s.CSRF_COOKIE_NAME, s.SECURE_PROXY_SSL_HEADER)"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "unionsite.settings",
        "SITE_URL": "https://news.example.org",
        "SECRET_KEY": "x" * 50,
        "BEHIND_PROXY": "1",
        "DATABASE_URL": "sqlite:///:memory:",
    }
    env.pop("DEBUG", None)
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert out[:8] == [
        "True",
        "31536000",
        "True",
        "True",
        "True",
        "__Host-sessionid",
        "__Host-csrftoken",
        "('HTTP_X_FORWARDED_PROTO',",
    ]
