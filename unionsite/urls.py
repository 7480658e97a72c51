from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.generic import TemplateView

from articles.public.sitemaps import SITEMAPS

admin.site.site_header = "工会报 内容管理"
admin.site.site_title = "工会报 内容管理"
admin.site.index_title = "编辑部工作台"

urlpatterns = [
    path("admin/summaries/", include("articles.summaries.urls")),
    path("admin/scoring/", include("articles.scoring.urls")),
    path("admin/photos/", include("articles.photos.urls")),
    path("admin/", admin.site.urls),
    path("preview/", include("articles.workflow.urls")),
    path("contribute/", include("articles.contribute.urls")),
    path("", include("articles.safety.urls")),
    path("unions/", include("articles.public.union_urls")),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain; charset=utf-8"),
        name="robots-txt",
    ),
    path("", include("articles.search.urls")),
    # The content API for apps (JSON): before the readers' site, which owns the root.
    path("api/v1/", include("articles.api.urls")),
    # Last: the readers' site owns the root (front page, articles, topics, e-paper ...).
    path("", include("articles.public.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Error pages in Chinese, rendered without the database (articles/safety/views.py).
handler400 = "articles.safety.views.bad_request"
handler403 = "articles.safety.views.permission_denied"
handler500 = "articles.safety.views.server_error"
