from django.urls import path

from articles.photos import views

app_name = "photos"

urlpatterns = [
    path("stage/", views.stage, name="stage"),
]
