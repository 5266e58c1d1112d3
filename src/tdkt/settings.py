"""The one settings module. Everything that differs between machines comes from the environment.

Defaults give a working development system on embedded SQLite under var/;
production sets DEBUG=false, SECRET_KEY and DATABASE_URL=postgres://…
"""

from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

from tdkt.lib.env import envbool, envint, envlist, envsecret, envstr

SRC_DIR = Path(__file__).resolve().parent
BASE_DIR = SRC_DIR.parent.parent
VAR_DIR = Path(envstr("TDKT_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = envbool("DEBUG", True)
SECRET_KEY = envsecret("SECRET_KEY", "dev-only-insecure-key-change-me" if DEBUG else "")
if not SECRET_KEY:
    raise RuntimeError("SECRET_KEY must be set when DEBUG is off")
# The key signs sessions, password-reset links and CSRF tokens: a short or repetitive one can be guessed
# offline from one signed cookie. Production refuses to start with one (the rule of Django's security.W009).
if not DEBUG and (len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure-")):
    raise RuntimeError(
        "SECRET_KEY is too weak for production: it needs at least 50 characters, at least 5 of them different, "
        "and no 'django-insecure-' prefix. Generate one with: "
        "python -c 'import secrets; print(secrets.token_urlsafe(64))'"
    )
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])
SITE_NAME = envstr("SITE_NAME", "TĐKT")
PROVINCE_NAME = envstr("PROVINCE_NAME", "Lào Cai")
# e.g. https://tdkt.laocai.gov.vn: the start of every link in an e-mail (mails carry absolute links only)
SITE_URL = envstr("SITE_URL", "http://127.0.0.1:8000" if DEBUG else "")
# The "Giới thiệu" page: who officers call for help (the province's own support desk; empty = not shown).
SUPPORT_NAME = envstr("SUPPORT_NAME", "")
SUPPORT_PHONE = envstr("SUPPORT_PHONE", "")
SUPPORT_EMAIL = envstr("SUPPORT_EMAIL", "")
SUPPORT_HOURS = envstr("SUPPORT_HOURS", "")
# The public portal's identity header and footer (tdkt.portal.chrome). The defaults name the Lào Cai demo;
# a province sets its own. PORTAL_EMBLEM is a static path ("tdkt/quoc-huy.svg"; empty = no image);
# PORTAL_CONTACT is lines separated by "|" ("Địa chỉ: …|Điện thoại: …|Thư điện tử: …"), shown in the footer.
PORTAL_AGENCY_NAME = envstr("PORTAL_AGENCY_NAME", f"Hội đồng Thi đua – Khen thưởng tỉnh {PROVINCE_NAME}")
PORTAL_AGENCY_PARENT = envstr("PORTAL_AGENCY_PARENT", f"Ủy ban nhân dân tỉnh {PROVINCE_NAME}")
PORTAL_EMBLEM = envstr("PORTAL_EMBLEM", "")
PORTAL_CONTACT = [line.strip() for line in envstr(
    "PORTAL_CONTACT", f"Cơ quan thường trực: Sở Nội vụ tỉnh {PROVINCE_NAME}").split("|") if line.strip()]
# Where the source of the version the province runs can be had (AGPL section 13); empty = not shown.
SOURCE_URL = envstr("SOURCE_URL", "")
# The Vietnamese user guide rendered at /huong-dan/: docs/huong-dan-su-dung.md and docs/huong-dan/*.md.
GUIDE_DIR = Path(envstr("GUIDE_DIR", str(BASE_DIR / "docs")))

# Demo data of the apps beside core on the top layer, which seed_demo (in core) may not import: module names,
# each with load_demo(year) and wipe_demo(), run after core's own hooks.
DEMO_DATA_HOOKS = ["tdkt.reports.demo", "tdkt.exemplars.demo", "tdkt.news.demo"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.admin",
    "django.contrib.postgres",
    "ninja",  # JSON API with OpenAPI; its Swagger UI is served from its own static files (no CDN)
    "tdkt.core",
    "tdkt.accounts",
    "tdkt.audit",
    "tdkt.orgs",
    "tdkt.people",
    "tdkt.awards",
    "tdkt.plans",
    "tdkt.workcalendar",
    "tdkt.notifications",
    "tdkt.workflow",
    "tdkt.movements",
    "tdkt.movements.scoring",
    "tdkt.dossiers",
    "tdkt.dossiers.nominees",
    "tdkt.dossiers.consultations",
    "tdkt.dossiers.postings",
    "tdkt.council",
    "tdkt.decisions",
    "tdkt.decisions.certificates",
    "tdkt.decisions.signing",
    "tdkt.central",
    "tdkt.initiatives",
    "tdkt.inspections",
    "tdkt.training",
    "tdkt.exemplars",
    "tdkt.news",
    "tdkt.reports",
    "tdkt.api",
    "tdkt.portal",
    "tdkt.users",
    "tdkt.jobs",
    "tdkt.integration",
    "django_tasks_db",  # the database queue of background tasks (manage.py run_worker)
    "tdkt.accounts.axes_app.SignInProtectionConfig",  # django-axes: failed sign-ins per (account, address)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "tdkt.accounts.idle.IdleExpiryMiddleware",  # idle expiry: saves the session on the user's requests only
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "tdkt.core.middleware.NoStoreForSignedInMiddleware",
    "tdkt.accounts.middleware.SecondFactorMiddleware",
    "tdkt.accounts.middleware.AccessDecisionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "tdkt.core.middleware.StorageErrorMiddleware",
    "axes.middleware.AxesMiddleware",  # last: sees the sign-in page's response (AXES_LOCKOUT_CALLABLE)
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

if not DEBUG:  # runserver serves static files in development; WhiteNoise does behind gunicorn
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "tdkt.urls"
WSGI_APPLICATION = "tdkt.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:dashboard"
# Django's own CSRF failure page is English and technical: ours says in Vietnamese what to do.
CSRF_FAILURE_VIEW = "tdkt.core.errors.csrf_failure"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tdkt.core.context_processors.shell",
            ],
        },
    },
]

# PostgreSQL runs with two roles (docs/operations.md, "Database roles"): DATABASE_URL names the application
# role, which owns nothing and gets only row privileges; DATABASE_OWNER_URL names the role that owns the
# schema and runs migrations. A process runs as the owner only when asked explicitly with
# DATABASE_ROLE=owner (`DATABASE_ROLE=owner manage.py migrate`); after migrating, the owner grants the
# application role named here (DATABASE_APP_USER, the user of DATABASE_URL) its privileges.
_DATABASE_URL = envstr("DATABASE_URL", f"sqlite:///{VAR_DIR / 'tdkt.sqlite3'}")
DATABASE_APP_USER = dj_database_url.parse(_DATABASE_URL).get("USER", "")
DATABASE_OWNER_URL = envstr("DATABASE_OWNER_URL", "")
DATABASE_ROLE = envstr("DATABASE_ROLE", "app")
if DATABASE_ROLE not in ("app", "owner"):
    raise RuntimeError("DATABASE_ROLE must be 'app' (the default) or 'owner'")
if DATABASE_ROLE == "owner" and not DATABASE_OWNER_URL:
    raise RuntimeError("DATABASE_ROLE=owner needs DATABASE_OWNER_URL (the schema owner's postgres:// URL)")
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_OWNER_URL if DATABASE_ROLE == "owner" else _DATABASE_URL,
        conn_max_age=envint("DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets readers run beside one writer; IMMEDIATE avoids "database is locked" on upgrade.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# First: new hashes, and old ones re-hashed on sign-in (Django's default Argon2 parameters, 100 MiB × 8 lanes,
# made 50 simultaneous sign-ins take 6–18 s on 2 cores). The parameters below may be raised, never lowered under
# OWASP's argon2id minimum (m 19 MiB, t 2, p 1), which the hasher enforces (tdkt.accounts.hashers).
ARGON2_MEMORY_KIB = envint("ARGON2_MEMORY_KIB", 19 * 1024)
ARGON2_TIME_COST = envint("ARGON2_TIME_COST", 2)
ARGON2_PARALLELISM = envint("ARGON2_PARALLELISM", 1)
PASSWORD_HASHERS = [
    "tdkt.accounts.hashers.TunedArgon2PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# The argon2id limits that lock a secret ballot's private key (tdkt.council.sealing.KDF_LIMITS).
BALLOT_KDF_LIMITS = "interactive"
if envbool("FAST_PASSWORD_HASHER", False):  # test suite only
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    BALLOT_KDF_LIMITS = "minimum"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "tdkt.accounts.validators.CharacterClassValidator"},
]

# Sign-in protection (django-axes, driven by tdkt.accounts.lockout): LOGIN_MAX_FAILURES failures lock the PAIR
# (account, client address), never the account alone, so nobody can lock the owner out from another address.
# The lock lasts LOGIN_LOCKOUT_MINUTES, doubled for every further LOGIN_MAX_FAILURES failures from the same
# address (any account), up to LOGIN_LOCKOUT_MAX_MINUTES. Wrong TOTP codes count as failures.
LOGIN_MAX_FAILURES = envint("LOGIN_MAX_FAILURES", 5)
LOGIN_LOCKOUT_MINUTES = envint("LOGIN_LOCKOUT_MINUTES", 15)
LOGIN_LOCKOUT_MAX_MINUTES = envint("LOGIN_LOCKOUT_MAX_MINUTES", 24 * 60)
# Requests per minute an API token may make unless the token sets its own limit (tdkt.api.auth).
API_RATE_LIMIT_PER_MINUTE = envint("API_RATE_LIMIT_PER_MINUTE", 600)
# Approving a decision for signing and taking its number ask the signer for a TOTP code again when the last
# one given in this session is older than this (tdkt.accounts.freshness).
SIGNER_FRESH_SECOND_FACTOR_MINUTES = envint("SIGNER_FRESH_SECOND_FACTOR_MINUTES", 5)
# The client address is REMOTE_ADDR. Behind trusted reverse proxies, set TRUSTED_PROXY_COUNT to how many of them
# append to X-Forwarded-For: the address is then that many entries from its right end (the entries further left
# are written by the client and can be forged). 0 (the default) never reads X-Forwarded-For.
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 0)
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked (account, address) before the password
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = LOGIN_MAX_FAILURES
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = "tdkt.accounts.lockout.cool_off"
AXES_USE_ATTEMPT_EXPIRATION = True  # each attempt keeps its own expiry: cool-offs differ between addresses
AXES_USERNAME_CALLABLE = "tdkt.accounts.lockout.attempted_username"
AXES_CLIENT_IP_CALLABLE = "tdkt.accounts.middleware.client_ip"
AXES_RESET_ON_SUCCESS = False  # reset only once the whole sign-in (second factor included) succeeds
AXES_ENABLE_ADMIN = False  # tdkt.accounts.admin shows the attempts in Vietnamese, audited
AXES_VERBOSE = False
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code"]
# The sign-in form shows the lock itself (tdkt.accounts.services): axes' middleware keeps that page.
AXES_LOCKOUT_CALLABLE = "tdkt.accounts.lockout.keep_sign_in_page"
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 8 * 3600)
# Idle expiry: the age counts from the user's last request. IdleExpiryMiddleware marks (and so saves) the session
# on every request except the page's own question about its time left (tdkt.accounts.idle), which saving every
# request would turn into activity.
SESSION_SAVE_EVERY_REQUEST = False
# The page warns this many seconds before the idle expiry, with a button that renews the session.
SESSION_WARNING_SECONDS = envint("SESSION_WARNING_SECONDS", 5 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = envbool("SECURE_COOKIES", not DEBUG)
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if envbool("BEHIND_PROXY", False) else None
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy on every response (django.middleware.csp): scripts, styles, fonts and images
# come from this origin only, no inline script, style attribute or event handler anywhere (templates
# declare behaviour with data- attributes read by static/tdkt/app.js; sizes from data use <progress>,
# <meter> or SVG attributes). No CDN. tests/security/test_headers.py keeps it so.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}

# Digital signatures (PAdES) of decisions and certificates: tdkt.decisions.signing, docs/signatures.md
# "Digital signatures". The key and its passphrase come from the environment only. Without a PKCS#12 file the
# demo's own (generated by seed_demo in DEMO_DIR) is used when it exists. REQUIRE_DIGITAL: refuse a scanned
# paper copy (a policy choice of the province, not a rule of law: off by default).
SIGNING = {
    "PKCS12": envstr("TDKT_SIGNING_PKCS12", ""),
    "PASSPHRASE": envsecret("TDKT_SIGNING_PASSPHRASE", ""),
    "TRUST_ROOTS": envlist("TDKT_SIGNING_TRUST_ROOTS", []),
    "TSA_URL": envstr("TDKT_SIGNING_TSA_URL", ""),
    "REQUIRE_DIGITAL": envbool("TDKT_SIGNED_COPY_DIGITAL_ONLY", False),
    "PREFER_PSS": envbool("TDKT_SIGNING_PSS", True),
    "DEMO_DIR": VAR_DIR / "signing",
}

# Vietnamese whatever the browser asks for: no LocaleMiddleware. English stays available to code
# (translation.override) for logs and tests.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [SRC_DIR / "locale"]
FORMAT_MODULE_PATH = ["tdkt.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_THOUSAND_SEPARATOR = True
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [SRC_DIR / "static"]
STATIC_ROOT = Path(envstr("STATIC_ROOT", str(VAR_DIR / "static")))
MEDIA_ROOT = Path(envstr("MEDIA_ROOT", str(VAR_DIR / "media")))  # never served directly: see core.files
# Behind nginx: the URI prefix of its `internal` location aliasing MEDIA_ROOT (deploy/nginx/tdkt.conf), e.g.
# /_protected_media/. Uploaded files are then sent by nginx after Django's access check (X-Accel-Redirect,
# tdkt.lib.downloads.send_stored). Empty (the default): Django streams them itself.
MEDIA_ACCEL_PREFIX = envstr("MEDIA_ACCEL_PREFIX", "")
# Export files (Excel, Word) are written here, then streamed and removed; empty: MEDIA_ROOT/exports.
EXPORTS_DIR = envstr("EXPORTS_DIR", "")
# An export of more rows than this runs as a background job (tdkt.jobs.exporting); smaller ones are streamed.
EXPORT_JOB_THRESHOLD = envint("EXPORT_JOB_THRESHOLD", 2000)
# Where uploads and generated files live. "filesystem" (the default): MEDIA_ROOT, a shared volume (NFS, CephFS…)
# when there are several web or worker nodes. "s3": an S3-compatible object store through django-storages
# (pip install "django-storages[s3]"; not in the production lock), configured by the S3_* variables; files are
# still read through the access-checked views (streamed by Django: nginx cannot reach the bucket).
STORAGE_BACKEND = envstr("STORAGE_BACKEND", "filesystem")
if STORAGE_BACKEND == "filesystem":
    # FileSystemStorage whose write failures are a Vietnamese message, not an HTTP 500 (tdkt.lib.storage).
    _DEFAULT_STORAGE = {"BACKEND": "tdkt.lib.storage.CheckedFileSystemStorage"}
elif STORAGE_BACKEND == "s3":
    _DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": envstr("S3_BUCKET"),
            "endpoint_url": envstr("S3_ENDPOINT_URL") or None,  # MinIO, Ceph RGW, a provincial cloud…
            "region_name": envstr("S3_REGION") or None,
            "access_key": envstr("S3_ACCESS_KEY_ID") or None,
            "secret_key": envsecret("S3_SECRET_ACCESS_KEY", "") or None,
            "location": envstr("S3_PREFIX", ""),
            "default_acl": "private",  # never public: every file is served after an access check
            "querystring_auth": True,
            "file_overwrite": False,  # a second upload of the same name gets its own key, as on disk
        },
    }
    if not _DEFAULT_STORAGE["OPTIONS"]["bucket_name"]:
        raise RuntimeError("STORAGE_BACKEND=s3 needs S3_BUCKET")
else:
    raise RuntimeError("STORAGE_BACKEND must be 'filesystem' (the default) or 's3'")
STORAGES = {
    "default": _DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Uploads: hard caps; the content type is sniffed from the bytes (tdkt.lib.uploads).
UPLOAD_MAX_BYTES = envint("UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Days after a movement's end during which dossiers may still name it (its final review comes after the end).
# A local choice, not a rule of the law (no verified text sets it): each province sets its own.
MOVEMENT_DOSSIER_GRACE_DAYS = envint("MOVEMENT_DOSSIER_GRACE_DAYS", 180)

# Background work: Django's Tasks framework on a database queue (django-tasks-db, no broker; SQLite or
# PostgreSQL), run by `manage.py run_worker` (tdkt.jobs), which also schedules the daily sweeps.
# TASKS_BACKEND=django.tasks.backends.immediate.ImmediateBackend runs each task inline where it is enqueued
# (the test suite does so: tests/conftest.py).
TASKS = {"default": {"BACKEND": envstr("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
JOBS_STALE_AFTER = envint("JOBS_STALE_AFTER", 600)  # seconds without a sign of life before a running job is dead
JOBS_SWEEP_TIME = envstr("JOBS_SWEEP_TIME", "07:15")  # local time of the daily sweeps

# Development prints mail to the console; production sends through the province's SMTP relay.
_MAIL_DEFAULT = "console" if DEBUG else "smtp"
MAILERS = {
    "default": {
        "BACKEND": envstr("EMAIL_BACKEND", f"django.core.mail.backends.{_MAIL_DEFAULT}.EmailBackend"),
        "OPTIONS": {
            "host": envstr("EMAIL_HOST", "localhost"),
            "port": envint("EMAIL_PORT", 25),
            "username": envstr("EMAIL_HOST_USER"),
            "password": envsecret("EMAIL_HOST_PASSWORD"),
            "use_tls": envbool("EMAIL_USE_TLS", False),
            # seconds: a hanging relay fails the worker's attempt (the outbox retries), never a request
            "timeout": envint("EMAIL_TIMEOUT", 10),
        }
        if _MAIL_DEFAULT == "smtp" or envstr("EMAIL_BACKEND").endswith("smtp.EmailBackend")
        else {},
    }
}
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "tdkt@localhost")
OUTBOX_MAX_ATTEMPTS = envint("OUTBOX_MAX_ATTEMPTS", 6)  # then the outgoing e-mail stays failed

# Document packages for the document-management system (tdkt.central.packages, PROVISIONAL mapping
# "edXML (chưa đối chiếu QCVN 102)"; docs/integration.md). Agency codes are electronic identifiers under
# QĐ 20/2020/QĐ-TTg in production; the defaults are placeholders, not the real codes (unverified).
EDXML_AGENCY_CODE = envstr("EDXML_AGENCY_CODE", "UBND-TINH")  # this province's own code, the sender of its texts
EDXML_AGENCY_NAME = envstr("EDXML_AGENCY_NAME", f"Ủy ban nhân dân tỉnh {PROVINCE_NAME}")
# The central senders whose decisions go into the central-decisions register: authority kind -> agency code.
EDXML_CENTRAL_AGENCIES = {"prime_minister": envstr("EDXML_PRIME_MINISTER_CODE", "TTG"),
                          "state_president": envstr("EDXML_STATE_PRESIDENT_CODE", "CTN")}
# Dotted path of a callable (name, pdf bytes) -> None or the reason a PDF's signature is not valid; empty: PDFs
# in packages are not validated. The default, the signing app's pyHanko validator against SIGNING's trust roots,
# passes an unsigned PDF and refuses a signed one it cannot trust (no trust root configured included).
EDXML_SIGNATURE_CHECK = envstr("EDXML_SIGNATURE_CHECK", "tdkt.decisions.signing.checks.check_package_pdf")
EDXML_MAX_PACKAGE_BYTES = envint("EDXML_MAX_PACKAGE_BYTES", 50 * 1024 * 1024)
# Outbound sync of awards (tdkt.integration, docs/integration.md): attempts before a message is failed, and
# seconds a receiver has to answer one request (a hanging receiver costs one attempt, never a blocked worker).
INTEGRATION_MAX_ATTEMPTS = envint("INTEGRATION_MAX_ATTEMPTS", 8)
INTEGRATION_TIMEOUT = envint("INTEGRATION_TIMEOUT", 10)
# Periodic duties of apps above tdkt.jobs, run by the worker's tick (dotted paths of functions without arguments).
WORKER_DUTIES = ["tdkt.integration.delivery.deliver_due"]

# Training of TĐKT officers (tdkt.training): whether the province issues attendance certificates (giấy chứng
# nhận) to the trainees who pass, and the symbol of their numbers ("012/GCN-TH 2026"). A provincial practice,
# not a rule of the Law: a setting, on by default.
TRAINING_CERTIFICATES = envbool("TRAINING_CERTIFICATES", True)
TRAINING_CERTIFICATE_SYMBOL = envstr("TRAINING_CERTIFICATE_SYMBOL", "GCN-TH")
# Longest class, in days (one attendance sheet per day).
TRAINING_MAX_DAYS = envint("TRAINING_MAX_DAYS", 31)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO" if not DEBUG else "WARNING")},
}

# Transactional tests (live server, races) flush the database; tests/conftest.py restores the rows that
# migrations seed (award catalogue, agencies, checklist…) from a snapshot. Content types and permissions are
# recreated by the flush itself, so they are left out of the snapshot.
TEST_NON_SERIALIZED_APPS = ["django.contrib.contenttypes", "django.contrib.auth"]
