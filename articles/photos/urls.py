from django.contrib import admin
from django.urls import path

from articles.photos import views

app_name = "photos"

urlpatterns = [
    path("stage/", admin.site.admin_view(views.stage), name="stage"),
]
