"""/admin/scoring/: the 宣传信息考核 page, its downloads and the printable 通报, in the admin."""

from django.contrib import admin
from django.urls import path

from articles.scoring import views

app_name = "scoring"

urlpatterns = [
    path("", admin.site.admin_view(views.ranking_page), name="ranking"),
    path("export/", admin.site.admin_view(views.export_ranking), name="export"),
    path("notice/", admin.site.admin_view(views.ranking_notice), name="notice"),
]
