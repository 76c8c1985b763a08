"""A reader looks up a legal document: the library, a filter, a document's page and its file, and
the seed article whose references link to the library; with and without JavaScript; axe, 360 px."""

import pytest

pytestmark = pytest.mark.browser

PLAN = "Kế hoạch tuyên truyền cải cách hành chính tỉnh Thừa Thiên Huế năm 2022"
PLAN_PATH = "/van-ban/ke-hoach-tuyen-truyen-cai-cach-hanh-chinh-tinh-thua-thien-hue-nam-2022/"
SEED_PATH = "/cai-cach-hanh-chinh/so-khoa-hoc-va-cong-nghe-ban-hanh-ke-hoach-tuyen-truyen-cai-cach-hanh-chinh-nam-2022/"
PAGES = {
    "library": "/van-ban/",
    "library-filtered": "/van-ban/?loai=ke-hoach&nam=2021",
    "library-bad-filter": "/van-ban/?loai=khong-co&nam=abc&co-quan=x&page=abc",
    "document": PLAN_PATH,
    "search-documents": "/tim-kiem/?q=k%E1%BA%BF+ho%E1%BA%A1ch+405&loai=van-ban",
    "seed-article-with-links": SEED_PATH,
}


def phone(browser, javascript: bool = True):
    return browser.new_context(
        viewport={"width": 360, "height": 780}, locale="vi-VN", is_mobile=True, java_script_enabled=javascript
    )


def titles(page) -> list[str]:
    return [t.strip() for t in page.locator(".document-card__title a").all_inner_texts()]


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_reader_filters_the_library_and_opens_a_document(portal_url, browser, screenshot, javascript):
    context = phone(browser, javascript)
    page = context.new_page()
    page.goto(portal_url + "/van-ban/")
    assert page.locator("h1").inner_text() == "Văn bản"
    assert len(titles(page)) == 6
    page.get_by_label("Loại văn bản").select_option(label="Kế hoạch (2)")
    page.get_by_label("Năm ban hành").select_option(label="2021 (3)")
    page.get_by_role("button", name="Lọc văn bản").click()
    page.wait_for_url("**/van-ban/?loai=ke-hoach**nam=2021**")
    assert titles(page) == [PLAN]
    screenshot(page, f"documents-filtered-{'js' if javascript else 'nojs'}")

    page.get_by_role("link", name=PLAN).click()
    page.wait_for_url("**" + PLAN_PATH)
    facts = page.locator(".document-facts").inner_text()
    assert "405/KH-UBND" in facts and "30/12/2021" in facts and "UBND tỉnh Thừa Thiên Huế" in facts
    file_link = page.get_by_role("link", name="Tệp minh họa (không phải toàn văn văn bản)")
    response = page.request.get(portal_url + file_link.get_attribute("href"))
    assert response.ok and response.body().startswith(b"%PDF")
    screenshot(page, f"document-detail-{'js' if javascript else 'nojs'}")
    context.close()


def test_seed_article_links_to_the_documents_it_cites(portal_url, browser, screenshot):
    context = phone(browser)
    page = context.new_page()
    page.goto(portal_url + SEED_PATH)
    link = page.locator(".rich-text a.document-ref", has_text="Kế hoạch số 405/KH-UBND")
    assert link.count() == 1
    assert page.locator(".rich-text a.document-ref").count() == 5
    screenshot(page, "documents-seed-article-links")
    link.click()
    page.wait_for_url("**" + PLAN_PATH)
    assert page.locator("h1").inner_text() == PLAN
    context.close()


@pytest.mark.parametrize("name", list(PAGES))
def test_documents_pages_accessible_and_fit_a_phone(portal_url, page, axe_violations, screenshot, name):
    response = page.goto(portal_url + PAGES[name])
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 360, "height": 800})
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 360, f"horizontal scroll at 360 px: {scroll_width}px wide"
    screenshot(page, f"page-documents-{name}")
