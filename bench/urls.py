"""The site's URLs plus the baselines every page is compared with: /bench/bare/, and
/bench/one-query/, the floor of any page that lists stories."""

from django.shortcuts import render
from django.urls import include, path

from articles.models import Article


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


urlpatterns = [
    path("bench/bare/", bare_view, name="bench-bare"),
    path("bench/one-query/", one_query_view, name="bench-one-query"),
    path("", include("unionsite.urls")),
]
