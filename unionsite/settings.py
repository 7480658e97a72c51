"""Settings for Unionsite, read from the environment.

Every value a deployment changes comes from an environment variable, parsed here so that
a wrong value stops the process at boot instead of misbehaving later.
"""

import datetime
import importlib.util
import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from unionsite.logs import TRUE_WORDS, json_logging

BASE_DIR = Path(__file__).resolve().parent.parent

# The quick start keeps its SQLite file and uploads here; the folder is git-ignored.
VAR_DIR = BASE_DIR / "var"


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in TRUE_WORDS:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {value!r}")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {value!r}") from None


DEBUG = env_bool("DEBUG")

# With DEBUG off and no key, SECRET_KEY stays empty: commands that sign nothing (migrate,
# check, makemigrations) still run, the WSGI/ASGI entry points refuse to start
# (unionsite/wsgi.py), and anything that signs fails with Django's own error.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "django-insecure-only-for-local-development"  # noqa: S105 - DEBUG only

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Django's admin with the editors' desk as its first page (unionsite/apps.py).
    "unionsite.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # sitemap.xml for the readers' site (its templates live in the app).
    "django.contrib.sitemaps",
    "taggit",
    "unions",
    "articles",
    "articles.workflow",
    "articles.desk",
    "articles.summaries",
    "articles.scoring",
    "articles.copydesk",
    "articles.pageimport",
    "articles.contribute",
    "articles.demo",
    "articles.public",
    "articles.search",
    "articles.safety",
    "articles.pagecache",
    "articles.photos",
    # The content API at /api/v1/ (articles/api/), on Django REST framework.
    "articles.api",
    "rest_framework",
    # The API's OpenAPI 3 schema, generated from its views and serializers, and its docs
    # page (Swagger UI's files served from here, not a CDN: the sidecar).
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # CORS for the API (its system checks read CORS_ALLOWED_ORIGINS at boot).
    "corsheaders",
    # Login throttling: lockout per user and per address (articles/safety/ sets it up).
    "axes",
    # Content-Security-Policy header (settings below).
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files before anything that could touch the database: served in an outage too.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # 413 for oversized bodies, 400 for control characters in the URL, before any view.
    "articles.safety.middleware.RequestGuardMiddleware",
    "csp.middleware.CSPMiddleware",
    "articles.safety.middleware.PermissionsPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # The content API's callers (articles/api/), outside the page cache so that its
    # answers get them too: gzip for /api/ only; CORS for the origins staff configure
    # (a preflight is answered here), also on a 429; the rate limit per client address,
    # which counts every API request, cached or not.
    "articles.api.compression.ApiGZipMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "articles.api.limits.RateLimitMiddleware",
    # Readers' pages from the cache: after the headers above, before any session work.
    "articles.pagecache.middleware.ReaderPageCacheMiddleware",
    # While the database is known to be down, a 503 at once (the page cache above serves
    # what it kept): before sessions and auth, which would wait for it.
    "articles.safety.middleware.DatabaseOutageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Last, as django-axes asks: it answers a locked-out login with the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "unionsite.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # The header's topics for base.html, read only where a page prints them.
                "articles.public.context_processors.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "unionsite.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'unionsite.sqlite3'}"),
        # Persistent connections, checked before reuse: no new connection per request.
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(exist_ok=True)
    # Several editors on the quick start's file: readers never wait for a writer (the
    # write-ahead journal), and a write transaction takes the write lock when it begins
    # (IMMEDIATE), so a second save of a story waits for the first (up to
    # DB_LOCK_TIMEOUT seconds) and then reads its version: the conflict form
    # (articles/workflow/locking.py), not "database is locked". With the default
    # DEFERRED, both would read, and the second's upgrade to writing fails at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": env_int("DB_LOCK_TIMEOUT", 20),
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL;",
        }
    )
else:
    # A database that is down or hangs must cost a reader seconds, not a worker's life:
    # readers get the 503 page (articles/safety/views.py) within DB_CONNECT_TIMEOUT.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "connect_timeout": env_int("DB_CONNECT_TIMEOUT", 3),
            "options": f"-c statement_timeout={env_int('DB_STATEMENT_TIMEOUT_MS', 15000)}",
        }
    )

# After a request finds the database unreachable, this process answers without trying
# it for this long (articles/safety/outage.py): a 503 at once, or a reader's page the
# cache kept; then it tries again.
DB_RETRY_SECONDS = env_int("DB_RETRY_SECONDS", 5)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# One language by design: every text a user reads is a Chinese literal in our code and
# templates (docs/architecture.md, "Language"). USE_I18N stays on so that Django's own
# admin, forms and validation messages come in zh-hans; nothing negotiates a language.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]

MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))

# Uploaded photos larger than this are refused by the form, not half-written to disk.
MAX_PHOTO_BYTES = env_int("MAX_PHOTO_BYTES", 15 * 1024 * 1024)
# A request body larger than this is answered 413 before anything reads it: room for a
# photo at its limit and the rest of its form (articles/safety/middleware.py).
MAX_REQUEST_BYTES = env_int("MAX_REQUEST_BYTES", 2 * MAX_PHOTO_BYTES)
# A correspondent's Word file (.docx) with its photos: larger ones are refused before
# they are opened (articles/pageimport/word/package.py; its zip is capped there too).
MAX_DOCX_BYTES = env_int("MAX_DOCX_BYTES", 20 * 1024 * 1024)
# A page import with 60 reports posts about 60 × 13 fields; Django's default 1000 would
# refuse the confirm step of a full page (articles/pageimport/forms.py bounds the reports).
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1500

# Static files: WhiteNoise serves them with DEBUG off too. STATIC_MANIFEST=1 (production,
# after `collectstatic`) serves compressed files under hashed names, cached for a year.
STATIC_MANIFEST = env_bool("STATIC_MANIFEST")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise looks there first

# Media on an S3-compatible object store (django-storages, `pip install ".[production]"`),
# shared by every app server, when S3_BUCKET is set; the quick start keeps MEDIA_ROOT.
# Objects are read without a signature at MEDIA_URL (nginx's /media/, a CDN, or the store
# itself): photos get unguessable names, and the bucket lets anyone read an object by
# name but list or write nothing (docs/deployment.md).
S3_BUCKET = os.environ.get("S3_BUCKET", "")
S3_ENDPOINT_URL = os.environ.get("S3_ENDPOINT_URL", "")
S3_ADDRESSING_STYLE = os.environ.get("S3_ADDRESSING_STYLE", "path" if S3_ENDPOINT_URL else "auto")
# The variable MEDIA_URL: where readers fetch media from (becomes MEDIA_URL below).
PUBLIC_MEDIA_URL = os.environ.get("MEDIA_URL", "")
MEDIA_ORIGIN = ""  # where photos come from, for the Content-Security-Policy below
if S3_BUCKET:
    if importlib.util.find_spec("storages") is None:
        raise ImproperlyConfigured('S3_BUCKET needs django-storages: pip install ".[production]"')
    if S3_ADDRESSING_STYLE not in {"path", "virtual", "auto"}:
        raise ImproperlyConfigured(
            f"S3_ADDRESSING_STYLE must be path, virtual or auto, got {S3_ADDRESSING_STYLE!r}"
        )
    public = urlsplit(PUBLIC_MEDIA_URL)
    if PUBLIC_MEDIA_URL and (public.scheme not in {"http", "https"} or not public.netloc):
        raise ImproperlyConfigured(
            f"MEDIA_URL must be an absolute http(s) URL with S3_BUCKET, got {PUBLIC_MEDIA_URL!r}"
        )
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": S3_ENDPOINT_URL or None,
            "region_name": os.environ.get("S3_REGION") or None,
            # Unset: boto3 finds keys itself (AWS_ACCESS_KEY_ID …, or an instance role).
            "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
            "addressing_style": S3_ADDRESSING_STYLE,
            # Public URLs through nginx or a CDN (MEDIA_URL), else the store's own address.
            "custom_domain": (
                (public.netloc + public.path.rstrip("/")) if PUBLIC_MEDIA_URL else None
            ),
            "url_protocol": f"{public.scheme or 'https'}:",
            "querystring_auth": False,
            # A second upload under a taken name gets a new name, never replaces a photo.
            "file_overwrite": False,
            "default_acl": None,
            "object_parameters": {"CacheControl": "public, max-age=86400"},
        },
    }
    if PUBLIC_MEDIA_URL:
        MEDIA_URL = PUBLIC_MEDIA_URL
    origin = urlsplit(PUBLIC_MEDIA_URL or S3_ENDPOINT_URL)
    MEDIA_ORIGIN = f"{origin.scheme}://{origin.netloc}" if origin.netloc else ""

# The public site's address: exports (月度统计) link each story by its absolute URL.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
if not SITE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(f"SITE_URL must start with http:// or https://, got {SITE_URL!r}")

CSRF_TRUSTED_ORIGINS = list(dict.fromkeys([*CSRF_TRUSTED_ORIGINS, SITE_URL]))

# --- Mail -------------------------------------------------------------------------------
# The workflow's notices (articles/workflow/notices.py) go out by Django's mail: to the
# console in the quick start (DEBUG), through SMTP (EMAIL_HOST …) in production.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "工会报编辑部 <newsroom@localhost>")

# --- Cache ----------------------------------------------------------------------------
# Redis when REDIS_URL is set (shared by every app server: pages, and the versions that
# keep them fresh); files shared by the processes of one machine otherwise (the quick
# start). Short socket
# timeouts: a cache that is down costs a request milliseconds, and pages go uncached.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "unionsite.cache.KeptClientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "unionsite"),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    # Only editors have sessions: readers never get one (the page cache serves them
    # without). Every app server reads sessions from Redis (no query per admin request)
    # and writes them through to the database ("cached_db"), so an editor halfway through
    # a story is not logged out when Redis restarts or evicts keys to make room for pages;
    # while Redis is unreachable they are read from the database alone (unionsite/sessions.py).
    SESSION_ENGINE = "unionsite.sessions"
else:
    # Without Redis (the quick start), a cache in files every process on this machine
    # shares: pages and the versions that keep them fresh agree across runserver's and
    # gunicorn's processes, so a publish is on every process's next page. App servers on
    # more than one machine need REDIS_URL (a warning says so when a server starts:
    # unionsite/wsgi.py).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("CACHE_DIR", str(VAR_DIR / "cache")),
            "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 20_000)},
        }
    }
# How long a reader's page may be kept at most (articles/pagecache/); 0 turns it off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
# How long what pages the cache does not hold reuse may be kept between requests: a
# union's or a topic's figures and tree, the header's topics (articles/pagecache/
# rollups.py, fresh by the same versions) and rendered story-list entries (fragments.py,
# keyed by what they print); 0 turns them off.
ROLLUP_CACHE_SECONDS = env_int("ROLLUP_CACHE_SECONDS", 600)
# How long the page cache keeps each page's last copy for readers while the database is
# down (articles/pagecache/middleware.py), and how long a proxy may serve its own.
PAGE_STALE_SECONDS = env_int("PAGE_STALE_SECONDS", 24 * 3600)
# How long a proxy in front (nginx) may keep a page: "a few seconds" of staleness at most.
PROXY_CACHE_SECONDS = env_int("PROXY_CACHE_SECONDS", 5)
# nginx servers whose copy of the front page a committed write refreshes (PURGE /,
# articles/pagecache/proxy.py), comma-separated base URLs such as http://10.0.0.5:8080.
PROXY_PURGE_URLS = [url for url in os.environ.get("PROXY_PURGE_URLS", "").split(",") if url]

# --- Security: secure by configuration -------------------------------------------------
# An https:// SITE_URL turns on everything HTTPS-only; each setting can still be forced
# from the environment. BEHIND_PROXY=1 trusts X-Forwarded-Proto from the proxy in front
# (nginx), which must set it; TRUSTED_PROXY_COUNT tells the login throttle how many
# proxies' X-Forwarded-For entries to trust.
HTTPS = SITE_URL.startswith("https://")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS)
if env_bool("BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", HTTPS)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
if HTTPS:
    # __Host- cookies: Secure, path /, no Domain: a sibling subdomain cannot set them.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Content-Security-Policy (django-csp): scripts only from the site itself; inline style
# attributes stay allowed (the admin and the SVG charts of the summaries use them).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": [
            "'self'",
            "data:",
            *([MEDIA_ORIGIN] if MEDIA_ORIGIN else []),
            *env_list("CSP_IMG_SOURCES"),
        ],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        **({"upgrade-insecure-requests": True} if HTTPS else {}),
    }
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# The content API (articles/api/): read-only JSON, the same for every caller, so no
# authentication, no parsers, no OPTIONS metadata; JSON whatever the Accept header, since
# the page cache keeps one copy per URL (a browser's HTML copy would reach apps); `?format=`
# is not read. Errors are DRF's {"detail": "…"}, in Chinese (LANGUAGE_CODE, and our own
# messages).
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "articles.api.negotiation.JSONOnly",
    "DEFAULT_METADATA_CLASS": None,
    "URL_FORMAT_OVERRIDE": None,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # The schema's path parameters named as the routes name them ({pk}, not {id}).
    "SCHEMA_COERCE_PATH_PK": False,
}

# The API's OpenAPI 3 schema (drf-spectacular): /api/v1/schema/ (JSON), the docs page
# /api/v1/docs/, and the checked-in docs/api/openapi.yaml a test holds equal to it.
SPECTACULAR_SETTINGS = {
    "TITLE": "工会报内容接口",
    "DESCRIPTION": (
        "工会报网站的只读内容接口（JSON）：已发布的稿件、工会组织树及其数字、专题、数字报和"
        "站内搜索，供工会的 App、微信公众号和小程序使用。不需要登录，人人得到的回答相同；"
        "读者看不到的稿件和内部信息一概不出现。时间为北京时间，精确到秒。"
        '错误时返回 {"detail": "……"}。'
    ),
    "VERSION": "1.0.0",
    # OpenAPI 3.1: a field that may be null is `oneOf: [{$ref}, {type: "null"}]`, which
    # validators read one way; 3.0's `nullable` beside `allOf` they read two.
    "OAS_VERSION": "3.1.0",
    # Paths are absolute (/api/v1/…) on the host that serves the schema.
    "SERVERS": [{"url": "/", "description": "本站"}],
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PUBLIC": True,
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI's files from drf-spectacular-sidecar; no validator badge (an image from
    # validator.swagger.io, which the CSP refuses).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "articles.api.schema.describe_components",
    ],
}

# The content API's callers (articles/api/limits.py, django-cors-headers). Each client
# address (TRUSTED_PROXY_COUNT above) may send API_RATE_LIMIT requests to /api/ in each
# window of API_RATE_WINDOW_SECONDS, answers from the page cache included, then gets a
# 429 until the window ends; 0 turns the limit off. The counters live in the cache (Redis
# in production, shared by every app server). Web apps on the origins in
# CORS_ALLOWED_ORIGINS (comma-separated, with scheme: https://app.example.cn) may read
# the API from a browser; nothing else, and no cookies.
API_RATE_LIMIT = env_int("API_RATE_LIMIT", 120)
API_RATE_WINDOW_SECONDS = env_int("API_RATE_WINDOW_SECONDS", 60)
if API_RATE_LIMIT < 0 or API_RATE_WINDOW_SECONDS < 1:
    raise ImproperlyConfigured(
        "API_RATE_LIMIT must be 0 or more, API_RATE_WINDOW_SECONDS 1 or more"
    )
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "accept-language", "if-none-match", "if-modified-since"]
CORS_EXPOSE_HEADERS = ["ETag", "Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining"]

# Logins (django-axes): LOGIN_FAILURE_LIMIT wrong passwords from one address lock that
# address out, for every username, for LOGIN_COOLOFF_MINUTES. Each failure is recorded
# per username and address (the admin lists them), but nothing is locked per username
# from anywhere: that let anyone keep a known editor out from wherever the editor was.
# A lock per (username, address) pair beside this one would add nothing: axes has one
# limit, and a pair's failures are never more than its address's.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's backend, refusing the quick start's demo password unless DEBUG.
    "articles.safety.auth.NoDemoPasswordBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
# A try during a lockout is refused and not recorded, so it does not extend the lockout:
# it ends LOGIN_COOLOFF_MINUTES after the failure that began it (axes' default, True,
# restarted the cool-off with every try).
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "errors/lockout.html"
AXES_CLIENT_IP_CALLABLE = "articles.safety.net.client_ip"
AXES_VERBOSE = False

# Logs: plain lines on stderr by default; LOG_FORMAT=json writes one JSON object per line
# to stdout, which a log collector (journald, Docker, Fluent Bit, Vector) reads as is.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text").strip().lower()
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be text or json, got {LOG_FORMAT!r}")
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
if LOG_FORMAT == "json":
    LOGGING = json_logging(LOG_LEVEL)
else:
    LOGGING = {
        "version": 1,
        "disable_existing_loggers": False,
        "handlers": {"console": {"class": "logging.StreamHandler"}},
        "root": {"handlers": ["console"], "level": LOG_LEVEL},
    }
