"""The readers' site for stories: front page, topics, straps, tags, archive, e-paper, feeds."""

import datetime

from django.urls import path, register_converter

from articles.public import epaper, feeds, views


class IsoDateConverter:
    """`2024-01-23` in a URL, as a `datetime.date`.

    The regex only checks the shape; an impossible date (2024-13-45) raises ValueError
    here, which Django treats as "no route matched": a clean 404 instead of a 500 later.
    """

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value: str) -> datetime.date:
        return datetime.date.fromisoformat(value)

    def to_url(self, value: datetime.date) -> str:
        return value.isoformat()


register_converter(IsoDateConverter, "isodate")

app_name = "articles"

urlpatterns = [
    path("", views.FrontPageView.as_view(), name="front-page"),
    path("articles/<int:pk>/", views.ArticleDetailView.as_view(), name="article-short"),
    path(
        "articles/<int:pk>/<slug:slug>/", views.ArticleDetailView.as_view(), name="article-detail"
    ),
    path("topics/<slug:slug>/", views.TopicDetailView.as_view(), name="topic-detail"),
    path("topics/<slug:slug>/feed/", feeds.TopicFeed(), name="topic-feed"),
    path("columns/<slug:slug>/", views.ColumnDetailView.as_view(), name="column-detail"),
    # Tag slugs keep their hanzi (送温暖), which the slug converter would refuse.
    path("tags/<str:slug>/", views.TagDetailView.as_view(), name="tag-detail"),
    path("archive/", views.ArchiveIndexView.as_view(), name="archive-index"),
    path("archive/<int:year>/<int:month>/", views.ArchiveMonthView.as_view(), name="archive-month"),
    path("epaper/", epaper.LatestEditionView.as_view(), name="epaper-latest"),
    path("epaper/back-issues/", epaper.BackIssuesView.as_view(), name="epaper-back-issues"),
    path(
        "epaper/back-issues/<int:year>/",
        epaper.BackIssuesView.as_view(),
        name="epaper-back-issues-year",
    ),
    path("epaper/<isodate:date>/", epaper.EditionView.as_view(), name="epaper-edition"),
    path("epaper/<isodate:date>/<int:number>/", epaper.PrintPageView.as_view(), name="epaper-page"),
    path("feeds/latest/", feeds.LatestStoriesFeed(), name="latest-feed"),
]
