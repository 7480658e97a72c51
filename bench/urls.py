"""The site's URLs plus the baselines every page is compared with: /bench/bare/;
/bench/one-query/, the floor of any page that lists stories; /bench/front-queries/, the
floor of the front page; /api/bench-bare/<name>/, an API answer's bytes (bench/api.py)."""

import os
from pathlib import Path

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import include, path

from articles.models import Article
from articles.public.views import FrontPageView


def bare_view(request):
    """Django with no database: the same middleware, a template of the front page's size."""
    return render(request, "bench_bare.html")


def one_query_view(request):
    """The bare view plus the one query every story list makes (a page of the newest
    public stories with their printed page and strap), its rows made into models and
    nothing of them printed: what a list page costs before any of its own work."""
    stories = list(Article.objects.published().for_list()[:20])
    response = render(request, "bench_bare.html")
    response["X-Stories"] = str(len(stories))
    return response


def front_queries_view(request):
    """The bare view plus everything the front page asks the database and the cache
    (its context, with the lazy straps list evaluated), nothing of it printed: what the
    front page costs before its template."""
    view = FrontPageView()
    view.setup(request)
    context = view.get_context_data()
    response = render(request, "bench_bare.html")
    response["X-Straps"] = str(len(context["columns"]))
    return response


_api_bytes: dict[str, bytes] = {}


def bare_api_view(request, name):
    """bench/api.py's baseline: the bytes of one API answer (which it wrote into
    BENCH_TEMPLATE_DIR as `<name>.json`), under /api/ so that the same middleware runs
    (gzip, CORS, the rate limit), with no page cache and no database."""
    content = _api_bytes.get(name)
    if content is None:
        folder = Path(os.environ["BENCH_TEMPLATE_DIR"])
        content = _api_bytes[name] = (folder / f"{name}.json").read_bytes()
    return HttpResponse(content, content_type="application/json")


urlpatterns = [
    path("api/bench-bare/<slug:name>/", bare_api_view, name="bench-bare-api"),
    path("bench/bare/", bare_view, name="bench-bare"),
    path("bench/one-query/", one_query_view, name="bench-one-query"),
    path("bench/front-queries/", front_queries_view, name="bench-front-queries"),
    path("", include("unionsite.urls")),
]
