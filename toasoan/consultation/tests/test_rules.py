import datetime

from toasoan.consultation import rules
from toasoan.consultation.tests.conftest import vn

OPENS = datetime.date(2026, 3, 1)
CLOSES = vn(2026, 3, 31, 17, 0)


def test_phase_boundaries_are_in_vietnam_time():
    assert rules.phase(opens_on=OPENS, closes_at=CLOSES, now=vn(2026, 2, 28, 23, 59)) == rules.Phase.UPCOMING
    assert rules.phase(opens_on=OPENS, closes_at=CLOSES, now=vn(2026, 3, 1, 0, 0)) == rules.Phase.OPEN
    # 00:00 in Hanoi is 17:00 UTC the day before.
    assert (
        rules.phase(opens_on=OPENS, closes_at=CLOSES, now=datetime.datetime(2026, 2, 28, 17, 0, tzinfo=datetime.UTC))
        == rules.Phase.OPEN
    )
    assert rules.phase(opens_on=OPENS, closes_at=CLOSES, now=vn(2026, 3, 31, 16, 59, 59)) == rules.Phase.OPEN
    assert rules.phase(opens_on=OPENS, closes_at=CLOSES, now=CLOSES) == rules.Phase.CLOSED


def test_days_left_counts_calendar_days_to_the_deadline():
    assert rules.days_left(closes_at=CLOSES, now=vn(2026, 3, 1, 9)) == 30
    assert rules.days_left(closes_at=CLOSES, now=vn(2026, 3, 30, 23, 59)) == 1
    assert rules.days_left(closes_at=CLOSES, now=vn(2026, 3, 31, 0, 1)) == 0
    assert rules.days_left(closes_at=CLOSES, now=CLOSES) is None


def test_every_flag_has_a_label_for_moderators():
    flags = {"honeypot", "too_fast", "token_invalid", "token_expired", "near_duplicate"}
    flags |= {limit.flag for limit in rules.RATE_LIMITS}
    assert flags <= set(rules.FLAG_LABELS)
