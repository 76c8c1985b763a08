"""Open data: the /du-lieu-mo/ page (footer link, axe, one h1, 360 px, no JavaScript needed) and
the API read from another site's page in a real browser (CORS)."""

import http.server
import threading

import pytest

pytestmark = pytest.mark.browser


def test_footer_leads_to_the_open_data_page_and_its_examples_work(portal_url, browser, screenshot):
    context = browser.new_context(viewport={"width": 360, "height": 780}, locale="vi-VN", java_script_enabled=False)
    page = context.new_page()
    page.goto(portal_url + "/")
    page.locator("footer").get_by_role("link", name="API dữ liệu mở").click()
    page.wait_for_url("**/du-lieu-mo/")
    assert page.locator("h1").inner_text() == "Dữ liệu mở"
    assert page.get_by_role("heading", name="Danh sách văn bản").count() == 1
    assert page.get_by_role("link", name="CC BY 4.0", exact=False).count() == 1
    example = page.get_by_role("link", name=portal_url + "/api/v1/procedures/", exact=True)
    response = page.request.get(example.get_attribute("href"))
    assert response.status == 200
    assert response.json()["count"] == 13
    context.close()


class _OtherSite(http.server.BaseHTTPRequestHandler):
    """Another agency's page, on another origin, with no policy of ours."""

    def do_GET(self):
        body = "<!doctype html><html lang=vi><title>Trang khác</title><p>Trang của đơn vị khác</p></html>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def other_site():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _OtherSite)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_another_site_can_read_the_api_from_a_browser(portal_url, page, other_site):
    # Another port is another origin: the fetch succeeds only with the CORS header. (Not one of our
    # own pages under another host name: our CSP's connect-src 'self' rightly forbids that fetch.)
    page.goto(other_site + "/")
    result = page.evaluate(
        """async (url) => {
            const response = await fetch(url);
            const body = await response.json();
            return {status: response.status, count: body.count, first: body.results[0].title};
        }""",
        portal_url + "/api/v1/sections/",
    )
    assert result["status"] == 200 and result["count"] >= 1 and result["first"]


def test_open_data_page_accessible_and_fits_a_phone(portal_url, page, axe_violations, screenshot):
    response = page.goto(portal_url + "/du-lieu-mo/")
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 360, "height": 800})
    assert axe_violations(page) == []
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 360, f"horizontal scroll at 360 px: {scroll_width}px wide"
    screenshot(page, "page-open-data")
