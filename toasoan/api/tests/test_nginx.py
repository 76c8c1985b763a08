"""The shipped nginx configuration serves cached API answers from the page cache files with the
CORS header the app would have sent (and no such header on pages)."""

import pytest

from tests.servers import free_port, request
from tests.servers.nginx import Nginx, require_nginx


@pytest.fixture
def nginx_var(tmp_path):
    require_nginx()
    var = tmp_path / "var"
    generation = var / "pagecache" / "g-1" / "127.0.0.1"
    api = generation / "api" / "v1" / "articles"
    api.mkdir(parents=True)
    (api / "index.json").write_text('{"count": 0, "results": []}')
    (api / "index-page-2.json").write_text('{"count": 0, "page": 2, "results": []}')
    page = generation / "tin-tuc"
    page.mkdir(parents=True)
    (page / "index.html").write_text("<!doctype html><title>Tin tức</title><h1>Tin tức</h1>")
    (var / "pagecache" / "current").symlink_to("g-1")
    (var / "stats").mkdir()
    return var


def test_api_copies_from_the_files_are_open_to_any_origin(nginx_var, tmp_path):
    dead_app = f"127.0.0.1:{free_port()}"  # only the files can answer
    with Nginx(tmp_path / "nginx", dead_app, nginx_var) as nginx:
        for path in ("/api/v1/articles/", "/api/v1/articles/?page=2"):
            status, headers, body = request(nginx.url, path, headers={"Origin": "https://example.org"})
            assert (status, headers["X-Cache"]) == (200, "nginx"), path
            assert headers["Content-Type"].startswith("application/json")
            assert headers["Access-Control-Allow-Origin"] == "*"
            assert body.startswith(b'{"count": 0')
        status, headers, _ = request(nginx.url, "/tin-tuc/")
        assert status == 200 and "Access-Control-Allow-Origin" not in headers
