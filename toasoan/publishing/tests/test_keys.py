import pytest

from toasoan.publishing.pagecache.keys import KeyRules, PageKey, key_for, preferred_encoding

RULES = KeyRules(
    excluded_prefixes=("/admin/", "/documents/", "/static/"),
    query_params=frozenset({"page"}),
    ignored_query_params=frozenset({"fbclid", "zarsrc"}),
    session_cookie="sessionid",
    allowed_hosts=("localhost", "127.0.0.1", ".example.gov.vn"),
)


def environ(path="/", query="", method="GET", host="localhost:8000", cookie=""):
    return {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "HTTP_HOST": host,
        "HTTP_COOKIE": cookie,
    }


def test_key_covers_host_path_and_page():
    key = key_for(environ("/tin-tuc/", "page=2", host="So.Example.gov.vn"), RULES)
    assert key == PageKey(host="so.example.gov.vn", path="/tin-tuc/", variant="-page-2")
    assert key.file("html") == "so.example.gov.vn/tin-tuc/index-page-2.html"
    assert key_for(environ("/"), RULES).file("html") == "localhost/index.html"
    assert key_for(environ("/sitemap.xml"), RULES).file("xml") == "localhost/sitemap.xml/index.xml"


def test_long_slugs_are_cacheable():
    slug = "cap-giay-xac-nhan-" + "khoa-hoc-va-cong-nghe-" * 10  # 238 characters, as Wagtail allows
    assert key_for(environ(f"/thu-tuc-hanh-chinh/{slug}/"), RULES) is not None
    assert key_for(environ(f"/{'a' * 256}/"), RULES) is None


def test_tracking_parameters_share_the_untracked_key():
    plain = key_for(environ("/a/"), RULES)
    assert key_for(environ("/a/", "utm_source=zalo&fbclid=x1&zarsrc=30"), RULES) == plain


@pytest.mark.parametrize(
    "kwargs",
    [
        {"method": "POST"},
        {"method": "PUT"},
        {"cookie": "csrftoken=a; sessionid=abc"},
        {"path": "/admin/pages/"},
        {"path": "/static/css/site.css"},
        {"path": "/documents/1/a.pdf"},
        {"query": "q=thu+tuc"},
        {"query": "page=2&page=3"},
        {"query": "page=%2F..%2F"},
        {"path": "/Tin-Tuc/"},
        {"path": "/a/../b/"},
        {"path": "/a//b/"},
        {"path": "/tin-tuc"},  # redirected to "/tin-tuc/" by Django; must not get its page
        {"path": "/tin/index.html/"},
        {"path": "/tin/index-page-2.html"},
        {"path": "/ti%E1%BA%BFng/"},
        {"host": "evil.com"},
        {"host": "localhost/../x"},
        {"host": "[::1]:8000"},
    ],
)
def test_not_cacheable(kwargs):
    assert key_for(environ(**kwargs), RULES) is None


def test_other_cookies_do_not_prevent_caching():
    assert key_for(environ(cookie="csrftoken=abc; theme=dark"), RULES) is not None
    assert key_for(environ(cookie="notsessionid=1"), RULES) is not None


def test_head_is_cacheable():
    assert key_for(environ(method="HEAD"), RULES) == key_for(environ(), RULES)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("gzip, deflate, br, zstd", "br"),
        ("gzip", "gzip"),
        ("br;q=0, gzip", "gzip"),
        ("gzip;q=0", ""),
        ("identity", ""),
        ("", ""),
        ("*", "gzip"),
    ],
)
def test_preferred_encoding(header, expected):
    assert preferred_encoding(header) == expected
