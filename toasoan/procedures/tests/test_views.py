"""Public pages: the catalogue with its filters and counts, a procedure, and printing it."""

import pytest
from bs4 import BeautifulSoup

from toasoan.procedures.models import ProcedurePage

PORTAL = "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.004227"


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def text_of(node) -> str:
    return " ".join(node.get_text(" ").split())


def listed(soup: BeautifulSoup) -> list[str]:
    return [text_of(a) for a in soup.select(".procedure-card__title a")]


@pytest.fixture
def procedures(make_procedure, field_khcn, field_buc_xa):
    return [
        make_procedure(
            "1.004227",
            "Cấp Giấy chứng nhận đăng ký hoạt động khoa học và công nghệ",
            field_khcn,
            agency="Sở Khoa học và Công nghệ",
            steps="<p>Bước 1: Nộp hồ sơ.</p><p>Bước 2: Nhận kết quả.</p>",
            dossier="<ul><li>Đơn đăng ký</li><li>Quyết định thành lập</li></ul>",
            processing_time="05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
            fees="Không",
            service_level="toan-trinh",
            portal_url=PORTAL,
        ),
        make_procedure("1.004216", "Cấp lại Giấy chứng nhận đăng ký hoạt động", field_khcn, level="huyen"),
        make_procedure("1.004521", "Cấp giấy phép X-quang chẩn đoán trong y tế", field_buc_xa, fees="2.000.000 đồng"),
        make_procedure("1.009999", "Thủ tục đang soạn", field_khcn, live=False),
    ]


def test_catalogue_lists_public_procedures_grouped_by_field_with_counts(client, procedures):
    soup = soup_of(client.get("/thu-tuc-hanh-chinh/"))
    assert len(soup.find_all("h1")) == 1
    assert listed(soup) == [
        "Cấp Giấy chứng nhận đăng ký hoạt động khoa học và công nghệ",
        "Cấp lại Giấy chứng nhận đăng ký hoạt động",
        "Cấp giấy phép X-quang chẩn đoán trong y tế",
    ]
    assert [text_of(h) for h in soup.select(".procedure-group__title")] == [
        "Hoạt động khoa học và công nghệ",
        "Năng lượng nguyên tử, an toàn bức xạ và hạt nhân",
    ]
    options = [text_of(o) for o in soup.select("select[name=linh-vuc] option")]
    assert options == [
        "Tất cả lĩnh vực (3)",
        "Hoạt động khoa học và công nghệ (2)",
        "Năng lượng nguyên tử, an toàn bức xạ và hạt nhân (1)",
    ]
    facets = [text_of(a) for a in soup.select(".facet-list a")]
    assert "Hoạt động khoa học và công nghệ (2)" in facets
    assert [text_of(o) for o in soup.select("select[name=cap] option")] == [
        "Tất cả các cấp (3)",
        "Cấp tỉnh (2)",
        "Cấp huyện (1)",
    ]
    card = soup.select_one(".procedure-card")
    assert "Mã: 1.004227" in text_of(card) and "Dịch vụ công trực tuyến toàn trình" in text_of(card)
    assert "Thủ tục đang soạn" not in soup.get_text()


def test_filter_by_field_and_level_with_plain_get(client, procedures, field_khcn):
    soup = soup_of(client.get("/thu-tuc-hanh-chinh/", {"linh-vuc": field_khcn.slug}))
    assert listed(soup) == [
        "Cấp Giấy chứng nhận đăng ký hoạt động khoa học và công nghệ",
        "Cấp lại Giấy chứng nhận đăng ký hoạt động",
    ]
    assert not soup.select(".procedure-group__title")  # one field: no group headings
    assert soup.select_one("select[name=linh-vuc] option[selected]")["value"] == field_khcn.slug
    assert "thuộc lĩnh vực Hoạt động khoa học và công nghệ" in text_of(soup.select_one(".procedure-summary"))
    assert soup.select_one(".facet-list a[aria-current]")["href"].endswith(f"?linh-vuc={field_khcn.slug}")

    soup = soup_of(client.get("/thu-tuc-hanh-chinh/", {"linh-vuc": field_khcn.slug, "cap": "huyen"}))
    assert listed(soup) == ["Cấp lại Giấy chứng nhận đăng ký hoạt động"]
    assert "ở cấp huyện" in text_of(soup.select_one(".procedure-summary"))
    # The sidebar's lĩnh vực links keep the chosen cấp.
    assert all("cap=huyen" in a["href"] for a in soup.select(".facet-list a"))


@pytest.mark.parametrize(
    "params, notice",
    [
        ({"linh-vuc": "khong-co"}, "Không có lĩnh vực đã chọn"),
        ({"cap": "bo"}, "Cấp thực hiện đã chọn không hợp lệ"),
        ({"cap": "<script>"}, "Cấp thực hiện đã chọn không hợp lệ"),
        ({"linh-vuc": "x" * 5000}, "Không có lĩnh vực đã chọn"),
        ({"linh-vuc": "\x00"}, None),
        ({"page": "abc"}, None),
        ({"page": "-5"}, None),
        ({"page": "99999999999999999999"}, None),
    ],
)
def test_bad_filter_values_never_error(client, procedures, params, notice):
    response = client.get("/thu-tuc-hanh-chinh/", params)
    soup = soup_of(response)
    assert len(listed(soup)) == 3  # the bad filter is ignored
    if notice:
        assert notice in text_of(soup.select_one(".notice[role=alert]"))
    assert "<script>" not in response.content.decode()


def test_bad_filter_pages_are_not_kept_by_the_page_cache(rf, procedures, catalogue_page):
    from toasoan.procedures.views import catalogue_context

    request = rf.get("/thu-tuc-hanh-chinh/", {"cap": "bo"})
    catalogue_context(catalogue_page, request)
    assert request.page_cacheable is False
    good = rf.get("/thu-tuc-hanh-chinh/", {"cap": "tinh"})
    catalogue_context(catalogue_page, good)
    assert getattr(good, "page_cacheable", True) is True


def test_a_filter_with_no_match_says_so(client, procedures, field_buc_xa):
    soup = soup_of(client.get("/thu-tuc-hanh-chinh/", {"linh-vuc": field_buc_xa.slug, "cap": "huyen"}))
    assert listed(soup) == []
    assert "Không có thủ tục nào khớp bộ lọc" in soup.get_text()


def test_pagination_keeps_the_filters(client, make_procedure, field_khcn, catalogue_page):
    for n in range(catalogue_page.PER_PAGE + 3):
        make_procedure(f"2.{n:06d}", f"Thủ tục số {n:02d}", field_khcn)
    soup = soup_of(client.get("/thu-tuc-hanh-chinh/", {"linh-vuc": field_khcn.slug}))
    assert len(listed(soup)) == catalogue_page.PER_PAGE
    next_link = soup.select_one(".pagination a[rel=next]")["href"]
    assert next_link == f"?linh-vuc={field_khcn.slug}&page=2"
    soup = soup_of(client.get("/thu-tuc-hanh-chinh/" + next_link))
    assert len(listed(soup)) == 3


def test_an_empty_catalogue_says_it_is_being_updated(client, catalogue_page):
    soup = soup_of(client.get("/thu-tuc-hanh-chinh/"))
    assert "đang được cập nhật" in soup.get_text()


def test_detail_page_for_a_citizen(client, procedures):
    soup = soup_of(client.get(procedures[0].url))
    assert text_of(soup.find("h1")) == "Cấp Giấy chứng nhận đăng ký hoạt động khoa học và công nghệ"
    facts = {text_of(div.find("dt")): text_of(div.find("dd")) for div in soup.select(".procedure-facts div")}
    assert facts == {
        "Mã thủ tục": "1.004227",
        "Lĩnh vực": "Hoạt động khoa học và công nghệ",
        "Cấp thực hiện": "Cấp tỉnh",
        "Cơ quan thực hiện": "Sở Khoa học và Công nghệ",
        "Mức độ dịch vụ công": "Dịch vụ công trực tuyến toàn trình",
    }
    cta = soup.select_one(".procedure-cta a")
    assert text_of(cta) == "Nộp hồ sơ trực tuyến" and cta["href"] == PORTAL
    assert "Cổng Dịch vụ công quốc gia" in text_of(soup.select_one(".procedure-cta"))
    headings = [text_of(h) for h in soup.select(".procedure-section h2")]
    assert headings == ["Trình tự thực hiện", "Thành phần hồ sơ", "Thời hạn giải quyết", "Phí, lệ phí"]
    assert [text_of(a) for a in soup.select(".procedure-toc a")] == headings
    assert [text_of(li) for li in soup.select("#thanh-phan-ho-so li")] == ["Đơn đăng ký", "Quyết định thành lập"]
    related = [text_of(a) for a in soup.select(".related-list a")]
    assert related == ["Cấp lại Giấy chứng nhận đăng ký hoạt động"]  # public, same field, not itself


def test_detail_without_online_service(client, procedures):
    soup = soup_of(client.get(procedures[2].url))
    assert soup.select_one(".procedure-cta") is None
    facts = {text_of(div.find("dt")): text_of(div.find("dd")) for div in soup.select(".procedure-facts div")}
    assert facts["Mức độ dịch vụ công"] == "Chưa cung cấp dịch vụ công trực tuyến"
    assert soup.select_one(".procedure-toc") is None  # one section only


def test_print_button_is_an_enhancement_and_print_css_hides_the_chrome(client, procedures):
    content = client.get(procedures[0].url).content.decode()
    soup = BeautifulSoup(content, "html.parser")
    button = soup.find("button", string="In thủ tục")
    assert button.has_attr("data-print") and button.has_attr("hidden")  # shown by site.js only
    assert button.find_parent(class_="article-tools") is not None  # hidden in print by core's print.css
    assert soup.select_one('link[media=print][href$="print.css"]') is not None
    from django.contrib.staticfiles import finders

    css = open(finders.find("procedures/procedures.css"), encoding="utf-8").read()
    print_rules = css.split("@media print", 1)[1]
    for selector in (".procedure-toc", ".procedure-aside", ".procedure-tools"):
        assert selector in print_rules
    assert "attr(href)" in print_rules  # the portal link is printed in full


def test_unpublished_and_draft_procedures_are_not_shown(client, procedures):
    draft = procedures[3]
    assert client.get("/thu-tuc-hanh-chinh/thu-tuc-dang-soan/").status_code == 404
    live = procedures[1]
    url = live.url
    assert client.get(url).status_code == 200
    live.unpublish()
    assert client.get(url).status_code == 404
    assert draft.title not in client.get("/thu-tuc-hanh-chinh/").content.decode()
    soup = soup_of(client.get("/thu-tuc-hanh-chinh/"))
    assert "Cấp lại Giấy chứng nhận đăng ký hoạt động" not in listed(soup)


def test_no_inline_scripts_or_styles(client, procedures):
    for url in ("/thu-tuc-hanh-chinh/", procedures[0].url):
        soup = BeautifulSoup(client.get(url).content.decode(), "html.parser")
        assert not [s for s in soup.find_all("script") if not s.get("src")]
        assert not soup.find_all("style")
        assert not soup.select("[style]")


def test_procedure_pages_sit_only_under_the_catalogue():
    from toasoan.procedures.models import ProcedureIndexPage

    assert ProcedurePage.parent_page_types == ["procedures.ProcedureIndexPage"]
    assert ProcedureIndexPage.parent_page_types == ["news.HomePage"]
