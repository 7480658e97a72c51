from django.urls import path

from articles.search import views

app_name = "search"

urlpatterns = [
    path("search/", views.SearchView.as_view(), name="results"),
    path("opensearch.xml", views.opensearch, name="opensearch"),
]
