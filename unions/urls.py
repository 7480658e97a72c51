"""The readers' site for unions: the tree's top, each union's page and its feed."""

from django.urls import path

from articles.feeds import UnionFeed
from unions import views

app_name = "unions"

urlpatterns = [
    path("", views.UnionIndexView.as_view(), name="union-index"),
    path("<slug:slug>/", views.UnionDetailView.as_view(), name="union-detail"),
    path("<slug:slug>/feed/", UnionFeed(), name="union-feed"),
]
