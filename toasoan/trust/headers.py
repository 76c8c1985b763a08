"""Security headers on every response (issue 7, item 1; docs/headers.md).

Django sets X-Content-Type-Options, Referrer-Policy and Cross-Origin-Opener-Policy
(SecurityMiddleware) and X-Frame-Options (XFrameOptionsMiddleware); this middleware adds the
Content-Security-Policy (django-csp) and Permissions-Policy. The public policy has no nonce and no
'unsafe-inline': the public site runs no inline script or style, and its pages are cached and
shared by every reader, so a nonce inside them would be reused.

The page cache answers hits before Django runs: `public_headers()` is what it adds to every page
it serves itself (publishing.pagecache.register_headers), with the current values, so a copy
stored under an older policy is never served with it. nginx repeats the same values for the files
it serves (deploy/nginx/security-headers.conf; tests compare the two)."""

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import build_policy, default_config
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

CSP_HEADER = "Content-Security-Policy"
PERMISSIONS_HEADER = "Permissions-Policy"


def is_admin_path(path: str) -> bool:
    return path.startswith(tuple(settings.TOASOAN_ADMIN_CSP["PATHS"]))


def public_policy() -> str:
    """The public Content-Security-Policy, as sent on every public response."""
    return build_policy(config=default_config(settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]))


def admin_policy() -> str:
    return build_policy(config=default_config(settings.TOASOAN_ADMIN_CSP["DIRECTIVES"]))


def permissions_policy() -> str:
    """Every listed browser feature off, for this origin and any frame: `camera=(), ...`."""
    return ", ".join(f"{feature}=()" for feature in settings.TOASOAN_PERMISSIONS_POLICY_OFF)


def public_headers() -> list[tuple[str, str]]:
    """The security headers of a public page, whatever serves it (Django, the page cache)."""
    headers = [
        (CSP_HEADER, public_policy()),
        (PERMISSIONS_HEADER, permissions_policy()),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", settings.X_FRAME_OPTIONS),
    ]
    if settings.SECURE_REFERRER_POLICY:
        headers.append(("Referrer-Policy", settings.SECURE_REFERRER_POLICY))
    if settings.SECURE_CROSS_ORIGIN_OPENER_POLICY:
        headers.append(("Cross-Origin-Opener-Policy", settings.SECURE_CROSS_ORIGIN_OPENER_POLICY))
    return headers


class SecurityHeadersMiddleware(CSPMiddleware):
    """django-csp's middleware with the admin's own policy, plus Permissions-Policy.

    Right after SecurityMiddleware: it sees every response, static files (WhiteNoise) included.
    A view may still pick its policy with django-csp's decorators (@csp_replace, @csp_exempt)."""

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        response = super().process_response(request, response)
        if PERMISSIONS_HEADER not in response:
            response[PERMISSIONS_HEADER] = self._permissions
        # XFrameOptionsMiddleware runs inside WhiteNoise: static files get theirs here (an SVG
        # is a document too). Views exempted with @xframe_options_exempt stay so.
        if "X-Frame-Options" not in response and not getattr(response, "xframe_options_exempt", False):
            response["X-Frame-Options"] = settings.X_FRAME_OPTIONS
        return response

    @property
    def _permissions(self) -> str:
        value = getattr(self, "_permissions_value", None)
        if value is None:
            value = self._permissions_value = permissions_policy()
        return value

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            # The Wagtail admin writes inline scripts (date pickers, inline panels, modal
            # responses) and style attributes throughout: it gets 'unsafe-inline' for both, and
            # nothing else of the public policy is relaxed (frame-ancestors, object-src,
            # base-uri, form-action stay strict). Staff pages are never cached.
            parts.config = default_config(settings.TOASOAN_ADMIN_CSP["DIRECTIVES"])
        return parts
