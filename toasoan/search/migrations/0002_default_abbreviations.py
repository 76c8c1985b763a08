"""The abbreviations Vietnamese agencies write most, so "CCHC" finds "cải cách hành chính" from
day one. Editors add more under Cài đặt → Từ viết tắt."""

from django.db import migrations

DEFAULTS = [
    ("CCHC", "cải cách hành chính"),
    ("TTHC", "thủ tục hành chính"),
    ("KH&CN", "khoa học và công nghệ"),
    ("KHCN", "khoa học công nghệ"),
    ("UBND", "ủy ban nhân dân"),
    ("HĐND", "hội đồng nhân dân"),
    ("CC-VC-NLĐ", "công chức, viên chức, người lao động"),
    ("CCVC", "công chức, viên chức"),
    ("CBCCVC", "cán bộ, công chức, viên chức"),
    ("QĐ", "quyết định"),
    ("NĐ-CP", "nghị định của chính phủ"),
    ("NQ", "nghị quyết"),
    ("CT-TTg", "chỉ thị của thủ tướng chính phủ"),
    ("QĐ-TTg", "quyết định của thủ tướng chính phủ"),
    ("VBQPPL", "văn bản quy phạm pháp luật"),
    ("DVC", "dịch vụ công"),
    ("DVCTT", "dịch vụ công trực tuyến"),
    ("CNTT", "công nghệ thông tin"),
    ("CĐS", "chuyển đổi số"),
    ("ĐMST", "đổi mới sáng tạo"),
    ("SHTT", "sở hữu trí tuệ"),
    ("TCĐLCL", "tiêu chuẩn đo lường chất lượng"),
    ("NSNN", "ngân sách nhà nước"),
    ("BHXH", "bảo hiểm xã hội"),
    ("BHYT", "bảo hiểm y tế"),
    ("MTTQ", "mặt trận tổ quốc"),
    ("ATTP", "an toàn thực phẩm"),
    ("PCCC", "phòng cháy chữa cháy"),
    ("CCCD", "căn cước công dân"),
    ("CMND", "chứng minh nhân dân"),
    ("THPT", "trung học phổ thông"),
    ("TW", "trung ương"),
]


def add_defaults(apps, schema_editor):
    Abbreviation = apps.get_model("search", "Abbreviation")
    for short, full in DEFAULTS:
        Abbreviation.objects.get_or_create(short=short, defaults={"full": full})


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
