"""The usual loại văn bản (Luật ban hành văn bản QPPL 2015, Nghị định 30/2020/NĐ-CP), so the list
starts useful; editors add or rename entries as snippets."""

from django.db import migrations

TYPES = [
    ("Hiến pháp", "hien-phap"),
    ("Bộ luật", "bo-luat"),
    ("Luật", "luat"),
    ("Pháp lệnh", "phap-lenh"),
    ("Nghị định", "nghi-dinh"),
    ("Nghị quyết", "nghi-quyet"),
    ("Thông tư", "thong-tu"),
    ("Thông tư liên tịch", "thong-tu-lien-tich"),
    ("Quyết định", "quyet-dinh"),
    ("Chỉ thị", "chi-thi"),
    ("Kế hoạch", "ke-hoach"),
    ("Chương trình", "chuong-trinh"),
    ("Đề án", "de-an"),
    ("Quy chế", "quy-che"),
    ("Quy định", "quy-dinh"),
    ("Hướng dẫn", "huong-dan"),
    ("Công văn", "cong-van"),
    ("Thông báo", "thong-bao"),
    ("Báo cáo", "bao-cao"),
    ("Tờ trình", "to-trinh"),
]


def add_types(apps, schema_editor):
    DocumentType = apps.get_model("documents", "DocumentType")
    for order, (name, slug) in enumerate(TYPES, start=1):
        DocumentType.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order * 10})


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [migrations.RunPython(add_types, migrations.RunPython.noop)]
