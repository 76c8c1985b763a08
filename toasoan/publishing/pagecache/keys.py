"""Which requests the page cache may answer, and under which key.

Pure functions of the WSGI environ: no Django request, no URL routing, no database. The key is
also a relative file path that nginx can rebuild from `$host`, `$uri` and `$args`
(deploy/nginx/toasoan.conf), so both must stay in step."""

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl

from django.http.request import validate_host

_HOST = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62})(?:\.[a-z0-9](?:[a-z0-9-]{0,62}))*$")
# Wagtail slugs are ASCII (WAGTAIL_ALLOW_UNICODE_SLUGS = False); anything else is not cached.
_SEGMENT = re.compile(r"^[a-z0-9][a-z0-9._-]{0,254}$")  # Wagtail slugs: up to 255
_VALUE = re.compile(r"^[a-z0-9_-]{1,20}$")
_MAX_PATH = 1024


@dataclass(frozen=True)
class PageKey:
    host: str
    path: str
    variant: str = ""  # "-page-2" for ?page=2; "" without query

    def file(self, extension: str) -> str:
        """Relative file path of this page's body, as nginx builds it: /$host$uri/index$sfx.$ext."""
        slash = "" if self.path.endswith("/") else "/"
        return f"{self.host}{self.path}{slash}index{self.variant}.{extension}"


@dataclass(frozen=True)
class KeyRules:
    excluded_prefixes: tuple[str, ...]
    query_params: frozenset[str]
    ignored_query_params: frozenset[str]
    session_cookie: str
    allowed_hosts: tuple[str, ...]


def key_for(environ: dict, rules: KeyRules) -> PageKey | None:
    """The cache key of an anonymous GET or HEAD request for a public page, or None: not cacheable."""
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
        return None
    if _has_cookie(environ.get("HTTP_COOKIE", ""), rules.session_cookie):
        return None  # maybe logged in: never share what such a user sees
    host = _host(environ, rules.allowed_hosts)
    path = environ.get("PATH_INFO", "")
    if host is None or not _cacheable_path(path, rules.excluded_prefixes):
        return None
    variant = _variant(environ.get("QUERY_STRING", ""), rules)
    if variant is None:
        return None
    return PageKey(host=host, path=path, variant=variant)


def preferred_encoding(accept_encoding: str) -> str:
    """ "br", "gzip" or "" (identity), from an Accept-Encoding header."""
    accepted = set()
    for item in accept_encoding.lower().split(","):
        name, _, params = item.strip().partition(";")
        quality = params.strip()
        if quality.startswith("q=") and quality[2:].strip() in ("0", "0.0", "0.00", "0.000"):
            continue
        accepted.add(name.strip())
    if "br" in accepted:
        return "br"
    if "gzip" in accepted or "*" in accepted:
        return "gzip"
    return ""


def _has_cookie(header: str, name: str) -> bool:
    return any(part.strip().startswith(name + "=") for part in header.split(";")) if name in header else False


def _host(environ: dict, allowed_hosts: tuple[str, ...]) -> str | None:
    raw = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
    host = raw.lower().rsplit(":", 1)[0] if not raw.startswith("[") else ""
    if not _HOST.match(host) or ".." in host:
        return None
    # Same rule as Django's ALLOWED_HOSTS, so a forged Host header cannot fill the cache.
    return host if validate_host(host, allowed_hosts) else None


def _cacheable_path(path: str, excluded_prefixes: tuple[str, ...]) -> bool:
    if not path.startswith("/") or len(path) > _MAX_PATH or path.startswith(excluded_prefixes):
        return False
    segments = path[1:].split("/")
    if segments[-1] == "":
        segments.pop()
    elif "." not in segments[-1]:
        return False  # "/tin-tuc" is redirected to "/tin-tuc/"; it must not share that page's key
    # "index…" segments would collide with the files the cache writes.
    return all(_SEGMENT.match(s) and not s.startswith("index") and ".." not in s for s in segments)


def _variant(query: str, rules: KeyRules) -> str | None:
    if not query:
        return ""
    kept: dict[str, str] = {}
    for name, value in parse_qsl(query, keep_blank_values=True):
        if name in rules.ignored_query_params or name.startswith("utm_"):
            continue  # tracking parameters (Zalo, Facebook, campaigns) do not change the page
        if name not in rules.query_params or name in kept or not _VALUE.match(value):
            return None
        kept[name] = value
    return "".join(f"-{name}-{kept[name]}" for name in sorted(kept))
