"""/admin/summaries/: the monthly summary page and its downloads, inside the admin."""

from django.contrib import admin
from django.urls import path

from articles.summaries import views

app_name = "summaries"

urlpatterns = [
    path("", admin.site.admin_view(views.monthly_summary), name="monthly"),
    path("export/", admin.site.admin_view(views.export_summary), name="export"),
]
