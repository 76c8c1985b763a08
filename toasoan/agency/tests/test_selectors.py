"""Selectors show live (approved and published) rows only, in order, with live relations only."""

import datetime

from toasoan.agency import selectors
from toasoan.agency.models import AgencyProfile, Leader, Official, ScheduleEntry, Unit, tel_href
from toasoan.agency.weeks import Week

from .conftest import MONDAY


def test_units_in_order_with_their_head(office, inspectorate, publish):
    publish(Unit(name="Phòng Kế hoạch - Tài chính", sort_order=15))
    assert [u.name for u in selectors.units()] == ["Văn phòng Sở", "Phòng Kế hoạch - Tài chính", "Thanh tra Sở"]
    assert selectors.units()[0].head.name == "Trần Thị Minh Hà"


def test_unpublished_rows_are_never_read(office, draft, db):
    draft(Unit(name="Phòng mới chưa duyệt"))
    draft(Leader(name="Người chưa duyệt", title="Phó Giám đốc Sở"))
    draft(Official(name="Cán bộ chưa duyệt", unit=office))
    draft(AgencyProfile(title="Bản nháp"))
    assert [u.name for u in selectors.units()] == ["Văn phòng Sở"]
    assert selectors.leaders() == []
    assert [o.name for o in selectors.officials()] == ["Trần Thị Minh Hà"]
    assert selectors.profile() is None
    assert selectors.unit_by_slug("phong-moi-chua-duyet") is None


def test_head_not_shown_once_unpublished(office):
    head = office.head
    head.unpublish()
    assert selectors.units()[0].head is None


def test_officials_by_unit_and_not_of_unpublished_units(office, inspectorate):
    assert [o.name for o in selectors.officials(inspectorate)] == ["Phan Văn Đức"]
    assert len(selectors.officials()) == 2
    inspectorate.unpublish()
    assert [o.name for o in selectors.officials()] == ["Trần Thị Minh Hà"]


def test_slug_from_name_and_unique(office, publish):
    assert office.slug == "van-phong-so"
    assert selectors.unit_by_slug("van-phong-so") == office


def test_latest_published_profile_wins(db, publish):
    publish(AgencyProfile(title="Cũ"))
    publish(AgencyProfile(title="Mới"))
    assert selectors.profile().title == "Mới"


def test_week_schedule_days_and_entries(meeting, draft, publish):
    saturday = MONDAY + datetime.timedelta(days=5)
    publish(ScheduleEntry(date=saturday, content="Kiểm tra cơ sở"))
    draft(ScheduleEntry(date=MONDAY, content="Chưa duyệt"))
    publish(ScheduleEntry(date=MONDAY + datetime.timedelta(days=7), content="Tuần sau"))
    days = selectors.week_schedule(Week(MONDAY))
    # Monday to Friday always; Saturday because it has an entry; Sunday not.
    assert [d.name for d in days] == ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"]
    assert [e.content for e in days[0].entries] == ["Giao ban lãnh đạo Sở"]
    assert [leader.name for leader in days[0].entries[0].leaders.all()] == ["Nguyễn Văn Thành"]
    assert days[1].entries == []
    assert [e.content for e in days[5].entries] == ["Kiểm tra cơ sở"]


def test_schedule_hides_unpublished_leaders(meeting, director):
    director.unpublish()
    entry = selectors.week_schedule(Week(MONDAY))[0].entries[0]
    assert list(entry.leaders.all()) == []


def test_all_day_entries_come_first(meeting, publish):
    publish(ScheduleEntry(date=MONDAY, content="Cả ngày: tiếp đoàn"))
    assert [e.content for e in selectors.week_schedule(Week(MONDAY))[0].entries] == [
        "Cả ngày: tiếp đoàn",
        "Giao ban lãnh đạo Sở",
    ]


def test_tel_href():
    assert tel_href("0234 3822.498") == "tel:02343822498"
    assert tel_href("+84 234 3822 498") == "tel:+842343822498"
    assert tel_href("") == ""
