from django.utils import timezone

from toasoan.agency import selectors
from toasoan.agency.demo import load_demo
from toasoan.agency.weeks import week_of


def test_demo_is_published_and_idempotent(db):
    first = load_demo()
    assert first["đơn vị"] == 10 and first["lãnh đạo"] == 3 and first["giới thiệu"] == 1
    assert load_demo() == {"giới thiệu": 0, "đơn vị": 0, "cán bộ": 0, "lãnh đạo": 0, "lịch công tác": 0}
    assert selectors.profile().name_en
    units = selectors.units()
    assert len(units) == 10 and all(u.head is not None for u in units)
    assert all(leader.photo and leader.alt_text.startswith("Ảnh chân dung") for leader in selectors.leaders())
    this_week = selectors.week_schedule(week_of(timezone.localdate()))
    assert sum(len(day.entries) for day in this_week) >= 5
