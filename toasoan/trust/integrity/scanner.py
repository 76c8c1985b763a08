"""The scanner: plain functions from HTML, text or a file's bytes to findings. No database.

Two contexts:
- "fragment": stored content (rich text, raw HTML from the importer, settings, snippets). Rich
  text never holds scripts, frames, styles or event handlers, so any of them is a finding.
- "page": a rendered public page. The site's own scripts (with nonces), hidden skip links and
  screen-reader text are normal there; only what no template of ours makes is a finding.
"""

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, Comment, Tag

from . import rules
from .rules import HIGH, MEDIUM

EXCERPT_CHARS = 200
EMBED_TAGS = ("iframe", "frame", "object", "embed", "applet")
URL_ATTRS = ("href", "src", "action", "formaction", "data", "poster", "xlink:href")
_HIDDEN_STYLE = (
    re.compile(r"display\s*:\s*none"),
    re.compile(r"visibility\s*:\s*(hidden|collapse)"),
    re.compile(r"(?:^|;|\s)font-size\s*:\s*0*(?:\.0+)?(?:px|pt|em|rem|%)?\s*(?:!important)?\s*(?:;|$)"),
    re.compile(r"(?:^|;|\s)opacity\s*:\s*0*(?:\.0+)?\s*(?:!important)?\s*(?:;|$)"),
    re.compile(r"(?:left|top|right|bottom|text-indent|margin-left|margin-top)\s*:\s*-\s*\d{3,}"),
    re.compile(r"(?:^|;|\s)(?:height|max-height)\s*:\s*0*(?:px)?\s*(?:;|$).*overflow\s*:\s*hidden", re.S),
    re.compile(r"clip\s*:\s*rect\(\s*0"),
)
_OBFUSCATION = re.compile(
    r"document\s*\.\s*write|atob\s*\(|eval\s*\(|unescape\s*\(|fromCharCode|new\s+Function|"
    r"window\s*\.\s*location|location\s*\.\s*(?:href|replace)|[A-Za-z0-9+/]{120,}={0,2}"
)
_SCHEME_NOISE = re.compile(r"[\x00-\x20]+")
_REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\";]+)", re.I)


class _LazySnippet:
    """A tag's markup as an excerpt, built only when a finding needs it."""

    def __init__(self, tag: Tag) -> None:
        self.tag = tag

    def __str__(self) -> str:
        return excerpt(str(self.tag))


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    excerpt: str
    location: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.excerpt, str):
            object.__setattr__(self, "excerpt", str(self.excerpt))

    @property
    def label(self) -> str:
        return rules.RULES.get(self.rule, self.rule)


@dataclass
class Policy:
    """Who is "us": the site's hosts; what may be embedded or loaded from elsewhere."""

    site_hosts: tuple[str, ...] = ()
    script_hosts: tuple[str, ...] = ()
    embed_hosts: tuple[str, ...] = ("www.youtube.com", "youtube.com", "www.youtube-nocookie.com")
    deny_hosts: tuple[str, ...] = ()
    trusted_suffixes: tuple[str, ...] = (".gov.vn",)


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _host(url: str) -> tuple[str, str, str]:
    """(scheme, host, path) of a URL as a browser reads it (control characters and spaces dropped)."""
    cleaned = _SCHEME_NOISE.sub("", url or "")
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        return "", "", cleaned
    host = (parts.hostname or "").lower()
    if cleaned.startswith("//") and not host:
        host = urlsplit("http:" + cleaned).hostname or ""
    return parts.scheme.lower(), host, unquote(parts.path + "?" + parts.query)


def is_offsite(url: str, policy: Policy) -> bool:
    _, host, _ = _host(url)
    return bool(host) and not any(host == h or host.endswith("." + h) for h in policy.site_hosts)


def check_url(url: str, where: str, policy: Policy) -> list[Finding]:
    """javascript:/vbscript:/data:text/html URLs and links to gambling or denied hosts."""
    scheme, host, path = _host(url)
    if scheme in ("javascript", "vbscript") or (scheme == "data" and "html" in url.lower()[:40]):
        return [Finding("javascript_url", HIGH, excerpt(url), where)]
    if not host or any(host == h or host.endswith("." + h) for h in policy.site_hosts):
        return []
    if rules.is_denied_host(host, policy.deny_hosts) or (
        not host.endswith(policy.trusted_suffixes) and rules.host_is_gambling(host, path)
    ):
        return [Finding("gambling_link", HIGH, excerpt(url), where)]
    return []


def check_text(text: str, where: str, *, prose: bool) -> list[Finding]:
    """Gambling terms in `text`. In prose a reader sees (`prose`), only advertising phrases, brands
    and words written to dodge filters count: news about gambling cases uses the plain words."""
    findings = []
    for match in rules.find_terms(text):
        if prose and not (match.term.strong or match.evasive):
            continue
        findings.append(Finding("gambling_term", HIGH, excerpt(_around(text, match.span)), where))
    return findings


def _around(text: str, span: str, width: int = 60) -> str:
    flat = " ".join(rules.strip_invisible(text).split())
    at = flat.lower().find(span.split()[0]) if span else -1
    if at < 0:
        return excerpt(flat)
    return excerpt(flat[max(0, at - width) : at + len(span) + width])


def _is_hidden(tag: Tag) -> bool:
    if tag.has_attr("hidden"):
        return True
    style = (tag.get("style") or "").lower().replace("\n", " ")
    return any(pattern.search(style) for pattern in _HIDDEN_STYLE)


def _hidden_ancestor(tag: Tag) -> bool:
    node = tag
    while isinstance(node, Tag):
        if _is_hidden(node):
            return True
        node = node.parent
    return False


def scan_html(
    html: str, *, context: str = "fragment", location: str = "", policy: Policy | None = None
) -> list[Finding]:
    """Findings in one HTML document or fragment."""
    policy = policy or Policy()
    if not html or ("<" not in html and "&" not in html):
        return dedupe(check_text(html or "", location, prose=True))
    soup = BeautifulSoup(html, "html.parser")
    fragment = context == "fragment"
    findings: list[Finding] = []
    for tag in soup.find_all(True):
        findings += _attribute_findings(tag, fragment, location, policy)
        findings += _element_findings(tag, fragment, location, policy)
        findings += _hidden_findings(tag, fragment, location, policy)
    findings += _prose_findings(soup, location)
    return dedupe(findings)


def _attribute_findings(tag: Tag, fragment: bool, where: str, policy: Policy) -> list[Finding]:
    """URLs in attributes, event handlers, and text a reader does not see as text."""
    findings = []
    for attr in URL_ATTRS:
        value = tag.get(attr)
        if isinstance(value, str) and value:
            findings += check_url(value, where, policy)
    srcset = tag.get("srcset")
    if isinstance(srcset, str):
        for candidate in srcset.split(","):
            findings += check_url(candidate.strip().split(" ")[0], where, policy)
    # Event handlers: our templates have none (the CSP forbids inline code).
    if any(attr.lower().startswith("on") for attr in tag.attrs):
        findings.append(Finding("event_handler", HIGH if fragment else MEDIUM, _LazySnippet(tag), where))
    for attr in ("title", "alt", "aria-label"):
        value = tag.get(attr)
        if isinstance(value, str) and value:
            findings += check_text(value, where, prose=False)
    if tag.name.lower() == "a":  # link text is an advertisement, not news
        findings += check_text(tag.get_text(" "), where, prose=False)
    return findings


def _element_findings(tag: Tag, fragment: bool, where: str, policy: Policy) -> list[Finding]:
    """Scripts, frames, refreshes, styles and base URLs."""
    name = tag.name.lower()
    snippet = _LazySnippet(tag)
    findings = []
    if name == "script":
        src = tag.get("src")
        code = tag.string or ""
        data_only = tag.get("type") == "application/ld+json"
        if src and is_offsite(src, policy) and not rules.is_denied_host(_host(src)[1], policy.script_hosts):
            findings.append(Finding("offsite_script", HIGH, snippet, where))
        elif not src and fragment and not data_only:
            findings.append(Finding("inline_script", HIGH, snippet, where))
        if _OBFUSCATION.search(code) and not data_only:
            findings.append(Finding("obfuscated_script", HIGH, excerpt(code), where))
        findings += check_text(code, where, prose=False)
    elif name == "embed" and tag.has_attr("embedtype"):
        # Wagtail's stored form of images and media in rich text, not an HTML embed
        findings += check_url(tag.get("url") or "", where, policy)
    elif name in EMBED_TAGS:
        _, host, _ = _host(tag.get("src") or tag.get("data") or "")
        if not (host and host in policy.embed_hosts + policy.site_hosts):
            findings.append(Finding("embed", HIGH if rules.host_is_gambling(host) else MEDIUM, snippet, where))
    elif name == "meta" and (tag.get("http-equiv") or "").lower() == "refresh":
        target = _REFRESH_URL.search(tag.get("content") or "")
        offsite = bool(target) and is_offsite(target.group(1), policy)
        findings.append(Finding("meta_refresh", HIGH if offsite or fragment else MEDIUM, snippet, where))
        if target:
            findings += check_url(target.group(1), where, policy)
    elif fragment and (name == "style" or (name == "link" and "stylesheet" in (tag.get("rel") or []))):
        findings.append(Finding("style_block", MEDIUM, snippet, where))
    elif name == "base" and tag.get("href") and is_offsite(tag["href"], policy):
        gambling = rules.host_is_gambling(_host(tag["href"])[1])
        findings.append(Finding("gambling_link" if gambling else "offsite_script", HIGH, snippet, where))
    return findings


def _hidden_findings(tag: Tag, fragment: bool, where: str, policy: Policy) -> list[Finding]:
    """A hidden element: off-site links in it, its text. Only the outermost one reports."""
    if not _is_hidden(tag) or (tag.parent and _hidden_ancestor(tag.parent)):
        return []
    findings = []
    offsite_links = [a for a in tag.find_all("a", href=True) if is_offsite(a["href"], policy)]
    if tag.name.lower() == "a" and tag.get("href") and is_offsite(tag["href"], policy):
        offsite_links.append(tag)
    text = tag.get_text(" ", strip=True)
    if offsite_links:
        summary = excerpt(f"{len(offsite_links)} liên kết ẩn: {_LazySnippet(tag)}")
        findings.append(Finding("hidden_link", HIGH, summary, where))
    elif fragment and text:
        findings.append(Finding("hidden_text", MEDIUM, _LazySnippet(tag), where))
    if text:
        findings += check_text(text, where, prose=False)
    return findings


def _prose_findings(soup: BeautifulSoup, where: str) -> list[Finding]:
    """Text a reader sees (not scripts, styles, link text or hidden text, checked above);
    comments are not prose."""
    findings = []
    for node in soup.find_all(string=True):
        if isinstance(node, Comment):
            findings += check_text(str(node), where, prose=False)
            continue
        parent = node.parent
        if parent is not None and parent.name in ("script", "style", "a"):
            continue
        if parent is not None and _hidden_ancestor(parent):
            continue
        findings += check_text(str(node), where, prose=True)
    return findings


def scan_text(text: str, *, location: str = "") -> list[Finding]:
    """Findings in plain text (a title, a summary, an attachment's text)."""
    return dedupe(check_text(text or "", location, prose=True))


def dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[str, str, str]] = set()
    out = []
    for finding in findings:
        key = (finding.rule, rules.fingerprint_text(finding.excerpt), finding.location)
        if key not in seen:
            seen.add(key)
            out.append(finding)
    return out
