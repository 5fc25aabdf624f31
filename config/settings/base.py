"""Settings shared by every environment, read from the environment where they differ per deployment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool) -> bool:
    """Read a boolean environment variable ("1", "true", "yes", "on" are true)."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use true/false)")


def env_list(name: str, default: list[str]) -> list[str]:
    """Read a comma-separated environment variable as a list of non-empty items."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


# https://docs.djangoproject.com/en/5.2/ref/settings/#secret-key
SECRET_KEY = os.environ.get("SECRET_KEY", "django-insecure-claimtrack-development-key-not-for-production")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    "config.apps.ClaimtrackAdminConfig",  # django.contrib.admin, with claimtrack's site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "corsheaders",
    "axes",
    "claims",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",  # last: it answers locked-out logins
]

# Login attempts (admin, browsable API) are rate-limited by django-axes: after AXES_FAILURE_LIMIT failures
# for one username from one address, that pair is locked out for AXES_COOLOFF_MINUTES.
# https://django-axes.readthedocs.io/en/latest/4_configuration.html
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_PROXY_COUNT", "0"))  # proxies in front that set X-Forwarded-For

# Cross-origin requests: refused (no CORS headers) unless CORS_ALLOWED_ORIGINS lists the origins to allow.
# https://github.com/adamchainz/django-cors-headers#configuration
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS", [])
CORS_URLS_REGEX = r"^/api/.*$"

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# https://docs.djangoproject.com/en/5.2/ref/settings/#databases
# DATABASE_URL, e.g. postgresql://user:pass@host:5432/claimtrack or, over a Unix socket,
# postgresql://user@%2Fvar%2Frun%2Fpostgresql/claimtrack. Unset: a SQLite file next to manage.py.
# CONN_MAX_AGE: seconds a connection is kept for the next request (opening one costs more than most
# queries); health checks replace a connection the server dropped, e.g. after a restart.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and relaxed syncing make SQLite's many small transactions (one per imported document) fast.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", transaction_mode="IMMEDIATE")
# DATABASE_REPLICA_URLS: comma-separated streaming replicas of DATABASE_URL. API reads go to them; writes,
# the admin, transactions and clients that just wrote stay on the primary (claims/db/routing.py).
for number, url in enumerate(env_list("DATABASE_REPLICA_URLS", []), 1):
    DATABASES[f"replica{number}"] = {**dj_database_url.parse(url, conn_health_checks=True),
                                     "TEST": {"MIRROR": "default"}}
if len(DATABASES) > 1:
    DATABASE_ROUTERS = ["claims.db.routing.PrimaryReplicaRouter"]
    MIDDLEWARE.append("claims.db.routing.PrimaryPinningMiddleware")
# Pages and details of claims and documents run as prepared statements on PostgreSQL (claims/sql.py); false behind
# a connection pooler in transaction mode, which loses them between transactions.
CLAIMTRACK_PREPARED_STATEMENTS = env_bool("CLAIMTRACK_PREPARED_STATEMENTS", True)
CLAIMTRACK_PIN_SECONDS = int(os.environ.get("CLAIMTRACK_PIN_SECONDS", "10"))  # read-your-writes window

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"

# https://www.django-rest-framework.org/api-guide/settings/
REST_FRAMEWORK = {
    # the token first: a request without credentials is then answered 401 with "WWW-Authenticate: Token"
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["claims.api.permissions.RolePermission"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "claims.api.pagination.Pagination",
    "DEFAULT_PARSER_CLASSES": ["claims.api.parsers.ORJSONParser", "rest_framework.parsers.FormParser",
                               "rest_framework.parsers.MultiPartParser"],
    "DEFAULT_RENDERER_CLASSES": ["claims.api.renderers.ORJSONRenderer",
                                 "rest_framework.renderers.BrowsableAPIRenderer"],
    "DEFAULT_SCHEMA_CLASS": "claims.api.schema.AutoSchema",
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "claims.api.negotiation.ContentNegotiation",
    "DEFAULT_THROTTLE_CLASSES": [  # DRF's rates, counted per window (claims/api/throttling.py)
        "claims.api.throttling.AnonCountingThrottle",
        "claims.api.throttling.UserCountingThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("THROTTLE_ANON", "120/minute"),
        "user": os.environ.get("THROTTLE_USER", "1200/minute"),
    },
    "EXCEPTION_HANDLER": "claims.api.errors.exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
# Anonymous clients may read the API (never write); the quickstart turns it on, production off.
CLAIMTRACK_ANONYMOUS_READ = env_bool("CLAIMTRACK_ANONYMOUS_READ", False)
CLAIMTRACK_REVIEWER_NAME = os.environ.get("CLAIMTRACK_REVIEWER_NAME", "claimtrack")  # ClaimReview author
CLAIMTRACK_REVIEWER_URL = os.environ.get("CLAIMTRACK_REVIEWER_URL", "")  # its url; empty: the site's own root

# https://drf-spectacular.readthedocs.io/en/latest/settings.html
SPECTACULAR_SETTINGS = {
    "TITLE": "claimtrack API",
    "DESCRIPTION": "Claims (figures, events, statements) in policy documents, and the links between them.",
    "VERSION": "1.0.0",
    "SWAGGER_UI_DIST": "SIDECAR",  # served from our own static files, no CDN
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # no badge image from validator.swagger.io (Swagger UI's default on any host but localhost)
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": "none"},
    "REDOC_DIST": "SIDECAR",
    # the system's fonts, not ReDoc's default Roboto and Montserrat from Google (api/redoc.html drops those links)
    "REDOC_UI_SETTINGS": {"theme": {"typography": {
        "fontFamily": "system-ui, sans-serif", "headings": {"fontFamily": "system-ui, sans-serif"}}}},
    "COMPONENT_SPLIT_REQUEST": True,
    # clients authenticate by token; the session (with its CSRF token) is the browsable API's and the admin's
    "AUTHENTICATION_WHITELIST": ["rest_framework.authentication.TokenAuthentication"],
    # request bodies are declared as JSON only: the form parsers are there for the browsable API's forms
    "PARSER_WHITELIST": ["claims.api.parsers.ORJSONParser"],
    # every operation may answer 503 with Retry-After while the database restarts (claims/api/errors.py)
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "claims.api.schema.add_links",
                             "claims.api.errors.declare_unavailable"],
    "ENUM_NAME_OVERRIDES": {
        "ClaimKindEnum": "claims.models.Claim.Kind",
        "ClaimStatusEnum": "claims.models.Claim.Status",
        "ActorKindEnum": "claims.models.Actor.Kind",
        "SourceKindEnum": "claims.models.Source.Kind",
        "LinkStatusEnum": "claims.models.ClaimLink.Status",
        "LanguageEnum": "claims.models.Language",
    },
}

# Where `quickstart` finds the seed corpus and the curated annotations.
CLAIMTRACK_SEEDS_DIR = BASE_DIR / "seeds"
CLAIMTRACK_FIXTURES_DIR = BASE_DIR / "fixtures"
CLAIMTRACK_DETECTION_CORPUS = CLAIMTRACK_FIXTURES_DIR / "detection_corpus"  # hand-annotated texts, see its README
# Largest document `import_documents` accepts, in bytes.
# The largest request body (the API answers 413 above it): room for a document of the import limit, JSON-escaped.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("CLAIMTRACK_MAX_BODY_BYTES", str(8 * 1024 * 1024)))
CLAIMTRACK_IMPORT_MAX_BYTES = int(os.environ.get("CLAIMTRACK_IMPORT_MAX_BYTES", str(5 * 1024 * 1024)))
