"""Settings shared by every environment. Everything an operator may change is read from the
environment; .env.example lists every variable."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE

from .env import env_bool, env_int, env_list, env_str

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
# Paths and URLs: an empty value (a copied .env.example) means the default, as if unset.
VAR_DIR = Path(env_str("TOASOAN_VAR_DIR") or BASE_DIR / "var")

DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "toasoan.core",
    "toasoan.news",
    "toasoan.search",
    "toasoan.publishing",
    "toasoan.procedures",
    "toasoan.feedback",
    "toasoan.consultation",
    "toasoan.surveys",
    "toasoan.documents",
    "toasoan.newsletter",
    "toasoan.agency",
    "toasoan.stats",
    "toasoan.api",
    "toasoan.trust",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "wagtail.contrib.settings",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "toasoan.publishing.middleware.CacheHeadersMiddleware",
    # Which requests may read a replica; pins writers to the primary (unused without replicas).
    "toasoan.core.replicas.ReplicaMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy (public and admin policies) and Permissions-Policy: see below.
    "toasoan.trust.headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language comes from the URL only (/en/...), never Accept-Language or a cookie: pages are
    # cached by path. Replaces django.middleware.locale.LocaleMiddleware.
    "toasoan.core.language.URLLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Adds user.is_verified(): the admin requires a TOTP-verified session (toasoan/trust/staff).
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Unverified staff go to their second step; staff session timeouts (toasoan/trust/staff).
    "toasoan.trust.staff.middleware.StaffAccessMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns its lockout into the locked-out response.
    "axes.middleware.AxesMiddleware",
]

# django-axes counts failed logins first (toasoan/trust/staff: lockout).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Response headers (toasoan/trust/headers.py, docs/headers.md). The public site runs no inline
# script or style and no nonce: its pages are cached and shared by every reader. No body block
# embeds other sites (no EmbedBlock, no "embed" rich-text feature), so no frame source either.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "manifest-src": [SELF],
        "frame-src": [NONE],
        "worker-src": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        # No site frames ours (X-Frame-Options DENY for older browsers, below). Wagtail's preview
        # panel frames admin URLs, which have their own policy.
        "frame-ancestors": [NONE],
    },
}
# The Wagtail admin (paths below) writes inline scripts and style attributes: its own policy
# allows them there only (toasoan.trust.headers.SecurityHeadersMiddleware says why). Previews
# and choosers are same-origin frames; blob: for image previews before upload.
TOASOAN_ADMIN_CSP = {
    "PATHS": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "media-src": [SELF, "blob:"],
        "frame-src": [SELF],
        "worker-src": [SELF, "blob:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        # Wagtail's preview panel and its previews in a new tab are admin URLs framed by the admin.
        "frame-ancestors": [SELF],
    },
}
# Browser features the portal never uses, off for it and for any frame (Permissions-Policy).
TOASOAN_PERMISSIONS_POLICY_OFF = [
    "accelerometer",
    "autoplay",
    "browsing-topics",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "hid",
    "interest-cohort",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "serial",
    "usb",
    "xr-spatial-tracking",
]
SECURE_CONTENT_TYPE_NOSNIFF = True
# toasoan/stats tells entries from inner page views by the same-origin Referer: keep it whole
# within the site, only the origin to other sites, nothing on a downgrade to http.
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# DENY (Django's check --deploy asks for it): Wagtail's preview views, the only pages we frame
# ourselves, answer with SAMEORIGIN (wagtail.utils.decorators.xframe_options_sameorigin_override).
X_FRAME_OPTIONS = "DENY"
# No script reads the cookies: Wagtail's admin takes its CSRF token from the page
# (wagtailConfig.CSRF_TOKEN), public forms carry theirs in a hidden field. Secure: production.py.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# The admin's policy allows no other origin: no Gravatar images (they would also tell Gravatar
# which staff use the admin) and no release check against wagtail.org.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

ROOT_URLCONF = "toasoan.urls"
WSGI_APPLICATION = "toasoan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite in WAL mode is the embedded default; DATABASE_URL switches to PostgreSQL.
SQLITE_PATH = VAR_DIR / "toasoan.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{SQLITE_PATH}", conn_max_age=env_int("DB_CONN_MAX_AGE", 60)
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers and one writer work at once; IMMEDIATE avoids "database is locked"
        # on write upgrades under concurrent requests.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
# Read replicas (PostgreSQL streaming replicas, docs/replicas.md): reads go to a replica, writes
# and the reads of whoever just wrote go to the primary (toasoan.core.db_routers).
for _number, _url in enumerate(env_list("DATABASE_REPLICA_URLS", []), start=1):
    _replica = dj_database_url.parse(_url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
    # A replica that stops answering must fail fast: its reads then go to the primary.
    _replica["OPTIONS"] = {"connect_timeout": 3, **_replica.get("OPTIONS", {})}
    DATABASES[f"replica{_number}"] = {**_replica, "TEST": {"MIRROR": "default"}}
if len(DATABASES) > 1:
    DATABASE_ROUTERS = ["toasoan.core.db_routers.ReplicaRouter"]
TOASOAN_REPLICAS = {
    # How long a reader who wrote keeps reading the primary: at least MAX_LAG + CHECK seconds.
    "PIN_SECONDS": env_int("TOASOAN_REPLICA_PIN_SECONDS", 10),
    # A replica further behind than this, or down, is skipped: its reads go to the primary.
    "MAX_LAG_SECONDS": env_int("TOASOAN_REPLICA_MAX_LAG_SECONDS", 5),
    # How often each process asks each replica how far behind it is (one small query).
    "CHECK_SECONDS": env_int("TOASOAN_REPLICA_CHECK_SECONDS", 2),
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Django's length rule with a Vietnamese message (its catalogue lags Django 5.2's msgid).
    {"NAME": "toasoan.trust.staff.validators.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Variety and guessable words (toasoan/trust/staff/validators.py, docs/staff-accounts.md).
    {"NAME": "toasoan.trust.staff.validators.CharacterVarietyValidator"},
    {"NAME": "toasoan.trust.staff.validators.GuessableWordsValidator"},
]

# Vietnamese by default, public site and admin; English pages under /en/ (agency information
# and interface strings: toasoan/locale/en). The admin and page content stay Vietnamese.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [PROJECT_DIR / "locale"]
FORMAT_MODULE_PATH = ["toasoan.formats"]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt")]
WAGTAIL_CONTENT_LANGUAGES = [("vi", "Tiếng Việt")]
WAGTAIL_I18N_ENABLED = False

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("TOASOAN_MEDIA_ROOT") or VAR_DIR / "media")
# Single-server installs serve uploaded media from Django; behind nginx, nginx does it.
SERVE_MEDIA = env_bool("TOASOAN_SERVE_MEDIA", True)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploaded media on an S3-compatible object store (several application servers without a shared
# disk): TOASOAN_MEDIA_STORAGE=s3 and the TOASOAN_S3_* variables (docs/runbook.md). Image URLs then
# point at the bucket (or TOASOAN_S3_CUSTOM_DOMAIN, e.g. a CDN), which the CSP allows; documents
# stay behind /documents/ (toasoan/trust/uploads/serving.py reads them from the bucket).
if env_str("TOASOAN_MEDIA_STORAGE", "local") == "s3":
    _s3_bucket = env_str("TOASOAN_S3_BUCKET")
    _s3_endpoint = env_str("TOASOAN_S3_ENDPOINT_URL")
    _s3_region = env_str("TOASOAN_S3_REGION")
    _s3_domain = env_str("TOASOAN_S3_CUSTOM_DOMAIN")
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": _s3_bucket,
            "endpoint_url": _s3_endpoint or None,
            "region_name": _s3_region or None,
            "access_key": env_str("TOASOAN_S3_ACCESS_KEY"),
            "secret_key": env_str("TOASOAN_S3_SECRET_KEY"),
            "custom_domain": _s3_domain or None,
            "location": env_str("TOASOAN_S3_PREFIX", "media"),
            # Public media are public: plain URLs (no expiring signatures) that caches can keep.
            "querystring_auth": False,
            "file_overwrite": False,
            # Path-style URLs (endpoint/bucket/key) work with any S3-compatible server (MinIO, Ceph).
            "addressing_style": "path" if _s3_endpoint else None,
        },
    }
    # Where readers' browsers fetch images from (CSP img-src, media-src): the custom domain, or the
    # endpoint (path-style), or AWS's own bucket host names.
    if _s3_domain:
        _media_origins = [f"https://{_s3_domain.split('/')[0]}"]
    elif _s3_endpoint:
        _media_origins = ["/".join(_s3_endpoint.split("/")[:3])]
    else:
        _media_origins = [
            f"https://{_s3_bucket}.s3.amazonaws.com",
            f"https://{_s3_bucket}.s3.{_s3_region}.amazonaws.com",
        ]
    for _policy in (CONTENT_SECURITY_POLICY, TOASOAN_ADMIN_CSP):
        for _directive in ("img-src", "media-src"):
            _policy["DIRECTIVES"][_directive] = [*_policy["DIRECTIVES"][_directive], *_media_origins]
    # Nothing under MEDIA_ROOT to serve: image URLs lead to the bucket.
    SERVE_MEDIA = False

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# REDIS_URL: one Redis shared by every application server holds the cache (API rate limits count
# there), sessions (cached_db: Redis in front of the database, so a Redis restart logs nobody
# out), the page cache if TOASOAN_PAGE_CACHE_STORE=redis, and the task queue. Empty (one
# server): a per-process memory cache, sessions and tasks in the database.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("TOASOAN_CACHE_PREFIX", "toasoan"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

EMAIL_BACKEND = env_str("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "no-reply@localhost")
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("DJANGO_EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("DJANGO_EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler", "level": env_str("DJANGO_LOG_LEVEL", "WARNING")}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "WARNING")},
    "loggers": {"toasoan": {"level": env_str("TOASOAN_LOG_LEVEL", "INFO")}},
}

# Wagtail
WAGTAIL_SITE_NAME = env_str("TOASOAN_SITE_NAME", "Tòa soạn")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# How readers reach the site: pages rendered without a reader's request (outage copies, the page
# cache warm-up) use this scheme and port, since their absolute URLs are served to readers.
TOASOAN_PUBLIC_SCHEME = env_str("TOASOAN_PUBLIC_SCHEME", "http")
TOASOAN_PUBLIC_PORT = env_str("TOASOAN_PUBLIC_PORT", "")
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Uploads (toasoan/trust/uploads, docs/uploads.md): files are judged by their content
# (toasoan.core.files); these lists are what the admin shows, and only kinds listed are taken.
# No zip (it could hold anything), no RTF (a classic exploit carrier), no SVG (it runs scripts).
WAGTAILDOCS_EXTENSIONS = ["csv", "doc", "docx", "odp", "ods", "odt", "pdf", "ppt", "pptx", "txt", "xls", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_DOCUMENT_FORM_BASE = "toasoan.trust.uploads.forms.SafeDocumentForm"
# Through Django whatever the storage (never a redirect to the file): the headers are ours.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 50_000_000  # width x height x frames: a 50-megapixel photo fits
WAGTAILIMAGES_IMAGE_FORM_BASE = "toasoan.trust.uploads.forms.SafeImageForm"
# Uploaded files above this size go to a temporary file, not memory; other fields are capped at
# the same (Django's defaults, stated). nginx's client_max_body_size (25m) covers a 20 MB document.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"

# Seconds between runs of the periodic jobs (scheduled publishing, search index catch-up).
TOASOAN_SCHEDULER_INTERVAL = env_int("TOASOAN_SCHEDULER_INTERVAL", 5)
WAGTAILADMIN_USER_LOGIN_FORM = "toasoan.core.forms.AdminLoginForm"

# Search: the embedded tantivy index lives beside the database (one server). BACKEND "postgres"
# keeps the index in a PostgreSQL table instead, shared by several application servers: its DSN
# is TOASOAN_SEARCH_DSN, or DATABASE_URL when that is PostgreSQL. SYNC "on_commit" applies index
# changes to the engine after each commit (and the scheduler retries anything postponed).
_database_url = env_str("DATABASE_URL")  # lower case: not a setting itself
TOASOAN_SEARCH = {
    "BACKEND": env_str("TOASOAN_SEARCH_BACKEND", "tantivy"),
    "PATH": env_str("TOASOAN_SEARCH_PATH") or str(VAR_DIR / "search-index"),
    "DSN": env_str("TOASOAN_SEARCH_DSN")
    or (_database_url if _database_url.startswith(("postgres://", "postgresql://")) else ""),
    "SYNC": "on_commit",
}

# Page cache (toasoan/publishing/pagecache): "files" is the embedded store, which nginx also reads
# (deploy/nginx); "redis" shares the cache between application servers.
TOASOAN_PAGE_CACHE = {
    "ENABLED": env_bool("TOASOAN_PAGE_CACHE", True),
    "STORE": env_str("TOASOAN_PAGE_CACHE_STORE", "files"),
    "PATH": env_str("TOASOAN_PAGE_CACHE_PATH") or str(VAR_DIR / "pagecache"),
    "REDIS_URL": REDIS_URL or "redis://127.0.0.1:6379/0",
    # Per process, in front of the store: hits then never touch the disk or the network.
    "MEMORY_BYTES": env_int("TOASOAN_PAGE_CACHE_MEMORY_MB", 64) * 1024 * 1024,
    "MAX_BYTES": 2 * 1024 * 1024,
    "EXCLUDED_PATHS": ["/admin/", "/documents/", "/media/", "/static/", "/django-admin/"],
    # Query parameters that change a page; tracking ones (utm_*, fbclid, ...) are ignored and any
    # other parameter bypasses the cache, so junk queries cannot fill it.
    "QUERY_PARAMS": ["page"],
    "IGNORED_QUERY_PARAMS": ["fbclid", "gclid", "zarsrc", "zalo_source", "ref"],
}
# Cookie-free page-view statistics (toasoan/stats, docs/stats.md): counted by the app around its
# page cache, flushed every few seconds; behind nginx, also read from nginx's statistics log.
TOASOAN_STATS = {
    "ENABLED": env_bool("TOASOAN_STATS", True),
    "FLUSH_SECONDS": env_int("TOASOAN_STATS_FLUSH_SECONDS", 5),
    "NGINX_LOG": env_str("TOASOAN_STATS_NGINX_LOG"),
    "FOOTER": env_bool("TOASOAN_STATS_FOOTER", True),
}

# Public forms (toasoan.core.abuse): seconds a person needs at least, and how long a rendered
# form stays valid; proxies whose X-Forwarded-For is believed (nginx on the same host).
TOASOAN_FORM_MIN_SECONDS = env_int("TOASOAN_FORM_MIN_SECONDS", 3)
TOASOAN_FORM_MAX_AGE = env_int("TOASOAN_FORM_MAX_AGE", 24 * 3600)
TOASOAN_TRUSTED_PROXIES = env_list("TOASOAN_TRUSTED_PROXIES", ["127.0.0.1", "::1"])
TOASOAN_NEAR_DUPLICATE_THRESHOLD = 0.85

# Open data API (toasoan.api): requests per client IP ("60/min", "1000/hour"; empty: no limit),
# counted in the default cache (per process with LocMemCache; share one Redis cache to be exact).
TOASOAN_API_RATE = env_str("TOASOAN_API_RATE", "60/min")

# Background tasks (django-tasks, the backport of Django 6's django.tasks). Wagtail's own tasks
# stay immediate; "durable" tasks (emails to citizens, digests, integrity scans) outlive a restart
# and are queued only if the change that enqueued them commits. Without REDIS_URL: rows in the
# database, run by `manage.py db_worker`; with it: an RQ queue in Redis, pushed on commit
# (toasoan.core.taskqueue), run by an RQ worker. bin/worker (`manage.py run_worker`) starts the
# right one (docs/tasks.md).
DURABLE_TASKS_IN_DATABASE = {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "durable": DURABLE_TASKS_IN_DATABASE,
}
if REDIS_URL:
    # An integrity scan of a large site takes minutes: a job may run up to an hour.
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 3600}}
    TASKS["durable"] = {"BACKEND": "toasoan.core.taskqueue.OnCommitRQBackend", "QUEUES": ["default"]}

# Private uploads (attachments to citizens' feedback): outside MEDIA_ROOT, never served by the web
# server or nginx; staff download them through the admin only.
TOASOAN_PRIVATE_MEDIA_ROOT = Path(env_str("TOASOAN_PRIVATE_MEDIA_ROOT") or VAR_DIR / "private")

# robots.txt (toasoan.core.discovery): what crawlers skip besides what apps add with
# discovery.disallow(). Search results and form endpoints are not content.
TOASOAN_ROBOTS_DISALLOW = env_list(
    "TOASOAN_ROBOTS_DISALLOW",
    [
        "/admin/",
        "/django-admin/",
        "/tim-kiem/",
        "/bieu-mau/",
        "/phan-anh-kien-nghi/tra-cuu/",
        "/phan-anh-kien-nghi/da-gui/",
        "/danh-gia-hai-long/cam-on/",
        "/tham-do-y-kien/*/binh-chon/",
    ],
)

# Staff accounts (toasoan/trust/staff, docs/staff-accounts.md): a TOTP second factor for the admin,
# lockout after repeated failed passwords or codes, staff session limits.
OTP_TOTP_ISSUER = env_str("TOASOAN_OTP_ISSUER") or WAGTAIL_SITE_NAME  # the name apps list the account under
AXES_FAILURE_LIMIT = env_int("TOASOAN_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("TOASOAN_LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Behind nginx, X-Forwarded-For is believed from TOASOAN_TRUSTED_PROXIES only.
AXES_CLIENT_IP_CALLABLE = "toasoan.core.abuse.client_ip"
# Failures are cleared when the second factor passes, not the password alone (staff/lockout.py).
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_CALLABLE = "toasoan.trust.staff.lockout.lockout_page"
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "otp_token"]
TOASOAN_STAFF_IDLE_SECONDS = env_int("TOASOAN_STAFF_IDLE_MINUTES", 30) * 60
TOASOAN_STAFF_SESSION_SECONDS = env_int("TOASOAN_STAFF_SESSION_HOURS", 8) * 3600
SESSION_COOKIE_AGE = TOASOAN_STAFF_SESSION_SECONDS

# Content integrity scanner (toasoan/trust/integrity, docs/integrity.md): the nightly scan's hour
# (local time), how many rendered pages it reads, and hosts beyond the built-in lists: denied
# outright, allowed to serve scripts, allowed in embeds (YouTube is allowed by default).
TOASOAN_INTEGRITY = {
    "HOUR": env_int("TOASOAN_INTEGRITY_HOUR", 2),
    "RENDER_LIMIT": env_int("TOASOAN_INTEGRITY_RENDER_LIMIT", 5000),
    "DENY_HOSTS": env_list("TOASOAN_INTEGRITY_DENY_HOSTS", []),
    "SCRIPT_HOSTS": env_list("TOASOAN_INTEGRITY_SCRIPT_HOSTS", []),
}
_embed_hosts = env_list("TOASOAN_INTEGRITY_EMBED_HOSTS", [])
if _embed_hosts:
    TOASOAN_INTEGRITY["EMBED_HOSTS"] = _embed_hosts
