"""The Content-Security-Policy breaks nothing: no violation on any public page of the demo (the
pages of the portal's tests and every page of the sitemap), and the admin works under its own
policy (log in, edit a page, preview it, choose an image, save a draft).

No page of the demo embeds another site: body blocks offer no embed (core/blocks.py), so there is
no embed page to try; frame-src is 'none' for the public site."""

import re
import urllib.request

import pytest
from playwright.sync_api import expect

from .test_portal import PUBLIC_PAGES, SEED_PATH

pytestmark = pytest.mark.browser

# Before any script of the page: every violation, in the page and its frames.
LISTEN = """
document.addEventListener("securitypolicyviolation", (event) => {
  (window.__cspViolations = window.__cspViolations || []).push(
    [event.effectiveDirective, event.blockedURI, event.sourceFile, event.lineNumber, event.sample].join(" | ")
  );
}, true);
"""
CONSOLE_CSP = re.compile(r"Refused to|Content Security Policy|Permissions-Policy", re.I)


class Watch:
    """Violations seen by the listener and the console messages about a policy."""

    def __init__(self, page) -> None:
        self.page = page
        self.console: list[str] = []
        page.on("console", lambda message: self._console(message.text))

    def _console(self, text: str) -> None:
        if CONSOLE_CSP.search(text):
            self.console.append(text)

    def take(self) -> list[str]:
        found = list(self.console)
        self.console.clear()
        for frame in self.page.frames:
            try:
                found += frame.evaluate("window.__cspViolations || []")
                frame.evaluate("window.__cspViolations = []")
            except Exception:  # a frame that navigated away meanwhile
                continue
        return found


@pytest.fixture
def watched(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    context.add_init_script(LISTEN)
    page = context.new_page()
    yield page, Watch(page)
    context.close()


def sitemap_paths(portal_url: str) -> list[str]:
    def locs(url: str) -> list[str]:
        with urllib.request.urlopen(url, timeout=30) as response:
            return re.findall(r"<loc>([^<]+)</loc>", response.read().decode())

    paths = []
    for sitemap in locs(portal_url + "/sitemap.xml"):
        for url in locs(re.sub(r"^https?://[^/]+", portal_url, sitemap)):
            paths.append(re.sub(r"^https?://[^/]+", "", url))
    return paths


def test_no_violation_on_any_public_page(portal_url, watched):
    page, watch = watched
    paths = list(dict.fromkeys([*PUBLIC_PAGES.values(), *sitemap_paths(portal_url)]))
    assert len(paths) > 30
    failures = {}
    for path in paths:
        page.goto(portal_url + path)
        page.wait_for_load_state("load")
        if found := watch.take():
            failures[path] = found
    assert failures == {}


def test_scripts_of_the_public_site_run_under_the_policy(portal_url, watched):
    """site.js and share.js do their work: search suggestions (a fetch), the copy-link button."""
    page, watch = watched
    page.goto(portal_url + SEED_PATH)
    expect(page.get_by_role("button", name="Sao chép liên kết")).to_be_visible()  # shown by share.js
    expect(page.get_by_role("button", name="In bài viết")).to_be_visible()  # shown by site.js
    box = page.get_by_role("search").first.get_by_role("combobox")
    with page.expect_response(re.compile(r".*\?q=cai")) as suggestion:
        box.fill("cai cach")
    assert suggestion.value.status == 200
    assert watch.take() == []


def _log_in(request, page, portal_url: str) -> None:
    """Through the real login, second factor included (tests/browser/conftest.py admin_login)."""
    try:
        admin_login = request.getfixturevalue("admin_login")
    except pytest.FixtureLookupError:  # before the second factor was required
        page.goto(portal_url + "/admin/login/")
        page.locator("input[name=username]").fill("admin")
        page.locator("input[name=password]").fill("browser-test-password")
        page.locator("form button[type=submit]").first.click()
        page.wait_for_url(re.compile(r".*/admin/$"))
        return
    admin_login(page, portal_url)


def test_admin_works_under_its_policy(portal_url, watched, request):
    page, watch = watched
    _log_in(request, page, portal_url)
    assert watch.take() == []

    # An article: edit, preview in the side panel (a same-origin frame), save, choose an image.
    page.goto(portal_url + "/admin/pages/search/?q=" + "Kế hoạch tuyên truyền cải cách hành chính")
    page.locator("a[href*='/edit/']").first.click()
    page.wait_for_url(re.compile(r".*/admin/pages/\d+/edit/$"))
    page.wait_for_load_state("networkidle")
    assert watch.take() == []

    page.locator("button[data-side-panel-toggle='preview']").click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.locator("h1")).to_be_visible(timeout=15_000)
    assert watch.take() == []
    page.locator("button[data-side-panel-toggle='preview']").click()

    # The CSRF cookie is HttpOnly: Wagtail posts with the token from the page.
    with page.expect_response(lambda r: r.request.method == "POST" and "/edit/" in r.url) as saved:
        page.get_by_role("button", name="Lưu bản nháp").first.click()
    assert saved.value.status == 302  # saved, back to the editor
    page.wait_for_load_state("networkidle")
    assert watch.take() == []

    chooser = page.locator("button.chooser__choose-button, [data-chooser-action-choose]").first
    chooser.click()
    choice = page.locator(".modal-content a:has(img)").first
    expect(choice).to_be_visible(timeout=15_000)
    assert watch.take() == []
    choice.click()  # chosen: the modal closes (not saved: the image would need its alt text)
    expect(page.locator(".modal.in")).to_have_count(0, timeout=15_000)
    assert watch.take() == []

    # The public page with the staff user bar (its styles and scripts are files too).
    page.goto(portal_url + SEED_PATH)
    page.locator("wagtail-userbar").locator("button.w-userbar-trigger").click()
    page.wait_for_timeout(500)
    assert watch.take() == []
