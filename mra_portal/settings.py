"""One settings module, driven by the environment (see the README's table of variables)."""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

from mra_portal.lib.errors import sentry_init
from mra_portal.lib.logs import admins_from

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# The portal's apps, in the order of their dependencies (DESIGN.md).
PROJECT_APPS = [
    "accounts",
    "partners",
    "contacts",
    "commissions",
    "actionplans",
    "cooperation",
    "studies",
    "reminders",
    "mra_portal",
]
INSTALLED_APPS = [
    "accounts.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.forms",
    # Named and labelled in the portal's languages (mra_portal/apps.py).
    "mra_portal.apps.PeriodicTasksConfig",
    "django_otp",
    "mra_portal.apps.OtpTotpConfig",
    "mra_portal.apps.OtpStaticConfig",
    "mra_portal.apps.AxesConfig",
    "pgtrigger",
    "pghistory",
    "django_filters",
    "django_countries",
    "django_htmx",
    "csp",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",
    "js_lib_htmx",
    *PROJECT_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "mra_portal.lib.limits.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "mra_portal.lib.limits.BodyLimitMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "pghistory.middleware.HistoryMiddleware",
    "accounts.middleware.UserLanguageMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.SessionExpiryMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]
# `make bench` only: a one-query baseline page, and each response's query count in a header.
BENCHMARK = env.bool("BENCHMARK", default=False)
if BENCHMARK:
    MIDDLEWARE.insert(0, "mra_portal.lib.benchmark.QueryCountMiddleware")

ROOT_URLCONF = "mra_portal.urls"
WSGI_APPLICATION = "mra_portal.wsgi.application"

# Widgets may use the portal's own templates (the organisation suggestions' <datalist>).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "contacts.context_processors.ministry_contact",
            ],
            "libraries": {"lists": "mra_portal.lib.list_tags"},
            "builtins": ["mra_portal.lib.text_tags"],
        },
    }
]

DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# The portal's queries are short. PostgreSQL compiles a query with its JIT once the query's
# estimated cost is high, which correlated subqueries inflate: measured at scale 10, that cost
# a partner's meeting page about a second, to save nothing.
DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL")

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "accounts.backends.RoleBackend"]

# Sessions end after SESSION_IDLE_TIMEOUT without a request, and SESSION_COOKIE_AGE after login.
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60)
SESSION_COOKIE_AGE = env.int("SESSION_ABSOLUTE_LIFETIME", default=10 * 60 * 60)

# Brute force: five failures for one user name from one address lock that pair for 15 minutes,
# so that nobody can lock a whole organisation out from elsewhere.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

OTP_TOTP_ISSUER = "MRA Partnership Portal"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("ar", _("Arabic")), ("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates as Morocco writes them: day before month, 24-hour times, the weekday in a moment.
FORMAT_MODULE_PATH = ["mra_portal.formats"]
USE_I18N = True
TIME_ZONE = "Africa/Casablanca"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
# The largest document a user may upload (accounts/uploads.py checks every one).
MAX_UPLOAD_SIZE = env.int("MAX_UPLOAD_SIZE", default=20 * 1024 * 1024)
# The largest body a signed-in user may send: ten files at once (a progress report's evidence)
# and the form around them. Larger ones are refused before they are read; a proxy in front
# should refuse them too (docker-compose's Caddy does).
MAX_REQUEST_SIZE = env.int("MAX_REQUEST_SIZE", default=10 * MAX_UPLOAD_SIZE + 1024 * 1024)
# Not signed in, a form's worth: the login, the password reset, an answer from an email.
MAX_ANONYMOUS_REQUEST_SIZE = env.int("MAX_ANONYMOUS_REQUEST_SIZE", default=256 * 1024)
# The browser features the portal never uses, denied to it and to anything it might embed.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=()"
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# A hung SMTP server stops a reminder chunk after this many seconds, not forever.
# Shorter than a third of REMINDER_LEASE: the sender renews its lease between messages.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=15)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="MRA Partnership Portal <portal@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

CELERY_BROKER_URL = REDIS_URL
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "UTC"
CELERY_ENABLE_UTC = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_BEAT_SCHEDULER = "mra_portal.beat:Scheduler"
# The database scheduler copies these into its tables on start. No task is ever queued with an
# ETA: the outbox rows say when; the broker only carries "look at the outbox now".
CELERY_BEAT_SCHEDULE = {
    "reminders-dispatch": {
        "task": "reminders.tasks.dispatch_reminders",
        "schedule": float(env.int("REMINDER_DISPATCH_SECONDS", default=60)),
    },
    "reminders-reconcile": {"task": "reminders.tasks.reconcile_reminders", "schedule": 3600.0},
    # An act-by date that passed (a tacit renewal locked in) moves to the next term's.
    "agreements-act-by": {"task": "cooperation.tasks.refresh_act_by", "schedule": 3600.0},
    # Minutes circulated by written procedure are approved (or not) once the deadline passes.
    "minutes-procedures": {
        "task": "commissions.tasks.close_written_procedures",
        "schedule": 300.0,
    },
}
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# The worker logs through LOGGING (JSON in production), not a root logger of its own.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# Reminders: what a message links to, and how the outbox sends.
PORTAL_BASE_URL = env.str("PORTAL_BASE_URL", default="http://127.0.0.1:8000")
REMINDER_MAIL_DOMAIN = env.str("REMINDER_MAIL_DOMAIN", default="mra-portal.gov.ma")
REMINDER_CHUNK = env.int("REMINDER_CHUNK", default=100)
REMINDER_MAX_ATTEMPTS = env.int("REMINDER_MAX_ATTEMPTS", default=6)
# How long claimed reminders stay a worker's without renewal; the worker renews the lease
# every quarter of it while it sends, so a dead worker's rows are free again within this.
REMINDER_LEASE = timedelta(seconds=env.int("REMINDER_LEASE_SECONDS", default=30))

# The IATI export's reporting organisation: its identifier in the IATI Organisation Registry
# (the prefix of every programme's iati-identifier), its type (10: government) and names.
IATI_REPORTING_ORG_REF = env.str("IATI_REPORTING_ORG_REF", default="MA-MRE")
IATI_REPORTING_ORG_TYPE = env.str("IATI_REPORTING_ORG_TYPE", default="10")
IATI_REPORTING_ORG_NAMES = {
    "fr": "Ministère chargé des Marocains Résidant à l'Étranger et des Affaires de la Migration",
    "ar": "الوزارة المكلفة بالمغاربة المقيمين بالخارج وشؤون الهجرة",
    "en": "Ministry in charge of Moroccans Residing Abroad and Migration Affairs",
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

MESSAGE_TAGS = {40: "danger"}

X_FRAME_OPTIONS = "DENY"
# Everything comes from the portal itself; an inline script needs the request's nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    # The health check is probed over plain HTTP inside the compose network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    if env.bool("BEHIND_TLS_PROXY", default=False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Errors reach someone: Django emails ADMINS ("Name <a@x.ma>,b@y.ma") on a 500 when DEBUG is
# off, and Sentry gets them too when SENTRY_DSN is set. templates/500.html says which.
ADMINS = admins_from(env.str("ADMINS", default=""))
SENTRY_DSN = env.str("SENTRY_DSN", default="")
SENTRY_ENVIRONMENT = env.str("SENTRY_ENVIRONMENT", default="production")
sentry_init(SENTRY_DSN, SENTRY_ENVIRONMENT)

# One JSON object per line in production (mra_portal/lib/logs.py), readable lines in development.
LOG_FORMAT = env.str("LOG_FORMAT", default="plain" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        "one_line_below_500": {"()": "mra_portal.lib.logs.OneLineBelow500"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "mra_portal.lib.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["one_line_below_500"],
        },
        "mail_admins": {
            "level": "ERROR",
            "filters": ["require_debug_false"],
            "class": "django.utils.log.AdminEmailHandler",
        },
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's own defaults (a second console and a mail_admins on "django") are replaced,
        # so that each record is printed once and each 500 is emailed once.
        "django": {"handlers": [], "level": "INFO"},
        "django.request": {"handlers": ["mail_admins"]},
        # django-axes logs every attempt at INFO; lockouts, at WARNING, are what matters.
        "axes": {"level": "WARNING"},
    },
}
