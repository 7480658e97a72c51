"""The admin site with the desk as its first page. `unionsite.apps.AdminConfig` makes it
the default site, so `admin.site` (every `register`, `admin_view` and URL) is this one."""

from django.contrib import admin
from django.urls import path

from articles.desk import views


class NewsroomAdminSite(admin.AdminSite):
    index_template = "admin/desk/index.html"

    def index(self, request, extra_context=None):
        return super().index(request, {**views.desk_context(request), **(extra_context or {})})

    def get_urls(self):
        return [
            path(
                "desk/notices/read/",
                self.admin_view(views.mark_notices_read),
                name="desk-notices-read",
            ),
            *super().get_urls(),
        ]
