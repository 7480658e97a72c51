"""/admin/summaries/: the monthly summary page and its downloads, inside the admin."""

from django.contrib import admin
from django.urls import path

from articles import summary_views

app_name = "summaries"

urlpatterns = [
    path("", admin.site.admin_view(summary_views.monthly_summary), name="monthly"),
    path("export/", admin.site.admin_view(summary_views.export_summary), name="export"),
]
