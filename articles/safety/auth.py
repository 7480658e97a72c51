"""Who may log in: Django's model backend, except with the demo password in production."""

from django.conf import settings
from django.contrib.auth.backends import ModelBackend

# The quick start's demo logins (articles/demo/management/commands/demo_admin.py).
DEMO_PASSWORD = "unionsite-demo"  # noqa: S105 - refused unless DEBUG, which is the point


class NoDemoPasswordBackend(ModelBackend):
    """Refuses the demo password unless DEBUG is on, whichever user carries it: a demo
    user left in a production database cannot be logged into."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if password == DEMO_PASSWORD and not settings.DEBUG:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
