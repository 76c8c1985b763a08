"""Vietnam's public holidays for 2026 and 2027 (Bộ luật Lao động 2019, Điều 112), as the
government announced them for civil servants where it has; editable under "Ngày nghỉ lễ".

2026 (announced): Tết Dương lịch 01–04/01 with Friday 02/01 swapped for Saturday 10/01; Tết
Nguyên đán 14–22/02 (working days off 16–20/02); Giỗ Tổ Hùng Vương on Sunday 26/04, day off
Monday 27/04; 30/04 and 01/05; Quốc khánh 29/08–02/09 with Monday 31/08 swapped for Saturday 22/08.
2027 (by the Code, to be confirmed when announced): 01/01; Tết Đinh Mùi (mùng 1 is Saturday
06/02/2027): 29 Tết and mùng 1–4, weekend days made up on 10–11/02; Giỗ Tổ Friday 16/04; 30/04;
01/05 falls on a Saturday, made up on Monday 03/05; 02/09 and Friday 03/09."""

import datetime

from django.db import migrations

D = datetime.date
HOLIDAYS = [
    (D(2026, 1, 1), "Tết Dương lịch", False),
    (D(2026, 1, 2), "Tết Dương lịch (hoán đổi, làm bù thứ Bảy 10/01/2026)", False),
    (D(2026, 1, 10), "Làm bù cho ngày 02/01/2026", True),
    *[(D(2026, 2, day), "Tết Nguyên đán Bính Ngọ", False) for day in range(16, 21)],
    (D(2026, 4, 27), "Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch, Chủ nhật 26/04/2026)", False),
    (D(2026, 4, 30), "Ngày Chiến thắng", False),
    (D(2026, 5, 1), "Ngày Quốc tế Lao động", False),
    (D(2026, 8, 22), "Làm bù cho ngày 31/08/2026", True),
    (D(2026, 8, 31), "Quốc khánh (hoán đổi, làm bù thứ Bảy 22/08/2026)", False),
    (D(2026, 9, 1), "Quốc khánh", False),
    (D(2026, 9, 2), "Quốc khánh", False),
    (D(2027, 1, 1), "Tết Dương lịch", False),
    (D(2027, 2, 5), "Tết Nguyên đán Đinh Mùi (29 Tết; dự kiến)", False),
    (D(2027, 2, 8), "Tết Nguyên đán Đinh Mùi (mùng 3; dự kiến)", False),
    (D(2027, 2, 9), "Tết Nguyên đán Đinh Mùi (mùng 4; dự kiến)", False),
    (D(2027, 2, 10), "Nghỉ bù Tết Nguyên đán (mùng 1 thứ Bảy; dự kiến)", False),
    (D(2027, 2, 11), "Nghỉ bù Tết Nguyên đán (mùng 2 Chủ nhật; dự kiến)", False),
    (D(2027, 4, 16), "Giỗ Tổ Hùng Vương (10/3 âm lịch)", False),
    (D(2027, 4, 30), "Ngày Chiến thắng", False),
    (D(2027, 5, 3), "Nghỉ bù Ngày Quốc tế Lao động (thứ Bảy 01/05/2027)", False),
    (D(2027, 9, 2), "Quốc khánh", False),
    (D(2027, 9, 3), "Quốc khánh (ngày liền kề; dự kiến)", False),
]


def seed(apps, schema_editor):
    Holiday = apps.get_model("feedback", "Holiday")
    for date, name, working in HOLIDAYS:
        Holiday.objects.get_or_create(date=date, defaults={"name": name, "is_working_day": working})


def unseed(apps, schema_editor):
    apps.get_model("feedback", "Holiday").objects.filter(date__in=[date for date, _, _ in HOLIDAYS]).delete()


class Migration(migrations.Migration):
    dependencies = [("feedback", "0002_feedback_groups")]

    operations = [migrations.RunPython(seed, unseed)]
