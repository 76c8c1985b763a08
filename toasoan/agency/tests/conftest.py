import datetime

import pytest

from toasoan.agency.models import Leader, Official, ScheduleEntry, Unit, UnitKind
from toasoan.agency.services import content_publish

MONDAY = datetime.date(2026, 11, 23)  # ISO week 2026-W48


@pytest.fixture
def publish():
    return content_publish


@pytest.fixture
def draft():
    """draft(instance): saved and with a revision, never published (live=False)."""

    def make(instance):
        instance.live = False
        instance.save()
        instance.save_revision()
        return instance

    return make


@pytest.fixture
def office(db, publish) -> Unit:
    unit = publish(
        Unit(
            name="Văn phòng Sở",
            name_en="Office of the Department",
            kind=UnitKind.OFFICE,
            sort_order=10,
            functions=[("paragraph", "<p>Tham mưu tổng hợp, hành chính.</p>")],
            functions_en=[("paragraph", "<p>General advice and administration.</p>")],
            phone="0234 3822 498",
        )
    )
    head = publish(
        Official(
            name="Trần Thị Minh Hà",
            title="Chánh Văn phòng",
            title_en="Chief of Office",
            unit=unit,
            phone="0234 3822 498",
            email="tranthiminhha@example.gov.vn",
        )
    )
    unit.head = head
    return publish(unit)


@pytest.fixture
def inspectorate(db, publish) -> Unit:
    unit = publish(Unit(name="Thanh tra Sở", name_en="Inspectorate", sort_order=20))
    publish(Official(name="Phan Văn Đức", title="Chánh Thanh tra", title_en="Chief Inspector", unit=unit))
    return unit


@pytest.fixture
def director(db, publish) -> Leader:
    return publish(
        Leader(
            name="Nguyễn Văn Thành",
            title="Giám đốc Sở",
            title_en="Director",
            biography="<p>Tiến sĩ Vật lý.</p>",
            biography_en="<p>PhD in Physics.</p>",
            areas="Phụ trách chung\nTổ chức cán bộ",
            areas_en="General management\nPersonnel",
        )
    )


@pytest.fixture
def meeting(director, office, publish) -> ScheduleEntry:
    entry = ScheduleEntry(
        date=MONDAY,
        start_time=datetime.time(7, 30),
        end_time=datetime.time(9),
        content="Giao ban lãnh đạo Sở",
        location="Phòng họp tầng 2",
        participants="Trưởng các phòng",
        preparing_unit=office,
    )
    entry.leaders = [director]
    return publish(entry)
