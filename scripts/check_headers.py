#!/usr/bin/env python3
"""Grade the security headers of a running portal (issue 7, item 1; docs/headers.md).

    .venv/bin/python scripts/check_headers.py http://127.0.0.1:8000 [--max-pages N] [--admin]

Fetches every URL of the sitemap (its index and sections), each public page twice (the second
answer is normally the page cache's or nginx's copy), plus a 404, a static file, the API, robots.txt,
security.txt and the admin login page (its own policy). For each response it grades every
required header: present, and with a value that passes. Prints a table and a summary line; exits
1 when any header fails. Needs only the standard library and defusedxml: runs against any server,
from any machine, without the project's settings."""

import argparse
import re
import ssl
import sys
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from defusedxml import ElementTree  # the sitemap comes from the server under test

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ADMIN_PREFIXES = ("/admin/", "/django-admin/")
PERMISSIONS_OFF = ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics")
REFERRER_OK = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}
HSTS_MIN_SECONDS = 31536000
PASS = ("ok", "n/a")


@dataclass
class Result:
    url: str
    kind: str
    status: int
    cache: str
    grades: dict[str, str] = field(default_factory=dict)  # header -> "ok" or the problem

    @property
    def ok(self) -> bool:
        return all(grade in PASS for grade in self.grades.values())


def directives(policy: str) -> dict[str, list[str]]:
    parsed: dict[str, list[str]] = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            parsed.setdefault(words[0].lower(), [w.lower() for w in words[1:]])
    return parsed


def grade_csp(value: str | None, admin: bool) -> str:
    if not value:
        return "missing"
    policy = directives(value)
    problems = []
    if policy.get("object-src", policy.get("default-src")) != ["'none'"]:
        problems.append("object-src not 'none'")
    if "base-uri" not in policy:
        problems.append("no base-uri")
    if not policy.get("frame-ancestors") or not set(policy["frame-ancestors"]) <= {"'none'", "'self'"}:
        problems.append("frame-ancestors not 'none'/'self'")
    if "default-src" not in policy:
        problems.append("no default-src")
    for name in ("script-src", "style-src"):
        sources = policy.get(name, policy.get("default-src", []))
        if "*" in sources or "'unsafe-eval'" in sources:
            problems.append(f"{name} allows any origin or eval")
        if not admin and "'unsafe-inline'" in sources:
            problems.append(f"{name} 'unsafe-inline'")
        if any(s in ("http:", "https:", "data:") for s in sources):
            problems.append(f"{name} allows a whole scheme")
    return "ok" if not problems else "; ".join(problems)


def grade_permissions(value: str | None) -> str:
    if not value:
        return "missing"
    features = {}
    for item in value.split(","):
        name, _, allow = item.strip().partition("=")
        features[name.strip()] = allow.strip()
    missing = [f for f in PERMISSIONS_OFF if features.get(f) != "()"]
    return "ok" if not missing else "not off: " + ", ".join(missing)


def grade_hsts(value: str | None, https: bool) -> str:
    if not https:
        return "n/a"  # browsers ignore it over http: graded on an https base URL
    if not value:
        return "missing"
    match = re.search(r"max-age=(\d+)", value)
    if not match or int(match.group(1)) < HSTS_MIN_SECONDS:
        return f"max-age under {HSTS_MIN_SECONDS}"
    return "ok"


def _equals(expected: set[str]) -> Callable[[str | None], str]:
    def grade(value: str | None) -> str:
        if not value:
            return "missing"
        return "ok" if value.strip().lower() in expected else f"unexpected {value!r}"

    return grade


HEADERS: dict[str, Callable[..., str]] = {
    "Content-Security-Policy": grade_csp,
    "X-Content-Type-Options": _equals({"nosniff"}),
    "Referrer-Policy": _equals(REFERRER_OK),
    "Permissions-Policy": grade_permissions,
    "X-Frame-Options": _equals({"deny", "sameorigin"}),
    "Cross-Origin-Opener-Policy": _equals({"same-origin"}),
    "Strict-Transport-Security": grade_hsts,
}
SHORT = {
    "Content-Security-Policy": "CSP",
    "X-Content-Type-Options": "XCTO",
    "Referrer-Policy": "Referrer",
    "Permissions-Policy": "Perms",
    "X-Frame-Options": "XFO",
    "Cross-Origin-Opener-Policy": "COOP",
    "Strict-Transport-Security": "HSTS",
}


def grade(url: str, kind: str, status: int, headers) -> Result:
    """Grade one response; `headers` is any mapping with case-insensitive get (http.client's)."""
    path = urlsplit(url).path
    admin = path.startswith(ADMIN_PREFIXES)
    https = url.startswith("https:")
    result = Result(url, kind, status, headers.get("X-Cache") or "-")
    for name, check in HEADERS.items():
        value = headers.get(name)
        if name == "Content-Security-Policy":
            result.grades[name] = check(value, admin)
        elif name == "Strict-Transport-Security":
            result.grades[name] = check(value, https)
        else:
            result.grades[name] = check(value)
    return result


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is a response too: grade it as it is


_opener = urllib.request.build_opener(_NoRedirect)


def allow_self_signed() -> None:
    """--insecure: a staging server's self-signed certificate (never for the real site)."""
    global _opener
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    _opener = urllib.request.build_opener(_NoRedirect, urllib.request.HTTPSHandler(context=context))


def fetch(url: str, timeout: float = 20) -> tuple[int, object, bytes]:
    if urlsplit(url).scheme not in ("http", "https"):
        raise ValueError(f"not an http(s) URL: {url}")
    request = urllib.request.Request(url, headers={"User-Agent": "toasoan-check-headers/1"})  # noqa: S310 (checked above)
    try:
        with _opener.open(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def sitemap_urls(base: str, fetcher=fetch, limit: int = 10_000) -> list[str]:
    """Every <loc> of /sitemap.xml, following a sitemap index, as same-host URLs under `base`."""
    found: list[str] = []
    queue, seen = [urljoin(base, "/sitemap.xml")], set()
    while queue and len(found) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        status, _, body = fetcher(url)
        if status != 200:
            continue
        root = ElementTree.fromstring(body)
        for loc in root.iter(f"{SITEMAP_NS}loc"):
            target = _on_base(base, loc.text.strip())
            if root.tag == f"{SITEMAP_NS}sitemapindex":
                queue.append(target)
            elif target not in found:
                found.append(target)
    return found[:limit]


def _on_base(base: str, url: str) -> str:
    """The sitemap's absolute URL moved onto the base URL checked (its host may be the public one)."""
    parts = urlsplit(url)
    return urljoin(base, parts.path + (f"?{parts.query}" if parts.query else ""))


def targets(base: str, max_pages: int, admin: bool, fetcher=fetch) -> list[tuple[str, str]]:
    """(kind, URL) to check."""
    pages = sitemap_urls(base, fetcher, max_pages)
    found: list[tuple[str, str]] = [("sitemap", urljoin(base, "/sitemap.xml"))]
    for url in pages:
        found += [("page", url), ("page again", url)]
    static = _first_stylesheet(base, fetcher)
    if static:
        found.append(("static", static))
    found += [
        ("404", urljoin(base, "/khong-co-trang-nay-kiem-tra-tieu-de/")),
        ("api", urljoin(base, "/api/v1/")),
        ("robots", urljoin(base, "/robots.txt")),
        ("security.txt", urljoin(base, "/.well-known/security.txt")),
    ]
    if admin:
        found.append(("admin", urljoin(base, "/admin/login/")))
    return found


def _first_stylesheet(base: str, fetcher) -> str | None:
    status, _, body = fetcher(urljoin(base, "/"))
    match = re.search(rb'<link rel="stylesheet" href="([^"]+)"', body or b"")
    return urljoin(base, match.group(1).decode()) if status == 200 and match else None


def check(base: str, max_pages: int = 10_000, admin: bool = True, fetcher=fetch) -> list[Result]:
    results = []
    for kind, url in targets(base, max_pages, admin, fetcher):
        status, headers, _ = fetcher(url)
        results.append(grade(url, kind, status, headers))
    return results


def report(results: Iterable[Result], base: str, out=sys.stdout) -> bool:
    results = list(results)
    names = list(HEADERS)
    width = max([len(r.url) - len(base) for r in results] + [4])
    header = f"{'path':<{width}}  {'kind':<12} {'st':>3} {'cache':<6} " + " ".join(f"{SHORT[n]:<8}" for n in names)
    print(header, file=out)
    print("-" * len(header), file=out)
    for r in results:
        marks = " ".join(f"{r.grades[n] if r.grades[n] in PASS else 'FAIL':<8}" for n in names)
        print(f"{r.url[len(base) :] or '/':<{width}}  {r.kind:<12} {r.status:>3} {r.cache:<6} {marks}", file=out)
    failures = [(r, n, g) for r in results for n, g in r.grades.items() if g not in PASS]
    not_applicable = sum(1 for r in results for g in r.grades.values() if g == "n/a")
    for r, name, problem in failures:
        print(f"FAIL {r.url} {name}: {problem}", file=out)
    graded = sum(len(r.grades) for r in results) - not_applicable
    kinds = sorted({r.kind for r in results})
    print(
        f"header check: {len(results)} responses ({', '.join(kinds)}), {graded} header grades, "
        f"{graded - len(failures)} ok, {len(failures)} failed"
        f"{f'; HSTS n/a over http ({not_applicable})' if not_applicable else ''}",
        file=out,
    )
    return not failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="base URL, e.g. http://127.0.0.1:8000")
    parser.add_argument("--max-pages", type=int, default=10_000, help="sitemap pages to check at most")
    parser.add_argument("--no-admin", action="store_true", help="skip the admin login page")
    parser.add_argument("--insecure", action="store_true", help="accept a self-signed certificate (staging)")
    args = parser.parse_args(argv)
    if args.insecure:
        allow_self_signed()
    base = args.base.rstrip("/")
    return 0 if report(check(base, args.max_pages, not args.no_admin), base) else 1


if __name__ == "__main__":
    sys.exit(main())
