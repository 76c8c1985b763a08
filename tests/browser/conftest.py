"""A real portal for browser tests, driven by Debian's headless Chromium through Playwright.

By default the portal is the multi-server configuration (tests/servers/cluster.py): PostgreSQL,
Redis, two application servers (bin/serve each) and nginx in front; every browser test goes
through nginx. TOASOAN_BROWSER_TOPOLOGY=single runs the run command's own steps instead (bin/prepare,
bin/serve) on a throw-away SQLite database, without nginx."""

import base64
import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import free_port as _free_port
from tests.servers import wait_until_up as _wait_until_up
from tests.servers.cluster import ADMIN_PASSWORD, session_cluster

REPO = Path(__file__).resolve().parents[2]
ADMIN_USERNAME = "admin"
ARTIFACTS = REPO / "test-artifacts"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def portal_url(tmp_path_factory) -> Iterator[str]:
    """nginx's URL in front of the cluster (shared with tests/cluster), or the single server's."""
    topology = os.environ.get("TOASOAN_BROWSER_TOPOLOGY", "cluster")
    if topology == "cluster":
        yield session_cluster(tmp_path_factory).url
        return
    if topology != "single":
        pytest.fail(f"TOASOAN_BROWSER_TOPOLOGY must be 'cluster' (the default) or 'single', not {topology!r}")
    var_dir = tmp_path_factory.mktemp("var")
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "toasoan.settings.dev",
        "TOASOAN_VAR_DIR": str(var_dir),
        "TOASOAN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
        "TOASOAN_ADMIN_PASSWORD": ADMIN_PASSWORD,
    }
    subprocess.run([REPO / "bin" / "prepare"], env=env, check=True, capture_output=True)
    log = (var_dir / "server.log").open("w")
    server = subprocess.Popen(
        [REPO / "bin" / "serve"], env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url + "/", server)
        yield url
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=20)
        log.close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Debian's chromium is not installed: bin/test installs it.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot():
    """screenshot(page, name): full-page PNGs at 1280 px and 375 px in test-artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)

    def take(page, name: str) -> None:
        for width in (1280, 375):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})

    return take


@pytest.fixture
def axe_violations():
    """axe_violations(page) -> the serious and critical axe-core violations on the page."""
    if not AXE.exists():
        pytest.fail("axe-core is missing: bin/test installs it with npm ci.")

    source = AXE.read_text()

    def run(page) -> list[dict]:
        # Evaluated through the DevTools protocol, not as a <script> tag: the public
        # Content-Security-Policy (no inline scripts) would refuse a tag, as it should.
        page.evaluate(source)
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        return [
            {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]

    return run


@pytest.fixture(scope="session")
def admin_totp() -> dict:
    """What the browser tests know of each admin's authenticator, for the whole session (one
    portal): {username: {"key": bytes, "last_t": int, "drift": int, "backup_codes": [...]}}."""
    return {}


def totp_code(state: dict) -> str:
    """The next code the portal accepts from this authenticator, as django-otp checks it: a step
    within one of now + drift, above the last one used (a code works once). Logging in again
    within 30 seconds takes the next step: the portal tolerates one step ahead and follows."""
    from django_otp.oath import hotp

    if time.time() % 30 > 27:  # not on a step boundary: the server must see the same step
        time.sleep(30 - time.time() % 30 + 0.2)
    now = int(time.time()) // 30
    step = max(now + state["drift"], state["last_t"] + 1)
    state["last_t"], state["drift"] = step, step - now
    return f"{hotp(state['key'], step, digits=6):06d}"


@pytest.fixture
def admin_login(admin_totp):
    """admin_login(page, portal_url) logs the demo admin in to /admin/ through the real flow:
    password, then the second factor. The first time in a session it enrols: reads the secret the
    enrolment page shows, confirms it with a computed code and keeps the backup codes shown."""

    def login(page, portal_url: str, username: str = ADMIN_USERNAME, password: str = ADMIN_PASSWORD) -> None:
        page.goto(portal_url + "/admin/login/")
        page.locator("input[name=username]").fill(username)
        page.locator("input[name=password]").fill(password)
        page.locator("form button[type=submit]").first.click()
        page.wait_for_url(re.compile(r".*/admin/xac-thuc-hai-buoc/.*"))
        state = admin_totp.get(username)
        if "/dang-ky/" in page.url:
            secret = page.locator("#totp-secret").inner_text().replace(" ", "")
            secret += "=" * (-len(secret) % 8)
            state = admin_totp[username] = {
                "key": base64.b32decode(secret),
                "last_t": -1,
                "drift": 0,
                "backup_codes": [],
            }
            page.locator("input[name=otp_token]").fill(totp_code(state))
            page.locator("form.login-form button[type=submit]").click()
            page.wait_for_url(re.compile(r".*/ma-du-phong/moi/.*"))
            state["backup_codes"] = page.locator("#backup-codes code").all_inner_texts()
            page.get_by_role("link", name="Tôi đã lưu mã, tiếp tục").click()
        else:
            assert state is not None, f"{username} enrolled outside this test session"
            page.locator("input[name=otp_token]").fill(totp_code(state))
            page.locator("form.login-form button[type=submit]").click()
        page.wait_for_url(re.compile(r".*/admin/$"))

    return login
