"""One settings module for every environment, configured by environment variables.

Unset DATABASE_URL gives an embedded SQLite file and unset REDIS_URL runs Celery tasks
in-process, so `make run` needs no server. Production sets both (see .env.example).
"""

from datetime import timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from urllib.parse import urlparse, urlsplit

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from accounts import roles

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)


def _bool(name: str, default: bool) -> bool:
    raw = env.str(name, default=None)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def _int(name: str, default: int) -> int:
    raw = env.str(name, default=None)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def _database(url: str) -> dict:
    scheme = urlparse(url).scheme
    if scheme not in {"postgres", "postgresql", "pgsql", "sqlite"}:
        raise ImproperlyConfigured(
            f"DATABASE_URL must start with postgres:// or sqlite://, not {url!r}."
        )
    try:
        config = environ.Env.db_url_config(url)
    except Exception as exc:  # django-environ raises several kinds for a bad URL
        raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {url!r}.") from exc
    if scheme != "sqlite" and not config.get("NAME"):
        raise ImproperlyConfigured(f"DATABASE_URL names no database: {url!r}.")
    return config


def _redis_url(url: str) -> str:
    parsed = urlparse(url)
    if parsed.scheme not in {"redis", "rediss"} or not parsed.hostname:
        raise ImproperlyConfigured(f"REDIS_URL must look like redis://host:6379/0, not {url!r}.")
    return url


# The placeholder in .env.example: a copied .env that was never edited must not start.
SECRET_KEY_PLACEHOLDER = "skift-mig"  # noqa: S105
SECRET_KEY_MIN_LENGTH = 50  # as Django's deployment check (security.W009)

DEBUG = _bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG and not _bool("ALLOW_INSECURE_SECRET_KEY", default=False):
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (on a development machine, run manage.py "
            "with DEBUG=true, as `make run` does)."
        )
    SECRET_KEY = "insecure-development-key-only-for-make-run-and-tests"  # noqa: S105
elif not DEBUG:
    if SECRET_KEY_PLACEHOLDER in SECRET_KEY.lower():
        raise ImproperlyConfigured(
            "SECRET_KEY is still the placeholder from .env.example; set it to a long random "
            "string, e.g. from: python -c 'import secrets; print(secrets.token_urlsafe(50))'."
        )
    if len(SECRET_KEY) < SECRET_KEY_MIN_LENGTH or len(set(SECRET_KEY)) < 5:
        raise ImproperlyConfigured(
            f"SECRET_KEY must be at least {SECRET_KEY_MIN_LENGTH} characters (with at least 5 "
            f"different ones) when DEBUG is off; it has {len(SECRET_KEY)}."
        )
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # the widgets' templates, for FORM_RENDERER (project templates)
    "django_htmx",
    "django_filters",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "csp",
    "axes",
    "djangosaml2",
    "core",
    "accounts",
    "strategy",
    "initiatives",
    "staffing",
    "reports",
    "indicators",
    "meetings",
    "ninja",  # serves the API docs' Swagger UI from its own static files, never a CDN
    "api",
    "pages",
]

MIDDLEWARE = [
    "accounts.middleware.RequestBodyLimitMiddleware",
    "api.middleware.ApiCallLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "djangosaml2.middleware.SamlSessionMiddleware",
    "accounts.middleware.NoStoreForUsersMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # After CSRF and login: it reads the form data, which must not happen before they check.
    "accounts.middleware.RejectNullCharactersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "accounts.middleware.SessionLifetimeMiddleware",
    "accounts.middleware.AccessDeniedAuditMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Request bodies. The largest legitimate one is a staffing upload of at most 2 MB; a larger
# declared body is refused with 413 before it is read (accounts.middleware), form data beyond
# DATA_UPLOAD_MAX_MEMORY_SIZE is refused by Django, and uploads stay in memory (never spooled).
MAX_REQUEST_BODY_BYTES = _int("MAX_REQUEST_BODY_BYTES", 3 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 500
DATA_UPLOAD_MAX_NUMBER_FILES = 1
FILE_UPLOAD_MAX_MEMORY_SIZE = MAX_REQUEST_BODY_BYTES

ROOT_URLCONF = "socialomraade.urls"
WSGI_APPLICATION = "socialomraade.wsgi.application"

# Forms render with the project's templates; every field group uses includes/field.html.
FORM_RENDERER = "core.forms.FormRenderer"

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
                "pages.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": _database(env.str("DATABASE_URL", default=f"sqlite:///{BASE_DIR}/db.sqlite3"))
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = _int("DATABASE_CONN_MAX_AGE", 60)
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # Choice fields iterate their querysets; a server-side cursor costs three round trips
    # (DECLARE, FETCH, CLOSE) for a list of 20 units, and would break behind pgbouncer.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "accounts.backends.StaffModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "reports:landing"  # committee members land on the report archive
LOGOUT_REDIRECT_URL = "login"

# Sessions: an idle timeout and an absolute lifetime after login, both enforced by
# accounts.middleware.SessionLifetimeMiddleware. The idle expiry is renewed when a request comes
# more than SESSION_RENEW_SECONDS after the last renewal, not on every request: saving the
# session is a database write and a commit per page view, more than a small page costs.
SESSION_COOKIE_AGE = _int("SESSION_IDLE_SECONDS", 60 * 60)
SESSION_ABSOLUTE_SECONDS = _int("SESSION_ABSOLUTE_SECONDS", 8 * 60 * 60)
SESSION_RENEW_SECONDS = _int("SESSION_RENEW_SECONDS", 60)
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

LANGUAGE_CODE = "da"
LANGUAGES = [("da", "Dansk")]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False
# Danish date formats in one place ("16. januar 2024"); numbers go through core.formatting.
FORMAT_MODULE_PATH = ["socialomraade.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Never routed: uploaded and generated files are only served through views that check access.
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or _bool("PLAIN_STATIC_STORAGE", default=False)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Celery. Without REDIS_URL the tasks run in-process (the embedded default of `make run`).
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    _redis_url(REDIS_URL)
# The cache (the overview, the public page, the API's answers, the throttle) is shared by every
# web worker through Redis; without REDIS_URL each process keeps its own, in memory.
if REDIS_URL:
    CACHES = {
        "default": {
            # Redis down: a miss, logged once a minute; pages answer from the database.
            "BACKEND": "core.cache.DegradingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="socialomraade"),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
CELERY_BROKER_URL = REDIS_URL or "memory://"
# Results are only kept for tasks that ask for them (the health ping); the rest store state on rows.
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_DEFAULT_QUEUE", default="default")
# PDF rendering is heavy; it runs on its own queue so a worker can be sized for it.
CELERY_PDF_QUEUE = env.str("CELERY_PDF_QUEUE", default="pdf")
CELERY_TASK_ROUTES = {"reports.tasks.render_*": {"queue": CELERY_PDF_QUEUE}}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE

CELERY_BEAT_SCHEDULE = {
    # The outbox: report requests made while the broker was down, and stalled renders.
    "dispatch-pending-reports": {
        "task": "reports.tasks.dispatch_pending_reports",
        "schedule": 60.0,
    },
    # The mail outbox (accounts.mail): retries with backoff, and what the broker missed.
    "deliver-pending-mail": {
        "task": "accounts.tasks.deliver_pending_mail",
        "schedule": 60.0,
    },
    # Personal data past its retention period (accounts.retention).
    "purge-personal-data": {
        "task": "accounts.tasks.purge_personal_data",
        "schedule": crontab(hour=3, minute=30),
    },
    "send-deadline-reminders": {
        "task": "reports.tasks.send_deadline_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
    # A correction of a closed half-year closes itself once its deadline has passed.
    "close-expired-corrections": {
        "task": "initiatives.tasks.close_expired_corrections",
        "schedule": crontab(hour=0, minute=5),
    },
    "generate-drafts-for-closed-periods": {
        "task": "reports.tasks.generate_drafts_for_closed_periods",
        "schedule": crontab(minute="*/15"),
    },
    "deactivate-unseen-people": {
        "task": "strategy.tasks.deactivate_unseen_people",
        "schedule": crontab(hour=3, minute=30),
    },
}
# People not seen (logged in) for this many days are deactivated by the task above; 0 = never.
PEOPLE_DEACTIVATE_AFTER_DAYS = _int("PEOPLE_DEACTIVATE_AFTER_DAYS", 180)

# Reports
REPORT_TIME_LIMIT_SECONDS = _int("REPORT_TIME_LIMIT_SECONDS", 300)
REPORT_MAX_ATTEMPTS = _int("REPORT_MAX_ATTEMPTS", 3)
# No task runs longer than a render may (the render task sets its own limit, the same); a
# message whose worker was killed goes back to the queue once the broker's visibility timeout
# has passed since delivery. Just above the time limit, an orphaned render comes back in
# minutes, not after the Redis transport's default hour, and a running task is never handed
# out twice.
CELERY_TASK_TIME_LIMIT = REPORT_TIME_LIMIT_SECONDS
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 3,
    "socket_timeout": 10,
    "visibility_timeout": REPORT_TIME_LIMIT_SECONDS + 60,
}
REMINDER_DAYS_BEFORE_DEADLINE = _int("REMINDER_DAYS_BEFORE_DEADLINE", 7)
# Committee reports show small staffing figures as "<threshold" unless this is turned off.
REPORT_SUPPRESS_SMALL_NUMBERS_FOR_COMMITTEE = _bool(
    "REPORT_SUPPRESS_SMALL_NUMBERS_FOR_COMMITTEE", default=True
)
# The site's own address: every link in an e-mail is built from it (core.urls.absolute_url),
# never from the address of the process that sends the mail (a worker has none). Required in
# production; without it (DEBUG on) it is the address `make run` serves.
MAKE_RUN_URL = "http://127.0.0.1:8000"


def _site_url(raw: str) -> str:
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise ImproperlyConfigured(
            f"SITE_URL must be the site's address, like https://strategi.norddjurs.dk, not {raw!r}."
        )
    return raw.rstrip("/")


if env.str("SITE_URL", default=""):
    SITE_URL = _site_url(env.str("SITE_URL"))
elif DEBUG:
    SITE_URL = MAKE_RUN_URL
else:
    raise ImproperlyConfigured(
        "SITE_URL must be set when DEBUG is off: the address e-mails link to, like "
        "https://strategi.norddjurs.dk."
    )

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = _int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = _bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="strategi@norddjurs.dk")
# Seconds an SMTP connection may wait (connect, and each reply): a silent mail server fails the
# attempt, which the outbox retries (accounts.mail); it never holds a request.
EMAIL_TIMEOUT = _int("EMAIL_TIMEOUT", 10)
MAIL_MAX_ATTEMPTS = _int("MAIL_MAX_ATTEMPTS", 10)
MAIL_RETRY_MAX_MINUTES = _int("MAIL_RETRY_MAX_MINUTES", 60)

# The public site's accessibility statement; the app serves its own when none is given.
ACCESSIBILITY_STATEMENT_URL = env.str("ACCESSIBILITY_STATEMENT_URL", default="")
SITE_NAME = env.str("SITE_NAME", default="Strategi for Socialområdet")
ORGANISATION_NAME = env.str("ORGANISATION_NAME", default="Norddjurs Kommune")

# Staffing: figures below this many FTE can identify a person (one part-time job), so committee
# reports show "<threshold" instead. The app shows exact figures unless STAFFING_SUPPRESS_IN_APP.
try:
    STAFFING_SMALL_NUMBER_THRESHOLD = Decimal(
        env.str("STAFFING_SMALL_NUMBER_THRESHOLD", default="1.0").replace(",", ".")
    )
except InvalidOperation:
    raise ImproperlyConfigured(
        "STAFFING_SMALL_NUMBER_THRESHOLD must be a number of FTE such as 1.0."
    ) from None
if not STAFFING_SMALL_NUMBER_THRESHOLD.is_finite() or STAFFING_SMALL_NUMBER_THRESHOLD < 0:
    raise ImproperlyConfigured("STAFFING_SMALL_NUMBER_THRESHOLD must be 0 or more.")
STAFFING_SUPPRESS_IN_APP = _bool("STAFFING_SUPPRESS_IN_APP", default=False)

# Security headers. The production values come from the environment (see .env.example).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = _bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = _bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = _int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
# Reverse proxies in front that append the client's address to X-Forwarded-For (0: none, the
# client connects directly). Login throttling and the audit log use that address.
TRUSTED_PROXY_COUNT = _int("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more.")
if _bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Permissions-Policy (django-permissions-policy): the app uses no device or browser feature.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "bluetooth",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

# Content-Security-Policy: everything from our own origin, nothing inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# How long personal data is kept (accounts.retention, daily; README "Personoplysninger").
RETENTION_LOGIN_ATTEMPT_DAYS = _int("RETENTION_LOGIN_ATTEMPT_DAYS", 30)
RETENTION_ACCESS_LOG_DAYS = _int("RETENTION_ACCESS_LOG_DAYS", 90)
RETENTION_AUDIT_ADDRESS_DAYS = _int("RETENTION_AUDIT_ADDRESS_DAYS", 180)
RETENTION_MAIL_DAYS = _int("RETENTION_MAIL_DAYS", 30)

# Login protection (django-axes).
AXES_FAILURE_LIMIT = _int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Failures from one address across all usernames (password spraying) after which each username
# that failed from it is locked there (not the address for everyone: accounts.axes).
AXES_IP_FAILURE_LIMIT = _int("AXES_IP_FAILURE_LIMIT", 20)
AXES_HANDLER = "accounts.axes.LoginThrottleHandler"
AXES_CLIENT_IP_CALLABLE = "accounts.client_ip.client_ip"
AXES_RESET_ON_SUCCESS = True
# An attempt while locked (the right password included) neither counts nor extends the lock: it
# lifts AXES_COOLOFF_MINUTES after the failure that set it (accounts.axes states the policy).
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

# Single sign-on (optional): OpenID Connect against Microsoft Entra ID, on when
# OIDC_RP_CLIENT_ID is set. Password login stays for local accounts and the demo.
OIDC_RP_CLIENT_ID = env.str("OIDC_RP_CLIENT_ID", default="")
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
OIDC_ROLE_GROUPS: dict[str, str] = {}
if OIDC_ENABLED:
    OIDC_RP_CLIENT_SECRET = env.str("OIDC_RP_CLIENT_SECRET", default="")
    if not OIDC_RP_CLIENT_SECRET:
        raise ImproperlyConfigured("OIDC_RP_CLIENT_SECRET must be set when OIDC_RP_CLIENT_ID is.")
    _tenant = env.str("OIDC_TENANT_ID", default="")
    _entra = f"https://login.microsoftonline.com/{_tenant}" if _tenant else ""
    _endpoints = {
        "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{_entra}/oauth2/v2.0/authorize" if _entra else "",
        "OIDC_OP_TOKEN_ENDPOINT": f"{_entra}/oauth2/v2.0/token" if _entra else "",
        "OIDC_OP_JWKS_ENDPOINT": f"{_entra}/discovery/v2.0/keys" if _entra else "",
        "OIDC_OP_USER_ENDPOINT": "https://graph.microsoft.com/oidc/userinfo" if _entra else "",
    }
    for _name, _default in _endpoints.items():
        _endpoints[_name] = env.str(_name, default=_default)
        if not _endpoints[_name]:
            raise ImproperlyConfigured(f"Set OIDC_TENANT_ID or {_name} for single sign-on.")
    OIDC_OP_AUTHORIZATION_ENDPOINT = _endpoints["OIDC_OP_AUTHORIZATION_ENDPOINT"]
    OIDC_OP_TOKEN_ENDPOINT = _endpoints["OIDC_OP_TOKEN_ENDPOINT"]
    OIDC_OP_JWKS_ENDPOINT = _endpoints["OIDC_OP_JWKS_ENDPOINT"]
    OIDC_OP_USER_ENDPOINT = _endpoints["OIDC_OP_USER_ENDPOINT"]
    # The ID token's "iss" must match (Entra ID: …/{tenant}/v2.0); empty skips the check.
    OIDC_OP_ISSUER = env.str("OIDC_OP_ISSUER", default=f"{_entra}/v2.0" if _entra else "")
    OIDC_RP_SIGN_ALGO = "RS256"
    OIDC_RP_SCOPES = "openid email profile"
    OIDC_TIMEOUT = 10
    # "group-object-id=Role,…" with the roles' Danish names, e.g. "3f2c…=Administrator".
    OIDC_ROLE_GROUPS = env.dict("OIDC_ROLE_GROUPS", default={})
    _unknown = sorted(set(OIDC_ROLE_GROUPS.values()) - set(roles.ALL))
    if not OIDC_ROLE_GROUPS or _unknown:
        raise ImproperlyConfigured(
            "OIDC_ROLE_GROUPS must map identity-provider group ids to the roles "
            f"{roles.ALL}, like 'group-id=Leder,other-id=OMU-medlem'; got {_unknown or 'none'}."
        )
    AUTHENTICATION_BACKENDS.insert(1, "accounts.oidc.RoleMappingOIDCBackend")
    LOGIN_REDIRECT_URL_FAILURE = "/konto/log-ind/?sso=fejl"

# SAML 2.0 login (optional): KOMBIT's Context Handler or any SAML identity provider, through
# djangosaml2 (accounts.saml; docs/login.md). On when SAML_SP_ENTITY_ID is set; then every
# other setting below must be complete, or the app refuses to start, naming what is missing.
SAML_SP_ENTITY_ID = env.str("SAML_SP_ENTITY_ID", default="")
SAML_ENABLED = bool(SAML_SP_ENTITY_ID)
SAML_IDP_METADATA_FILE = env.str("SAML_IDP_METADATA_FILE", default="")
SAML_SP_KEY_FILE = env.str("SAML_SP_KEY_FILE", default="")
SAML_SP_CERT_FILE = env.str("SAML_SP_CERT_FILE", default="")
SAML_XMLSEC_BINARY = env.str("SAML_XMLSEC_BINARY", default="/usr/bin/xmlsec1")
# The lowest NSIS assurance level accepted: Low, Substantial (default) or High.
SAML_MINIMUM_NSIS_LEVEL = env.str("SAML_MINIMUM_NSIS_LEVEL", default="Substantial")
# Which attribute holds the sign-in name (e-mail), the roles and the leader's units.
SAML_EMAIL_ATTRIBUTE = env.str(
    "SAML_EMAIL_ATTRIBUTE", default="https://data.gov.dk/model/core/eid/email"
)
SAML_ROLE_ATTRIBUTE = env.str("SAML_ROLE_ATTRIBUTE", default="")
SAML_ROLE_MAP: dict[str, str] = env.dict("SAML_ROLE_MAP", default={})
SAML_UNIT_ATTRIBUTE = env.str("SAML_UNIT_ATTRIBUTE", default="")
SAML_UNIT_MAP: dict[str, str] = env.dict("SAML_UNIT_MAP", default={})
# Break-glass: with SAML login on, only these usernames may log in with a password.
LOCAL_LOGIN_USERNAMES: list[str] = env.list("LOCAL_LOGIN_USERNAMES", default=[])


def saml_settings_problem(values: dict) -> str:
    """The first missing or wrong SAML setting, as a sentence; "" when complete."""
    for name in ("SAML_IDP_METADATA_FILE", "SAML_SP_KEY_FILE", "SAML_SP_CERT_FILE"):
        if not values[name]:
            return f"{name} must be set when SAML_SP_ENTITY_ID is (see docs/login.md)."
        if not Path(values[name]).is_file():
            return f"{name} names {values[name]}, which is not a readable file."
    if not Path(values["SAML_XMLSEC_BINARY"]).is_file():
        return (
            f"SAML_XMLSEC_BINARY names {values['SAML_XMLSEC_BINARY']}, which does not exist"
            " (apt-get install xmlsec1)."
        )
    if values["SAML_MINIMUM_NSIS_LEVEL"] not in ("Low", "Substantial", "High"):
        return "SAML_MINIMUM_NSIS_LEVEL must be Low, Substantial or High."
    if not values["SAML_ROLE_ATTRIBUTE"] or not values["SAML_ROLE_MAP"]:
        return "SAML_ROLE_ATTRIBUTE and SAML_ROLE_MAP must be set when SAML_SP_ENTITY_ID is."
    unknown = sorted(set(values["SAML_ROLE_MAP"].values()) - set(roles.ALL))
    if unknown:
        return f"SAML_ROLE_MAP names roles the app does not have: {unknown}; use {roles.ALL}."
    if values["SAML_UNIT_MAP"] and not values["SAML_UNIT_ATTRIBUTE"]:
        return "SAML_UNIT_ATTRIBUTE must be set when SAML_UNIT_MAP is."
    return ""


if SAML_ENABLED:
    _problem = saml_settings_problem(globals())
    if _problem:
        raise ImproperlyConfigured(_problem)
SAML_CONFIG_LOADER = "accounts.saml.sp_config"
SAML_SESSION_COOKIE_NAME = "saml_session"
SAML_SESSION_COOKIE_SAMESITE = "None"  # the identity provider posts back from its own site
SAML_CREATE_UNKNOWN_USER = True
SAML_USE_NAME_ID_AS_USERNAME = False
SAML_DJANGO_USER_MAIN_ATTRIBUTE = "username"
SAML_ATTRIBUTE_MAPPING = {SAML_EMAIL_ATTRIBUTE: ("username", "email")}
SAML_ALLOWED_HOSTS = [urlparse(SITE_URL).hostname or "127.0.0.1"]
SAML_DEFAULT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
if SAML_ENABLED:
    AUTHENTICATION_BACKENDS.insert(1, "strategy.directory.RoleMappingSaml2Backend")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # Control characters in a message (a username with a newline) are escaped: no forged lines.
    "filters": {"escape_control": {"()": "accounts.log.EscapeControlCharacters"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["escape_control"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.security": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "weasyprint": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "fontTools": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "socialomraade.api": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# --- Read API and the public status page (issue: open by design) ---------------------------
# The public status page at /offentlig/ and anonymous public API calls; off unless turned on.
PUBLIC_STATUS_PAGE = _bool("PUBLIC_STATUS_PAGE", default=False)
# Each token (and each signed-in user, and each anonymous address) gets this many calls.
API_RATE_LIMIT = env.str("API_RATE_LIMIT", default="600/min")
# Answers are kept under the data stamp (api.setup); false makes every call do the full work
# (the benchmark measures the API both ways).
API_ANSWER_CACHE = _bool("API_ANSWER_CACHE", default=True)
# API lists: 50 rows a page unless the caller asks for up to 500 (`page_size`).
NINJA_PAGINATION_CLASS = "api.pagination.Pages"
NINJA_PAGINATION_PER_PAGE = 50
NINJA_MAX_PER_PAGE_SIZE = 500
