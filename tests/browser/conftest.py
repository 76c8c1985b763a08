"""A real portal for browser tests: the run command's own steps (bin/prepare, bin/serve) on a
throw-away SQLite database, driven by Debian's headless Chromium through Playwright."""

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import free_port as _free_port
from tests.servers import wait_until_up as _wait_until_up

REPO = Path(__file__).resolve().parents[2]
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
    var_dir = tmp_path_factory.mktemp("var")
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "toasoan.settings.dev",
        "TOASOAN_VAR_DIR": str(var_dir),
        "TOASOAN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
        "TOASOAN_ADMIN_PASSWORD": "browser-test-password",
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

    def run(page) -> list[dict]:
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        return [
            {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]

    return run
