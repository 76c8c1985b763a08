"""Every public URL and every page type, read with hostile query strings, paths, headers and methods:
never a 5xx, never an error in the logs."""

import re
from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import harness, strategies, surface
from .harness import fuzz_settings

GET_TARGETS = sorted(name for name, endpoint in surface.URLS.items() if "test_get_endpoints" in endpoint.targets)
METHOD_TARGETS = sorted(name for name, endpoint in surface.URLS.items() if "test_wrong_methods" in endpoint.targets)

junk_segment = st.one_of(
    strategies.hostile_text(20).map(lambda s: quote(s, safe="")),
    strategies.raw_bytes.map(lambda b: quote(b, safe="%")),
    st.sampled_from(["..", "%2e%2e", "%2F", "0", "-1", "99999999999999999999999", "a" * 300, "", "%00"]),
)
digits = {
    "year": st.one_of(st.just("2022"), st.integers(0, 9999).map(lambda n: f"{n:04d}")),
    "month": st.one_of(st.just("01"), st.integers(0, 99).map(lambda n: f"{n:02d}")),
    "day": st.one_of(st.just("10"), st.integers(0, 99).map(lambda n: f"{n:02d}")),
}
HEADERS = {
    "HTTP_ACCEPT_LANGUAGE": st.one_of(st.just("en-US,en;q=0.9"), strategies.hostile_text(30)),
    "HTTP_IF_MODIFIED_SINCE": st.one_of(st.just("Mon, 01 Jan 2024 00:00:00 GMT"), strategies.hostile_text(20)),
    "HTTP_IF_NONE_MATCH": strategies.hostile_text(20),
    "HTTP_COOKIE": st.one_of(st.just("sessionid=x; csrftoken=y"), strategies.hostile_text(40)),
    "HTTP_ORIGIN": strategies.origins,
    "HTTP_REFERER": strategies.origins,
    "HTTP_X_FORWARDED_FOR": st.one_of(st.just("1.2.3.4, 5.6.7.8"), strategies.hostile_text(20)),
    "HTTP_RANGE": st.sampled_from(["bytes=0-10", "bytes=-1", "bytes=99999999999999999999-", "bytes=a-b"]),
    "HTTP_ACCEPT": st.sampled_from(["*/*", "application/json", "text/html;q=0.1", "", "???"]),
}
headers = st.fixed_dictionaries({}, optional=HEADERS)


@pytest.fixture
def demo_values(fuzz_db, client) -> dict[str, list[str]]:
    """Real values for the URL placeholders, read from the demo content once per test."""
    from django.apps import apps
    from wagtail.documents import get_document_model
    from wagtail.models import Page, PageViewRestriction, Site

    from toasoan.consultation.models import ConsultationPage
    from toasoan.feedback.models import PublishedQuestion, Submission
    from toasoan.news.models import SectionPage
    from toasoan.newsletter import tokens
    from toasoan.newsletter.models import Subscriber
    from toasoan.surveys.models import Poll

    site = Site.objects.get(is_default_site=True)
    root = site.root_page.url_path
    pages = [page.url_path[len(root) :] for page in Page.objects.live().descendant_of(site.root_page, inclusive=True)]
    sitemap = re.findall(r"sitemap-([\w-]+)\.xml", client.get("/sitemap.xml").content.decode())
    keys = list(Subscriber.objects.values_list("key", flat=True)[:3])
    token_values = [tokens.make(purpose, key) for key in keys for purpose in (tokens.CONFIRM, tokens.UNSUBSCRIBE)]
    documents = get_document_model().objects.all()[:5]
    pages_by_type = {}
    hosts = dict(Site.objects.values_list("pk", "hostname"))
    for page_type in surface.PAGE_TYPES:
        model = apps.get_model(page_type)
        # (host, path): the demo has agency sites besides the default one (news.demo_sites).
        parts = [page.get_url_parts() for page in model.objects.live()[:20]]
        paths = [(hosts[site_id], path.lstrip("/")) for site_id, _, path in filter(None, parts)]
        assert paths, f"the demo content has no live {page_type}: fuzzing it would prove nothing"
        pages_by_type[page_type] = paths
    return {
        "sitemap": sitemap,
        "section": list(SectionPage.objects.values_list("slug", flat=True)),
        "code": list(Submission.objects.values_list("code", flat=True)[:5]),
        "qa": [str(pk) for pk in PublishedQuestion.objects.values_list("pk", flat=True)],
        "consultation": [str(pk) for pk in ConsultationPage.objects.values_list("pk", flat=True)],
        "poll": list(Poll.objects.values_list("slug", flat=True)),
        "token": token_values or ["x"],
        "document": [str(document.pk) for document in documents],
        "filename": [document.filename for document in documents],
        "restriction": [str(pk) for pk in PageViewRestriction.objects.values_list("pk", flat=True)] or ["1"],
        "page_id": [str(pk) for pk in Page.objects.values_list("pk", flat=True)[:10]],
        "media": ["original_images/x.jpg", "../settings.py", "%2e%2e/%2e%2e/etc/passwd"],
        "page_path": pages,
        "pages_by_type": pages_by_type,
    }


def _fill(data, sample: str, values: dict[str, list[str]]) -> str:
    def one(match: re.Match) -> str:
        name = match.group(1)
        real = [value for value in values.get(name, []) if value]
        choices = [digits[name]] if name in digits else []
        if real:
            choices.append(st.sampled_from(real))
        choices.append(junk_segment)
        return data.draw(st.one_of(*choices), label=name)

    return re.sub(r"\{(\w+)\}", one, sample)


def _query(data, params: tuple[str, ...]) -> dict:
    """Either parsed parameters (the test client encodes them) or a raw QUERY_STRING of bytes."""
    names = [*params, "page", "utm_source", "x"]
    if data.draw(st.booleans(), label="raw query"):
        return {"QUERY_STRING": data.draw(strategies.raw_query(names), label="query")}
    return {"data": data.draw(strategies.query_params(names), label="params")}


@fuzz_settings(scale=0.3)
@given(data=st.data())
def test_get_endpoints(data, demo_values, client):
    """Each example reads every public URL once (so even a small sample covers them all)."""
    for name in GET_TARGETS:
        endpoint = surface.URLS[name]
        path = _fill(data, endpoint.sample, demo_values)
        method = data.draw(st.sampled_from(["GET", "GET", "GET", "HEAD"]), label="method")
        kwargs = {**_query(data, endpoint.params), **data.draw(headers, label="headers")}
        harness.request(client, f"GET {name}", method, path, **kwargs)


@fuzz_settings(scale=0.3)
@given(data=st.data())
def test_pages(data, demo_values, client):
    """Each page type's live pages, their routes, and junk paths under them."""
    for page_type, paths in demo_values["pages_by_type"].items():
        host, path = data.draw(st.sampled_from(paths), label="page")
        path = "/" + path
        routes = surface.ROUTES.get(page_type)
        if routes:
            path += data.draw(st.sampled_from(sorted(set(routes.values()))), label="route")
        if data.draw(st.integers(0, 9), label="junk?") == 0:
            path += data.draw(junk_segment, label="junk") + "/"
        kwargs = {**_query(data, surface.PAGE_TYPES[page_type]), **data.draw(headers, label="headers")}
        kwargs["HTTP_HOST"] = host
        harness.request(client, f"page {page_type}", "GET", path, **kwargs)


MULTIPART_NO_END = b"--xyz\r\nContent-Disposition: form-data\r\n\r\n"
CONTENT_TYPES = [
    "application/x-www-form-urlencoded",
    "application/x-www-form-urlencoded; charset=latin-1",
    "application/x-www-form-urlencoded; charset=nonexistent",
    "multipart/form-data",  # no boundary
    "multipart/form-data; boundary=xyz",
    "multipart/form-data; boundary=" + "a" * 300,
    "application/json",
    "text/plain",
    "text/xml",
    "",
]


@fuzz_settings(scale=0.2)
@given(data=st.data())
def test_wrong_methods(data, demo_values, client):
    """Methods a URL does not take, with bodies of the wrong type or broken: a 4xx (or the page)."""
    for name in METHOD_TARGETS:
        path = _fill(data, surface.URLS[name].sample, demo_values)
        methods = ["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND", "BREW"]
        method = data.draw(st.sampled_from(methods), label="method")
        body = data.draw(st.one_of(strategies.raw_bytes, st.just(MULTIPART_NO_END)), label="body")
        content_type = data.draw(st.sampled_from(CONTENT_TYPES), label="content type")
        kwargs = {"data": body, "content_type": content_type, "HTTP_ORIGIN": harness.SAME_ORIGIN}
        harness.request(client, f"method {name}", method, path, **kwargs)
