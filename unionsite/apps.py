from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    """Django's admin with the editors' desk as its first page (articles/desk/)."""

    default_site = "articles.desk.sites.NewsroomAdminSite"
