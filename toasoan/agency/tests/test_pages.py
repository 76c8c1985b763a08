"""The public pages in Vietnamese: content, the directory filter, the week view, print support."""

import datetime
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from toasoan.agency.models import AgencyProfile, Official, ScheduleEntry
from toasoan.agency.weeks import week_of

from .conftest import MONDAY

PAGES = ["/gioi-thieu/", "/gioi-thieu/co-cau-to-chuc/", "/gioi-thieu/lanh-dao/", "/danh-ba/", "/lich-cong-tac/"]


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.fixture
def profile(db, publish) -> AgencyProfile:
    return publish(
        AgencyProfile(
            summary="Sở là cơ quan chuyên môn thuộc UBND tỉnh.",
            functions=[("paragraph", "<p>Tham mưu quản lý nhà nước về khoa học và công nghệ.</p>")],
            duties=[("list", {"heading": "Nhiệm vụ:", "items": ["Trình kế hoạch.", "Quản lý đề tài."]})],
            history=[("milestone", {"when": "1976", "event": "Thành lập Ban Khoa học và Kỹ thuật."})],
            name_en="Department of Science and Technology",
            summary_en="The Department is a specialised agency of the Provincial People's Committee.",
        )
    )


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_one_h1_print_button_and_print_css(client, db, path):
    page = soup(client.get(path))
    assert len(page.find_all("h1")) == 1
    assert page.select_one("button[data-print]") is not None
    css = page.select_one('link[rel=stylesheet][media=print][href*="agency/print"]')
    assert css is not None
    assert page.html["lang"] == "vi"


def test_print_css_hides_navigation_and_filters():
    css = (Path(__file__).parents[1] / "static" / "agency" / "print.css").read_text()
    hidden = re.search(r"^(.*)\{ display: none !important; \}", css, re.M).group(1)
    for selector in (".agency-nav", ".agency-filter", ".week-nav", ".button-print"):
        assert selector in hidden


def test_about_shows_structured_blocks(client, profile):
    page = soup(client.get("/gioi-thieu/"))
    assert page.h1.get_text(strip=True) == "Giới thiệu chung"
    text = page.main.get_text(" ", strip=True)
    assert "Sở là cơ quan chuyên môn thuộc UBND tỉnh." in text
    assert [h.get_text() for h in page.main.find_all("h2")] == [
        "Vị trí, chức năng",
        "Nhiệm vụ, quyền hạn",
        "Quá trình hình thành và phát triển",
    ]
    assert [li.get_text() for li in page.select(".item-list li")] == ["Trình kế hoạch.", "Quản lý đề tài."]
    assert page.select_one(".milestone__when").get_text() == "1976"


def test_organisation_lists_units_with_head_functions_and_links(client, office, inspectorate):
    page = soup(client.get("/gioi-thieu/co-cau-to-chuc/"))
    units = page.select("article.unit")
    assert [u.h3.get_text() for u in units] == ["Văn phòng Sở", "Thanh tra Sở"]
    assert "Trần Thị Minh Hà, Chánh Văn phòng" in units[0].get_text()
    assert "Tham mưu tổng hợp, hành chính." in units[0].get_text()
    assert units[0].select_one('a[href^="tel:"]')["href"] == "tel:02343822498"
    assert units[0].select_one(".unit__contacts a")["href"] == "/danh-ba/?don-vi=van-phong-so"


def test_leaders_with_photo_alt_bio_and_areas(client, director, publish):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    director.photo = Image.objects.create(title="Chân dung", file=get_test_image_file())
    publish(director)
    page = soup(client.get("/gioi-thieu/lanh-dao/"))
    leader = page.select_one(".leader")
    assert leader.h2.get_text() == "Nguyễn Văn Thành"
    assert leader.select_one(".leader__title").get_text() == "Giám đốc Sở"
    assert leader.img["alt"] == "Ảnh chân dung Nguyễn Văn Thành"
    assert "Tiến sĩ Vật lý." in leader.get_text()
    assert [li.get_text() for li in leader.select(".leader__areas li")] == ["Phụ trách chung", "Tổ chức cán bộ"]


def test_directory_lists_everyone_with_tel_and_mailto(client, office, inspectorate):
    page = soup(client.get("/danh-ba/"))
    assert [h.get_text() for h in page.select(".directory-group h2")] == ["Văn phòng Sở", "Thanh tra Sở"]
    row = page.select_one(".directory tbody tr")
    assert row.th.get_text() == "Trần Thị Minh Hà"
    assert row.select_one('a[href^="tel:"]')["href"] == "tel:02343822498"
    assert row.select_one('a[href^="mailto:"]')["href"] == "mailto:tranthiminhha@example.gov.vn"
    assert row.select_one('a[href^="mailto:"]').get_text() == "tranthiminhha@example.gov.vn"
    assert "2 cán bộ" in page.select_one(".directory-count").get_text()


def test_directory_filter_is_a_get_form(client, office, inspectorate):
    page = soup(client.get("/danh-ba/"))
    form = page.select_one("form.agency-filter")
    assert form["method"] == "get"
    assert form.find("input", {"name": "csrfmiddlewaretoken"}) is None
    assert [o["value"] for o in form.select("select[name=don-vi] option")] == ["", "van-phong-so", "thanh-tra-so"]
    assert form.find("label", {"for": "loc-don-vi"}) is not None


def test_directory_filtered_by_unit(client, office, inspectorate):
    page = soup(client.get("/danh-ba/", {"don-vi": "thanh-tra-so"}))
    assert [th.get_text() for th in page.select(".directory tbody th")] == ["Phan Văn Đức"]
    assert page.select_one("option[selected]")["value"] == "thanh-tra-so"
    assert page.select_one("[role=alert]") is None


def test_directory_unknown_unit_shows_all_with_a_message_and_is_not_cached(client, office, inspectorate):
    response = client.get("/danh-ba/", {"don-vi": "khong-co"})
    page = soup(response)
    assert "Không có đơn vị đã chọn" in page.select_one("[role=alert]").get_text()
    assert len(page.select(".directory tbody tr")) == 2
    assert "private" in response["Cache-Control"]


def test_directory_hides_drafts(client, office, draft):
    draft(Official(name="Người mới chưa duyệt", unit=office))
    assert "Người mới chưa duyệt" not in client.get("/danh-ba/").content.decode()


def test_schedule_week_view_with_links(client, meeting):
    page = soup(client.get("/lich-cong-tac/", {"tuan": "2026-W48"}))
    assert page.select_one(".week-bar__title").get_text() == "Tuần 48, từ 23/11/2026 đến 29/11/2026"
    assert page.select_one('a[rel="prev"]')["href"] == "?tuan=2026-W47"
    assert page.select_one('a[rel="next"]')["href"] == "?tuan=2026-W49"
    monday = page.select_one("section.schedule-day")
    assert monday.h3.get_text(strip=True) == "Thứ Hai, 23/11/2026"
    entry = monday.select_one(".schedule-entry")
    assert entry.select_one(".schedule-entry__time").get_text() == "07:30–09:00"
    assert entry.time["datetime"] == "2026-11-23T07:30"
    text = entry.get_text(" ", strip=True)
    for part in ("Giao ban lãnh đạo Sở", "Giám đốc Sở Nguyễn Văn Thành", "Phòng họp tầng 2", "Trưởng các phòng"):
        assert part in text
    facts = {dt.get_text(): dt.find_next_sibling("dd").get_text() for dt in entry.select("dt")}
    assert facts["Chuẩn bị"] == "Văn phòng Sở" and facts["Địa điểm"] == "Phòng họp tầng 2"
    assert len(page.select("section.schedule-day")) == 5  # the weekend is empty
    assert page.select_one("[role=alert]") is None


def test_schedule_other_weeks_are_empty_days(client, meeting):
    page = soup(client.get("/lich-cong-tac/", {"tuan": "2026-W49"}))
    assert page.select(".schedule-entry") == []
    assert len(page.select(".schedule-day__empty")) == 5


@pytest.mark.parametrize("value", ["2026-W60", "tuần này", "2025-W53", "2026-48"])
def test_bad_week_gives_this_week_with_a_message(client, db, value):
    response = client.get("/lich-cong-tac/", {"tuan": value})
    page = soup(response)
    assert "Tuần đã chọn không hợp lệ" in page.select_one("[role=alert]").get_text()
    this_week = week_of(timezone.localdate())
    assert f"từ {this_week.monday:%d/%m/%Y}" in page.select_one(".week-bar__title").get_text()
    assert "private" in response["Cache-Control"]


def test_this_week_is_never_kept_in_shared_caches(client, db):
    # "This week" changes on Monday without any save: the page cache must not keep it.
    response = client.get("/lich-cong-tac/")
    assert "private" in response["Cache-Control"]
    page = soup(response)
    assert page.select_one(".schedule-day--today .badge").get_text() == "Hôm nay"
    assert page.find("a", string="Tuần này") is None  # already this week


def test_schedule_hides_drafts(client, meeting, draft):
    draft(ScheduleEntry(date=MONDAY, start_time=datetime.time(9), content="Họp chưa duyệt"))
    assert "Họp chưa duyệt" not in client.get("/lich-cong-tac/?tuan=2026-W48").content.decode()


def test_agency_pages_accept_only_get(client, db):
    assert client.post("/danh-ba/").status_code == 405
