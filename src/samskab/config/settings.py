"""Settings, read from the environment (django-environ).

Defaults are safe for production (DEBUG off, secure cookies behind HTTPS, a strict
Content-Security-Policy) and need nothing to run the demo: the database is SQLite under
``var/`` and a secret key is generated there on first start.
"""

import secrets
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parents[3]
PACKAGE_DIR = Path(__file__).resolve().parents[1]

env = environ.Env()
VAR_DIR = Path(env("SAMSKAB_VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env.bool("DEBUG", default=False)


def _secret_key() -> str:
    # A key generated once and kept under var/ means sessions survive a restart of the demo
    # without anybody having to invent a key; production passes SECRET_KEY.
    if key := env("SECRET_KEY", default=""):
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
# The municipality's logo in the header: a path under the static files (e.g.
# "kommune/logo.svg", collected from STATICFILES_DIRS) or a URL on this site. Empty: the
# design system's placeholder with the municipality's name, as in the demo.
SITE_LOGO = env("SITE_LOGO", default="")
# The contact line in the footer and on the accessibility statement and privacy pages.
CONTACT_EMAIL = env("CONTACT_EMAIL", default="samskab@example.org")
CONTACT_PHONE = env("CONTACT_PHONE", default="+45 39 98 00 00")
STATICFILES_DIRS = [Path(p) for p in env.list("STATICFILES_DIRS", default=[])]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "django_htmx",
    "template_partials",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "auditlog",
    "django_tasks",
    "django_tasks_db",
    "modelsearch",
    # Before allauth: our templates (allauth's layout among them) must win the lookup.
    "samskab.core",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "samskab.accounts",
    "samskab.organisation",
    "samskab.taskcommittees",
    "samskab.appointment",
    "samskab.recruitment",
    "samskab.meetings",
    "samskab.surveys",
    "samskab.follows",
    "samskab.library",
    "samskab.workspace",
    "samskab.portal",
    "samskab.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "samskab.core.middleware.LanguageMiddleware",
    # After the language: their refusals are answered in the visitor's language.
    "samskab.core.middleware.LimitRequestSizeMiddleware",
    "samskab.core.middleware.RejectNulBytesMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
]

ROOT_URLCONF = "samskab.config.urls"
WSGI_APPLICATION = "samskab.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "samskab.portal.context_processors.site",
                "samskab.portal.context_processors.navigation",
                "samskab.core.cache.csrf_placeholder",
            ],
        },
    }
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'samskab.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while the task worker writes; IMMEDIATE transactions take the
    # write lock up front, so two writers wait on the busy timeout instead of failing with
    # "database is locked" half-way through a transaction.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # modelsearch's PostgreSQL backend needs contrib.postgres (its search types).
    INSTALLED_APPS.insert(INSTALLED_APPS.index("modelsearch"), "django.contrib.postgres")

# Search (modelsearch) indexes into the database: PostgreSQL's full-text search with the
# Danish configuration ("udvalg" finds "udvalgets"), or SQLite FTS5 for the embedded demo
# (no stemming there). The index is updated by a background task after each save.
MODELSEARCH_BACKENDS = {
    "default": {"BACKEND": "modelsearch.backends.database", "SEARCH_CONFIG": "danish"}
}

# One cache that every app server shares: the page cache, its content generation, login
# throttling (allauth's rate limits) and any other counter; never process memory. The
# database cache needs no extra server (`samskab migrate` makes its table first);
# production names Redis, e.g. CACHE_URL=redis://127.0.0.1:6379/0.
CACHES = {"default": env.cache_url("CACHE_URL", default="dbcache://samskab_cache")}
if CACHES["default"]["BACKEND"].endswith(".RedisCache"):
    # Django's own Redis backend (django-environ would pick django-redis if installed).
    CACHES["default"]["BACKEND"] = "django.core.cache.backends.redis.RedisCache"
elif CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache":
    # Django's default of 300 entries would cull pages long before they expire.
    CACHES["default"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 20000)
# How long a public page may be served from the cache at most; every write to the content
# ends it sooner (samskab.core.cache). 0 turns the page cache off.
SAMSKAB_PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=3600)

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "samskab.accounts.backends.PasswordBackend",
    "samskab.accounts.backends.AccountBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_REDIRECT_URL = "portal:mine"
LOGIN_URL = "account_login"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = env("ACCOUNT_EMAIL_VERIFICATION", default="optional")
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Samskab] "
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
SOCIALACCOUNT_PROVIDERS: dict = {}

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# Dates "1. marts 2026" / "1 March 2026", and the ways Danes type a date (core/formats/).
FORMAT_MODULE_PATH = ["samskab.core.formats"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "samskab_language"
LANGUAGE_COOKIE_SECURE = SITE_URL.startswith("https://")
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(VAR_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env(
            "STATICFILES_STORAGE",
            default="django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}
# The demo and the tests serve static files straight from the apps; production runs
# collectstatic with STATICFILES_STORAGE=whitenoise.storage.CompressedManifestStaticFilesStorage.
WHITENOISE_USE_FINDERS = env.bool("WHITENOISE_USE_FINDERS", default=True)

# Uploaded files (reports, later the document library): the largest accepted, in bytes. The
# types accepted are checked by content (core/uploads.py).
UPLOAD_MAX_SIZE = env.int("UPLOAD_MAX_SIZE", default=25_000_000)

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="samskab@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work (email, the retention of applicants' data) goes through Django's tasks API.
# The database backend needs no broker: the worker (`samskab db_worker`, started by `make run`)
# reads the queue from the database; a task queued inside a transaction exists only if the
# transaction commits. Tests use the immediate backend (the task runs at once).
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}}

# Recruitment: applicants' personal data is erased this many months after the appointment;
# the link that confirms an application's address works this many days; one address may send
# this many applications or sign-ups an hour.
RECRUITMENT_RETENTION_MONTHS = env.int("RECRUITMENT_RETENTION_MONTHS", default=6)
RECRUITMENT_CONFIRM_DAYS = env.int("RECRUITMENT_CONFIRM_DAYS", default=7)
RECRUITMENT_SUBMISSIONS_PER_HOUR = env.int("RECRUITMENT_SUBMISSIONS_PER_HOUR", default=20)

# Meetings: how many hours before a meeting the invited get a reminder (sent by the worker).
MEETING_REMINDER_HOURS = env.int("MEETING_REMINDER_HOURS", default=48)

# Evaluation surveys: a group's results (and every count of its answers) show only when at
# least this many of its members answered.
SURVEYS_MIN_ANSWERS = env.int("SURVEYS_MIN_ANSWERS", default=5)

_https = SITE_URL.startswith("https://")
SESSION_COOKIE_SECURE = _https
CSRF_COOKIE_SECURE = _https
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if _https else None
# HTTPS only, once SITE_URL says https: each can be switched off where a proxy does it instead.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=_https)
# The load balancer's health check may speak plain HTTP on the inside.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if _https else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=_https)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=_https)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "samskab.api.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "samskab.api.parsers.JSONParser",
        "samskab.api.parsers.FormParser",
        "samskab.api.parsers.MultiPartParser",
    ],
    "EXCEPTION_HANDLER": "samskab.api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Samskab API",
    "DESCRIPTION": "The JSON API of Samskab: bodies, groups, people and the seat engine.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "TaskCommitteeStateEnum": "samskab.taskcommittees.lifecycle.State",
        "BodyKindEnum": "samskab.organisation.models.BodyKind",
        "ChannelKindEnum": "samskab.recruitment.models.ChannelKind",
        "SurveyQuestionKindEnum": "samskab.surveys.models.Kind",
        "SurveyRoundKindEnum": "samskab.surveys.models.RoundKind",
        "MeetingKindEnum": "samskab.meetings.models.MeetingKind",
        "MeetingStatusEnum": "samskab.meetings.models.MeetingStatus",
        "InvitationKindEnum": "samskab.meetings.models.InvitationKind",
        "FollowUpStatusEnum": "samskab.taskcommittees.models.FollowUpStatus",
        "DocumentKindEnum": "samskab.library.models.DocumentKind",
        "FollowKindEnum": "samskab.api.follows.FOLLOW_KINDS",
        "AccessLevelEnum": "samskab.core.access.AccessLevel",
        "RoomAccessLevelEnum": "samskab.workspace.models.ROOM_LEVELS",
    },
    "COMPONENT_SPLIT_REQUEST": True,
}

AUDITLOG_INCLUDE_ALL_MODELS = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Secret calendar feed addresses never reach a log (meetings/logging.py).
    "filters": {"calendar_tokens": {"()": "samskab.meetings.logging.RedactCalendarTokens"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["calendar_tokens"]}},
    "loggers": {
        "django.request": {"filters": ["calendar_tokens"]},
        "django.server": {"filters": ["calendar_tokens"]},
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}
