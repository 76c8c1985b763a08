"""Outage copies are rendered as a reader's request would be: the page is served to readers from
the cache, absolute URLs included, and behind TLS a plain-http request would only be redirected."""

import pytest
from django.core.wsgi import get_wsgi_application

from toasoan.publishing import pagecache
from toasoan.publishing.static_copies import _render, reader_environ


def test_a_plain_http_reader_by_default(settings):
    settings.TOASOAN_PUBLIC_SCHEME, settings.TOASOAN_PUBLIC_PORT = "http", ""
    environ = reader_environ("skhcn.example.gov.vn", "/tin-tuc/")
    assert (environ["wsgi.url_scheme"], environ["SERVER_PORT"], environ["HTTP_HOST"]) == (
        "http",
        "80",
        "skhcn.example.gov.vn",
    )
    assert "HTTP_X_FORWARDED_PROTO" not in environ


def test_behind_tls_the_proxy_header_is_sent(settings):
    settings.TOASOAN_PUBLIC_SCHEME, settings.TOASOAN_PUBLIC_PORT = "https", ""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    environ = reader_environ("skhcn.example.gov.vn", "/")
    assert (environ["wsgi.url_scheme"], environ["SERVER_PORT"], environ["HTTP_HOST"]) == (
        "https",
        "443",
        "skhcn.example.gov.vn",
    )
    assert environ["HTTP_X_FORWARDED_PROTO"] == "https"


def test_a_non_default_port_is_part_of_the_host(settings):
    settings.TOASOAN_PUBLIC_SCHEME, settings.TOASOAN_PUBLIC_PORT = "http", "8000"
    assert reader_environ("127.0.0.1", "/")["HTTP_HOST"] == "127.0.0.1:8000"


@pytest.mark.django_db
def test_with_tls_redirects_on_the_copy_is_a_page_with_https_links(settings, page_store, make_article, section):
    article = make_article(title="Bài có bản sao dự phòng", section=section)
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True  # as in production: http is redirected
    settings.TOASOAN_PUBLIC_SCHEME, settings.TOASOAN_PUBLIC_PORT = "https", ""
    statuses = []
    application = pagecache.wrap(get_wsgi_application())
    environ = reader_environ("localhost", article.url)
    body = b"".join(application(environ, lambda status, headers, exc_info=None: statuses.append(status)))
    assert statuses == ["200 OK"]
    assert f'rel="canonical" href="https://localhost{article.url}"'.encode() in body
    assert _render(application, "localhost", article.url).startswith("200")
