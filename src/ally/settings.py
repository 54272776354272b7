"""Ally's one settings module, configured only by environment variables.

- ``ALLY_DATA_DIR``: where the embedded SQLite database and the generated secret key live
  (default: the per-user data directory, e.g. ``~/.local/share/ally``).
- ``ALLY_DATABASE_URL``: a PostgreSQL URL for teams (``postgres://user@host:5432/ally``).
- ``ALLY_DEBUG``: ``1`` for Django's debug pages; never in production.
- ``ALLY_ALLOWED_HOSTS``: comma-separated host names when served beyond localhost.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
import platformdirs

BASE_DIR = Path(__file__).resolve().parent


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def _data_dir() -> Path:
    path = Path(os.environ.get("ALLY_DATA_DIR") or platformdirs.user_data_dir("ally"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def _secret_key(data_dir: Path) -> str:
    # Generated once per installation so nothing secret ever sits in the repository.
    key_file = data_dir / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


DATA_DIR = _data_dir()
SECRET_KEY = _secret_key(DATA_DIR)
DEBUG = _flag("ALLY_DEBUG")
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
    "ally.coaching",
    "ally.imports",
    "ally.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "ally.workspaces.middleware.WorkspaceMiddleware",
]

ROOT_URLCONF = "ally.urls"
WSGI_APPLICATION = "ally.wsgi.application"

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
        "NAME": DATA_DIR / "ally.sqlite3",
        # WAL lets the web server read while an import or a fit writes.
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 4}},
]
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

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
