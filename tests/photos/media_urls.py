"""The project's URLs plus uploaded media, for browser tests: with DEBUG off Django
serves no media, and the live server's handler serves only static files."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from unionsite.urls import urlpatterns as project_urls


def media(request, path):
    # MEDIA_ROOT is a fresh folder per test (tests/conftest.py): read it per request.
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [re_path(r"^media/(?P<path>.*)$", media), *project_urls]
