import datetime

import pytest

from toasoan.agency.weeks import Week, day_name, parse_week, week_of, week_param

TODAY = datetime.date(2026, 11, 27)  # a Friday of ISO week 48


def test_week_of_is_monday_to_sunday():
    week = week_of(TODAY)
    assert week.monday == datetime.date(2026, 11, 23)
    assert week.sunday == datetime.date(2026, 11, 29)
    assert week.param == "2026-W48"
    assert [day_name(d) for d in week.days][:2] == ["Thứ Hai", "Thứ Ba"]
    assert day_name(week.sunday) == "Chủ nhật"


def test_previous_and_next_cross_the_year():
    week = parse_week("2026-W01", TODAY)[0]
    assert week.monday == datetime.date(2025, 12, 29)  # ISO week 1 of 2026 starts in 2025
    assert week.previous.param == "2025-W52"
    assert week.next.param == "2026-W02"


@pytest.mark.parametrize(
    ("value", "monday"),
    [
        ("2026-W48", datetime.date(2026, 11, 23)),
        (" 2020-W53 ", datetime.date(2020, 12, 28)),
        ("2026-W09", datetime.date(2026, 2, 23)),
    ],
)
def test_parse_good_weeks(value, monday):
    assert parse_week(value, TODAY) == (Week(monday), False)


@pytest.mark.parametrize(
    "value", ["2025-W53", "2026-W00", "2026-48", "abc", "2026-W4", "1899-W10", "9999-W01", "2026-w48"]
)
def test_bad_weeks_fall_back_to_this_week_and_say_so(value):
    assert parse_week(value, TODAY) == (week_of(TODAY), True)


@pytest.mark.parametrize("value", [None, ""])
def test_no_week_is_this_week(value):
    assert parse_week(value, TODAY) == (week_of(TODAY), False)


def test_week_param_uses_the_iso_year():
    assert week_param(datetime.date(2027, 1, 1)) == "2026-W53"
