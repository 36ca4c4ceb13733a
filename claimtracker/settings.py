"""One settings file, driven by the environment.

Development (the default, DEBUG on): SQLite under ./data, Celery tasks run in-process, a secret key
generated once and kept in ./data. Production (DEBUG=0): SECRET_KEY and ALLOWED_HOSTS are required and
the security settings that `manage.py check --deploy` asks for are on.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from ops.logs import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("CLAIMTRACKER_DATA_DIR", BASE_DIR / "data"))


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean: use 1/0, true/false, yes/no or on/off")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number") from exc


def env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    try:
        return float(raw) if raw else default
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a number") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY", "")
    if key:
        return key
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (production mode)")
    # Development: generate once and keep it, so sessions survive a restart.
    key_file = DATA_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off (comma-separated host names)")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    # The rooms, in dependency order: each imports only from those above it (docs/DESIGN.md).
    "sources",
    "claims",
    "extraction",
    "corroboration",
    "claimreview",
    "records",
    "dossier",
    "api",
    "webhooks",
    "demo",
    "ops",
    "django_celery_beat",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "import_export",  # the claim list's CSV/XLSX export (claims/admin/export.py); export only
]

MIDDLEWARE = [
    # The request id first, so every log line of the request carries it; /healthz before anything reads
    # the Host header or redirects to HTTPS (ops/health.py).
    "ops.logs.RequestIdMiddleware",
    "ops.health.HealthMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "claimtracker.urls"

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
            ],
        },
    },
]

WSGI_APPLICATION = "claimtracker.wsgi.application"

DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'claimtracker.sqlite3'}"
if DATABASE_URL.startswith("sqlite"):
    DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("CONN_MAX_AGE", 60))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Wait for a writer instead of failing at once with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# A form may carry 500,000 characters of pasted article (extraction's limit) in any script: URL-encoded
# that is up to 12 bytes a character (4 UTF-8 bytes, each as %XX). Larger bodies get the readable 413
# page of claimtracker.views.bad_request, never a bare 400.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 8 * 1024 * 1024)

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))

# --- Celery ------------------------------------------------------------------------------------------
# Unset broker: tasks run in-process (the embedded default). redis://...: real workers.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND") or None
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 300)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 360)
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600)}
# Routes match task *names* ("corroboration.corroborate_claim"), not module paths.
CELERY_TASK_ROUTES = {
    "claims.*": {"queue": "cpu"},
    "extraction.*": {"queue": "cpu"},
    "corroboration.*": {"queue": "cpu"},
}
# Beat reads its schedule from the database (django-celery-beat; admin: *Periodic tasks*), editable
# without a deploy. CELERY_BEAT_SCHEDULE below is only the seed the ops migrations copy in once
# (ops/schedule.py); ops.beat.Scheduler never writes it over the operator's edits.
CELERY_BEAT_SCHEDULER = "ops.beat:Scheduler"
CELERY_BEAT_SCHEDULE: dict = {}
# The workers log through LOGGING below (JSON lines with the task id), not Celery's own format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# --- Predictions falling due (claims/) ------------------------------------------------------------
# Beat looks this often for predictions whose due date has come (each is queued once).
CLAIMS_PREDICTIONS_DUE_EVERY = env_float("PREDICTIONS_DUE_EVERY_SECONDS", 3600.0)
CELERY_BEAT_SCHEDULE.update(
    {
        "claims-queue-due-predictions": {
            "task": "claims.queue_due_predictions",
            "schedule": CLAIMS_PREDICTIONS_DUE_EVERY,
        },
    }
)

# --- Claim extraction (extraction/) ----------------------------------------------------------
# "auto": use natasha for Russian entities when it is installed (pip install .[ner]); "off": rules only.
EXTRACTION_NER = os.environ.get("EXTRACTION_NER", "auto")
if EXTRACTION_NER not in {"auto", "off"}:
    raise ImproperlyConfigured(f"EXTRACTION_NER={EXTRACTION_NER!r}: use auto or off")

# --- Ingestion (sources/): the guard, fetch limits, politeness, queues and the beat schedule -------------
# Loopback is refused like any private address; tests and the offline demo allow it (optionally only
# on some ports). Private, link-local, multicast and reserved addresses are never allowed.
INGEST_ALLOW_LOOPBACK = env_bool("INGEST_ALLOW_LOOPBACK", False)
try:
    INGEST_LOOPBACK_PORTS = [int(p) for p in env_list("INGEST_LOOPBACK_PORTS", [])]
except ValueError as exc:
    raise ImproperlyConfigured("INGEST_LOOPBACK_PORTS must be comma-separated port numbers") from exc
INGEST_USER_AGENT = os.environ.get("INGEST_USER_AGENT", "Claimtracker/0.1 (+https://github.com/claimtracker)")
INGEST_CONNECT_TIMEOUT = env_float("INGEST_CONNECT_TIMEOUT", 5)
INGEST_READ_TIMEOUT = env_float("INGEST_READ_TIMEOUT", 15)
INGEST_TOTAL_TIMEOUT = env_float("INGEST_TOTAL_TIMEOUT", 60)  # a slow drip ends here
INGEST_MAX_BYTES = env_int("INGEST_MAX_BYTES", 5 * 1024 * 1024)
INGEST_MAX_REDIRECTS = env_int("INGEST_MAX_REDIRECTS", 5)
INGEST_DOMAIN_CONCURRENCY = env_int("INGEST_DOMAIN_CONCURRENCY", 2)  # per worker process
INGEST_DOMAIN_DELAY = env_float("INGEST_DOMAIN_DELAY", 1.0)  # seconds between requests
# Shared by all workers so the pause holds across processes and machines; empty: per process.
INGEST_POLITENESS_REDIS_URL = os.environ.get(
    "INGEST_POLITENESS_REDIS_URL", CELERY_BROKER_URL if CELERY_BROKER_URL.startswith("redis") else ""
)
INGEST_MAX_ATTEMPTS = env_int("INGEST_MAX_ATTEMPTS", 5)
INGEST_RETRY_BASE_SECONDS = env_int("INGEST_RETRY_BASE_SECONDS", 30)
# A worker's claim on a fetch row; renewed every third of it while the work runs (sources/leases.py), so
# work interrupted by a crash is free for another worker within this many seconds.
INGEST_LEASE_SECONDS = env_int("INGEST_LEASE_SECONDS", 60)
INGEST_STALE_SECONDS = env_int("INGEST_STALE_SECONDS", 600)  # queued this long and not started: re-queue
# Items read per feed poll (the first ones, newest in practice): 40,000 took 370 s, past the poll's limit.
INGEST_FEED_MAX_ITEMS = env_int("INGEST_FEED_MAX_ITEMS", 500)
INGEST_FEED_MAX_BACKOFF_SECONDS = env_int("INGEST_FEED_MAX_BACKOFF_SECONDS", 24 * 3600)
INGEST_GDELT_URL = os.environ.get("INGEST_GDELT_URL", "https://api.gdeltproject.org/api/v2/doc/doc")
if os.environ.get("CELERY_UNACKED_RESTORE_INTERVAL"):
    # How often a worker looks for messages left unacknowledged by a dead worker (kombu's default is
    # every ~100 s); tests with a short visibility timeout lower it.
    CELERY_BROKER_TRANSPORT_OPTIONS.update(
        unacked_restore_interval=env_int("CELERY_UNACKED_RESTORE_INTERVAL", 10), unacked_restore_throttle=1
    )
CELERY_TASK_ROUTES.update(
    {
        "sources.run_fetch": {"queue": "fetch"},
        "sources.extract_page": {"queue": "cpu"},
    }
)
CELERY_BEAT_SCHEDULE.update(
    {
        "sources-poll-due-feeds": {"task": "sources.poll_due_feeds", "schedule": 60.0},
        "sources-sweep-stale-fetches": {"task": "sources.sweep_stale_fetches", "schedule": 120.0},
    }
)

# --- API /api/v1/ (api/) ------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.auth.ApiKeyAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["api.auth.ScopePermission"],
    "DEFAULT_THROTTLE_CLASSES": ["api.auth.PerKeyThrottle", "api.auth.AnonymousThrottle"],
    "DEFAULT_PARSER_CLASSES": ["api.errors.LimitedJSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_FILTER_BACKENDS": ["api.filters.StrictFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.KeysetPagination",
    "DEFAULT_SCHEMA_CLASS": "api.schema.ApiAutoSchema",
    "EXCEPTION_HANDLER": "api.errors.api_exception_handler",
    "URL_FORMAT_OVERRIDE": None,
    # Throttle anonymous clients by the address that reached us unless a proxy is declared: trusting
    # X-Forwarded-For from anyone would let a client pick its own throttle bucket.
    "NUM_PROXIES": env_int("API_NUM_PROXIES", 0),
}
CLAIMTRACKER_API_THROTTLE_RATES = {
    "key": os.environ.get("API_THROTTLE_KEY", "600/min"),
    "anonymous": os.environ.get("API_THROTTLE_ANONYMOUS", "60/min"),
}
CLAIMTRACKER_API_PAGE_SIZE = env_int("API_PAGE_SIZE", 20)
CLAIMTRACKER_API_MAX_PAGE_SIZE = 100
CLAIMTRACKER_API_MAX_BODY_BYTES = env_int("API_MAX_BODY_BYTES", 1024 * 1024)
# ClaimReviews one API request may import (POST /api/v1/claimreview/import/); the command has no cap.
# Each is a claim, a chain and a verdict: 100 took 48 s here in the embedded default (corroboration
# in-process), so 50 keeps a request well under a minute.
CLAIMREVIEW_IMPORT_MAX_REVIEWS = env_int("CLAIMREVIEW_IMPORT_MAX_REVIEWS", 50)
# Who publishes our verdicts in ClaimReview exports.
CLAIMTRACKER_ORGANISATION = {
    "name": os.environ.get("ORGANISATION_NAME", "Claimtracker"),
    "url": os.environ.get("ORGANISATION_URL", "https://claimtracker.example/"),
}
# Throttle counters live in the cache: set CACHE_URL=redis://… when several web processes serve the API
# (docker-compose.yml does). Beat's heartbeat is kept there too.
if os.environ.get("CACHE_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["CACHE_URL"],
        }
    }
SPECTACULAR_SETTINGS = {
    "TITLE": "Claimtracker API",
    "DESCRIPTION": "Verified claims, their attribution chains, evidence and verdicts; ClaimReview in and out.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ClaimKindEnum": "claims.models.ClaimKind",
        "ClaimStatusEnum": "claims.models.ClaimStatus",
        "SourceKindEnum": "sources.models.SourceKind",
        "ChangeKindEnum": "claims.models.ChangeKind",
        "SuggestedReliabilityEnum": "sources.models.Reliability",
    },
}

# --- Webhooks (webhooks/) ----------------------------------------------------------------------------
# Deliveries are POSTed by the `fetch` workers through the ingestion guard (INGEST_ALLOW_LOOPBACK etc.).
WEBHOOK_TIMEOUT_SECONDS = env_float("WEBHOOK_TIMEOUT_SECONDS", 10.0)
WEBHOOK_MAX_ATTEMPTS = env_int("WEBHOOK_MAX_ATTEMPTS", 8)  # per delivery
WEBHOOK_RETRY_BASE_SECONDS = env_float("WEBHOOK_RETRY_BASE_SECONDS", 30.0)  # doubles each attempt
WEBHOOK_RETRY_MAX_SECONDS = env_float("WEBHOOK_RETRY_MAX_SECONDS", 6 * 3600.0)
WEBHOOK_DISABLE_AFTER = env_int("WEBHOOK_DISABLE_AFTER", 20)  # failed attempts in a row
WEBHOOK_SWEEP_GRACE_SECONDS = env_float("WEBHOOK_SWEEP_GRACE_SECONDS", 60.0)
WEBHOOK_DISPATCH_EVERY_SECONDS = env_float("WEBHOOK_DISPATCH_EVERY_SECONDS", 5.0)
CELERY_TASK_ROUTES.update(
    {"webhooks.dispatch_changes": {"queue": "cpu"}, "webhooks.deliver": {"queue": "fetch"}}
)
CELERY_BEAT_SCHEDULE.update(
    {
        "webhooks-dispatch-changes": {
            "task": "webhooks.dispatch_changes",
            "schedule": WEBHOOK_DISPATCH_EVERY_SECONDS,
        },
    }
)

# --- Corroboration (corroboration/) --------------------------------------------------------------
# Sentence encoder for matching: auto (USE multilingual if installed, else lexical only), use, e5, none.
CORROBORATION_ENCODER = os.environ.get("CORROBORATION_ENCODER", "auto")
if CORROBORATION_ENCODER not in {"auto", "use", "e5", "none"}:
    raise ImproperlyConfigured(
        f"CORROBORATION_ENCODER must be auto, use, e5 or none, not {CORROBORATION_ENCODER!r}."
    )

# Durable corroboration state (corroboration/jobs.py): requested work not started after this many seconds
# (its message was lost) is queued again by the sweep; a worker's lease on a running job (renewed while
# it runs, so a dead worker's job is free again within this); attempts before a job is marked failed.
CORROBORATION_STALE_SECONDS = env_int("CORROBORATION_STALE_SECONDS", 300)
CORROBORATION_LEASE_SECONDS = env_int("CORROBORATION_LEASE_SECONDS", 60)
CORROBORATION_MAX_ATTEMPTS = env_int("CORROBORATION_MAX_ATTEMPTS", 5)
CELERY_TASK_ROUTES["corroboration.sweep_pending_corroboration"] = {"queue": "default"}
CELERY_BEAT_SCHEDULE["corroboration-sweep-pending"] = {
    "task": "corroboration.sweep_pending_corroboration",
    # Often enough that lost work waits little more than the stale period.
    "schedule": float(max(5, min(60, CORROBORATION_STALE_SECONDS // 3))),
}

# --- Production hardening (what `check --deploy` asks for) -------------------------------------------
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if env_bool("BEHIND_TLS_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Static files served by the app itself in production (the dev server serves them with DEBUG on).
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
        "whitenoise.middleware.WhiteNoiseMiddleware",
    )
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        # Collected at image build time (Dockerfile); a missing collectstatic never breaks a page (D18).
        "staticfiles": {"BACKEND": "ops.storage.StaticFilesStorage"},
    }
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

# One JSON object a line in production, a readable line in development; request and task ids on every
# line, secrets blanked (ops/logs.py).
LOG_FORMAT = os.environ.get("LOG_FORMAT") or ("human" if DEBUG else "json")
if LOG_FORMAT not in {"json", "human"}:
    raise ImproperlyConfigured(f"LOG_FORMAT={LOG_FORMAT!r}: use json or human")
LOGGING = logging_config(fmt=LOG_FORMAT, level=os.environ.get("LOG_LEVEL", "INFO"))
