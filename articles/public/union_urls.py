"""The readers' site for unions (namespace `unions`): the tree's top, each union's page
and its feed. The pages live with the rest of the readers' site; `unions` itself stays
the bottom layer."""

from django.urls import path

from articles.public import views
from articles.public.feeds import UnionFeed

app_name = "unions"

urlpatterns = [
    path("", views.UnionIndexView.as_view(), name="union-index"),
    path("<slug:slug>/", views.UnionDetailView.as_view(), name="union-detail"),
    path("<slug:slug>/feed/", UnionFeed(), name="union-feed"),
]
