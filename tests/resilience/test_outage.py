"""The database goes away under a running portal (bin/prepare + bin/serve, as bin/run does):
every published page still answers 200, search and forms answer the Vietnamese 503 page.

Both embedded SQLite (its file made unreadable) and a real PostgreSQL server (stopped)."""

import http.cookiejar
import json
import os
import re
import signal
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests import postgres
from tests.prepared import ADMIN_PASSWORD, prepared_var_dir
from tests.servers import free_port, wait_until_up

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.servers

# Every live public page as [host, path]: host "" for the default site (the portal's own address),
# else the agency site's hostname (the demo has several sites), asked for with a Host header.
LIST_PAGES = """
from wagtail.models import Page, Site
import json
hosts = {site.pk: "" if site.is_default_site else site.hostname for site in Site.objects.all()}
parts = (p.get_url_parts() for p in Page.objects.live().public().specific())
print(json.dumps([[hosts[site_id], path] for site_id, _, path in filter(None, parts)]))
"""


@pytest.fixture(params=["sqlite", "postgresql"])
def portal(request, tmp_path):
    var_dir = tmp_path / "var"
    port = free_port()
    database = None
    if request.param == "postgresql":
        try:
            database = postgres.start_server()
        except postgres.PostgresUnavailable as error:
            if postgres.required():
                pytest.fail(str(error))
            pytest.skip(str(error))

        def break_database():
            database.halt()
    else:

        def break_database():
            # Root reads any file whatever its mode: put a directory where the database file was.
            sqlite = var_dir / "toasoan.sqlite3"
            sqlite.rename(var_dir / "moved-away.sqlite3")
            sqlite.mkdir()

    env = prepared_var_dir(var_dir, database)
    env.update({"TOASOAN_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "2", "DJANGO_LOG_LEVEL": "WARNING"})
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen(
        [REPO / "bin" / "serve"], env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url + "/", server)
        yield url, env, break_database
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
        log.close()
        if database is not None:
            database.stop()


def manage(env, *args) -> str:
    result = subprocess.run(
        [REPO / ".venv/bin/python", "manage.py", *args], env=env, cwd=REPO, check=True, capture_output=True, text=True
    )
    return result.stdout


def fetch(opener, url, data=None, headers=None):
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def test_published_pages_survive_a_database_outage(portal):
    url, env, break_database = portal
    pages = json.loads(manage(env, "shell", "--no-imports", "-c", LIST_PAGES))
    assert len(pages) > 20
    manage(env, "pagecache", "warm")
    # Start from an empty generation: after this, only outage copies and fresh renders exist.
    manage(env, "pagecache", "clear")
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    assert fetch(opener, url + "/")[0] == 200  # cached in the live generation
    status, _, login_form = fetch(opener, url + "/admin/login/")
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_form).group(1)

    plain = urllib.request.build_opener()
    # Every published page is public, forms included (an open consultation draft carries its
    # comment form without a CSRF token), so every one has an outage copy.
    port = urllib.parse.urlsplit(url).port

    def get(host: str, path: str):
        return fetch(plain, url + path, headers={"Host": f"{host}:{port}"} if host else None)

    private = [page for page in pages if "private" in (get(*page)[1]["Cache-Control"] or "")]
    assert private == []
    assert {host for host, _ in pages} > {""}, "the demo's agency sites are covered too"

    break_database()

    assert fetch(plain, url + "/")[1]["X-Cache"] == "HIT"
    for host, path in pages:
        status, headers, body = get(host, path)
        assert status == 200, (host, path, status, body[:300])
        assert headers["X-Cache"] in ("HIT", "STALE"), (host, path)
        assert "<h1" in body

    status, headers, body = fetch(plain, url + "/tim-kiem/?q=" + urllib.parse.quote("cải cách"))
    assert status == 503 and "tạm thời gián đoạn" in body and "Traceback" not in body
    assert headers["Retry-After"] == "60"

    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": csrf, "username": "admin", "password": ADMIN_PASSWORD}
    ).encode()
    status, _, body = fetch(opener, url + "/admin/login/", data=form, headers={"Referer": url + "/admin/login/"})
    assert status == 503 and "tạm thời gián đoạn" in body
