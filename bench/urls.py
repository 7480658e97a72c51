"""The site's URLs plus /bench/bare/: the baseline every page is compared with."""

from django.shortcuts import render
from django.urls import include, path


def bare_view(request):
    """Django with no database: the same middleware, a template of the front page's size."""
    return render(request, "bench_bare.html")


urlpatterns = [
    path("bench/bare/", bare_view, name="bench-bare"),
    path("", include("unionsite.urls")),
]
