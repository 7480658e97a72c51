"""The content API's addresses (namespace `api`), under /api/v1/. Ids, dates and 版
numbers are read by the views (`params.py`), so that one that cannot be one is a JSON
404 rather than the site's HTML page; so is any other address under /api/v1/."""

from django.urls import path, re_path

from articles.api import schema, views

app_name = "api"

urlpatterns = [
    path("stories/", views.StoryListView.as_view(), name="story-list"),
    path("stories/<str:pk>/", views.StoryDetailView.as_view(), name="story-detail"),
    path("unions/", views.UnionListView.as_view(), name="union-list"),
    path("unions/<str:pk>/", views.UnionDetailView.as_view(), name="union-detail"),
    path("topics/", views.TopicListView.as_view(), name="topic-list"),
    path("epaper/", views.EditionListView.as_view(), name="epaper-list"),
    path("epaper/<str:date>/", views.EditionDetailView.as_view(), name="epaper-edition"),
    path("epaper/<str:date>/<str:number>/", views.EpaperPageView.as_view(), name="epaper-page"),
    path("search/", views.SearchView.as_view(), name="search"),
    # The OpenAPI 3 schema (JSON) and Swagger UI on it (articles/api/schema.py).
    path("schema/", schema.SchemaView.as_view(), name="schema"),
    path("docs/", schema.DocsView.as_view(), name="docs"),
    # Last: an address ending in "/" that names nothing above (one without the slash is
    # first sent to it by APPEND_SLASH).
    re_path(r"^(?:.*/)?$", views.UnknownEndpointView.as_view(), name="unknown"),
]
