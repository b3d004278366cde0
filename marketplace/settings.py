"""Settings read from the environment.

With nothing set the site runs on SQLite with Celery tasks executed in-process and email written
to files under var/mail, so that `make run` works on a fresh machine. `DATABASE_URL`, `REDIS_URL`
and `EMAIL_HOST` switch to the real stack. `DEBUG=false` turns on the production hardening that
`manage.py check --deploy` asks for.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from marketplace.database_settings import database_from_env
from marketplace.media_storage import default_storage_from_url
from marketplace.rates import parse_rate

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

DEBUG = env.bool("DEBUG", default=True)
# Django's debug 404/403 pages (they list every URL) instead of the site's own, under DEBUG only.
DEBUG_PAGES = env.bool("DEBUG_PAGES", default=False)
DEV_SECRET_KEY = "dev-only-insecure-key-change-me-0123456789-abcdefghijklmnopqrstuvwxyz"
SECRET_KEY = env("SECRET_KEY", default=DEV_SECRET_KEY)
if not DEBUG and (SECRET_KEY == DEV_SECRET_KEY or not SECRET_KEY.strip()):
    # A published key would let anyone forge sessions and password-reset links: refuse to start.
    raise ImproperlyConfigured("Set SECRET_KEY in the environment: DEBUG=false does not run with the development key.")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "imagekit",
    "marketplace",
    "sellers",
    "orders",
    "payouts",
    "campaigns",
    "mailings",
    "analytics",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "marketplace.middleware.PublicPagesGZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "marketplace.middleware.IndonesianFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "marketplace.page_throttle.PageThrottleMiddleware",
    "marketplace.middleware.SitePagesInDevelopmentMiddleware",
]

ROOT_URLCONF = "marketplace.urls"
WSGI_APPLICATION = "marketplace.wsgi.application"

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
                "marketplace.context_processors.roles",
                "orders.context_processors.cart",
            ],
            "builtins": ["marketplace.templatetags.money"],
        },
    }
]

DATABASES = {"default": database_from_env(env, default_url=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "marketplace.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# An API token works this long after it was issued; then the client asks for a new one.
API_TOKEN_LIFETIME = timedelta(days=env.int("API_TOKEN_LIFETIME_DAYS", default=30))
# A password-reset link works this long (Django's setting, in seconds).
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=3 * 60 * 60)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Lock an account-and-address pair out for 15 minutes after 5 failed logins (pages and API).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Our forms name the email `email` or `username`, the admin's `username`: one lower-cased count for all.
AXES_USERNAME_CALLABLE = "marketplace.services.login_attempt_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# Behind a load balancer every request comes from its address: the forwarded client address is
# trusted only when the hop that passed it on is one of these (IPs or CIDR ranges; empty: none).
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
AXES_CLIENT_IP_CALLABLE = "marketplace.client_ip.client_ip"

# Rate limits (DRF throttles and the page middleware), counted in the cache: sign-in, sign-up, token
# and password-reset requests per address; anonymous writes per address; all requests per user.
THROTTLE_RATES = {
    "auth": env("THROTTLE_AUTH", default="20/min"),
    "anon": env("THROTTLE_ANON", default="60/min"),
    "user": env("THROTTLE_USER", default="600/min"),
}
for _scope, _rate in THROTTLE_RATES.items():
    parse_rate(_rate, name=f"THROTTLE_{_scope.upper()}")

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "media/"
MEDIA_ROOT = env("MEDIA_ROOT", default=str(VAR_DIR / "media"))
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=DEBUG)
# The largest campaign banner staff may upload, in bytes (default 2 MB).
BANNER_MAX_BYTES = env.int("BANNER_MAX_BYTES", default=2 * 1024 * 1024)
# Uploaded files: MEDIA_ROOT on this machine, or one S3-compatible bucket that every web node shares
# (MEDIA_STORAGE_URL=s3://BUCKET?endpoint_url=...; see marketplace/media_storage.py).
MEDIA_STORAGE_URL = env("MEDIA_STORAGE_URL", default="")
# Photo renditions (WebP made by django-imagekit when a photo is uploaded) live beside the photos.
IMAGEKIT_CACHEFILE_DIR = "renditions"
STORAGES = {
    "default": default_storage_from_url(MEDIA_STORAGE_URL),
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

REDIS_URL = env("REDIS_URL", default="")
# The cache is an optimisation: with Redis unreachable, reads miss and writes are dropped
# (marketplace/cache.py). Short socket timeouts and a breaker keep a dead Redis from slowing requests.
CACHE_SOCKET_TIMEOUT = env.float("CACHE_SOCKET_TIMEOUT", default=0.5)
CACHE_CIRCUIT_SECONDS = env.float("CACHE_CIRCUIT_SECONDS", default=10)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "marketplace.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": CACHE_SOCKET_TIMEOUT, "socket_timeout": CACHE_SOCKET_TIMEOUT},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery: eager in the embedded default, Redis when REDIS_URL is set.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = "default"
if CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    # kombu's Redis transport, reusing one Redis client per channel rather than building one per message.
    CELERY_BROKER_TRANSPORT = "marketplace.celery_redis:Transport"
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 3600,
    # A broker that vanished is noticed in seconds rather than when the kernel gives up on the socket.
    "socket_timeout": 10,
    "socket_connect_timeout": 3,
    "socket_keepalive": True,
    "health_check_interval": 10,
    "retry_on_timeout": True,
}
CELERY_TIMEZONE = TIME_ZONE
# Fail fast when the broker is down: the outbox row is already saved and the beat sweep sends it.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# Workers and beat outlive a broker restart: reconnect at start-up and after a loss, without a limit
# (the default gives up after 100 attempts and the process exits). Running tasks are not cancelled
# when the connection drops: a blast keeps sending; its database rows, not the broker, say what is done.
CELERY_BROKER_CONNECTION_RETRY = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = False
CELERY_TASK_ROUTES = {f"mailings.tasks.{name}": {"queue": "promo"} for name in ("prepare_blast", "send_blast_batches")}

# Email: SMTP when EMAIL_HOST is set; otherwise files a newcomer can open under var/mail.
EMAIL_HOST = env("EMAIL_HOST", default="")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env.int("EMAIL_PORT", default=25)
    EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
    EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
    EMAIL_TIMEOUT = 30
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", default=str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Pasar IKM <noreply@pasarikm.id>")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "marketplace.tokens.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PARSER_CLASSES": [
        "marketplace.parsers.JSONParser",  # refuses lone surrogates with a 400
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "marketplace.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "marketplace.errors.api_exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DEFAULT_THROTTLE_CLASSES": [
        "marketplace.throttles.AnonWriteRateThrottle",
        "marketplace.throttles.UserRateThrottle",
    ],
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Pasar IKM API",
    "DESCRIPTION": "Marketplace for Indonesian local products (IKM) with Ministry of Industry campaigns.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Mixins of ours that describe how a serializer works, not what the API takes.
    "GET_LIB_DOC_EXCLUDES": "marketplace.serializers.lib_doc_excludes",
    # Swagger UI's assets ship with the project (sidecar): nothing is fetched from the internet.
    "ENUM_NAME_OVERRIDES": {
        "ProvinceEnum": "marketplace.provinces.PROVINCE_CHOICES",
        "ScaleEnum": "sellers.models.Seller.Scale",
        "CourierEnum": "marketplace.couriers.Courier",
        "SellerStatusEnum": "sellers.models.Seller.Status",
        "OrderStatusEnum": "orders.models.Order.Status",
        "ShipmentStatusEnum": "orders.models.Shipment.Status",
        "PaymentStatusEnum": "orders.models.Payment.Status",
        "CampaignStatusEnum": "campaigns.models.Campaign.Status",
        "EnrolmentStatusEnum": "campaigns.models.Enrolment.Status",
        "BlastStatusEnum": "mailings.models.Blast.Status",
        "DeliveryStatusEnum": "mailings.models.Delivery.Status",
        "VoucherKindEnum": "campaigns.models_vouchers.Voucher.Kind",
        "VoucherFunderEnum": "campaigns.models_vouchers.Voucher.Funder",
    },
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # `/healthz` is a plain Django view; the schema describes it too (marketplace/health.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "marketplace.health.schema_with_healthz",
    ],
}

# Email to shops about their verification and enrolments, through the order outbox (see marketplace.notifications).
NOTIFICATION_BACKEND = env("NOTIFICATION_BACKEND", default="orders.notifications.OutboxNotifications")
# The pricing port (docs/architecture.md, "Ports"): orders ask this backend what a product costs now.
PRICING_BACKEND = env("PRICING_BACKEND", default="campaigns.pricing.CampaignPricingBackend")
# The voucher port (orders/vouchers.py): checkout asks it what vouchers take off and reserves their budgets.
VOUCHER_BACKEND = env("VOUCHER_BACKEND", default="campaigns.voucher_port.CampaignVoucherBackend")

# The search port: the default searches the database itself (full text on PostgreSQL).
SEARCH_BACKEND = env("SEARCH_BACKEND", default="sellers.search.database.DatabaseSearchBackend")
# PostgreSQL: the stemming configuration whose word roots product vectors hold besides the words as
# written (`simple`: none). `indonesian` scored better on the relevance set (docs/search.md); after a
# change run `manage.py search_reindex`.
SEARCH_TEXT_CONFIG = env("SEARCH_TEXT_CONFIG", default="indonesian")

# Anonymous catalogue answers are shared for this long (never across a campaign's start or end).
CATALOGUE_CACHE_SECONDS = env.int("CATALOGUE_CACHE_SECONDS", default=30)

# Payments: the provider port (orders.providers). The test provider is for development only: it
# answers only while DEBUG is on, whatever else is set. Midtrans works once MIDTRANS_SERVER_KEY is set.
PAYMENT_PROVIDERS = {
    "test": "orders.providers.testing.TestProvider",
    "midtrans": "orders.providers.midtrans.MidtransProvider",
}
PAYMENT_TEST_PROVIDER_ENABLED = env.bool("PAYMENT_TEST_PROVIDER_ENABLED", default=DEBUG)
MIDTRANS_SERVER_KEY = env("MIDTRANS_SERVER_KEY", default="")
MIDTRANS_API_URL = env("MIDTRANS_API_URL", default="https://api.sandbox.midtrans.com")
MIDTRANS_SNAP_URL = env("MIDTRANS_SNAP_URL", default="https://app.sandbox.midtrans.com")
MIDTRANS_TIMEOUT_SECONDS = env.float("MIDTRANS_TIMEOUT_SECONDS", default=10.0)
# Refused payment notifications (bad signature or input) per client address before it gets 429s;
# genuine notifications are never limited (Midtrans sends every buyer's from a few addresses).
PAYMENT_NOTIFICATION_RATE = env("PAYMENT_NOTIFICATION_RATE", default="30/min")
parse_rate(PAYMENT_NOTIFICATION_RATE, name="PAYMENT_NOTIFICATION_RATE")
PAYMENT_DEADLINE = timedelta(hours=env.int("PAYMENT_DEADLINE_HOURS", default=24))

# Shipping rates (a port): the staff-kept table, or an aggregator that falls back on the table.
SHIPPING_RATE_PROVIDER = env("SHIPPING_RATE_PROVIDER", default="orders.rates.TableRates")
BITESHIP_BASE_URL = env("BITESHIP_BASE_URL", default="https://api.biteship.com")
BITESHIP_API_KEY = env("BITESHIP_API_KEY", default="")
BITESHIP_TIMEOUT_SECONDS = env.float("BITESHIP_TIMEOUT_SECONDS", default=2.0)
# Parcel tracking: a function (courier, waybill) -> events, e.g. "orders.biteship.track"; empty: none.
SHIPPING_TRACKING_PROVIDER = env("SHIPPING_TRACKING_PROVIDER", default="")
# Seller money (docs/architecture.md, "Seller money"): the ledger orders call, commission when a
# category has no rate of its own (basis points: 250 = 2.5%), how long funds stay held after
# delivery unless the buyer confirms, payout minimums, the payout provider and its settings.
MONEY_LEDGER = env("MONEY_LEDGER", default="payouts.port.PayoutsMoneyLedger")
PAYOUTS_DEFAULT_COMMISSION_BP = env.int("PAYOUTS_DEFAULT_COMMISSION_BP", default=250)
PAYOUTS_HOLD_AFTER_DELIVERY = timedelta(days=env.int("PAYOUTS_HOLD_DAYS", default=3))
PAYOUTS_MINIMUM_REQUEST = env.int("PAYOUTS_MINIMUM_REQUEST", default=50000)
PAYOUTS_MINIMUM_SCHEDULED = env.int("PAYOUTS_MINIMUM_SCHEDULED", default=10000)
PAYOUTS_PROVIDER = env("PAYOUTS_PROVIDER", default="payouts.providers.BankFileProvider")
PAYOUTS_PRIVATE_ROOT = env("PAYOUTS_PRIVATE_ROOT", default=str(VAR_DIR / "private"))
PAYOUTS_STATEMENT_MAX_BYTES = env.int("PAYOUTS_STATEMENT_MAX_BYTES", default=5 * 1024 * 1024)
XENDIT_SECRET_KEY = env("XENDIT_SECRET_KEY", default="")
XENDIT_API_URL = env("XENDIT_API_URL", default="https://api.xendit.co")
XENDIT_CALLBACK_TOKEN = env("XENDIT_CALLBACK_TOKEN", default="")
XENDIT_TIMEOUT_SECONDS = env.int("XENDIT_TIMEOUT_SECONDS", default=20)

# The order-email outbox sweep: how often beat looks for unsent rows, and how old a row must be to be
# taken (younger ones may still be with a worker). Rows wait here while the broker is down.
OUTBOX_SWEEP_SECONDS = env.int("OUTBOX_SWEEP_SECONDS", default=60)

# Promotional email: messages per minute across all workers.
BLAST_RATE_PER_MINUTE = env.int("BLAST_RATE_PER_MINUTE", default=60000)
BLAST_BATCH_SIZE = env.int("BLAST_BATCH_SIZE", default=200)
# Parallel sending tasks per blast, and how long a claimed batch may go untouched before the beat
# sweep decides its worker died and gives the rows to another.
BLAST_PARALLEL_TASKS = env.int("BLAST_PARALLEL_TASKS", default=4)
BLAST_CLAIM_STALE_SECONDS = env.int("BLAST_CLAIM_STALE_SECONDS", default=120)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True

# After-sales (orders/services/completion.py, declines.py, complaints.py): how long a delivered
# parcel may be complained about before it completes (and the shop's funds are released), when a
# parcel never reported delivered completes anyway, working days (Mon-Fri, Jakarta) a shop has to
# ship a paid order, and the days each side has to answer a complaint.
AFTERSALES_COMPLETE_AFTER_DELIVERY = timedelta(
    days=env.int("AFTERSALES_COMPLETION_DAYS", default=PAYOUTS_HOLD_AFTER_DELIVERY.days)
)
PAYOUTS_HOLD_AFTER_DELIVERY = AFTERSALES_COMPLETE_AFTER_DELIVERY  # funds are held until completion
AFTERSALES_COMPLETE_AFTER_SHIPPING = timedelta(days=env.int("AFTERSALES_COMPLETE_SHIPPED_DAYS", default=14))
AFTERSALES_SHIP_BY_WORKING_DAYS = env.int("AFTERSALES_SHIP_BY_WORKING_DAYS", default=2)
AFTERSALES_COMPLAINT_ANSWER = timedelta(days=env.int("AFTERSALES_COMPLAINT_ANSWER_DAYS", default=2))
AFTERSALES_RETURN_SHIP = timedelta(days=env.int("AFTERSALES_RETURN_SHIP_DAYS", default=5))
AFTERSALES_RETURN_RECEIVE = timedelta(days=env.int("AFTERSALES_RETURN_RECEIVE_DAYS", default=7))
AFTERSALES_EVIDENCE_MAX_BYTES = env.int("AFTERSALES_EVIDENCE_MAX_BYTES", default=20 * 1024 * 1024)
