"""Django settings for CountyDesk.

Everything a deployment changes comes from the environment:
DATABASE_URL, REDIS_URL, SECRET_KEY, ALLOWED_HOSTS, COUNTYDESK_VAR, TIME_ZONE, DEBUG.
Without DATABASE_URL the embedded SQLite database under var/ is used.
"""

import hashlib
import hmac
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("COUNTYDESK_VAR", Path.cwd() / "var")).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    """SECRET_KEY from the environment, else one generated once and kept under var/."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        import tempfile

        from django.core.management.utils import get_random_secret_key

        # Processes starting together (servers, worker, a command) must all end up with the same key: the first
        # to link its file in place wins, and every one reads the file that won.
        with tempfile.NamedTemporaryFile("w", dir=VAR_DIR, delete=False) as draft:
            draft.write(get_random_secret_key())
        os.chmod(draft.name, 0o600)
        try:
            os.link(draft.name, key_file)
        except FileExistsError:
            pass
        finally:
            os.unlink(draft.name)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()


def _audit_chain_key() -> str:
    """The audit chain's HMAC key: AUDIT_CHAIN_KEY, else derived from SECRET_KEY; never stored in the database."""
    if os.environ.get("AUDIT_CHAIN_KEY"):
        return os.environ["AUDIT_CHAIN_KEY"]
    return hmac.new(SECRET_KEY.encode(), b"countydesk audit chain", hashlib.sha256).hexdigest()


AUDIT_CHAIN_KEY = _audit_chain_key()
# The audit chain's tip is appended here after each commit and on `audit verify` (audit/chain.py).
AUDIT_ANCHOR_FILE = Path(os.environ.get("AUDIT_ANCHOR_FILE", VAR_DIR / "audit-anchors.log"))
DEBUG = _env_bool("DEBUG")
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "countydesk.core.vendor.AxesConfig",
    "huey.contrib.djhuey",
    "countydesk.core",
    "countydesk.audit",
    "countydesk.orgs",
    "countydesk.accounts",
    "countydesk.search",
    "countydesk.news",
    "countydesk.periodicals",
    "countydesk.web",
    "countydesk.demo",
    "countydesk.info",
    "countydesk.incidents",
    "countydesk.registry.plans",
    "countydesk.registry.supplies",
    "countydesk.registry.cases",
    "countydesk.registry.teams",
    "countydesk.registry.hazards",
    "countydesk.registry.places",
    "countydesk.registry.sheets",
    "countydesk.command",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "countydesk.core.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "countydesk.accounts.middleware.IdleTimeoutMiddleware",
    "countydesk.accounts.middleware.PasswordChangeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "countydesk.audit.middleware.AuditContextMiddleware",
    "countydesk.core.ui.errors.ServiceErrorMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "countydesk.urls"
ASGI_APPLICATION = "countydesk.asgi.application"
WSGI_APPLICATION = "countydesk.wsgi.application"

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
                "countydesk.core.ui.nav.navigation",
                "countydesk.core.outbox.context.mail_status",
            ],
        },
    },
]

SQLITE_PATH = VAR_DIR / "countydesk.sqlite3"
_SQLITE_OPTIONS = {
    # IMMEDIATE takes the write lock at BEGIN, so concurrent writers queue instead of failing
    # on lock upgrade; WAL + synchronous=FULL makes every acknowledged commit durable.
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;",
}
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
    if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        DATABASES["default"]["OPTIONS"] = dict(_SQLITE_OPTIONS)
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_PATH,
            "CONN_MAX_AGE": 600,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": dict(_SQLITE_OPTIONS),
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Bulk imports (core.batches) commit in transactions of at most this many rows or seconds, and on SQLite
# leave the write lock free for a moment after each, so intakes never wait on an import.
IMPORT_BATCH_ROWS = int(os.environ.get("IMPORT_BATCH_ROWS", 500))
IMPORT_BATCH_SECONDS = float(os.environ.get("IMPORT_BATCH_SECONDS", 0.2))
IMPORT_BATCH_PAUSE = float(os.environ.get("IMPORT_BATCH_PAUSE", 0.05))

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # GB/T 22239-2019 level 3: three of four character classes, not the user name; not a recent password.
    {"NAME": "countydesk.accounts.passwords.ComplexityValidator", "OPTIONS": {"classes": 3}},
    {"NAME": "countydesk.accounts.passwords.HistoryValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# Lockout after repeated failures of one user name from one address (a stranger elsewhere cannot lock the
# duty officer out, and a township office behind one NAT address is not locked as a whole), plus a cap per
# address over all user names (one password sprayed across many accounts), both lifted after the cool-off.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", 5))
AXES_ADDRESS_FAILURE_LIMIT = int(os.environ.get("AXES_ADDRESS_FAILURE_LIMIT", 30))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "countydesk.accounts.lockout.LockoutHandler"
# A refused attempt during a lockout answers the lockout page and does not prolong it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # every failed sign-in kept (read-only in the admin) for the auditor
# Behind a reverse proxy the client address is the proxy's: AXES_IPWARE_PROXY_COUNT=1 reads X-Forwarded-For.
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_IPWARE_PROXY_COUNT", 0)) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
AXES_LOCKOUT_CALLABLE = "countydesk.accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Idle timeout: the session expires after this many seconds without a request
# (accounts.middleware.IdleTimeoutMiddleware pushes the expiry forward at most once a minute).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_SECONDS", 30 * 60))
SESSION_TOUCH_SECONDS = 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# HTTPS (等保 level 3, 通信传输). Behind a TLS-terminating proxy set SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO
# (the proxy must set X-Forwarded-Proto itself), HTTPS=1 for secure cookies and the redirect to https, and
# SECURE_HSTS_SECONDS (e.g. 31536000). `countydesk check --deploy` is clean with them set.
if os.environ.get("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = (os.environ["SECURE_PROXY_SSL_HEADER"], "https")
HTTPS = _env_bool("HTTPS")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = _env_bool("SECURE_HSTS_PRELOAD")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
CSRF_COOKIE_HTTPONLY = False  # read by no script; Django's default, kept explicit

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Uploaded documents (plans, attachments, rule documents) live under var/media and are served only
# through views that check the reader's scope, never as public static files.
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

# The emergency map's base tiles, e.g. 天地图 or an intranet tile service
# ("https://tiles.example.gov.cn/{z}/{x}/{y}.png"); empty: the map draws its own boundaries and asks nobody.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "")

# Request bodies above this are refused with 413 (uploads get their own limits per feature).
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("MAX_BODY_BYTES", 2 * 1024 * 1024))
# An uploaded zip (.xlsx) is refused before parsing when it unpacks larger than this, or compresses
# one member more than MAX_ZIP_RATIO:1 (a decompression bomb); real county files are far below both.
MAX_UNZIPPED_BYTES = int(os.environ.get("MAX_UNZIPPED_MB", 100)) * 1024 * 1024
MAX_ZIP_RATIO = int(os.environ.get("MAX_ZIP_RATIO", 200))

# A signed intake is answered once it is stored; a processor thread joins it to its incident moments later
# (incidents.inbox). INTAKE_INLINE=1 joins it before answering (the test suite, one-user set-ups).
INTAKE_INLINE = _env_bool("INTAKE_INLINE")

REDIS_URL = os.environ.get("REDIS_URL", "")
# Live updates (core/events): the Redis pub/sub channel the server processes of one instance share.
EVENTS_CHANNEL = os.environ.get("EVENTS_CHANNEL", "countydesk:events")
if REDIS_URL:
    # HUEY_NAME keeps apart the queues of instances that share one Redis.
    HUEY = {"huey_class": "huey.RedisHuey", "name": os.environ.get("HUEY_NAME", "countydesk"), "url": REDIS_URL,
            "immediate": False}
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "countydesk",
        "filename": str(VAR_DIR / "huey.sqlite3"),
        "immediate": _env_bool("HUEY_IMMEDIATE"),
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# GB/T 9704 documents as PDF (core/gbt9704) embed free faces found under these folders, no network needed
# (Debian: fonts-noto-cjk); an office with its own licensed faces names a file per face.
GBT9704_FONT_DIRS = os.environ.get("PDF_FONT_DIRS", "/usr/share/fonts:/usr/local/share/fonts").split(":")
GBT9704_FONTS = {face: path for face in ("xiaobiaosong", "fangsong", "song")
                 if (path := os.environ.get(f"PDF_FONT_{face.upper()}"))}

# Outgoing mail (periodicals, reminders, escalations): SMTP when EMAIL_HOST is set, else the console.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("EMAIL_USE_TLS")
EMAIL_TIMEOUT = 20
EMAIL_BACKEND = ("django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST
                 else "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "countydesk@localhost")
# The outbox (core/outbox): attempts before a message is dead, the first retry's delay (doubled each time),
# and how long a worker holds a message it is sending.
OUTBOX_MAX_ATTEMPTS = int(os.environ.get("OUTBOX_MAX_ATTEMPTS", 8))
OUTBOX_BACKOFF_SECONDS = int(os.environ.get("OUTBOX_BACKOFF_SECONDS", 60))
OUTBOX_LEASE_SECONDS = 300
