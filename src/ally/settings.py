"""Ally's one settings module, configured only by environment variables.

- ``ALLY_DATA_DIR``: where the embedded SQLite database and the generated secret key live
  (default: the per-user data directory, e.g. ``~/.local/share/ally``).
- ``ALLY_DATABASE_URL``: a PostgreSQL URL for teams (``postgres://user@host:5432/ally``).
- ``ALLY_DEBUG``: ``1`` for Django's debug pages; never in production.
- ``ALLY_ALLOWED_HOSTS``: comma-separated host names when served beyond localhost.
- ``ALLY_PUBLIC_URL``: the address people reach Ally at (``https://crm.example.org``). An https address
  means a TLS reverse proxy is in front: Secure cookies, HSTS, the proxy's ``X-Forwarded-Proto``, the
  address as a trusted CSRF origin and its host as an allowed host (docs/operating.md). Links in
  morning emails and calendar feeds use it (default ``http://127.0.0.1:8000``).
- ``ALLY_SMTP_URL``: the mail server for morning emails (``smtp://user:pass@host:587?starttls=1``,
  ``smtps://`` for TLS from the start, ``&from=ally@example.com`` for the sender); unset, none are sent.
"""

import datetime as dt
import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import platformdirs

BASE_DIR = Path(__file__).resolve().parent


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def _data_dir() -> Path:
    # The directory holds password hashes and people's personal details: only the account running Ally may enter it.
    path = Path(os.environ.get("ALLY_DATA_DIR") or platformdirs.user_data_dir("ally"))
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.chmod(0o700)
    return path


def _private_file(path: Path) -> Path:
    """Create `path` readable by its owner only; SQLite gives its WAL and shared-memory files the database's mode."""
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    path.chmod(0o600)
    return path


def _secret_key(data_dir: Path) -> str:
    # Generated once per installation so nothing secret ever sits in the repository.
    key_file = data_dir / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def _public_url() -> str:
    url = os.environ.get("ALLY_PUBLIC_URL", "").strip().rstrip("/")
    parts = urlsplit(url)
    if url and (parts.scheme not in ("http", "https") or not parts.hostname):
        raise ValueError(f"ALLY_PUBLIC_URL: '{url}' is not an address like https://crm.example.org")
    return url


DATA_DIR = _data_dir()
SECRET_KEY = _secret_key(DATA_DIR)
DEBUG = _flag("ALLY_DEBUG")
PUBLIC_URL = _public_url()
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"] + [
    host.strip() for host in os.environ.get("ALLY_ALLOWED_HOSTS", "").split(",") if host.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    # django-ninja's templates and static files: the API docs page loads Swagger UI from /static/, not a CDN.
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "ally.web",
    "ally.workspaces",
    "ally.jobs",
    "ally.people",
    "ally.interactions",
    "ally.agenda",
    "ally.opportunities",
    "ally.ownership",
    "ally.support",
    "ally.value",
    "ally.network",
    "ally.coaching",
    "ally.imports",
    "ally.capture",
    "ally.reminders",
    "ally.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session gave a second factor (django-otp).
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "ally.workspaces.middleware.WorkspaceMiddleware",
    # A user with two factors gives a code before any page; a workspace requiring them sends members to set up.
    "ally.workspaces.two_factor.gate",
    "csp.middleware.CSPMiddleware",
    "ally.web.middleware.private_pages",
    "ally.api.middleware.json_errors",
    # Last, as django-axes asks: it turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ally.urls"
WSGI_APPLICATION = "ally.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            # Every template speaks the same words: dates in the reader's style, durations, plurals, humanize.
            "builtins": ["ally.web.templatetags.words", "django.contrib.humanize.templatetags.humanize"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ally.workspaces.context_processors.workspace",
                "ally.web.context_processors.navigation",
            ],
        },
    },
]


def _database() -> dict:
    url = os.environ.get("ALLY_DATABASE_URL", "").strip()
    if url:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        config.setdefault("TEST", {})
        return config
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": _private_file(DATA_DIR / "ally.sqlite3"),
        # WAL lets the web server read while an import or a fit writes.
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Every path that sets a password checks these (ally.workspaces.passwords): the page, `ally user create`, restores.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Failed logins are throttled per username and, separately, per address (django-axes): after
# AXES_FAILURE_LIMIT failures either one is refused for AXES_COOLOFF_TIME, with the reason on the login page.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "ally.web.views.login_refused"
AXES_CLIENT_IP_CALLABLE = "ally.web.middleware.client_address"
AXES_VERBOSE = False
# Two-factor login (django-otp): the name authenticator apps show, and each wrong code doubles the wait before
# the next one is checked (1 s, 2 s, 4 s, ...), for app codes and recovery codes alike.
OTP_TOTP_ISSUER = "Ally"
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
# One job queue for background work (fits, syncs, digests): django-tasks with its database backend, so it
# works on SQLite and PostgreSQL alike. `ally worker` runs it; `ally serve` runs one in-process on SQLite.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/today/"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# Ally serves its own assets (no CDN); finders let a plain install serve them without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

ALLY_PUBLIC_URL = PUBLIC_URL or "http://127.0.0.1:8000"  # links in emails and calendar feeds
ALLY_SMTP_URL = os.environ.get("ALLY_SMTP_URL", "").strip()

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"


def served_at(public_url: str, allowed_hosts: list[str]) -> dict:
    """The settings that follow from the one address Ally is reached at (ALLY_PUBLIC_URL)."""
    if not public_url:
        return {}
    parts = urlsplit(public_url)
    found = {"PUBLIC_URL": public_url, "ALLOWED_HOSTS": [*allowed_hosts, parts.hostname],
             "CSRF_TRUSTED_ORIGINS": [f"{parts.scheme}://{parts.netloc}"]}
    if parts.scheme == "https":
        # Behind a TLS reverse proxy: trust its X-Forwarded-Proto (it must set it, see docs/operating.md), so
        # request.is_secure() is true and the CSRF origin check compares https with https. The proxy, not
        # Ally, redirects plain http.
        found |= {"SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"), "SESSION_COOKIE_SECURE": True,
                  "CSRF_COOKIE_SECURE": True, "SECURE_HSTS_SECONDS": 60 * 60 * 24 * 365}
    return found


globals().update(served_at(PUBLIC_URL, ALLOWED_HOSTS))

# Scripts only from Ally's own origin: no inline scripts, no inline handlers, no eval (django-csp). Styles
# may be inline because templates set small layout styles and pygal's charts carry their own.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
