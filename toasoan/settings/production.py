"""Production: every secret comes from the environment and missing ones fail loudly.

`manage.py check --deploy` is clean with these settings (toasoan/trust/tests/test_headers.py)."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import CONTENT_SECURITY_POLICY, SECRET_KEY, TOASOAN_ADMIN_CSP, env_bool, env_int, env_str

DEBUG = False
if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
TOASOAN_PUBLIC_SCHEME = env_str("TOASOAN_PUBLIC_SCHEME", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
# Cookies only over TLS; HttpOnly and SameSite=Lax come from base.py (the same in development,
# so the browser tests exercise them).
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    # security.W021 asks for the preload flag. Preloading binds the whole registrable domain
    # (e.g. tinh.gov.vn, "gov.vn" being a public suffix) and cannot be undone quickly: it is the
    # domain owner's decision, not one agency portal's. DJANGO_SECURE_HSTS_PRELOAD=1 sets it.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Behind TLS: any http:// URL left in content (old imported articles) is fetched over https.
CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY,
    "DIRECTIVES": {**CONTENT_SECURITY_POLICY["DIRECTIVES"], "upgrade-insecure-requests": True},
}
TOASOAN_ADMIN_CSP = {
    **TOASOAN_ADMIN_CSP,
    "DIRECTIVES": {**TOASOAN_ADMIN_CSP["DIRECTIVES"], "upgrade-insecure-requests": True},
}
