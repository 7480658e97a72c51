"""WSGI entry point: what a production server loads."""

import logging
import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionsite.settings")

application = get_wsgi_application()

# A server must not start without a key: sessions, CSRF and signed links depend on it.
if not settings.DEBUG and not os.environ.get("SECRET_KEY"):
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

# Without Redis the page cache is files this machine's processes share (settings): a
# second app server on another machine would keep pages the first one's writes never
# refresh. Said once per server process, not by every management command.
if not settings.DEBUG and settings.CACHES["default"]["BACKEND"].endswith("FileBasedCache"):
    logging.getLogger("unionsite").warning(
        "page cache: kept in files on this machine (%s); with app servers on more than "
        "one machine set REDIS_URL, or pages go stale on the others",
        settings.CACHES["default"]["LOCATION"],
    )
