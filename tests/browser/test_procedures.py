"""A citizen on a phone looks up an administrative procedure: the catalogue, a filter by lĩnh vực,
the procedure, and the link to submit online; with and without JavaScript; axe and 360 px."""

import re

import pytest

pytestmark = pytest.mark.browser

FIELD = "Năng lượng nguyên tử, an toàn bức xạ và hạt nhân"
FIELD_SLUG = "nang-luong-nguyen-tu-an-toan-buc-xa-va-hat-nhan"
XRAY = "Cấp giấy phép tiến hành công việc bức xạ - sử dụng thiết bị X-quang chẩn đoán trong y tế"
XRAY_PATH = (
    "/thu-tuc-hanh-chinh/cap-giay-phep-tien-hanh-cong-viec-buc-xa-su-dung-thiet-bi-x-quang-chan-doan-trong-y-te/"
)
PORTAL = re.compile(r"^https://dichvucong\.gov\.vn/")
PAGES = {
    "catalogue": "/thu-tuc-hanh-chinh/",
    "catalogue-filtered": f"/thu-tuc-hanh-chinh/?linh-vuc={FIELD_SLUG}&cap=tinh",
    "catalogue-bad-filter": "/thu-tuc-hanh-chinh/?linh-vuc=khong-co&cap=bo&page=abc",
    "procedure": XRAY_PATH,
    "search-procedures": "/tim-kiem/?q=x+quang&loai=thu-tuc-hanh-chinh",
}


def phone(browser, javascript: bool = True):
    return browser.new_context(
        viewport={"width": 360, "height": 780}, locale="vi-VN", is_mobile=True, java_script_enabled=javascript
    )


def procedure_titles(page) -> list[str]:
    return [t.strip() for t in page.locator(".procedure-card__title a").all_inner_texts()]


def test_citizen_on_a_phone_finds_a_procedure_and_the_portal_link(portal_url, browser, screenshot):
    context = phone(browser)
    page = context.new_page()
    page.goto(portal_url + "/thu-tuc-hanh-chinh/")
    assert page.locator("h1").inner_text() == "Thủ tục hành chính"
    assert len(procedure_titles(page)) == 13
    page.get_by_label("Lĩnh vực", exact=True).select_option(label=f"{FIELD} (3)")
    page.get_by_role("button", name="Lọc thủ tục").click()
    page.wait_for_url(f"**linh-vuc={FIELD_SLUG}**")
    titles = procedure_titles(page)
    assert len(titles) == 3 and XRAY in titles
    screenshot(page, "procedures-filtered")

    page.get_by_role("link", name=XRAY).click()
    page.wait_for_url("**" + XRAY_PATH)
    assert page.locator("h1").inner_text() == XRAY
    submit = page.get_by_role("link", name="Nộp hồ sơ trực tuyến")
    assert submit.is_visible() and PORTAL.match(submit.get_attribute("href"))
    assert "1.004521" in page.locator(".procedure-facts").inner_text()
    page.get_by_role("link", name="Thành phần hồ sơ").click()  # the table of contents jumps there
    assert page.get_by_role("heading", name="Thành phần hồ sơ").is_visible()
    assert page.get_by_role("button", name="In thủ tục").is_visible()  # shown by JavaScript
    screenshot(page, "procedure-detail")

    page.emulate_media(media="print")
    assert not page.locator("header.site-header").is_visible()
    assert not page.locator(".procedure-toc").is_visible()
    assert not page.get_by_role("button", name="In thủ tục").is_visible()
    assert page.get_by_role("heading", name="Căn cứ pháp lý").is_visible()
    context.close()


def test_the_catalogue_works_without_javascript(portal_url, browser):
    context = phone(browser, javascript=False)
    page = context.new_page()
    page.goto(portal_url + "/thu-tuc-hanh-chinh/")
    page.locator("select[name=linh-vuc]").select_option(FIELD_SLUG)
    page.locator("select[name=cap]").select_option("tinh")
    page.locator("form.procedure-filters button").click()
    page.wait_for_url("**/thu-tuc-hanh-chinh/?linh-vuc=*")
    assert len(procedure_titles(page)) == 3
    page.locator(".facet-list a", has_text="Hoạt động khoa học và công nghệ").click()
    page.wait_for_url("**linh-vuc=hoat-dong-khoa-hoc-va-cong-nghe**")
    assert len(procedure_titles(page)) == 5
    page.goto(portal_url + XRAY_PATH)
    assert PORTAL.match(page.get_by_role("link", name="Nộp hồ sơ trực tuyến").get_attribute("href"))
    assert not page.get_by_role("button", name="In thủ tục").is_visible()  # no JavaScript, no button
    page.goto(portal_url + "/thu-tuc-hanh-chinh/")
    page.locator("input[name=q]#tim-thu-tuc").fill("x quang")
    page.locator("form.procedure-search button").click()
    page.wait_for_url("**/tim-kiem/**loai=thu-tuc-hanh-chinh**")
    assert page.get_by_role("link", name=XRAY).count() == 1
    context.close()


@pytest.mark.parametrize("name", list(PAGES))
def test_procedure_pages_accessible_and_fit_a_phone(portal_url, page, axe_violations, screenshot, name):
    response = page.goto(portal_url + PAGES[name])
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 360, "height": 800})
    assert axe_violations(page) == []
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 360, f"horizontal scroll at 360 px: {scroll_width}px wide"
    screenshot(page, f"page-{name}")
