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

from functools import lru_cache

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import DEFAULT_DIRECTIVES, build_policy, default_config
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

CSP_HEADER = HEADER  # Content-Security-Policy
PERMISSIONS_HEADER = "Permissions-Policy"


def is_admin_path(path: str) -> bool:
    return path.startswith(tuple(settings.TOASOAN_ADMIN_CSP["PATHS"]))


_ORDER = {name: position for position, name in enumerate(DEFAULT_DIRECTIVES)} | {"default-src": -1}


@lru_cache(maxsize=32)  # per response, and policies are few: sort each once
def canonical(policy: str) -> str:
    """The directives in one fixed order (default-src first). django-csp builds them from a set,
    so their order changes with each process's hash seed: the same policy must read the same
    from every worker, the page cache and nginx."""
    parts = [part.strip() for part in policy.split(";") if part.strip()]
    return "; ".join(sorted(parts, key=lambda part: _ORDER.get(part.split(None, 1)[0], len(_ORDER))))


def public_policy() -> str:
    """The public Content-Security-Policy, as sent on every public response."""
    return canonical(build_policy(config=default_config(settings.CONTENT_SECURITY_POLICY["DIRECTIVES"])))


def admin_policy() -> str:
    return canonical(build_policy(config=default_config(settings.TOASOAN_ADMIN_CSP["DIRECTIVES"])))


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
    if settings.SECURE_HSTS_SECONDS:
        # Django sends it over https only; the page cache cannot tell, and browsers ignore it over
        # plain http: sent always, so a copy stored before HSTS was set still carries it.
        headers.append(("Strict-Transport-Security", hsts()))
    return headers


def hsts() -> str:
    """Strict-Transport-Security as Django's SecurityMiddleware writes it."""
    value = f"max-age={settings.SECURE_HSTS_SECONDS}"
    if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
        value += "; includeSubDomains"
    if settings.SECURE_HSTS_PRELOAD:
        value += "; preload"
    return value


class SecurityHeadersMiddleware(CSPMiddleware):
    """django-csp's middleware with the admin's own policy, plus Permissions-Policy.

    Right after SecurityMiddleware: it sees every response, static files (WhiteNoise) included.
    A view may still pick its policy with django-csp's decorators (@csp_replace, @csp_exempt)."""

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if is_admin_path(request.path_info) and not _chosen_by_view(response):
            # Wagtail renders a preview through the whole middleware stack with a dummy request
            # for the page's public URL: the public policy (frame-ancestors 'none') would then
            # forbid the preview panel to frame it. Under /admin/ the admin's policy holds.
            del response[HEADER]
        response = super().process_response(request, response)
        for name in (HEADER, HEADER_REPORT_ONLY):
            if name in response:
                response[name] = canonical(response[name])
        if PERMISSIONS_HEADER not in response:
            response[PERMISSIONS_HEADER] = self.permissions
        # XFrameOptionsMiddleware runs inside WhiteNoise: static files get theirs here (an SVG
        # is a document too). Views exempted with @xframe_options_exempt stay so.
        if "X-Frame-Options" not in response and not getattr(response, "xframe_options_exempt", False):
            response["X-Frame-Options"] = settings.X_FRAME_OPTIONS
        return response

    def __init__(self, get_response) -> None:
        super().__init__(get_response)
        self.permissions = permissions_policy()

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


_DECORATOR_MARKS = ("_csp_config", "_csp_update", "_csp_replace")


def _chosen_by_view(response: HttpResponseBase) -> bool:
    """Whether a view picked its policy with django-csp's decorators."""
    marked = any(getattr(response, name, None) is not None for name in _DECORATOR_MARKS)
    return marked or getattr(response, "_csp_exempt", False)
